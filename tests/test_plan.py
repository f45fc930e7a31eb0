"""The rule-based planner: kinds, relevancy, dates, intent and the search text."""

from __future__ import annotations

from datetime import date

import pytest

from assistant.plan import plan
from index.records import KINDS

TODAY = date(2026, 11, 25)


def p(question):
    return plan(question, today=TODAY)


@pytest.mark.parametrize(
    ("question", "kinds"),
    [
        ("What escalation signals involve Estonia?", ["signal"]),
        ("concerns about orbital debris", ["concern"]),
        ("Only behaviours, please: how are gangs operating?", ["behavior"]),
        ("Which technologies turn seawater into drinking water?", ["technology"]),
        ("What issues does remote work raise?", ["issue"]),
        ("Draft a briefing citing the signals and concerns", ["signal", "concern"]),
        ("what could go wrong with gene editing", ["concern"]),
        ("Is anyone worried about brain implants?", ["concern"]),
        ("What keeps insurers up at night?", ["concern"]),  # what keeps someone up at night worries them
        ("Which signals should keep car makers awake?", ["signal", "concern"]),
        ("signals on staying awake", ["signal"]),
        ("technology-based remedies for loneliness", []),
        ("What's happening with heat pumps?", []),
    ],
)
def test_kinds(question, kinds):
    assert p(question).kinds == kinds


@pytest.mark.parametrize(
    ("question", "query", "excluded"),
    [
        ("AI in schools but not cheating", "AI schools", ["cheating"]),
        ("renewable energy excluding solar", "renewable energy", ["solar"]),
        ("signals about cities, not about remote work", "cities", ["remote work"]),
        ("signals on AI, not counting chatbots", "AI", ["chatbots"]),
        ("concerns about drones except military ones", "drones", ["military"]),
        # "not" alone leaves nothing out, nor does "without" inside a topic
        ("cities without cars", "cities cars", []),
        # "beyond" and "besides" leave out too, but not a name's "Beyond" nor a time
        ("signals on batteries beyond lithium", "batteries", ["lithium"]),
        ("Besides solar, which renewables are growing?", "renewables", ["solar"]),
        ("What is Beyond Meat doing?", "Beyond Meat", []),
        ("What comes beyond 2030?", "comes 2030", []),
        # what a name is betting on frames the question; "sports betting" keeps its word
        ("What is Saudi Arabia betting on beyond oil?", "Saudi Arabia", ["oil"]),
        ("Is Apple betting on AI?", "Apple AI", []),
        ("What is happening with sports betting?", "sports betting", []),
        # who has a condition is no topic beside it
        ("Which technologies could help people with dementia?", "dementia", []),
    ],
)
def test_what_the_question_leaves_out(question, query, excluded):
    planned = p(question)
    assert (planned.query, planned.excluded) == (query, excluded)


def test_a_name_the_question_leaves_out_anchors_nothing():
    planned = p("signals about space tourism, excluding Mars")
    assert (planned.query, planned.excluded, planned.entities) == ("space tourism", ["Mars"], [])


@pytest.mark.parametrize(
    ("question", "kinds", "query"),
    [
        # with another kind asked for, technology the question talks about is its topic
        ("concerns about technology", ["concern"], "technology"),
        ("What worries older people about technology?", ["concern"], "older people technology"),
        ("issues with technology addiction", ["issue"], "technology addiction"),
        ("What behaviors show older people using technology?", ["behavior"], "older people technology"),
        ("What technology issues do farmers face?", ["issue"], "technology farmers"),
        ("tech concerns among parents", ["concern"], "tech parents"),
        ("Show me signals related to fertility technology", ["signal"], "fertility technology"),  # a field's technology
        ("Show me signals about fertility and the technologies behind it", ["signal", "technology"], "fertility"),
        # a list of kinds, or technology alone, is a kind
        ("signals and technologies for carbon removal", ["signal", "technology"], "carbon removal"),
        ("Which technologies and concerns relate to drones?", ["concern", "technology"], "drones"),
        ("technologies for farmers in drought", ["technology"], "farmers drought"),
        # joined to the topic at the end of the question, it is a topic too
        ("Give me three signals about ageing and technology", ["signal"], "ageing technology"),
        ("Show me signals and technology on AI", ["signal", "technology"], "AI"),
        # the subject of a question asked with "does" talks about technology; what is asked for does not
        ("What risks does deepfake technology pose to elections?", [], "risks deepfake technology elections"),
        ("Which technologies does the military use against drones?", ["technology"], "military use drones"),
        ("Which new technologies will farmers use?", ["technology"], "farmers use"),
        ("What role does technology play in education?", [], "technology education"),
        # what people do with it, in the singular, is a topic even alone
        ("How do Gen Alpha kids use technology?", [], "Gen Alpha kids use technology"),
        ("How do seniors use tech?", [], "seniors use tech"),
        ("What technology do farmers use?", ["technology"], "farmers"),
        # technology that modifies another word is a topic, unless technologies are asked for as well
        ("What is driving interest in nuclear energy among tech companies?", [], "nuclear energy tech companies"),
        ("concerns about tech layoffs", ["concern"], "tech layoffs"),
        ("Which technologies do tech companies use for hiring?", ["technology"], "tech companies use hiring"),
        # a sector named by its field is a topic ("health tech"); "which tech", "new tech" ask for the kind
        ("Signals about wearable health tech", ["signal"], "wearable health tech"),
        ("What are the concerns about health tech?", ["concern"], "health tech"),
        ("What new tech is changing farming?", ["technology"], "farming"),
        # "tech" asked for is the kind, as "technologies" is ("tech for desalination" searched "tech desalination")
        ("tech for desalination", ["technology"], "desalination"),
        ("What's overhyped in tech right now?", [], "hype tech"),  # the sector, said as a place
    ],
)
def test_technology_is_a_topic_where_the_question_talks_about_it(question, kinds, query):
    planned = p(question)
    assert (planned.kinds, planned.query) == (kinds, query)


@pytest.mark.parametrize(
    ("question", "relevancy"),
    [
        ("high-relevancy concerns about space debris", 4),
        ("signals with relevancy >= 3 on AI", 3),
        ("relevancy ≥ 4 concerns", 4),
        ("How many relevancy-5 concerns are there?", 5),
        ("concerns rated 5 about e-waste", 5),
        ("critical issues in shipping", 5),
        ("top-rated signals about psychedelics", 5),
        ("concerns rated high about drones", 4),
        ("signals about psychedelics", None),
    ],
)
def test_relevancy(question, relevancy):
    assert p(question).min_relevancy == relevancy


@pytest.mark.parametrize(
    ("question", "since", "until"),
    [
        ("signals since 2024 about AI", date(2024, 1, 1), None),
        ("what is new since March 2025?", date(2025, 3, 1), None),
        ("concerns in 2025", date(2025, 1, 1), date(2025, 12, 31)),
        ("issues in June 2024", date(2024, 6, 1), date(2024, 6, 30)),
        ("signals between 2023 and 2024", date(2023, 1, 1), date(2024, 12, 31)),
        ("signals before 2023", None, date(2022, 12, 31)),
        ("signals after 2023", date(2024, 1, 1), None),
        ("signals from last year", date(2025, 1, 1), date(2025, 12, 31)),
        ("signals about drones", None, None),
    ],
)
def test_dates(question, since, until):
    planned = p(question)
    assert (planned.since, planned.until) == (since, until)


@pytest.mark.parametrize(
    ("question", "intent"),
    [
        ("What escalation signals involve Estonia?", "lookup"),
        ("List the technologies for recycling batteries", "list"),
        ("how many concerns mention ransomware?", "count"),
        ("brief me on youth military programs", "briefing"),
        ("Draft a briefing on H5N1", "briefing"),
        ("compare AI regulation in the EU and the US", "compare"),
        ("AI tutors vs students cheating", "compare"),
    ],
)
def test_intent(question, intent):
    assert p(question).intent == intent


@pytest.mark.parametrize(
    ("question", "query"),
    [
        ("What escalation signals involve Estonia?", "escalation Estonia"),
        ("How many relevancy-5 concerns are there about space debris, and what are they?", "space debris"),
        ("What does the US say about us?", "US"),
        ("issues in 2025 with relevancy >= 4", ""),
        # a kind named in other words is a filter, not the topic; superlatives and "surround" frame it
        ("What are the biggest worries about synthetic biology?", "synthetic biology"),
        ("What's the strongest signal about desalination?", "desalination"),
        ("the weakest signals about drones", "drones"),
        ("Which issues surround deep-sea mining?", "deep-sea mining"),
        ("List every technology mentioned for desalination", "desalination"),
        ("What happened with TikTok bans?", "TikTok bans"),
        ("How is AI changing how we date?", "AI date"),  # change is framing; "climate change" stays
        ("How is climate change reshaping farming?", "climate change farming"),
        ("How is battery recycling evolving?", "battery recycling"),
        # the closed classes (conjunctions, pronouns, auxiliaries) are never topic words
        ("How are consumers changing their behaviour because of inflation?", "consumers inflation"),
        ("Which signals mention both Tesla and China?", "Tesla China"),
        ("Why don't farmers benefit from the cocoa price spike?", "farmers benefit cocoa price spike"),
        ("same-sex marriage", "same-sex marriage"),
        ("Which signals are about ageing societies in Japan specifically?", "ageing societies Japan"),
        ("Which technologies could help older people live independently?", "older people live independently"),  # "help" asks nothing
        # the corpus as the subject, and what relates two topics, frame the question
        ("What issues does the corpus raise about microplastics?", "microplastics"),
        ("Which signals connect climate change and insurance?", "climate change insurance"),
        ("What is the link between sleep and productivity?", "sleep productivity"),
        ("Which technologies connect the human brain directly to computers?", "connect human brain directly computers"),
        # how much a kind of finding weighs is no topic; the same word before a topic is
        ("What are the big issues around space mining?", "space mining"),
        ("What are the most important risks of big data?", "risks big data"),
        ("What are the serious concerns about serious games?", "serious games"),
        ("What do experts expect for autonomous shipping?", "autonomous shipping"),
        # the trade's own names for what it looks for
        ("What are the blind spots around quantum computing?", "blind spots quantum computing"),  # 21 records say "blind spot"
        ("What early signs point to a recession?", "recession"),
        ("Which signals challenge the idea that remote work is here to stay?", "remote work"),  # asks what goes against it (`contrary`)
        # fighting a topic asks about it (what fights it is in the kinds: "technologies")
        ("Which technologies are used to fight wildfires?", "wildfires"),
        ("combat drones", "combat drones"),
        ("What technologies counter drones?", "counter drones"),  # the corpus's own word: "counter-drone technology"
        ("Which technologies help combat loneliness?", "loneliness"),
        ("Is anyone writing about solar geoengineering?", "solar geoengineering"),  # who writes about it asks for it
        ("What would a skeptic say about hydrogen?", "hydrogen"),  # one sceptic frames it as many do
        ("What keeps insurers up at night?", "insurers"),
        ("Which signals should keep car makers awake?", "car makers"),
        # who is asking, and what they should do about it, frame the question
        ("My client is a European car maker. Which signals should keep them awake?", "European car maker"),
        ("I work for a hospital. What concerns should we track?", "hospital"),
        ("I run a hospital. What should I watch?", "hospital"),
        ("We manage a small farm. What should we track?", "small farm"),
        # the analyst's frameworks are ways of looking at a topic; "pest control" is a topic
        ("STEEP analysis of autonomous vehicles", "autonomous vehicles"),
        ("Give me an analysis of the EV market", "EV market"),
        ("pest control signals", "pest control"),
        ("How many signals about robotics were curated?", "robotics"),  # the curation is no topic
        ("Which concerns have we curated on deepfakes?", "deepfakes"),
        ("Which signals did we collect about space mining?", "space mining"),
        ("What risks were flagged about lithium mining?", "risks lithium mining"),  # "risks" as in any question
        ("AI-curated playlists", "AI-curated playlists"),
        ("My client runs ports. Which signals should keep them awake?", "ports"),
        ("As a bank, what should worry us?", "bank"),
        ("We are a retailer; what trends matter?", "retailer"),
        ("as a result of AI, what jobs vanish?", "result AI jobs vanish"),  # an idiom, not who is asking
        # what matters weighs what is asked for; "dark matter" is a topic
        ("Which signal about desalination matters most?", "desalination"),
        ("Which signals about water are most likely to matter in 10 years?", "water"),  # what will matter weighs it too
        ("What will matter for retail in the next decade?", "retail"),
        ("dark matter research", "dark matter research"),
        ("signals on dark matter", "dark matter"),
        # "dead" and "dying" ask where a subject is heading
        ("tell me about the metaverse, is it dead?", "metaverse"),
        ("What do we know about the metaverse? Is it dead?", "metaverse"),
        ("Is the office dying?", "office"),
        ("dead zones in the ocean", "dead zones ocean"),
        ("What is the role of insurers in climate adaptation?", "insurers climate adaptation"),  # the part they play: what they do
        ("signals about gender roles", "gender roles"),
        ("Who is losing out from the energy transition?", "risks energy transition"),  # as who loses from it
        ("I'm preparing a workshop on the future of work, what should I know?", "work"),  # the frame goes; the corpus may keep it (test_terms.py)
        ("What is the future of retail?", "retail"),
        ("What concerns are there about AI writing tools?", "AI writing tools"),
        ("Which technologies are changing how we grow food?", "grow food"),  # "grow" with an object is no trend word
        ("How has remote work grown since 2020?", "remote work"),
        ("What's driving the boom in weight-loss drugs?", "weight-loss drugs"),  # a boom is a trend word, no part of the topic
        # where a subject is heading, said as its predicate, is asked of it, as "rising" is
        ("Which signals suggest the housing market is cooling?", "housing market"),
        ("Is the housing market cooling?", "housing market"),
        ("Are meal kits still growing?", "meal kits"),
        ("Is the metaverse still alive?", "metaverse"),
        ("What's gaining momentum in alternative proteins?", "alternative proteins"),  # "what's" is "what is"
        ("Which drivers of change keep recurring across the signals on work?", "work"),
        ("Give me the big picture on nuclear power", "nuclear power"),  # the request's frame, no part of the topic
        # who should know, when asked about something: their trade is what it means for, the role is no topic
        ("What should a city planner know about autonomous vehicles?", "city planner autonomous vehicles"),
        ("What should a food company know about GLP-1 drugs?", "food GLP-1 drugs"),
        ("What should a food retailer know about GLP-1 drugs?", "food GLP-1 drugs"),  # of a trade and its institution, the trade
        ("What should a water utility know about AI?", "water AI"),
        ("What should a bank know about stablecoins?", "bank stablecoins"),  # an institution alone is its own trade
        ("What should an investor know about lithium?", "lithium"),
        ("What should every policy maker understand about deepfakes?", "deepfakes"),
        ("What should my team know about quantum computing?", "quantum computing"),
        ("What should a policy analyst know about carbon taxes?", "policy carbon taxes"),
        # a noun of change after its topic, with a verb, frames it as "the comeback of" does
        ("What do we know about labor unions making a comeback?", "labor unions"),
        ("Is vinyl staging a comeback?", "vinyl"),
        # the trade's phrases for what is asked of a topic
        ("What would change the picture for nuclear fusion?", "nuclear fusion"),  # "picture" was a part (imaging)
        ("What are the game changers for batteries?", "batteries"),
        ("Which weak signals could become mainstream in retail?", "retail"),
        ("mainstream media trust", "mainstream media trust"),
        ("Where do the signals on AI and jobs disagree?", "AI jobs"),
        ("I'm preparing a workshop on the future of food. Where should I start?", "food"),  # where to begin is no second part
        ("How many signals mention AI in total?", "AI"),
        ("Cities seeing a strong recovery in tourism", "Cities strong recovery tourism"),  # a recovery *in* a topic is the topic
        ("What does the corpus say about loneliness and technology?", "loneliness technology"),  # the singular joined to a topic is one
        ("Which signals relate to the energy transition in emerging markets?", "energy transition emerging markets"),  # a group of countries
        ("I'm advising a pension fund on climate risks", "pension fund climate risks"),
        ("Draft a memo on the future of retail for investors", "retail"),  # a document's readers, last in the request
        ("Draft a memo on the future of work for HR leaders", "work"),
        ("Write a briefing on cyber threats for supply chain managers", "cyber threats"),
        ("Give me a one-page brief on drones in warfare", "drones warfare"),  # its length
        ("Is solar getting cheaper?", "solar cheaper"),
        ("what's happening w/ lithium prices", "lithium prices"),  # shorthand for "with"
        # what something fails to do is how it fails ("deliver" was a part of its own: postal delivery)
        ("Anything on carbon capture failing to deliver?", "carbon capture failing"),
        ("Is hydrogen failing to live up to the hype?", "hydrogen failing"),
        ("How is the H5N1 bird flu situation evolving?", "H5N1 bird flu"),  # "the situation" frames it
        # what makes a thing so asks about the thing
        ("What makes rare earths so important?", "rare earths"),
        ("Which technologies could make air travel greener?", "air travel greener"),
        ("signals about make-up trends", "make-up"),
        # what the evidence or research says is asked of the records
        ("What's the evidence on four-day weeks and productivity?", "four-day weeks productivity"),
        ("What does research say about intermittent fasting?", "intermittent fasting"),
        ("signals about research funding cuts", "research funding cuts"),
        ("signals about digital evidence in courts", "digital evidence courts"),
        ("What signals hint at a recession?", "recession"),  # "hint at" points to it, as "point to" does
        # the trade's idioms: pain points are challenges; the mood among X, the tailwinds for X and
        # what fuels the popularity of X ask about X
        ("What are the pain points for EV owners?", "challenges EV owners"),
        ("What's the next big thing in mobility?", "mobility"),
        ("Are young people losing interest in cars?", "young people cars"),  # whether it moves, either way
        ("Where's the momentum in climate tech?", "climate tech"),
        ("What's the mood among small businesses about AI?", "small businesses AI"),
        ("What are the tailwinds for geothermal energy?", "geothermal energy"),
        ("What's fuelling the popularity of thrift stores?", "thrift stores"),
        ("signals about mood disorders", "mood disorders"),
        ("jet fuel prices", "jet fuel prices"),
        # how common it is, or is becoming, is asked of it too; what it is more of stays ("more dangerous")
        ("Are heat domes becoming more common?", "heat domes"),
        ("Are e-bikes increasingly popular?", "e-bikes"),
        ("Is vinyl growing in popularity?", "vinyl"),
        ("Are wildfires getting worse?", "wildfires"),
        ("Is loneliness more common among young people?", "loneliness young people"),
        ("Are heat pumps becoming mainstream in Europe?", "heat pumps Europe"),
        ("signals that remote work is becoming the norm", "remote work"),
        ("Why are e-bikes more dangerous than cars?", "e-bikes more dangerous cars"),
        ("Is China exporting more rare earths?", "China exporting more rare earths"),
        ("Which technologies are used in precision agriculture?", "precision agriculture"),  # "used in" links, as "using" does
        ("signals about used cars", "used cars"),
        ("What drivers are behind the growth of private credit?", "private credit"),  # a noun of change before the topic
        ("What are analysts saying about the return of industrial policy?", "industrial policy"),  # not e-commerce returns
        ("What's driving the comeback of vinyl?", "vinyl"),
        ("Concerns about the collapse of bee colonies", "bee colonies"),
        ("Which concerns relate to the shrinking of the Aral Sea?", "Aral Sea"),
        ("What is driving economic growth in Vietnam?", "economic growth Vietnam"),
        ("Is bird flu spreading to cattle?", "bird flu cattle"),
        ("Is the EV market slowing down in Europe, and why?", "EV market Europe"),
        ("What technologies exist for data center cooling?", "data center cooling"),  # no predicate: a topic
        ("Are cooling technologies improving?", "cooling improving"),  # the opening auxiliary's subject follows it
        # what a finding does, or who raises it, ties it to the topic and names neither
        ("What issues arise from the shrinking workforce in Japan?", "shrinking workforce Japan"),
        ("What concerns do experts raise about brain-computer interfaces?", "brain-computer interfaces"),
        ("What concerns stem from facial recognition?", "facial recognition"),
        ("What issues are arising from deepfakes?", "deepfakes"),
        ("What trends come with remote work?", "remote work"),
        ("Which concerns come up around lab-grown meat?", "lab-grown meat"),  # the verb's particle too
        ("What role will drones play in warfare?", "drones warfare"),  # the part it plays asks what it does
        ("What issues crop up in AI hiring?", "AI hiring"),
        ("What concerns do parents have about screen time?", "parents screen time"),  # who holds it may be the topic
        ("How is Gen Z using TikTok for news?", "Gen Z TikTok news"),  # "using" links its subject to its object
        ("What issues does remote work raise?", "remote work"),
        ("Which technologies raise crop yields?", "raise crop yields"),
        # what besets a topic ties its troubles to it ("face recognition" is a topic)
        ("What are the challenges facing offshore wind?", "challenges offshore wind"),
        ("What problems plague the EV charging network?", "problems EV charging network"),
        ("What obstacles does nuclear face?", "obstacles nuclear"),
        ("What risks do coastal cities face from sea level rise?", "risks coastal cities sea level"),
        ("What are the risks of face recognition?", "risks face recognition"),
    ],
)
def test_search_text_drops_framing_words_and_filters(question, query):
    assert p(question).query == query


@pytest.mark.parametrize(
    ("question", "sides"),
    [
        ("AI tutors vs students cheating", ["AI tutors", "students cheating"]),
        ("How do signals about tariffs compare with signals about reshoring?", ["tariffs", "reshoring"]),
        ("compare AI-regulation signals in the EU and the US", ["AI-regulation in EU", "AI-regulation in US"]),
        (
            "How do signals about AI tutors compare with signals about students using AI to cheat?",
            ["AI tutors", "students using AI to cheat"],
        ),
        # the second side says only what differs; what it leaves out comes from the first
        ("compare app-based remedies for insomnia with drug-based ones", ["app-based remedies for insomnia", "drug-based remedies for insomnia"]),
        ("compare app-based remedies for insomnia with drug-based remedies", ["app-based remedies for insomnia", "drug-based remedies for insomnia"]),
        ("compare the risks of AI for jobs with the risks of automation", ["risks of AI for jobs", "risks of automation"]),
        # a kind word after a side names what to compare, not the side
        ("Compare remote work and office work signals", ["remote work", "office work"]),
        # one topic in two places
        (
            "How do attitudes to nuclear power differ between Germany and France?",
            ["attitudes to nuclear power in Germany", "attitudes to nuclear power in France"],
        ),
        ("How does remote work vary across the US and Europe?", ["remote work in US", "remote work in Europe"]),
        # what both sides are compared on, said after them, goes to each
        ("Compare China and the EU on electric vehicles", ["China on electric vehicles", "EU on electric vehicles"]),
        ("Compare what the corpus says about China and India on renewables", ["China on renewables", "India on renewables"]),  # what the corpus says is no side
        ("How do Germany and France compare on nuclear power?", ["Germany on nuclear power", "France on nuclear power"]),
        ("Compare drones with robots on farms", ["drones on farms", "robots on farms"]),
        ("compare concerns about AI with those on crypto", ["AI", "crypto"]),  # each side says its own topic
        # filters and a page size are not part of a side ("top 3" after a comparison)
        ("Compare signals on microplastics with signals on nanoplastics top 3?", ["microplastics", "nanoplastics"]),
        ("Compare signals on drones with signals on robots since 2024", ["drones", "robots"]),
        # the question's own frame is not a side
        ("What do we know about sodium-ion batteries vs lithium?", ["sodium-ion batteries", "lithium"]),
        ("Tell me about remote work versus office work", ["remote work", "office work"]),
        ("attitudes on nuclear vs solar", ["attitudes on nuclear", "solar"]),
        # what both sides do goes to each
        ("What's the difference between how Gen Z and millennials use social media?", ["Gen Z use social media", "millennials use social media"]),
        ("Compare how the US and EU regulate AI", ["US regulate AI", "EU regulate AI"]),  # not "the US" against "EU regulate AI"
        ("How are India and China approaching solar energy differently?", ["India approaching solar energy", "China approaching solar energy"]),
        # how each side handles the topic is no part of it: the topic is what both sides have
        ("Compare how Japan and South Korea handle ageing", ["Japan ageing", "South Korea ageing"]),
        # the kinds a follow-up put first ask nothing of the sides
        ("Signals: Compare China and India on electric vehicles", ["China on electric vehicles", "India on electric vehicles"]),
        ("compare how cities and suburbs deal with heat", ["cities heat", "suburbs heat"]),
        ("the difference between how the US and China regulate AI", ["US regulate AI", "China regulate AI"]),
        # the setting the second side ends in goes to a bare first side
        ("hydrogen vs batteries for trucks", ["hydrogen for trucks", "batteries for trucks"]),
        ("Compare solar and wind in Germany", ["solar in Germany", "wind in Germany"]),
        ("Compare cats and dogs as pets", ["cats", "dogs as pets"]),
        # a second side that is only a setting takes the first side's topic (it searched "in India")
        ("Compare solar power in Africa and in India", ["solar power in Africa", "solar power in India"]),
        # where to look and what is asked of the sides are no side's words
        ("What's the difference between cultivated meat and plant-based meat in the signals?", ["cultivated meat", "plant-based meat"]),
        ("EVs versus hydrogen cars: which has more momentum?", ["EVs", "hydrogen cars"]),
        # "which ..., A or B?" and "A or B: which ...?" compare A with B
        ("Which is growing faster, solar or wind?", ["solar", "wind"]),
        ("nuclear or renewables: which do the signals favour?", ["nuclear", "renewables"]),
        # the topic before a colon is each side's ("EV adoption: Europe vs US" dropped Europe)
        ("EV adoption: Europe vs US", ["Europe EV adoption", "US EV adoption"]),
        ("energy: solar vs wind", ["solar energy", "wind energy"]),
        # ...and before a comma, when "versus" joins the two (a side had been "What's changing in how people pay, cash")
        ("What's changing in how people pay, cash versus digital?", ["cash people pay", "digital people pay"]),
        # one thing overtaking another compares the two, in the field named
        ("Is China overtaking the US in AI?", ["China in AI", "US in AI"]),
        ("Is solar outpacing wind?", ["solar", "wind"]),
        ("Is Europe falling behind the US on AI?", ["Europe on AI", "US on AI"]),
        # the preposition the second side repeats is no word of it (it searched "about AI")
        ("Compare the concerns about crypto and about AI", ["crypto", "AI"]),
        ("Compare signals on drones and on robots", ["drones", "robots"]),
        ("compare concerns for farmers and for fishers", ["farmers", "fishers"]),
        # a kind first, with no topic before it ("the for coral reef restoration" against "the for chocolate")
        ("Compare the technologies for coral reef restoration with chocolate", ["coral reef restoration", "chocolate"]),
        ("Compare technologies for coral reef restoration with those for chocolate", ["coral reef restoration", "chocolate"]),
        # ...and sides in places, with the topic after both ("Compare in EU" against "Compare in US on AI")
        ("Compare signals in the EU and the US on AI", ["EU on AI", "US on AI"]),
        ("compare the signals in Europe and in Asia on heat pumps", ["Europe on heat pumps", "Asia on heat pumps"]),
    ],
)
def test_comparison_sides(question, sides):
    assert p(question).sides == sides


# Relevancy phrasings, each one an example of the table in assistant/plan.py. Relevancy is a whole
# number from 1 to 5: "above 3" means 4, "3.5 or above" means 4.
@pytest.mark.parametrize(
    ("question", "relevancy"),
    [
        ("signals rated 4 or more about drones", 4),
        ("signals rated 4+ about drones", 4),
        ("concerns (4/5+) on water", 4),
        ("concerns (4/5) on water", 4),
        ("How many technologies relate to carbon capture? Only rated 5.", 5),  # a full stop after the number
        ("signals rated exactly 4 on biodiversity", 4),
        ("concerns on water, 4/5.", 4),
        ("concerns rated 4/5 or higher", 4),
        ("technologies scored 3.5 or above for batteries", 4),
        ("relevancy above 3 concerns about AI", 4),
        ("relevancy > 4 signals", 5),
        ("relevance of at least 4 on shipping", 4),
        ("issues with a relevancy no less than 3", 3),
        ("signals with relevancy 4-5 on housing", 4),
        ("relevancy 3 to 5 signals on housing", 3),
        ("signals rated four or higher about robots", 4),
        ("5-rated behaviours", 5),
        ("signals with a rating of 4.5+", 5),
        ("highest-rated technologies for water", 5),
        ("high-impact technologies for desalination", 4),
        ("highly relevant concerns about deepfakes", 4),
        ("important signals about ageing", 4),
        ("critical signals about ageing", 5),
        ("critical minerals supply", None),
        ("critical infrastructure attacks", None),
        ("important minerals", None),
        ("signals about 4 day weeks", None),
        ("Signals rated four or five about synthetic biology", 4),  # "five" was left in the topic
        ("Signals above 3 on space mining", 4),  # a number right after a kind is its rating
        ("Concerns over 3.5 on gene drives", 4),
        ("signals over 2 million users", None),
        ("What is most relevant on water security?", 5),
        ("Which signals are most relevant to a bank?", None),  # relevant to someone is theirs to judge
        ("Which signals about deepfakes do analysts rate highest?", 5),  # the verb asked of whoever rates
        ("Which concerns on AI do you rate high?", 4),
        ("Which countries rate highest for happiness?", None),  # no one asked to rate
    ],
)
def test_relevancy_phrasings(question, relevancy):
    assert p(question).min_relevancy == relevancy


@pytest.mark.parametrize(
    ("question", "query"),
    [
        ("Which signals are most relevant for a logistics company?", "logistics"),
        ("Which issues are most relevant to public health officials?", "public health"),
        ("Which concerns are relevant to farmers?", "farmers"),
        ("Which signals are most relevant to a bank?", "bank"),
    ],
)
def test_whom_records_are_relevant_to_is_their_trade_ranked_by_rating(question, query):
    plan = p(question)
    assert plan.query == query
    assert plan.by_rating == ("most relevant" in question)


@pytest.mark.parametrize(
    ("question", "ceiling", "query"),
    [
        ("Which issues with relevancy 3 or lower are about housing?", 3, "housing"),  # was read as "3 or higher" and "lower housing"
        ("signals rated at most 2 about energy", 2, "energy"),
        ("concerns with relevancy below 4 about drones", 3, "drones"),
        ("signals rated 2/5 or lower on water", 2, "water"),
        ("What are the least relevant signals about AI?", 3, "AI"),  # the lowest rating the corpus's authors use
        ("low-relevancy signals about food", 3, "food"),
        ("signals rated low on AI", 3, "AI"),  # as "rated high"
        ("What do experts rate lowest among signals on cars?", 3, "cars"),
        ("signals rated 4 or more about AI", None, "AI"),
        ("low-cost sensors", None, "low-cost sensors"),
        ("concerns below 3 about drones", 2, "drones"),
    ],
)
def test_relevancy_ceilings(question, ceiling, query):
    planned = p(question)
    assert (planned.max_relevancy, planned.query) == (ceiling, query)
    assert planned.min_relevancy is None or ceiling is None


@pytest.mark.parametrize(
    ("question", "since", "until"),
    [
        ("Q1 2025 signals on tariffs", date(2025, 1, 1), date(2025, 3, 31)),
        ("signals in the second quarter of 2024", date(2024, 4, 1), date(2024, 6, 30)),
        ("what was curated the week of 2024-11-17", date(2024, 11, 17), date(2024, 11, 23)),
        ("summarize November 2024", date(2024, 11, 1), date(2024, 11, 30)),
        ("records from 2024-03", date(2024, 3, 1), date(2024, 3, 31)),
        ("signals from March to May 2025", date(2025, 3, 1), date(2025, 5, 31)),
        ("signals 2023-2024", date(2023, 1, 1), date(2024, 12, 31)),
        ("concerns in the last 6 months", date(2026, 5, 23), None),
        ("concerns in the past two years", date(2024, 11, 23), None),
        ("signals this month", date(2026, 11, 1), None),
        ("signals last month", date(2026, 10, 1), date(2026, 10, 31)),
        ("signals last quarter", date(2026, 7, 1), date(2026, 9, 30)),
        ("what will energy look like in 2035", None, None),
        ("signals about energy by 2030", None, None),
        ("how many signals mention zeppelins since 2030?", date(2030, 1, 1), None),
        # a month without a year: the latest such month, this year or, when still to come, the last
        ("drones since June", date(2026, 6, 1), None),
        ("concerns last December", date(2025, 12, 1), date(2025, 12, 31)),
        ("May Day protests", None, None),
        ("What did Apple announce in May?", date(2026, 5, 1), date(2026, 5, 31)),
        ("signals during December", date(2025, 12, 1), date(2025, 12, 31)),
        # a year ending a terse question is its period, not a word to search for
        ("heatwaves europe 2025", date(2025, 1, 1), date(2025, 12, 31)),
        ("signals on drones 2024?", date(2024, 1, 1), date(2024, 12, 31)),
        ("net zero 2050", None, None),  # one to come is a horizon
        ("Vision 2030", None, None),
        ("the Paris Olympics 2024", None, None),  # a name ends on it
        ("the 2024 election", None, None),  # not at the end: a word of the topic
    ],
)
def test_date_phrasings(question, since, until):
    planned = p(question)
    assert (planned.since, planned.until) == (since, until)


@pytest.mark.parametrize(
    ("question", "intent", "query"),
    [
        # foresight vocabulary is how analysts talk about any topic: no time question by itself
        ("What risks are emerging around lithium mining?", "lookup", "risks lithium mining"),
        ("Which weak signals point to a shift in remote work?", "lookup", "remote work"),
        ("What's driving the rise of microschools?", "lookup", "microschools"),
        ("Where is precision fermentation heading?", "outlook", "precision fermentation"),
        ("What's the future of remote work?", "outlook", "remote work"),
        ("What's next for nuclear fusion?", "outlook", "nuclear fusion"),
        ("What's on the horizon for batteries?", "outlook", "batteries"),
        ("What will cities look like in 2035?", "outlook", "cities"),
        ("What might food delivery look like in ten years?", "outlook", "food delivery"),
        ("give me cards", "cards", ""),  # a request alone: of the previous topic
        ("food delivery in 10 years' time", "outlook", "food delivery"),
        ("What do analysts see coming for heat pumps?", "outlook", "heat pumps"),
        ("predictions for autonomous vehicles in the next decade", "outlook", "autonomous vehicles"),
        ("What are the forecasts for the housing market?", "outlook", "housing market"),
        ("How will offices change over the coming years?", "outlook", "offices change"),
        ("What are the driving forces behind lab-grown meat?", "lookup", "lab-grown meat"),
        ("What do experts say about microplastics?", "lookup", "microplastics"),
        ("What are the key signals on aging?", "lookup", "aging"),
        ("what else is happening in fusion energy?", "lookup", "fusion energy"),  # "else" asks for more, not about it
        ("What's the picture on plastic recycling?", "lookup", "plastic recycling"),  # the picture on it, as the state of play
        ("What's the state of 6G?", "lookup", "6G"),
        # a year to come is a horizon, not words the records say, unless it is all that is asked
        ("What are futurists saying about work in 2040?", "lookup", "work"),
        ("Signals on energy by 2030", "lookup", "energy"),
        ("What comes beyond 2030?", "lookup", "comes 2030"),
        ("Picture books for children", "lookup", "Picture books children"),
        ("Draft a briefing on heat pumps for the board", "briefing", "heat pumps"),
        ("Draft a briefing on water scarcity for a utility CEO", "briefing", "water scarcity"),  # who it is for, named or not
        # the trade's own names for what it looks for: the records never use them
        ("What wild cards are there around AI?", "lookup", "AI"),
        ("megatrends in energy", "lookup", "energy"),
        ("What scenarios do the records suggest for the future of money?", "lookup", "money"),
        ("What are possible futures for cities?", "lookup", "cities"),
        ("scenario planning tools", "lookup", "scenario planning tools"),  # a topic that names the method
        ("horizon scanning on synthetic biology", "lookup", "synthetic biology"),
        ("Scan the horizon for threats to food security", "lookup", "threats food security"),
        ("Signals of change in how people date", "lookup", "people date"),
        ("signs of change in retail", "lookup", "retail"),
        ("What are the drivers of change in retail?", "lookup", "retail"),
        ("What are the main drivers of inflation?", "lookup", "inflation"),
        ("drivers behind the housing crisis", "lookup", "housing crisis"),
        ("What worries truck drivers about automation?", "lookup", "truck drivers automation"),  # drivers who drive
        ("inflection points for electric vehicles", "lookup", "electric vehicles"),
        ("What tipping points should we watch in the Arctic?", "lookup", "Arctic"),  # not tipping a waiter
        ("What's the corpus view on cryptocurrency crashes?", "lookup", "cryptocurrency crashes"),
        ("what's the overall take on remote work", "lookup", "remote work"),
        ("thoughts on AI art", "lookup", "AI art"),
        ("public opinion on nuclear power", "lookup", "public opinion nuclear power"),  # the records' public perception
        ("Tesla takes on Waymo", "lookup", "Tesla takes Waymo"),  # a verb, not a view
        ("What technologies are disrupting banking?", "lookup", "banking"),  # as "transforming" frames it
        ("What might disrupt global shipping?", "lookup", "disrupt global shipping"),  # a threat: the records say "disruptions"
        ("What evidence is there of a backlash against AI in schools?", "lookup", "backlash AI schools"),
        ("What should a food retailer watch out for?", "lookup", "food retailer"),
        ("Is the four-day week catching on?", "lookup", "four-day week"),
        ("How big a deal is the chip shortage?", "lookup", "chip shortage"),
        ("What surprised analysts about GLP-1 drugs?", "lookup", "GLP-1 drugs"),
        ("How big a threat is AI to jobs?", "lookup", "big threat AI jobs"),  # the threat is asked for
        ("Outline the key issues in water security", "lookup", "water security"),
        ("Summarise the signals on the future of work in one paragraph", "briefing", "work"),  # the answer's form
        ("Help me understand the risks of AI in finance", "lookup", "risks AI finance"),
        ("What's the future of the high street?", "outlook", "high street"),  # "high" frames a rating only
        ("signals about high schools", "lookup", "high schools"),
        ("latest news on fusion", "lookup", "fusion"),  # what is new, not journalism
        ("fake news on TikTok", "lookup", "fake news TikTok"),
        ("What's the status of self-driving trucks?", "lookup", "self-driving trucks"),
        ("state of emergency declarations", "lookup", "state emergency declarations"),
        ("What are the headwinds for electric cars?", "lookup", "challenges electric cars"),
        ("What are the weak spots of the EU's AI Act?", "lookup", "weaknesses EU's AI Act"),
        ("public understanding of science", "lookup", "public understanding science"),
        ("How could AI reshape journalism?", "lookup", "AI journalism"),
        ("What are the second-order effects of autonomous trucks?", "lookup", "autonomous trucks"),
        ("What are the early warning signs of a housing crash?", "lookup", "housing crash"),
        ("leading indicators of social unrest", "lookup", "social unrest"),
        ("What are the early signals of a housing crash?", "lookup", "housing crash"),  # the signals stay the kind asked
        ("Which signals show teenagers turning to AI companions?", "lookup", "teenagers AI companions"),  # who turns to a thing takes it up
        ("Which behaviors show people embracing repair culture?", "lookup", "people repair culture"),  # ...as who embraces it ("Holistic Healing Approaches" led)
        ("Why are people turning away from social media?", "lookup", "turning away social media"),
        ("How is Gen Alpha different?", "lookup", "Gen Alpha"),  # what sets a thing apart is asked of the thing
        ("Tell me the story of the decline of malls", "lookup", "malls"),  # the story of a topic is the topic
        ("faint signals of change in fashion", "lookup", "fashion"),
        ("early adopters of smart glasses", "lookup", "early adopters smart glasses"),
        ("signposts for mass adoption of VR", "lookup", "mass adoption VR"),
        ("What scenarios exist for the future of oil?", "lookup", "oil"),
        ("knock-on effects of the chip shortage", "lookup", "chip shortage"),
        ("What technologies are used to detect deepfakes?", "lookup", "detect deepfakes"),
        ("What are people saying about the cost of living?", "lookup", "cost living"),
        # who holds a concern, when anyone might, is no topic; a group of people is
        ("What worries people about smart glasses?", "lookup", "smart glasses"),
        ("What concerns do people have about smart glasses?", "lookup", "smart glasses"),
        ("Why are people worried about microplastics?", "lookup", "microplastics"),
        ("What does the public think about nuclear power?", "lookup", "nuclear power"),
        ("loneliness among older people", "lookup", "loneliness older people"),
        ("What do people think about people analytics?", "lookup", "people analytics"),
        ("give me a quick summary of deep-sea mining", "briefing", "deep-sea mining"),
        ("the market for used cars", "lookup", "market used cars"),
        ("What's the 10-year view on lab-grown meat?", "outlook", "lab-grown meat"),
        ("signals on school meals for our newsletter", "lookup", "school meals"),
        ("Signals for a pharma client", "lookup", "pharma"),  # the client's sector is all there is to ask about
        ("a briefing on heat pumps for a utility CEO", "briefing", "heat pumps"),
        ("Draft a briefing on plastic pollution for a city council", "briefing", "plastic pollution"),
        ("Explain the signals on nearshoring to Mexico", "lookup", "nearshoring Mexico"),  # "Explain" was searched
        ("Which countries appear most in signals about drones?", "lookup", "drones"),  # "appear" was a part of its own
        ("Behaviors showing people cooking at home more", "lookup", "people cooking home more"),  # "showing" frames, as "show" does
        ("Give me a briefing on deep-sea mining for an investor", "briefing", "deep-sea mining"),
        ("signals about investors in AI", "lookup", "investors AI"),  # whom the records are about
        ("Draft a briefing on AI in retail for a board meeting", "briefing", "AI retail"),
        ("Is space debris becoming a concern?", "lookup", "space debris"),
        ("I need signals on the future of nursing", "lookup", "nursing"),
        ("Looking for behaviours around digital detox", "lookup", "digital detox"),
        ("Give me concerns about deep-sea mining, most relevant first", "lookup", "deep-sea mining"),
        ("What did we add about drones in 2025?", "lookup", "drones"),
        ("What is OpenAI up to?", "lookup", "OpenAI"),
        ("Find behaviours linked to climate anxiety", "lookup", "climate anxiety"),
        ("What are people afraid of regarding brain implants?", "lookup", "brain implants"),
        ("What's the story with deepfake scams targeting companies?", "lookup", "deepfake scams targeting companies"),
        ("I'm preparing a workshop on food security — what should I read?", "articles", "food security"),
        ("Which startups are working on carbon removal?", "lookup", "startups carbon removal"),
        ("Is there evidence that people are quitting social media?", "lookup", "people quitting social media"),
        ("any signs of a backlash against AI art", "lookup", "backlash AI art"),
        ("evidence-based policy", "lookup", "evidence-based policy"),
        ("Which technologies are mentioned alongside quantum sensing?", "lookup", "quantum sensing"),
        ("Is there evidence remote work is in decline?", "lookup", "remote work decline"),
        ("Do we see signs crypto adoption is growing?", "lookup", "crypto adoption"),
        ("What do analysts flag about synthetic biology?", "lookup", "synthetic biology"),
        ("What are economists warning about tariffs?", "lookup", "tariffs"),
        ("Which behaviors show people distrusting experts?", "lookup", "people distrusting experts"),  # who is distrusted is the topic
        ("Are consumers giving up on plant-based meat?", "lookup", "consumers plant-based meat"),  # where it is heading is asked of it
        ("Is trust in experts declining?", "lookup", "trust experts"),
        ("What are leading experts saying about fusion?", "lookup", "fusion"),  # who speaks is not
        ("According to experts, what is next for batteries?", "outlook", "batteries"),
        ("What do teenagers think about social media?", "lookup", "teenagers social media"),
        ("how are people using ChatGPT for therapy", "lookup", "ChatGPT therapy"),
        ("What's changing in how people buy groceries online?", "lookup", "buy groceries online"),  # anyone buys
        ("What is the public mood on nuclear energy?", "lookup", "public perception nuclear energy"),  # as the records say it
        ("What's slowing EV adoption?", "lookup", "challenges EV adoption"),  # what slows it are its challenges
        ("What could slow down the adoption of heat pumps?", "lookup", "challenges adoption heat pumps"),
        ("What slows ageing?", "lookup", "slows ageing"),  # ...not what slows a process
        ("Where is quantum computing actually being used today?", "lookup", "applications quantum computing"),  # as the records say it
        ("What are the real-world uses of quantum computing?", "lookup", "applications quantum computing"),
        ("What's changing in how people eat?", "lookup", "people eat"),  # ...but a verb alone says too little
        ("What should a water utility be watching?", "lookup", "water utility"),
        ("Which technologies are used against drones?", "lookup", "counter drones"),
        ("What might replace smartphones?", "lookup", "alternatives smartphones"),
        ("What is the successor to passwords?", "lookup", "alternatives passwords"),  # its successor replaces it
        ("How big is the trend toward remote work in Asia?", "lookup", "remote work Asia"),
        ("How big tech uses AI", "lookup", "big tech uses AI"),
        ("what's the buzz around humanoid robots", "lookup", "humanoid robots"),
        ("noise pollution", "lookup", "noise pollution"),
        ("Are there concerns about AI tutors replacing teachers?", "lookup", "AI tutors replacing teachers"),
        ("tools against misinformation", "lookup", "tools counter misinformation"),
        ("protests against tourism", "lookup", "protests tourism"),
        ("What's the state of play on AI regulation?", "lookup", "AI regulation"),
        ("Where are the blind spots in our coverage of synthetic biology?", "lookup", "synthetic biology"),  # the collection's gaps
        ("What are young people worried about?", "lookup", "young people"),  # which people are worried is the topic
        ("What came in this year about AI regulation?", "lookup", "AI regulation"),  # what was curated
        ("What's Microsoft's strategy on nuclear power?", "lookup", "Microsoft's nuclear power"),  # what it does about it
        ("China's AI strategy", "lookup", "China's AI strategy"),  # a strategy named as a thing stays
        ("What are the highest-rated concerns overall?", "lookup", ""),  # of the whole corpus
        ("What are we missing on fusion energy?", "lookup", "fusion energy"),
        ("What is known about long COVID?", "lookup", "long COVID"),
        ("Where do things stand on nuclear fusion?", "lookup", "nuclear fusion"),
        ("how is japan handling its ageing workforce", "lookup", "japan ageing workforce"),
        ("How is data handling regulated?", "lookup", "data handling regulated"),
        ("How is India approaching AI regulation?", "lookup", "India AI regulation"),
        ("How is India positioning itself in semiconductors?", "lookup", "India semiconductors"),  # where it places itself
        ("How are insurers positioning for climate risk?", "lookup", "insurers climate risk"),
        ("How are indoor positioning systems used?", "lookup", "indoor positioning systems used"),  # a thing named so
        ("How are cities responding to heatwaves?", "lookup", "cities heatwaves"),
        ("How is the EU addressing deepfakes?", "lookup", "EU deepfakes"),
        ("how cities deal with heat", "lookup", "cities heat"),  # no auxiliary
        ("Which technologies are helping farmers cope with drought?", "lookup", "farmers drought"),  # coping says how, asked or not
        ("How is waste handling changing?", "lookup", "waste handling"),
        ("How is climate change affecting wine?", "lookup", "climate change wine"),
        ("What is threatening coral reefs?", "lookup", "threatening coral reefs"),
        ("How is Nigeria's tech scene developing?", "lookup", "Nigeria's tech scene"),  # "tech scene" asks for no technologies
        ("Are developing nations adopting solar?", "lookup", "developing nations adopting solar"),
        ("smart watches", "lookup", "smart watches"),
        ("Why do people quit social media?", "lookup", "quit social media"),
        ("sign language apps", "lookup", "sign language apps"),
        ("How many records discuss cutting the working week?", "count", "cutting working week"),
        ("How does Gen Z feel about work?", "lookup", "Gen Z work"),
        ("police forces and facial recognition", "lookup", "police forces facial recognition"),
        ("rising trends in lab-grown meat", "lookup", "lab-grown meat"),
        ("what is new in quantum computing", "lookup", "quantum computing"),
        # an explicit time frame does make one
        ("What's new since 2025?", "trend", ""),
        ("What's new in the corpus?", "trend", ""),
        ("what has been added recently?", "trend", ""),
        ("How has concern about drones grown over time?", "trend", "drones"),
        ("newest signals on tariffs", "trend", "tariffs"),
        # request words say what to do with the answer; they are not the topic
        ("Give me articles about lab-grown meat", "articles", "lab-grown meat"),
        ("Summarize the curated articles on shipping", "articles", "shipping"),  # the curation is no topic
        ("summarise our curated material on shipping", "briefing", "shipping"),
        ("Show me the curated signals on drones", "lookup", "drones"),
        ("signals on AI-curated playlists", "lookup", "AI-curated playlists"),
        ("Which articles cover ransomware in hospitals?", "articles", "ransomware hospitals"),
        ("Find me some stories on heat pumps", "articles", "heat pumps"),
        ("Make cards about urban AI", "cards", "urban AI"),
        ("now make cards", "cards", ""),  # of the previous topic
        ("OK, now cards please", "cards", ""),
        ("Show me the records on heat pumps", "lookup", "heat pumps"),
        ("Pull up everything on deepfakes", "list", "deepfakes"),
        ("Summarize what the corpus says about orbital debris", "briefing", "orbital debris"),
        ("Summarize what was curated in November 2024", "digest", ""),
        ("credit cards fraud", "lookup", "credit cards fraud"),
        ("How many articles mention drones?", "count", "drones"),
    ],
)
def test_request_and_framing_words_never_reach_the_search(question, intent, query):
    planned = p(question)
    assert (planned.intent, planned.query) == (intent, query)


@pytest.mark.parametrize(
    ("question", "aspects"),
    [
        ("trends about lab-grown meat, and where it is being approved", ["lab-grown meat", "lab-grown meat approved"]),
        ("remote work and its effect on city centres", ["remote work", "remote work city centres"]),
        ("deepfakes in elections; also voice cloning scams", ["deepfakes elections", "voice cloning scams"]),
        ("heat pumps as well as district heating", ["heat pumps", "district heating"]),
        ("What is happening with coral reefs? And what about kelp forests?", ["coral reefs", "kelp forests"]),
        ("drones and counter-drone systems", []),  # one topic with "and" in it
        ("salt and pepper", []),
        ("I work for a hospital. What concerns should we track?", []),  # one topic, then what is asked of it
        # a pronoun stands for what the first part asks about, not what it asks of it
        ("What are the health risks of vaping and how are governments regulating it?", ["health risks vaping", "vaping governments regulating"]),
        ("What are the biggest risks from AI agents, and who is regulating them?", ["risks AI agents", "AI agents regulating"]),
        # ...or what stands where it stands in the first part's wording
        ("Which signals link climate change to migration, and which link it to conflict?", ["climate change migration", "climate change conflict"]),
        # a part that names only an aspect and a kind asks it of the first part's topic
        ("Which signals show demand for nuclear power rising, and what are the safety concerns?", ["demand nuclear power", "nuclear power safety"]),
        # ...and so does a part that names only an aspect ("risks" at large are no part of it)
        ("How is AI changing drug discovery, and what are the risks?", ["AI drug discovery", "AI drug discovery risks"]),
        # ...and what is done about it is asked in the behaviours and technologies on it
        ("Concerns about deepfakes and what is being done about them", ["deepfakes", "deepfakes"]),
        # a part that names only who acts asks what they do about the first part's topic
        ("What are the signals about the decline of birth rates, and what governments are doing?", ["birth rates", "birth rates governments"]),
        ("Signals on the four-day work week, and how employers respond", ["four-day work week", "four-day work week employers respond"]),
        ("Concerns about AI in schools, and what teachers are doing", ["AI schools", "AI schools teachers"]),
    ],
)
def test_multi_part_questions_are_split_into_aspects(question, aspects):
    assert p(question).aspects == aspects


def test_what_is_done_about_the_first_parts_topic_is_its_behaviours_and_technologies():
    planned = p("Concerns about deepfakes and what is being done about them")
    assert planned.aspect_labels() == ["concerns on deepfakes", "behaviors and technologies on deepfakes"]


def test_a_part_that_asks_only_for_a_kind_asks_it_of_the_first_parts_topic():
    planned = p("What are the concerns about AI in healthcare, and which technologies could help?")
    assert (planned.aspects, planned.aspect_kinds) == (["AI healthcare", "AI healthcare"], [["concern"], ["technology"]])
    assert planned.aspect_labels() == ["concerns on AI healthcare", "technologies on AI healthcare"]
    assert p("drones and counter-drone systems").aspect_labels() == []


def test_a_part_that_names_no_kind_asks_for_every_kind_before_one_that_does_and_for_its_after():
    bees = p("What's happening to bees, and which technologies could help them?")
    assert (bees.aspects, bees.kinds) == (["bees", "bees"], [])
    assert bees.aspect_kinds == [list(KINDS), ["technology"]] and bees.aspect_labels() == ["bees", "technologies on bees"]
    police = p("Police facial recognition: which signals show forces rolling it out, and which show the pushback?")
    assert police.aspect_kinds == [["signal"], []] and police.kinds == ["signal"]  # "which show": which signals
    water = p("Data centres: what about their water use, and what concerns about power grids? Concerns only.")
    assert water.aspect_kinds == [["concern"], ["concern"]]
    assert not p("I work for a hospital. What concerns should we track?").aspects  # a statement, then what is asked of it


def test_after_a_subject_and_the_joins_a_second_thing_asked_of_it_in_every_kind():
    heat = p("Heat pumps: adoption signals and the barriers holding them back")
    assert heat.aspects == ["Heat pumps adoption", "Heat pumps barriers holding back"]
    assert heat.aspect_kinds == [["signal"], list(KINDS)]  # the barriers are no "which" asking for signals
    assert p("Energy: oil and gas").aspects == []  # a compound, not two things
    assert p("the risks of AI and the jobs it replaces").aspects == []  # no subject: left as one topic


def test_entities_are_anchors_and_the_focus_drops_them():
    planned = p("What escalation signals involve Estonia?")
    assert [e.name for e in planned.entities] == ["Estonia"]
    assert {"Estonian", "Tallinn"} <= set(planned.entities[0].aliases)
    assert planned.focus == "escalation"
    assert p("Q1 2025 signals on tariffs").entities == []  # a date is not a name


def test_exactly_a_rating_is_a_floor_and_a_ceiling():
    planned = p("signals rated exactly 4 on biodiversity")
    assert (planned.min_relevancy, planned.max_relevancy, planned.query) == (4, 4, "biodiversity")
    assert "relevancy 4" in planned.understood()
    assert p("signals rated 4 on biodiversity").max_relevancy is None  # "rated 4" is 4 or higher


def test_us_after_the_is_the_country_in_any_case():
    planned = p("robotaxis in china vs the us")
    assert planned.intent == "compare" and planned.sides == ["robotaxis in china", "US"]
    assert [e.name for e in planned.entities] == ["China", "United States"]
    assert p("what about us?").entities == []  # a pronoun
    # a question that capitalises nothing still names its countries and regions, not its towns or birds
    assert [e.name for e in p("heat pumps in germany").entities] == ["Germany"]
    assert p("turkey farming").entities == [] and p("nice weather").entities == []
    assert p("What about turkey farming?").entities == []  # capitals elsewhere: lower case is no name


def test_a_country_written_with_stops_is_the_country_and_no_sentence_ends_there():
    planned = p("What is the U.S. doing about chips?")
    assert [e.name for e in planned.entities] == ["United States"] and planned.focus == "chips" and planned.aspects == []
    assert "U.K." in p("drones in the UK").entities[0].aliases  # "U.K. as a Global AI Regulation Hub" names it
    assert p("Heat pumps. And the concerns?").aspects == []  # a full stop still ends a sentence


def test_places_joined_by_a_hyphen_are_each_a_place_and_a_hyphenated_name_stays_one():
    planned = p("What signals are there about tensions on the Finland-Russia border?")
    assert [e.name for e in planned.entities] == ["Finland", "Russia"]
    assert planned.focus == "tensions border"
    assert [e.name for e in p("signals on the US–China trade war").entities] == ["United States", "China"]
    assert [e.name for e in p("concerns about Coca-Cola").entities] == ["Coca-Cola"]


@pytest.mark.parametrize(
    ("question", "limit", "query"),
    [
        ("Top 5 signals on quantum computing", 5, "quantum computing"),
        ("the first 10 concerns about AI", 10, "AI"),
        ("the 3 best signals on fusion", 3, "fusion"),
        ("signals rated 4 out of 5 on drones", None, "drones"),
        ("top-rated signals on AI", None, "AI"),
        ("show me 5", 5, ""),
        ("What are the three most important signals on climate adaptation?", 3, "climate adaptation"),
        ("What are the two key issues for cities?", 2, "cities"),
        ("What's the single biggest risk in the corpus?", 1, "risk"),
    ],
)
def test_how_many_records_the_question_asks_for(question, limit, query):
    assert (p(question).limit, p(question).query) == (limit, query)


def test_a_capital_inside_a_word_is_no_name():
    assert p("signals about 3D-printed houses").entities == []  # not "D-printed"


def test_a_names_possessive_is_not_part_of_the_name():
    assert [(e.name, e.aliases) for e in p("What are Gen Z's attitudes to alcohol?").entities] == [("Gen Z", ["Gen Z", "Gen-Z"])]


@pytest.mark.parametrize(
    ("question", "joined_as_a_list"),
    [
        ("What's in the corpus about the Houthis and the Red Sea?", True),
        ("Energy in Sweden, Norway or Finland", True),
        ("What is China doing in the Arctic?", False),
        ("tensions on the Finland-Russia border", False),
        ("Which signals mention both Tesla and China?", False),  # "both": each of them at once
        ("signals on Tesla and China together", False),
    ],
)
def test_entities_joined_as_a_list_ask_about_any_of_them(question, joined_as_a_list):
    from assistant.entities import coordinated

    entities = p(question).entities
    assert len(entities) > 1 and coordinated(question, [tuple(e.aliases) for e in entities]) is joined_as_a_list


def test_a_demonym_several_countries_list_is_the_most_populous_ones_and_a_region_keeps_only_its_own():
    assert [e.name for e in p("What are American farmers worried about?").entities] == ["United States"]
    assert [e.name for e in p("signals on Indian startups").entities] == ["India"]
    assert [e.name for e in p("French farmers").entities] == ["France"]
    (africa,) = p("What issues surround mobile money in Africa?").entities
    assert {"Kenya", "Kenyan"} <= set(africa.aliases) and not {"Indian", "French"} & set(africa.aliases)
    (americas,) = p("migration in the Americas").entities
    assert "American" in americas.aliases and "French" not in americas.aliases
    # a member's short form is written for it too: "the UK military" is in Europe
    (europe,) = p("Chinese EVs in Europe").entities[1:]
    assert {"United Kingdom", "British", "UK", "U.K."} <= set(europe.aliases)
    # a bare "Congo" is the more populous country whose name ends in it; the full names keep theirs
    assert [e.name for e in p("cobalt mining in Congo").entities] == ["Democratic Republic of the Congo"]
    assert [e.name for e in p("elections in the Republic of the Congo").entities] == ["Republic of the Congo"]
    assert [e.name for e in p("Guinea and Papua New Guinea").entities] == ["Guinea", "Papua New Guinea"]


@pytest.mark.parametrize(
    ("question", "name", "members", "focus"),
    [
        # the gazetteer's subregions as prose writes them, named so, with their countries
        ("Show me signals on the decline of birth rates in East Asia", "East Asia", {"Japan", "South Korean"}, "birth rates"),
        ("signals on Southeast Asia supply chains", "Southeast Asia", {"Vietnam", "Philippines"}, "supply chains"),
        ("scams in South-East Asia", "South-East Asia", {"Cambodia", "Myanmar"}, "scams"),
        ("Latin America lithium", "Latin America", {"Chile", "Bolivia"}, "lithium"),
        ("North Africa migration", "North Africa", {"Egypt", "Morocco"}, "migration"),
        ("backlash against tourists in southern Europe", "Southern Europe", {"Spain", "Greece"}, "backlash tourists"),
    ],
)
def test_a_region_is_found_as_prose_writes_it(question, name, members, focus):
    (region,) = p(question).entities
    assert (region.name, region.type) == (name, "region") and members <= set(region.aliases)
    assert p(question).focus == focus  # no compass word left in the topic


@pytest.mark.parametrize(
    ("question", "name", "members", "focus"),
    [
        # countries grouped by custom, which the UN's regions do not hold, are regions of their members
        ("Signals from Scandinavia", "Scandinavia", {"Sweden", "Danish", "Norway"}, ""),
        ("What are the Nordic countries doing on energy?", "Nordic countries", {"Finland", "Icelander", "Sweden"}, "energy"),
        ("Drone and sabotage concerns in the Baltic states", "Baltic states", {"Estonia", "Latvian", "Lithuania"}, "Drone sabotage"),
        ("Water scarcity in the Middle East", "Middle East", {"Israel", "Iranian", "Saudi Arabia"}, "Water scarcity"),
        ("Conflict signals in the Horn of Africa", "Horn of Africa", {"Ethiopia", "Somalia"}, "Conflict"),
        ("nordic welfare", "Nordic countries", {"Denmark"}, "welfare"),  # in lower case, as a region is
        ("Middle Eastern oil", "Middle East", {"Qatar", "Iraq"}, "oil"),  # by its adjective
        ("and the other Nordic countries?", "Nordic countries", {"Norway"}, ""),  # "other" asks nothing of them
    ],
)
def test_a_grouping_of_countries_by_custom_is_a_region_of_its_members(question, name, members, focus):
    (region,) = p(question).entities
    assert (region.name, region.type) == (name, "region") and members <= set(region.aliases)
    assert p(question).focus == focus


def test_every_member_of_a_grouping_is_a_country_of_the_gazetteer_with_the_grouping_as_context():
    from assistant.entities import GROUPINGS, gazetteer

    countries = {place.name: place for place in gazetteer().values() if place.type == "country"}
    for written, adjectives, members in GROUPINGS.values():
        assert set(members) <= set(countries), set(members) - set(countries)
        assert all(set(written) | set(adjectives) <= set(countries[m].related) for m in members)
    # a question opening with a grouping's name has no opening name besides, whatever the corpus
    # writes ("Gulf" would be one): decided before the corpus is read (no index given)
    from assistant.entities import opening_name

    question = "Gulf states investing in AI"
    assert opening_name(question, p(question).entities, None, most=0) is None  # type: ignore[arg-type]
    # a grouping's initials name it in a question, not in a record (a compiler is "GCC" too)
    (gulf,) = p("What is the GCC investing in?").entities
    assert gulf.type == "region" and "GCC" not in gulf.aliases and "Qatar" in gulf.aliases and p("What is the GCC investing in?").focus == ""
    (estonia,) = p("What escalation signals involve Estonia?").entities
    assert {"Baltic states", "Baltic", "Latvia"} <= set(estonia.related)  # the Baltic's records are its context
    assert "Herzegovinian" in countries["Bosnia and Herzegovina"].aliases  # a demonym field of two is two demonyms


def test_a_part_of_a_place_the_gazetteer_does_not_list_is_named_as_written_with_the_place_as_context():
    (west,) = p("cocoa farming in West Africa").entities
    assert (west.name, west.aliases[:2]) == ("West Africa", ["West Africa", "West African"])
    assert {"Africa", "Ghana"} <= set(west.related) and p("cocoa farming in West Africa").focus == "cocoa farming"
    (east,) = p("war in eastern Ukraine").entities
    assert (east.name, east.aliases, east.related[:1]) == ("eastern Ukraine", ["eastern Ukraine"], ["Ukraine"])
    # a name joined by "of" to a place names a part or a body of it, the place its context
    (gulf,) = p("Concerns about the Gulf of Mexico").entities
    assert (gulf.name, gulf.aliases, gulf.related[:1]) == ("Gulf of Mexico", ["Gulf of Mexico"], ["Mexico"])
    assert [e.name for e in p("What is the Bank of Japan doing?").entities] == ["Bank of Japan"]
    assert [e.name for e in p("Signals in the Republic of Korea").entities] == ["South Korea"]  # the gazetteer's own name
    # a place's adjective at the head of a title-case name names a body, by its name or its initials
    (union,) = p("Which issues involve the European Union and big tech?").entities
    assert (union.name, union.type, union.aliases, union.related[:1]) == ("European Union", "name", ["European Union", "EU"], ["Europe"])
    assert [e.name for e in p("the Chinese Communist Party's view of Taiwan").entities] == ["Chinese Communist Party", "Taiwan"]
    assert [(e.name, e.type) for e in p("European farmers protest").entities] == [("Europe", "region")]  # an adjective of a place
    assert [(e.name, e.type) for e in p("European Signals on drones").entities] == [("Europe", "region")]  # no name follows
    assert [(e.name, e.type) for e in p("Chinese EV makers").entities] == [("China", "country")]  # an acronym is no title
    # an indefinite pronoun is no name, wherever it stands ("Behaviors: Anything on ...", a follow-up's question)
    assert p("Behaviors: Anything on the four-day work week?").entities == []
    # a country whose name starts with a compass word is that country
    assert [e.name for e in p("South Korea chips and North Korea missiles").entities] == ["South Korea", "North Korea"]


def test_large_cities_and_us_states_are_places_with_their_plain_other_names():
    (city,) = p("What records mention New York City?").entities
    assert (city.type, set(city.aliases), city.related[0]) == ("city", {"New York City", "New York", "NY", "NYC"}, "United States")
    assert p("What records mention New York City?").query == "New York City"  # a place's name keeps its "New"
    assert [(e.name, e.aliases) for e in p("Robotaxis in San Francisco and California").entities] == [
        ("San Francisco", ["San Francisco", "SF"]),
        ("California", ["California"]),
    ]
    (columbus,) = p("What does Columbus plan for transit?").entities
    assert columbus.aliases == ["Columbus"]  # not the gazetteer's old and district names ("Franklin")


@pytest.mark.parametrize(
    ("question", "mentions", "does_not"),
    [
        ("What is Mexico doing about water?", ["Mexico's aquifers", "a new Mexican law", "Mexico City's water"], ["groundwater in New Mexico"]),
        ("Sudan's civil war", ["Sudanese refugees", "Sudan's army"], ["South Sudan's oil", "South Sudanese refugees"]),
        ("What is happening in Virginia?", ["Virginia's data centres"], ["West Virginia coal"]),
        ("Signals about Africa", ["South Africa's grid", "Sub-Saharan Africa", "the Central African Republic"], ["Papua New Guinea"]),
        ("What is Iceland doing about energy?", ["Iceland's geothermal plants", "Reykjavik"], ["an urban heat island", "Christmas Island"]),
        # the first part of a compound mentions it, the first part of another name does not
        ("What is Guinea doing about bauxite?", ["Guinea-based miners", "Guinea's bauxite"], ["Guinea-Bissau", "Equatorial Guinea"]),
        ("What is the EU doing about farming?", ["EU-wide rules", "the EU's farm subsidies"], ["EU-China talks"]),
    ],
)
def test_a_place_is_not_mentioned_by_the_longer_name_of_another(question, mentions, does_not):
    from assistant.entities import Entity

    (ref,) = p(question).entities
    pattern = Entity(ref.name, ref.type, tuple(ref.aliases), tuple(ref.related)).pattern()
    assert all(pattern.search(text) for text in mentions)
    assert not any(pattern.search(text) for text in does_not)


# Documents: the analyst's own publications, each an intent (assistant/documents.py).
@pytest.mark.parametrize(
    ("question", "intent", "query", "since", "until"),
    [
        ("digest of March 2025", "digest", "", date(2025, 3, 1), date(2025, 3, 31)),
        ("what was curated the week of 2024-11-17", "digest", "", date(2024, 11, 17), date(2024, 11, 23)),
        ("summarize November 2024", "digest", "", date(2024, 11, 1), date(2024, 11, 30)),
        ("Summarize what was curated in Q1 2025", "digest", "", date(2025, 1, 1), date(2025, 3, 31)),
        ("digest of AI in schools in 2025", "digest", "AI schools", date(2025, 1, 1), date(2025, 12, 31)),
        ("digest of AI in schools", "topic_page", "AI schools", None, None),
        ("topic page on AI in construction", "topic_page", "AI construction", None, None),
        ("trends about lab-grown meat", "outlook", "lab-grown meat", None, None),
        ("five-year outlook on heat pumps", "outlook", "heat pumps", None, None),
        ("Where are humanoid robots heading?", "outlook", "humanoid robots", None, None),
        ("NOW / NEAR / NEXT cards about urban AI", "cards", "urban AI", None, None),
        ("foresight cards on coral reefs", "cards", "coral reefs", None, None),
        ("what were the big themes of 2025?", "themes", "", date(2025, 1, 1), date(2025, 12, 31)),
        ("which themes are growing?", "themes", "", None, None),
        ("themes since 2025", "themes", "", date(2025, 1, 1), None),
        ("themes around climate", "themes", "climate", None, None),
        ("Which themes dominate the technology records?", "themes", "", None, None),  # "dominate" is no topic
        ("What themes dominate the signals on food?", "themes", "food", None, None),
        ("What are the themes in AI?", "themes", "AI", None, None),
        ("the themes of love in novels", "lookup", "themes love novels", None, None),
        # what runs through or emerges from records is a theme ("run food" was searched)
        ("What themes run through the signals on food?", "themes", "food", None, None),
        ("What patterns emerge in the concerns about water?", "themes", "water", None, None),
        # records to be grouped by theme
        ("Group the signals on deepfakes by theme", "themes", "deepfakes", None, None),
        ("Sort the concerns about AI into clusters", "themes", "AI", None, None),
        ("Which behaviours show patterns emerging in sleep?", "lookup", "patterns sleep", None, None),
        # what the corpus states most often
        ("Which technologies are cited most often?", "recurring", "", None, None),
        ("most frequent concerns about AI", "recurring", "AI", None, None),
        ("What comes up most often in the corpus about climate?", "recurring", "climate", None, None),
        ("How many signals recur?", "count", "recur", None, None),
        ("Which signals recur most across articles about remote work?", "recurring", "remote work", None, None),
        ("Which signals recur across many articles about AI?", "recurring", "AI", None, None),
        ("concerns about drones said by several articles", "recurring", "drones", None, None),
        ("What appears in more than one source on heat pumps?", "recurring", "heat pumps", None, None),
        ("What recurs across articles on remote work?", "recurring", "remote work", None, None),
        ("Which concerns appear across the most articles?", "recurring", "", None, None),
        ("How many articles mention hydrogen?", "count", "hydrogen", None, None),
        ("What share of the concerns are about climate?", "count", "climate", None, None),
        ("what proportion of signals mention AI?", "count", "AI", None, None),
        ("market share of EVs", "lookup", "market share EVs", None, None),
        ("What themes are growing fastest?", "themes", "", None, None),
        # not documents
        ("Summarize what the corpus says about orbital debris", "briefing", "orbital debris", None, None),
        ("issues in 2025 with relevancy >= 4", "lookup", "", date(2025, 1, 1), date(2025, 12, 31)),
        ("rising trends in lab-grown meat", "lookup", "lab-grown meat", None, None),
        ("credit cards fraud", "lookup", "credit cards fraud", None, None),
        ("theme parks", "lookup", "theme parks", None, None),
    ],
)
def test_documents_are_planned_from_their_words(question, intent, query, since, until):
    planned = p(question)
    assert (planned.intent, planned.query, planned.since, planned.until) == (intent, query, since, until)


@pytest.mark.parametrize(
    ("question", "where"),
    [
        ("Where are 3D-printed houses being built?", True),
        ("In which cities are robotaxis operating?", True),
        ("Where is AI regulation heading?", False),  # an outlook
        ("Where do the signals disagree on nuclear power?", False),  # on what, not in which places
        ("signals about drought", False),
    ],
)
def test_a_question_that_asks_where_is_marked_so_the_answer_names_places(question, where):
    assert p(question).where is where


def test_where_asked_last_of_what_went_before_is_no_part_of_its_own():
    planned = p("What are the signals on AI in agriculture, and where is it being adopted?")
    assert (planned.query, planned.aspects, planned.kinds, planned.where) == ("AI agriculture", [], ["signal"], True)
    assert p("Signals on solar, and where is it growing fastest?").where
    planned = p("Signals on nuclear power, and where are reactors being built?")  # a topic of its own: a part
    assert len(planned.aspects) == 2
    # ...and which places stand so to it ("exposed" was a part of its own: "Public Data Exposure")
    planned = p("What are the biggest risks in the semiconductor supply chain, and which countries are exposed?")
    assert (planned.query, planned.aspects, planned.where) == ("risks semiconductor supply chain", [], True)
    assert p("What is happening to coral reefs, and which countries are most affected?").query == "coral reefs"
    assert len(p("Signals on reactors, and which countries are building new reactors?").aspects) == 2


@pytest.mark.parametrize(
    ("question", "query"),
    [
        ("Which countries are leading on green hydrogen?", "green hydrogen"),  # the places are the answer
        ("What countries are investing in nuclear?", "investment nuclear"),  # where the money goes
        ("In which cities are robotaxis operating?", "robotaxis operating"),
        ("How many signals mention countries banning TikTok?", "countries banning TikTok"),  # no place asked for
    ],
)
def test_the_places_a_question_asks_for_are_no_words_of_its_topic(question, query):
    assert p(question).query == query
    assert p("What countries are investing in nuclear?").where


def test_capitalised_words_joined_by_of_are_one_name():
    assert [e.name for e in p("shipping through the Strait of Hormuz").entities] == ["Strait of Hormuz"]
    assert [e.name for e in p("What is the Bank of England doing?").entities] == ["Bank of England"]
    # a place ending such words names a part of it, the place its related context (not "Gulf" and Mexico)
    assert p("Signals of rising sea levels in the Bay of Bengal").query == "sea levels Bay of Bengal"  # its "of" stays in the name only
    (gulf,) = p("oil in the Gulf of Mexico").entities
    assert (gulf.name, gulf.type, gulf.related[0]) == ("Gulf of Mexico", "country", "Mexico")
    assert [e.name for e in p("Which of the AI signals matter?").entities] == ["AI"]  # "of" joins names, not a question word


def test_an_acronyms_plural_names_things_not_one():
    assert p("What are the concerns about digital IDs?").entities == [] and p("What are the concerns about digital IDs?").query == "digital IDs"
    assert p("Signals about crypto ATMs").entities == []
    assert [e.name for e in p("Signals of a slowdown in EV sales").entities] == ["EV"]


@pytest.mark.parametrize("question", ["Which signals mention solar or wind?", "solar or wind", "Is nuclear or solar cheaper?"])
def test_an_or_without_which_and_a_clause_is_no_comparison(question):
    assert p(question).intent == "lookup"


def test_a_name_with_a_possessive_inside_is_mentioned_without_it():
    (act,) = p("What are the weak spots of the EU's AI Act?").entities
    assert act.name == "EU's AI Act" and "EU AI Act" in act.aliases


@pytest.mark.parametrize(
    ("question", "query"),
    [
        ("What are analysts watching on space debris?", "space debris"),  # what commentators watch
        ("What to watch in fusion energy", "fusion energy"),
        ("Signals to watch in battery recycling", "battery recycling"),
        ("drones used to monitor crops", "drones monitor crops"),  # a purpose, not a watch list
        ("Is AI fatigue setting in among workers?", "AI fatigue workers"),  # onset and fading are directions asked
        ("Are e-scooters taking hold in cities?", "e-scooters cities"),
        ("Is the hype around generative AI wearing off?", "hype generative AI"),
        ("Is plant-based meat losing its appeal?", "plant-based meat"),
        ("Is nuclear power back in favour?", "nuclear power"),
        ("Which countries are betting on hydrogen?", "hydrogen"),  # a wager, whoever makes it
        ("Who is betting big on nuclear?", "nuclear"),
        ("Is anyone betting on sports?", "betting sports"),  # betting itself
        ("Is there a shift away from plastic packaging?", "plastic packaging"),
        ("What's bubbling up in synthetic biology?", "synthetic biology"),  # the trade's frames
        ("What's under the radar in agriculture?", "agriculture"),
        ("What's the signal-to-noise on nuclear fusion?", "nuclear fusion"),
        ("Any contrarian signals on electric vehicles?", "electric vehicles"),
        ("What's overhyped in AI right now?", "hype AI"),
        ("What's hot in biotech at the moment?", "biotech"),
        ("Signals about craft brewing in the US", "craft brewing US"),
        ("What's the bear case for quantum computing?", "risks quantum computing"),  # the trade's shorthand, plainly
        ("What's the bull case for nuclear power?", "opportunities nuclear power"),
        ("What are the wicked problems in urban housing?", "challenges urban housing"),
        ("What is holding back green hydrogen?", "challenges green hydrogen"),
        ("Technologies addressing water scarcity", "water scarcity"),
        ("Our board wants to know about AI risks in banking", "AI risks banking"),  # who wants to know, and how briefly
        ("What do the records say, in a nutshell, about microplastics?", "microplastics"),
        ("Quick scan: anything new on nuclear fusion?", "nuclear fusion"),
        ("What's the one signal on housing I shouldn't miss?", "housing"),
        ("What are people getting wrong about electric cars?", "electric cars"),
        ("What's the most under-appreciated risk in supply chains?", "risk supply chains"),
        ("Break down the concerns about facial recognition by theme", "facial recognition"),
        ("Signals about the board of directors", "board directors"),  # a board as a topic
    ],
)
def test_the_trades_frames_and_idioms_are_no_words_of_the_topic(question, query):
    assert p(question).query == query


def test_a_subjects_parts_are_each_searched():
    heat = p("Heat pumps: adoption signals and installation problems")  # a plain "and" after a subject
    assert heat.aspects == ["Heat pumps adoption", "Heat pumps installation problems"]
    assert heat.aspect_kinds == [["signal"], list(KINDS)]
    drones = p("Drones in agriculture: which technologies, and what are the regulatory issues?")  # a part that is only a kind asks it of the subject
    assert drones.aspects == ["Drones agriculture", "Drones agriculture regulatory"]
    assert drones.aspect_kinds == [["technology"], ["issue"]]
    fires = p("Wildfires and insurance: concerns, and how insurers are reacting")  # a later part asking no kind asks every kind
    assert fires.aspects == ["Wildfires insurance", "Wildfires insurance insurers reacting"]
    assert fires.aspect_kinds == [["concern"], list(KINDS)]
    assert fires.kinds == []
    solar = p("Solar power: where is it growing fastest, and what is holding it back?")
    assert solar.aspects == ["Solar power", "Solar power challenges"]
    hiring = p("AI in hiring: concerns about bias, and behaviors of job seekers using AI")  # ", and" before a kind
    assert hiring.aspects == ["AI hiring bias", "AI hiring job seekers AI"]
    assert hiring.aspect_kinds == [["concern"], ["behavior"]]
    grids = p("AI data centres: what concerns exist about their water use, and about them straining power grids? Concerns only.")
    assert grids.aspects == ["AI data centres water use", "AI data centres straining power grids"]  # "Concerns only" is no part
    fashion = p("Fast fashion: what concerns and issues are raised about dumped clothes, and about garment workers?")
    assert fashion.aspect_kinds == [["concern", "issue"], []]  # "and about" asks the same kinds
    assert p("Energy: oil and gas").aspects == []


def test_a_name_after_a_places_possessive_is_placed_there_and_a_long_title_has_its_initials():
    from assistant.entities import find_entities

    (nhs,) = find_entities("Signals on the UK's National Health Service")
    assert (nhs.name, nhs.type) == ("National Health Service", "name")
    assert nhs.aliases == ("National Health Service", "NHS")  # records write "the NHS"
    assert "United Kingdom" in nhs.related  # the UK is its setting, not a second thing asked
    assert p("Signals on the UK's National Health Service").focus == ""  # nor a word of the topic
    (who,) = find_entities("What does the corpus say about the World Health Organization?")
    assert who.aliases == ("World Health Organization", "WHO")
    (musk, ai) = find_entities("What has Elon Musk said about AI?")
    assert musk.aliases == ("Elon Musk",)  # a person's two words: no initials
    assert [e.name for e in find_entities("Concerns about Japan's ageing workforce")] == ["Japan"]  # no name follows
    (deepmind,) = find_entities("What is Google's DeepMind doing?")
    assert deepmind.aliases == ("Google's DeepMind", "Google DeepMind", "DeepMind")  # what a name owns is named alone too
    assert [e.name for e in find_entities("Japan's Ministry of Health")] == ["Ministry of Health"]
    # one word of a name after a place's possessive is a thing there, not the place's body: both are asked
    assert [e.name for e in find_entities("Brief me on Russia's Arctic strategy")] == ["Russia", "Arctic"]
    assert [e.name for e in find_entities("Signals about the UK's NHS")] == ["NHS"]  # an acronym is a body
    (gen_z,) = find_entities("Brief me on Gen Z and news consumption")
    assert gen_z.aliases == ("Gen Z", "Gen-Z")  # a two-word name with a short word is also written hyphenated
    # a month or weekday beside a name's word names a day with it
    assert [e.name for e in find_entities("What happened around May Day protests?")] == ["May Day"]
    assert [e.name for e in find_entities("What did Black Friday show about retail?")] == ["Black Friday"]
    assert [e.name for e in find_entities("What did Apple announce in May?")] == ["Apple"]
    assert [e.name for e in find_entities("May Day protests")] == ["May Day"]  # as the question's opening words too


def test_how_often_is_a_count_and_a_share_may_say_its_own_verb():
    from assistant.plan import share_of_topic

    metaverse = p("How often do records mention the metaverse?")
    assert (metaverse.intent, metaverse.query) == ("count", "metaverse")
    assert share_of_topic("What share of records on AI mention jobs?") == "AI"
    assert share_of_topic("What percentage of signals about EVs discuss batteries?") == "EVs"
    assert share_of_topic("What share of records mention China?") == ""  # of the whole index


@pytest.mark.parametrize(
    ("question", "query", "relevancy"),
    [
        ("Concerns about critical infrastructure", "critical infrastructure", None),  # a topic the corpus writes in 241 records
        ("Draft a briefing on critical minerals", "critical minerals", None),
        ("What are the critical issues in cybersecurity?", "cybersecurity", 5),  # before a kind: a rating
        ("What are the most critical threats to the power grid?", "threats power grid", None),  # weighing a finding
        ("What is critical for food security?", "food security", None),
    ],
)
def test_critical_is_a_topics_word_unless_it_weighs_a_finding(question, query, relevancy):
    planned = p(question)
    assert (planned.query, planned.min_relevancy) == (query, relevancy)


def test_themes_across_a_topics_articles_and_a_share_named_before_its_records():
    from assistant.plan import share_of_topic

    crypto = p("What's the spread of themes across articles about cryptocurrency?")
    assert (crypto.intent, crypto.query) == ("themes", "cryptocurrency")
    assert share_of_topic("What proportion of the climate records mention insurance?") == "climate"


def test_a_later_part_that_points_back_or_asks_for_places():
    deepfakes = p("Give me a one-page overview of deepfake concerns and the tools detecting them.")
    assert deepfakes.aspects == ["deepfake", "deepfake tools detecting"]
    assert deepfakes.aspect_kinds == [["concern"], list(KINDS)]
    capture = p("List technologies for carbon capture, and the concerns people raise about them")
    assert (capture.aspects, capture.aspect_kinds) == (["carbon capture", "carbon capture"], [["technology"], ["concern"]])
    nuclear = p("What are the concerns about nuclear power, and which countries are building new reactors?")
    assert (nuclear.aspects, nuclear.aspect_kinds) == (["nuclear power", "building reactors"], [["concern"], list(KINDS)])


def test_concern_as_a_verb_is_no_request_for_concerns():
    resistance = p("How many issues concern antibiotic resistance?")
    assert (resistance.intent, resistance.kinds, resistance.query) == ("count", ["issue"], "antibiotic resistance")
    assert p("Which concerns mention NATO?").kinds == ["concern"]  # the table, asked with "which"
    assert p("Signals that concern about children").kinds == ["signal", "concern"]  # "concern about": the noun's company
    # after "that" or "which", and as a plural subject's second verb after "and"
    assert (p("signals that concern water").kinds, p("signals that concern water").query) == (["signal"], "water")
    assert p("Which signals are rated 5 and concern water?").kinds == ["signal"]
    assert p("signals and concerns rated 5 on water").kinds == ["signal", "concern"]  # two kinds listed
    assert p("Solar panels: which signals show costs falling, and which concerns exist about recycling?").kinds == ["signal", "concern"]


def test_cards_from_a_topic_are_cards():
    cards = p("make cards from drones in warfare")
    assert (cards.intent, cards.query) == ("cards", "drones warfare")


def test_a_short_country_form_in_a_question_that_capitalises_nothing():
    from assistant.entities import find_entities

    assert [e.name for e in find_entities("heat pumps uk")] == ["United Kingdom"]
    assert [e.name for e in find_entities("solar in uae")] == ["United Arab Emirates"]
    assert find_entities("tell us about heat pumps") == []  # "us" stays a pronoun


@pytest.mark.parametrize(
    ("question", "query"),
    [
        # an analyst's imperative at the opening, before what it acts on ("Spot prices", "Review of" keep theirs)
        ("Map the drivers behind declining trust in media.", "declining trust media"),
        ("Rank the concerns about facial recognition by relevancy", "facial recognition"),
        ("Identify the risks of deepfakes", "risks deepfakes"),
        ("Walk me through the signals on fusion", "fusion"),
        ("Highlight concerns about gene editing", "gene editing"),
        ("Tally the behaviours linked to digital detox", "digital detox"),
        ("Spot prices for LNG in Asia", "Spot prices LNG Asia"),  # no object after it: a topic's word
        ("Review of AI regulation", "Review AI regulation"),
        # the trade's metaphors, asked of the topic
        ("Where are the fault lines in the debate over gene editing?", "debate gene editing"),
        ("What are the early tremors of a shift away from cars in cities?", "cars cities"),
        ("What are the contrarian takes on electric vehicles?", "electric vehicles"),
        ("What could derail the hydrogen economy?", "risks hydrogen economy"),
        ("Where do the signals converge on the future of retail?", "retail"),
        ("What does a world of cheap solar look like?", "cheap solar"),
        ("What are the pressure points for food supply chains?", "food supply chains"),
        ("What are the wildcards for the next decade of space?", "space"),
        ("Do experts agree on the future of work?", "work"),
        # a view asked for, a laggard, an occasion, a document's length
        ("What's the read on India's semiconductor ambitions?", "India's semiconductor ambitions"),
        ("Is Germany falling behind on digitalisation?", "Germany digitalisation"),
        ("What's Saudi Arabia's NEOM project signalling?", "Saudi Arabia's NEOM project"),
        ("I need five signals on the future of work for a keynote", "work"),
        ("Write a short brief on ultra-processed foods", "ultra-processed foods"),
        ("Give me a quick summary of short selling", "short selling"),
    ],
)
def test_the_words_an_analyst_frames_a_topic_with_are_no_topic(question, query):
    assert p(question).query == query


@pytest.mark.parametrize(
    ("question", "query", "intent", "limit"),
    [
        ("Who wins and who loses from the energy transition?", "energy transition", "lookup", None),
        ("What are the tail risks for global shipping?", "risks global shipping", "lookup", None),
        ("Is there momentum behind four-day work weeks?", "four-day work weeks", "lookup", None),
        ("Events in Ukraine affecting energy", "Ukraine energy", "lookup", None),
        ("Extreme weather events in cities", "Extreme weather events cities", "lookup", None),  # not before a name
        ("What's the consensus view on nuclear fusion timelines?", "nuclear fusion timelines", "lookup", None),
        ("Are there any sleeper issues in aviation?", "aviation", "lookup", None),
        ("Signals that could upend the insurance industry", "insurance industry", "lookup", None),
        ("What's quietly changing in how people eat?", "people eat", "lookup", None),
        ("Where is the money flowing in climate tech?", "investment climate tech", "lookup", None),
        ("What's the long view on water scarcity?", "water scarcity", "outlook", None),
        ("Who are the big players in cobalt?", "cobalt", "lookup", None),
        ("Who are the new entrants in space launch?", "space launch", "lookup", None),  # as the newcomers to it
        ("Which countries lead in green hydrogen?", "green hydrogen", "lookup", None),  # who leads a field asks of the field
        ("Who leads in quantum computing?", "quantum computing", "lookup", None),
        ("Who is winning the AI race?", "AI race", "lookup", None),  # who wins it, or is ahead, asks of the field too
        ("Is Europe falling behind in AI?", "Europe AI", "lookup", None),  # no second side: no comparison
        ("Is AI replacing jobs?", "AI replacing jobs", "lookup", None),
        ("Who's investing in fusion energy?", "investment fusion energy", "lookup", None),  # who puts money in asks of the investment
        ("Which companies are funding quantum computing?", "investment quantum computing", "lookup", None),
        ("Is the gig economy shrinking or growing?", "gig economy", "lookup", None),  # either way
        ("Is the housing market cooling or heating up?", "housing market", "lookup", None),
        ("Anything interesting on vertical farming lately?", "vertical farming", "lookup", None),  # interest is no topic
        ("Is interest in nuclear energy rising?", "nuclear energy", "lookup", None),  # nor is the interest taken in it
        ("Is crypto coming back?", "crypto", "lookup", None),  # whether it moves
        ("Are workers coming back to the office?", "workers back office", "lookup", None),
        ("What's the opposite view on degrowth?", "degrowth", "lookup", None),  # the view asked is no topic word
        ("Who loses from the energy transition?", "risks energy transition", "lookup", None),  # who loses asks its risks
        ("Who benefits most from remote work?", "opportunities remote work", "lookup", None),  # who wins, its opportunities
        ("Who's losing out from automation?", "risks automation", "lookup", None),
        ("Who stands to lose out from tariffs?", "risks tariffs", "lookup", None),
        ("Who is set to benefit from AI?", "opportunities AI", "lookup", None),
        ("Which countries are investing in hydrogen?", "investment hydrogen", "lookup", None),  # where the money goes, asked of places
        ("What's the appetite for carbon removal?", "carbon removal", "lookup", None),
        ("Where are interest rates heading?", "interest rates", "outlook", None),
        ("Gimme signals about satellite internet", "satellite internet", "lookup", None),
        ("Which issues are most pressing for cities?", "cities", "lookup", None),
        ("Who is ahead in quantum computing?", "quantum computing", "lookup", None),
        ("Which country is winning in EVs?", "EVs", "lookup", None),  # which country asks where
        ("Which firms lead the way on AI safety?", "firms AI safety", "lookup", None),
        ("lead in drinking water", "lead drinking water", "lookup", None),  # the metal
        ("What's holding air taxis back?", "challenges air taxis", "lookup", None),
        ("What's stopping people from buying EVs?", "challenges buying EVs", "lookup", None),  # what stops someone, anyone at all no topic
        ("What is keeping hospitals from adopting AI?", "challenges hospitals adopting AI", "lookup", None),
        ("What's keeping inflation high?", "keeping inflation high", "lookup", None),  # what sustains a thing asks no challenges
        ("What should I know about agentic AI before my board meeting?", "agentic AI", "lookup", None),
        ("Which emerging risks in biotech deserve more attention?", "risks biotech", "lookup", None),
        ("Give me three contrarian signals on remote work", "remote work", "lookup", 3),  # a word between the number and its kind
        ("What's the trajectory for plant-based meat?", "plant-based meat", "outlook", None),
        ("Biggest unknowns in quantum computing", "uncertainties quantum computing", "lookup", None),
        # a quality asked of a topic is the noun the records write
        ("Are robotaxis safe?", "robotaxis safety", "lookup", None),
        ("Are robotaxis safe in China?", "robotaxis safety China", "lookup", None),  # ...where it is asked too
        ("Is the metaverse overhyped?", "metaverse hype", "lookup", None),  # as the records write it
        ("What would a pessimist say about lab-grown meat?", "risks lab-grown meat", "lookup", None),  # the bear case
        ("What do optimists see in nuclear fusion?", "opportunities nuclear fusion", "lookup", None),
        ("Give me the optimist's view on AI", "opportunities AI", "lookup", None),
        ("Is quantum computing over-hyped?", "quantum computing hype", "lookup", None),
        ("How affordable are heat pumps?", "affordability heat pumps", "lookup", None),
        ("Are there safe alternatives to PFAS?", "safe alternatives PFAS", "lookup", None),
    ],
)
def test_what_is_asked_of_a_topic_in_the_trades_words(question, query, intent, limit):
    planned = p(question)
    assert (planned.query, planned.intent, planned.limit, planned.aspects) == (query, intent, limit, [])


def test_the_short_names_prose_uses_for_a_country_name_it_but_not_a_longer_place():
    from assistant.entities import Entity, find_entities

    assert [e.name for e in find_entities("Signals on water in Britain")] == ["United Kingdom"]
    assert [e.name for e in find_entities("Korea birth rates")] == ["South Korea"]
    assert [e.name for e in find_entities("North Korea missiles")] == ["North Korea"]
    korea = Entity.of(p("Korea birth rates").entities[0])
    assert korea.pattern().search("Korea's birth rate") and not korea.pattern().search("North Korea fires missiles")
    america = Entity.of(p("America and China").entities[0])
    assert not america.pattern().search("lithium in Latin America") and not america.pattern().search("South America")
    # South and Central America are regions of their own, not parts of the United States
    assert [(e.name, e.type) for e in find_entities("South America lithium")] == [("South America", "region")]
    assert [(e.name, e.type) for e in find_entities("Central America migration")] == [("Central America", "region")]


@pytest.mark.parametrize(
    ("question", "query", "asked"),
    [
        # why, or what drives it
        ("Why are birth rates falling?", "birth rates", "drivers"),
        ("What's driving the vinyl revival?", "vinyl revival", "drivers"),
        ("What are the root causes of burnout?", "burnout", "drivers"),  # the causes asked are no topic words
        ("What explains the rise of populism?", "populism", "drivers"),
        ("What drives the shift to plant-based diets?", "plant-based diets", "drivers"),  # "drives" asks, as "driving" does
        ("What causes wildfires?", "wildfires", "drivers"),
        ("Which megatrends touch on food systems?", "food systems", ""),  # what touches a topic is asked about it
        ("What would a world without cash look like?", "cash", ""),  # ...and so is a world without it
        ("What are the main reasons for the decline of bees?", "bees", "drivers"),
        ("why on people leaving big cities?", "people leaving big cities", "drivers"),  # a follow-up "why?", resolved
        ("What causes of death are rising?", "causes death", ""),  # a topic, not a question why
        ("How is automation affecting truck drivers?", "automation truck drivers", ""),
        ("why not nuclear?", "not nuclear", ""),
        ("What's pushing companies back to the office?", "companies back office", "drivers"),  # what pushes it drives it
        ("What's pushing back against data centres?", "pushing back data centres", ""),
        ("Is the four-day week spreading, and why?", "four-day week spreading", "drivers"),
        ("How come electricity prices are rising?", "electricity prices", "drivers"),
        ("Top 3 reasons people buy EVs", "people buy EVs", "drivers"),
        ("armed forces in Europe", "armed forces Europe", ""),
        ("Why does it matter that bees are declining?", "bees", "effects"),  # why it matters asks what follows
        # what it leads to
        ("What are the knock-on effects of the ageing population?", "ageing population", "effects"),
        ("What does an aging population mean for healthcare?", "aging population healthcare", "effects"),
        ("What happens if China invades Taiwan?", "China invades Taiwan", "effects"),
        ("What are the implications of an aging workforce?", "implications aging workforce", "effects"),
        ("What is the impact of AI on jobs?", "impact AI jobs", ""),  # two parts, not what follows
        ("What are the side effects of GLP-1 drugs?", "side effects GLP-1 drugs", ""),
        # records ranked by their rating
        ("Rank the concerns about generative AI by relevancy", "generative AI", "by_rating"),
        ("Give me concerns on drones ranked by score", "drones", "by_rating"),
        ("Signals on heat pumps sorted by their rating", "heat pumps", "by_rating"),
        ("List signals on AI sorted by rating", "AI", ""),  # a list keeps its own order; the words are no topic
        ("Rank the signals on AI", "AI", ""),  # ranked by how well they match
        ("order of magnitude by score", "order magnitude", ""),
        # what goes against it, or against what is said of it
        ("What contradicts the idea that EV adoption is accelerating?", "EV adoption", "contrary"),
        ("Any counter-signals to the return-to-office trend?", "return-to-office", "contrary"),
        ("Show me counter-trends to urbanization", "urbanization", "contrary"),
        ("What's the evidence against a housing crash?", "housing crash", "contrary"),
        ("Signals that challenge the narrative of AI taking all jobs", "AI taking jobs", "contrary"),
        ("What are the challenges of heat pumps?", "challenges heat pumps", ""),  # asked of them, not against them
        ("Which technologies are used against drones?", "counter drones", ""),  # the corpus's counter-drone technology
        ("What is the view of insurers on climate risk?", "view insurers climate risk", ""),  # a view, not a claim gone against
        ("Which signals contradict each other on remote work?", "remote work", ""),  # records that disagree
        ("Give me the contrarian view on remote work", "remote work", "contrary"),
        ("The case against nuclear power", "nuclear power", "contrary"),
        ("What's the opposite view on degrowth?", "degrowth", "contrary"),
    ],
)
def test_what_a_question_asks_of_its_records_why_what_follows_and_their_rating(question, query, asked):
    planned = p(question)
    flags = {flag for flag in ("drivers", "effects", "by_rating", "contrary") if getattr(planned, flag)}
    assert (planned.query, flags) == (query, {asked} - {""})
