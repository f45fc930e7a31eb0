"""The rule-based planner: intent, record kinds, relevancy, dates, entities, aspects and the search
text of a question.

Pure functions over the text; `today` is a parameter so relative dates are testable. The words of
a question fall into four groups, each handled by what it is rather than word by word:
- *request* words ("give me articles about", "make cards on", "summarize") say what to do with
  the answer; they set the intent and never reach the search;
- *filter* phrases (kinds, relevancy, dates) become filters;
- *framing* words (question words, and the trade's own vocabulary: "emerging", "rising",
  "trends", "weak signals", "where is ... heading") are how analysts talk about any topic; they
  neither search nor, by themselves, make a time question;
- what is left is the topic, with the places and names in it (entities) as anchors.
"""

from __future__ import annotations

import calendar
import math
import re
from collections.abc import Callable
from datetime import date, timedelta

from index.records import KINDS

from .direction import CHANGE, CLAIM, EVIDENCE, SHOWN_IN
from .entities import SHORT_ALIASES, find_entities, split_compounds
from .models import EntityRef, Intent, QueryPlan

# Kind words; a word glued to a hyphen ("technology-based", "risk-free") is a modifier, not a kind.
_NOT_HYPHENATED = r"(?<![-\w])(?:{})(?![-\w])"
_CONCERN_WORDS = r"concerns?|worries|worry|worried|fears?|afraid|scared|could go wrong|(?:up|awake)\s+at\s+night"  # the concerns table, in other words
KIND_PATTERNS: dict[str, str] = {
    "signal": r"signals?|trends?",
    # "risks" is a topic of the trade ("safety risks", "pandemic risk") more often than a request
    # for the concerns table, which analysts name ("concerns only"); it stays in the search.
    "concern": _CONCERN_WORDS,
    "behavior": r"behaviou?rs?|habits?|practices",
    "technology": r"technolog(?:y|ies)|tech(?:s)?",
    "issue": r"issues?",
}
KIND_RES = {kind: re.compile(_NOT_HYPHENATED.format(p), re.I) for kind, p in KIND_PATTERNS.items()}
# "concern" as the verb after what does the concerning: "How many issues concern antibiotic resistance?",
# "signals that concern water", "Which signals are rated 5 and concern water?" (the plural's verb
# after "and": "signals and concerns rated 5" lists two kinds)
_CONCERN_VERB = re.compile(
    r"(?:\b(?:signals?|issues?|records?|behaviou?rs?|technolog(?:y|ies)|trends?|articles?|they|mostly|directly|also)\s+(?:(?:that|which)\s+)?"
    r"(concerns?)|\band\s+(concern))\b(?=\s+(?!(?:about|over|around|regarding|on|for|of|with|are|is|were|was|and|or)\b)\w)",
    re.I,
)
_KIND_WORD = r"(?:signals?|concerns?|risks?|behaviou?rs?|technolog(?:y|ies)|issues?|trends?|records?)"
_TABLE_KIND = r"(?:signals?|concerns?|behaviou?rs?|technolog(?:y|ies)|issues?)"  # a table's name, as a comparison's sides say it
TABLE_KINDS = rf"{_TABLE_KIND}(?:\s*(?:,|and|&)\s*(?:the\s+)?{_TABLE_KIND})*"  # several of them: "the concerns and issues"

# Words that place one topic in another ("ransomware in hospitals", "loneliness among young men",
# "attacks against pipelines"): a question's parts are split at them, a follow-up narrows by them
PLACING = r"in|on|at|among|amongst|for|against|across|within|inside|throughout|by"

# What one topic does to another, in a verb that says only that it does something ("How is
# climate change affecting wine?", "How is AI changing journalism?"): no topic, and it places the
# second topic under the first as "in" does. A verb that says what it does ("threatening",
# "hurting") is the question's topic: "What is threatening coral reefs?" asks for the threats
EFFECTING = (
    r"affect(?:s|ing|ed)?|impact(?:ing)?|chang(?:e|es|ing)|transform(?:s|ing)?|reshap(?:e|es|ing)|revolutioni[sz](?:e|es|ing)|shap(?:e|es|ing)"
    r"|disrupt(?:s|ing)?|alter(?:s|ing)?|upend(?:s|ing)?"
)

# Who acts in a topic ("the key players", "which companies"): a follow-up about them alone asks
# about the previous topic's; they are no setting of a topic ("players in quantum computing")
ROLE = re.compile(
    r"players?|compan(?:y|ies)|firms?|start-?ups?|actors?|countries|governments?|winners?|losers?|leaders?|stakeholders?|"
    r"investors?|incumbents?|competitors?|regulators?|brands?|organi[sz]ations?|scientists?|researchers?|academics?|universities|labs?|"
    r"critics?|sceptics?|skeptics?|opponents?|supporters?|advocates?|proponents?|backers?|entrants?|newcomers?|upstarts?|challengers?|disruptors?",
    re.I,
)
# who a topic is among: "and millennials?" after "alcohol among Gen Z" swaps the population
POPULATION = re.compile(
    r"gen(?:eration)?[\s-]*(?:[xyz]|alpha)(?:ers)?|millennials?|(?:baby\s+)?boomers?|zoomers?|teens?|teenagers?|adolescents?|"
    r"children|kids|youth|young\s+(?:people|adults|men|women)|older\s+(?:people|adults|men|women)|seniors|(?:the\s+)?elderly|"
    r"retirees|women|men|girls|boys|students|parents|workers|employees|consumers|patients|families|"
    r"people|adults|users|customers|shoppers|residents|citizens|voters|tourists|travell?ers|(?:home)?owners|renters|"
    r"farmers|growers|fishermen|doctors|nurses|teachers|drivers|landlords|employers|businesses",
    re.I,
)
# who acts that is an institution or a trade: "what about insurers?" after autonomous vehicles asks
# for the insurers' side of them, not for insurers at large
INSTITUTIONS = re.compile(
    r"insurers|banks|lenders|retailers|supermarkets|grocers|airlines|automakers|carmakers|manufacturers|utilities|"
    r"hospitals|clinics|schools|colleges|cities|councils|municipalities|militaries|armies|police|courts|unions|charities|"
    r"ngos|non-?profits|platforms|publishers|broadcasters|newsrooms|lawmakers|legislators|policymakers|politicians|"
    r"officials|donors|funders|philanthropists|developers|builders|hotels|restaurants|advertisers|marketers|recruiters|tenants",
    re.I,
)
_ACTOR_NAMED = re.compile(rf"\b(?:{ROLE.pattern}|{POPULATION.pattern}|{INSTITUTIONS.pattern})\b", re.I)


def is_actor(word: str) -> bool:
    """Whether the word names who acts: a role, a population or an institution."""
    return any(words.fullmatch(word) for words in (ROLE, POPULATION, INSTITUTIONS))


def names_actor(text: str) -> bool:
    """Whether the text names anyone who acts ("banks using generative AI", "alcohol among Gen Z")."""
    return _ACTOR_NAMED.search(text) is not None

# --- request words: what to do with the answer -------------------------------------------------
_POLITE = r"(?:please\s+)?(?:(?:can|could|would|will)\s+you\s+(?:please\s+)?)?"
# what an analyst asks done with what is found: "Map the drivers behind ...", "Rank the concerns about
# ...", "Walk me through ..."; at a question's opening and before what they act on ("Spot prices",
# "Review of X" and "Profile of Y" keep their words)
_ANALYSING = (
    r"(?:identify|assess|map(?:\s+out)?|rank|trace|profile|flag|highlight|explore|unpack|chart|analy[sz]e|review|examine|"
    r"evaluate|investigate|survey|scan|spot|pinpoint|detail|characteri[sz]e|catalog(?:ue)?|weigh(?:\s+up)?|gauge|quantify|"
    r"(?:point|call|pick|single)\s+out|sum\s+up|synthesi[sz]e|distil+|scope(?:\s+out)?|dig\s+into|delve\s+into|look\s+(?:into|at)|"
    r"(?:walk|take|run|talk)\s+(?:me|us)\s+through|go\s+through|zoom\s+in\s+on|brief\s+(?:me|us)\s+on|fill\s+(?:me|us)\s+in\s+on|"
    r"(?:bring|get)\s+(?:me|us)\s+up\s+to\s+speed\s+on|catch\s+(?:me|us)\s+up\s+on|help\s+(?:me|us)\s+understand)"
    r"(?=\s+(?:the|a|an|all|any|some|out|what|which|how|where|who|why|whether|key|main|major|top|biggest|recent|current|"
    r"emerging|these|those|this|that|our|their|its|every|each|[1-9]\d?|(?:one|two|three|four|five|six|seven|eight|nine|ten)|"
    r"signals?|concerns?|risks?|behaviou?rs?|technolog(?:y|ies)|issues?|trends?|records?|articles?)\b)"
)
_REQUEST_VERB = (
    _POLITE + r"(?:" + _ANALYSING + r"|"
    r"give|show|find|get|fetch|pull(?:\s+up)?|bring\s+up|look\s+up|dig\s+up|search(?:\s+for)?|look\s+for|"
    r"make|create|build|generate|produce|prepare|write|draft|compile|put\s+together|pull\s+together|break\s+down|list|collect|gather|"
    r"send|share|surface|summari[sz]e|recap|explain|describe|tell\s+me\s+about|i\s+(?:need|want)|i'?d\s+like|we\s+need|"
    r"(?:(?:i'?m|i\s+am|we'?re|we\s+are)\s+)?(?:looking|searching)\s+for|tally(?:\s+up)?)"
    r"(?:\s+(?:me|us))?"
)
_ARTICLE_NOUN = r"(?:articles?|stories|story|reports?|pieces?|news|coverage|sources?|documents?|docs|links|reads|papers?|publications?)"
_OTHER_NOUN = (
    r"(?:cards?|records?|entries|items|results?|notes?|overview|summary|summaries|digest|rundown|round-?up|"
    r"one-?pager|list|table|everything|anything|all|material|info(?:rmation)?|data|what\s+(?:the\s+corpus|we)\s+"
    r"(?:says?|has|have|knows?)|what\s+was\s+curated|what\s+has\s+been\s+curated|what\s+the\s+corpus\s+(?:says|holds))"
)
_DETERMINER = r"(?:(?:a|an|the|some|any|all|all\s+the|a\s+few|every|more|\d+|ten|five|three|our|my|curated|saved|collected|clipped)\s+)*"
_ABOUT = (
    r"(?:about|on|regarding|concerning|covering|around|re|for|of|related\s+to|relating\s+to|linked\s+to|tied\s+to|"
    r"to\s+do\s+with|that\s+(?:mention|cover|discuss)|mentioning|involving|with)"
)
# how a turn of a conversation opens before its request: "now make cards", "OK, then a briefing"
_OPENING = r"^\s*(?:(?:ok(?:ay)?|now|then|and|so|great|thanks|thank\s+you|right|also|next|good|perfect|cool)\b[,.!]?\s+)*"
REQUEST = re.compile(
    _OPENING + r"(?:" + _REQUEST_VERB + r"\s+)?" + _DETERMINER + r"(?P<noun>" + _ARTICLE_NOUN + r"|" + _OTHER_NOUN + r")"
    # "give me articles about X"; or the request alone ("give me cards", "cards please", "now make
    # cards", "make cards from this"): of the previous topic
    r"(?:(?:\s+(?:in|from)\s+the\s+corpus)?\s+(?:from|" + _ABOUT + r")\b(?!\s+(?:this|that|these|those|it|them)\s*[.!?]*$)"
    r"|(?:\s+(?:from|of|for|about|on)\s+(?:this|that|these|those|it|them))?(?:\s+please)?\s*[.!?]*$)",
    re.I,
)
REQUEST_VERB_ONLY = re.compile(_OPENING + _REQUEST_VERB + r"\b(?:\s+" + _ABOUT + r"\b)?", re.I)
ARTICLES = re.compile(
    r"^\s*(?:" + _REQUEST_VERB + r"\s+)?" + _DETERMINER + _ARTICLE_NOUN + r"\b"
    r"|\b(?:which|what)\s+" + _ARTICLE_NOUN + r"\b"
    r"|\bwhat\s+should\s+(?:i|we)\s+read\b|\breading\s+list\b|\bworth\s+reading\b",  # "what should I read on X?"
    re.I,
)
# "how many articles": the unit counted, not the topic
_HOW_MANY = r"\b(?:how many|number of|count(?:\s+the)?)\s+"
ARTICLE_COUNT = re.compile(_HOW_MANY + _ARTICLE_NOUN + r"\b", re.I)  # "how many articles cover X": articles are counted
UNIT = re.compile(_HOW_MANY + r"(?:" + _ARTICLE_NOUN + r"|records?|entries|items|cards?)\b", re.I)
# what one asks of a topic, not a topic ("the risks", "and the backlash?"): the planner's parts and the
# follow-ups ask it of the topic before
ASPECT_WORDS = (
    r"risks?|opportunit(?:y|ies)|challenges?|benefits?|impacts?|effects?|implications?|consequences?|barriers?|obstacles?|"
    r"costs?|downsides?|upsides?|drawbacks?|dangers?|limitations?|advantages?|disadvantages?|pros|cons|threats?|problems?|solutions?|prospects?|"
    r"alternatives?|substitutes?|causes?|reasons?|examples?|applications?|uses?|"
    # how much of a topic there is ("why are sales falling there?" after heat pumps in Germany)
    r"sales|prices?|demand|supply|adoption|uptake|growth|usage|popularity|investments?|regulations?|market|"
    # how people take it
    r"backlash|opposition|criticism|resistance|pushback|controvers(?:y|ies)|debates?"
)
# where a name stands on something: "Microsoft's strategy on nuclear power", "NATO's position"
STANCE_WORDS = r"strateg(?:y|ies)|plans?|approach|position|stance|polic(?:y|ies)|views?|take|bets?|moves|response|role|line"
_CORPUS_FRAME = re.compile(
    r"\b(?:in|from|across)\s+(?:the|our|this)\s+(?:corpus|database|index|collection|archive|data(?:set)?)\b"
    r"|\bwhat\s+(?:the\s+corpus|we)\s+(?:says?|has|have|knows?)\b"
    r"|\b(?:the|our|this)\s+(?:corpus|database|index|collection|archive)\s+(?:raises?|says?|has|holds?|contains?|shows?|knows?)\b|\bwhat\s+(?:was|has\s+been|got)\s+curated\b"
    # "How many signals about robotics were curated?", "... we've collected", "were flagged": the
    # curation, not a topic
    # ("AI-curated playlists" keep theirs)
    r"|\b(?:(?:were|was|have\s+been|has\s+been|got|been|are|is)|(?:we|I|you|they)(?:\s+have|['’]ve)?)\s+(?:\w+ly\s+)?"
    r"(?:curated|collected|gathered|saved|logged|clipped|flagged|tagged)\b"
    r"|\b(?:did|do|have)\s+(?:we|I|you|they)\s+(?:curate|collect|gather|save|log|clip|flag|tag)\b"
    # "Summarize the curated articles on shipping", "our curated material on ...", "the articles curated about ..."
    r"|(?:(?<=\bthe\s)|(?<=\bour\s)|(?<=\bmy\s)|(?<=\bthese\s)|(?<=\bthose\s))(?:\w+ly\s+)?curated(?:\s+(?:material|content|items|pieces|reading|stuff|collection))?(?=\s)"
    r"|(?<![\w-])curated(?=\s+(?:about|on|regarding|around|concerning)\b)"
    r"|\bdriving\s+forces?\b"  # the signals' own column, not a topic ("forces")
    r"|\b(?:(?:is|are|being|get|gets)\s+)?used\s+(?:to|for)\b"  # "technologies used to detect deepfakes" (not "used cars")
    r"|\b(?:working|works)\s+on\b"  # "startups working on carbon removal" (not "the working week", "remote working")
    r"|\bwhat(?:'s|\s+is)\s+the\s+(?:story|deal)\s+(?:with|on|about)\b"  # "what's the story with deepfake scams?"
    # "What's the state of play on AI regulation?", "What is known about long COVID?", "Where do things stand on X?"
    r"|\b(?:the\s+)?(?:current\s+)?state\s+of\s+play\b|(?<!change\s)(?<!changes\s)(?<!changed\s)(?<!changing\s)(?<!alter\s)(?<!alters\s)(?<!upend\s)(?<!shift\s)(?<!the\s)\b(?:the\s+)?(?:(?:big|overall|full|wider|broader)[\s-]+)?(?:picture|lay\s+of\s+the\s+land)\s+(?=(?:on|of|for|about|in|regarding)\b)|\b(?:the\s+)?(?:current\s+|latest\s+)?(?:state|status)\s+of(?=\s+(?:the\s+)?[a-z0-9])(?!\s+(?:the\s+)?(?:union|emergency|mind|the\s+art|art)\b)"
    # "latest news on fusion", "any updates on X": what is new about X, not journalism
    r"|(?<!fake\s)\b(?:the\s+)?(?:latest\s+|recent\s+|any\s+)?(?:news|updates?)\s+(?=(?:on|about|regarding|from)\b)|\bwhat(?:'s|\s+is)\s+(?:currently\s+|already\s+)?(?:known|understood|reported)\s+(?=(?:about|on|of|regarding)\b)"
    r"|\bwhere\s+(?:do|does)\s+(?:things|matters|it|we)\s+stand\s+(?=(?:on|with|in|regarding)\b)"
    # "the blind spots in our coverage of synthetic biology", "what are we missing on fusion?": what
    # the collection lacks on a topic is asked of the topic's records
    r"|\b(?:the\s+)?(?:blind\s+spots?|gaps?|holes?)\s+in\s+(?:our|the|my)\s+(?:coverage|corpus|collection|scanning|horizon\s+scanning)\b"
    r"|\bwhat\s+(?:are|am|might|could|may)\s+(?:we|I)\s+(?:be\s+)?(?:missing|overlooking)\b"
    # "What's Microsoft's strategy on nuclear power?": what Microsoft does about nuclear power
    r"|(?<=['’]s\s)(?:" + STANCE_WORDS + r")\s+(?=(?:on|for|in|towards?|regarding|around)\b)"
    # "What came in this year about AI regulation?": what was curated; "the highest-rated concerns
    # overall": of the whole corpus
    r"|\bwhat(?:'s|\s+has|\s+have)?\s+(?:came|come|arrived)\s+in\b|\s(?:overall|in\s+general|across\s+the\s+board|altogether)(?=\s*[?.!]*\s*$)"
    # "what's the buzz around humanoid robots" ("AI hype" is a topic: records write it)
    r"|\b(?:the\s+)?(?:buzz|chatter|talk|excitement|noise)\s+(?=(?:around|about|over|on|surrounding)\b)"
    # how much of it there is, asked of it: "How big is the trend toward remote work in Asia?"
    r"|\bhow\s+(?:big|large|strong|widespread|common|prevalent|important|significant|serious|fast|quick(?:ly)?|real)(?:\s+(?:of\s+)?an?\s+(?:deal|thing))?\s+(?:is|are|was|were|has|have)\b"
    # what commentators or the records say of a topic: "What do analysts flag about synthetic
    # biology?", "What are economists warning about tariffs?" (not "What do teenagers think about
    # social media?": they are who it is about)
    r"|\bwhat\s+(?:do|does|did|are|is|were|have|has|will|would)\s+(?:the\s+|our\s+|most\s+|many\s+|some\s+|other\s+)?"
    r"(?:analysts?|experts?|researchers?|scientists?|economists?|observers?|forecasters?|futurists?|critics?|sceptics?|skeptics?|"
    r"commentators?|pundits?|authors?|writers?|sources?|corpus|records?|signals?|articles?|reports?|data|evidence|research|studies|literature|science)\s+"
    r"(?:say(?:s|ing)?|said|think(?:s|ing)?|thought|flag(?:s|ged|ging)?|highlight(?:s|ed|ing)?|warn(?:s|ed|ing)?|not(?:e|es|ed|ing)|"
    r"predict(?:s|ed|ing)?|expect(?:s|ed|ing)?|forecast(?:s|ing)?|argu(?:e|es|ed|ing)|claim(?:s|ed|ing)?|believe[sd]?|make\s+of|"
    r"see(?:s|ing)?|suggest(?:s|ed|ing)?|tell(?:s|ing)?\s+us|report(?:s|ed|ing)?|watch(?:es|ing)?|track(?:s|ing)?|monitor(?:s|ing)?)(?=\s+(?:about|on|regarding|of|for|over|around|in)\b)"
    # what the records would show, asked of them: "Is there evidence that people are quitting social
    # media?", "any signs of ...", "Do we see indications that ..." ("evidence-based policy" keeps its word)
    r"|\b(?:(?:is|are)\s+there|do\s+(?:we|you|they|the\s+records)\s+(?:see|have|find|show)|(?:we|they)\s+(?:see|have))?\s*(?:any|some|much|real|clear|strong|growing)?\s*"
    r"(?<![\w-])(?:evidence|signs?|indications?|proof|hints?)\s+(?:that|of)\b(?!\s+change\b)"
    r"|\b" + SHOWN_IN + EVIDENCE +  # "Is there evidence remote work is ..."
    r"|(?<![\w-])(?:evidence|proof)\s+(?:on|for|about|around|regarding)\b"  # "What's the evidence on four-day weeks?"
    r"|(?<![\w-])(?:evidence|signs?|indications?|proof)\s+(?:is|are)\s+there\s+(?:of|that)\b"  # "What evidence is there of a backlash ...?"
    # who is asking: "My client is a European car maker", "I work for a hospital", "As a bank,",
    # "We're a retailer"; what follows is the topic
    r"|\b(?:my|our)\s+(?:client|customer|company|firm|organi[sz]ation|employer|team|board|boss)\s+"
    r"(?:is|are|runs?|operates?|owns?|makes?|builds?|sells?|manages?)(?:\s+(?:an?|the))?\b"
    r"|\bI\s+(?:work|am\s+working|['’]m\s+working)\s+(?:for|at|in|with)(?:\s+(?:an?|the))?\b"
    r"|^\W*(?:I|we)\s+(?:run|own|manage|operate|lead|head)\s+(?:an?|the|my|our)\b"  # "I run a hospital. What should I watch?"
    r"|\b(?:I|we)(?:\s+am|\s+are|['’]m|['’]re)?\s+advis(?:e|ing)(?:\s+(?:an?|the|my|our))?\b"  # "I'm advising a pension fund: ..."
    # whoever should know it, when it is asked about something: "What should a city planner know about robotaxis?"
    r"|\bwhat\s+(?:should|must|do(?:es)?|would)\s+(?:an?|the|my|our|every|any)\s+(?P<reader>(?:[\w-]+\s+){1,3}?)(?:need\s+to\s+)?(?:know|understand|learn)(?=\s+(?:about|on|regarding)\b)"
    r"|^\W*as\s+(?:an?|the)\s+(?!(?:result|consequence|whole|rule)\b)(?=[^,.;?]{1,40},)|\b(?:we|I)(?:\s+are|\s+am|['’]re|['’]m)\s+an?\b"
    # ...and what they should do about it: "What concerns should we track?"
    r"|\b(?:should|must|need\s+to|ought\s+to)\s+(?:we|I|they|you)\s+(?:be\s+)?(?:track(?:ing)?|watch(?:ing)?|monitor(?:ing)?|"
    r"follow(?:ing)?|know\s+about|care\s+about|keep\s+an\s+eye\s+on)\b"
    # ...whoever should: "What should a water utility be watching?" (not "smart watches")
    r"|\bbe\s+(?:track|watch|monitor|follow|prepar|plann)ing(?:\s+for)?\b|\b(?:keep(?:ing)?|have|has)\s+(?:an|their|its|our|my)\s+eyes?\s+on\b"
    r"|\b(?:watch|look)(?:ing)?\s+out\s+for\b"  # "What should a food retailer watch out for?"
    # a shift away from a thing asks about the thing: "Is there a shift away from plastic packaging?"
    r"|(?:(?<=\bshift\s)|(?<=\bshifts\s)|(?<=\bshifting\s)|(?<=\bpivot\s)|(?<=\bpivoting\s)|(?<=\bdrift\s))away\s+from\b"
    # who wants to know, and how briefly: "Our board wants to know about AI risks in banking", "in a nutshell", "Quick scan:"
    r"|\b(?:my|our|the)\s+(?:client|customer|company|firm|organi[sz]ation|employer|team|board|boss|ceo|manager|minister|director|editor)s?\s+"
    r"(?:wants?|needs?|would\s+like|asked|has\s+asked|is\s+asking)(?:\s+(?:me|us))?(?:\s+to\s+(?:know|understand|learn|hear|see|read)(?:\s+more)?)?"
    r"|\b(?:in\s+a\s+nutshell|in\s+short|in\s+brief|in\s+summary|at\s+a\s+glance|in\s+plain\s+(?:english|terms|words))\b"
    r"|\b(?:quick|rapid|fast|brief)\s+(?:scan|look|check|question|overview|rundown)\b|^\W*scan\s*:"
    # what the reader must not miss or gets wrong: "the one signal I shouldn't miss", "What are people getting wrong about EVs?"
    r"|\b(?:I|we|you)\s+(?:shouldn['’]?t|should\s+not|can['’]?t|cannot|mustn['’]?t|must\s+not|don['’]?t\s+want\s+to)\s+(?:miss|overlook|ignore)\b"
    r"|\b(?:getting|get|got|gets)\s+wrong\b|\b(?:most\s+)?(?:under-?appreciated|under-?rated|overlooked|under-?reported|under-?estimated)\b"
    # what is worth watching, said as the trade says it: "What to watch in fusion energy", "risks to track on lithium"
    r"|(?:(?<=\bwhat\s)|(?<=\bthings\s)|(?<=\bsignals\s)|(?<=\btrends\s)|(?<=\brisks\s)|(?<=\bissues\s)|(?<=\bconcerns\s)|(?<=\bdevelopments\s))"
    r"to\s+(?:watch|track|monitor|follow|keep\s+an\s+eye\s+on)(?:\s+out)?(?:\s+for)?\b"
    r"|\b(?:tell|show|give)\s+me\s+more\s+(?:about|on)\b|^\s*more\s+(?:about|on)\b"  # "tell me more about X": X
    # the answer's form: "in one paragraph", "in three bullet points"; "help me understand X": X
    r"|\bin\s+(?:one|a|two|three|four|five|\d+)\s+(?:short\s+)?(?:paragraphs?|sentences?|pages?|lines?|words|bullet(?:\s+point)?s?)\b"
    r"|\b(?:one|two|1|2|single)[\s-]+pag(?:e|er)\b"  # "a one-page brief on drones": its length
    r"|\b(?:help\s+(?:me|us)|(?:I|we)\s+(?:want|need)|trying)\s+(?:to\s+)?(?:better\s+)?understand\b"
    # the order asked for is the answer's own: "most relevant first", "sorted by relevance"
    r"|\b(?:(?:the\s+)?most\s+relevant|best|strongest|highest[\s-]rated)\s+first\b|\b(?:sorted|ordered|ranked)\s+by\s+(?:their\s+|its\s+)?(?:relevan(?:ce|cy)|ratings?|scores?)\b",
    re.I,
)
# Who the answer is for: "a briefing on heat pumps for the board", "... for a utility CEO": framing,
# the audience's sector too, unless nothing else is asked ("Signals for a pharma client": pharma)
_READERS = r"(?:investor|regulator|policy\s*maker|executive|minister|donor|funder|stakeholder|board\s+member|decision[\s-]maker)"  # a document's readers
_AUDIENCE = re.compile(
    r"\b(?:for|before|ahead\s+of)\s+(?:the|my|our|a|an)\s+(?P<sector>(?:[\w-]+\s+){0,2}?)(?:board|team|boss|ceo|cfo|cto|leadership|management|clients?|"
    r"ministry|committee|council|" + _READERS + r"s?|meeting|newsletter|presentation|workshop|colleagues|"
    r"keynote|talk|speech|panel|podcast|webinar|conference|pitch|lecture|seminar|town\s+hall)"
    r"(?:\s+(?:meeting|presentation|pack|deck|paper|memo|session|offsite|retreat|update))?\b(?!\s+of\b)",  # "for a board meeting"
    re.I,
)

# how long the document asked for is: "a short brief on X", "a quick summary of Y" ("short selling" is a topic)
_DOCUMENT_SIZE = re.compile(
    r"\b(?:short|quick|concise|brief|crisp|punchy|high-level|one-page|two-page|detailed|longer|fuller)\s+"
    r"(?=(?:brief|briefing|memo|note|summary|overview|report|digest|rundown|one-?pager|update|explainer|write-?up)s?\b)",
    re.I,
)

# a reader's words that say who, not which trade: "a company", "my team", "an investor"
_WHO_READS = re.compile(
    r"(?:" + _READERS + r"s?|companies|company|firms?|business(?:es)?|organi[sz]ations?|teams?|boards?|bosses|boss|clients?|customers?|"
    r"managers?|leaders?|leadership|person|people|everyone|one|CEOs?|CFOs?|CTOs?|founders?|owners?|analysts?|officials?|"
    r"strategists?|advis[eo]rs?|consultants?|directors?|officers?|heads?|professionals?|practitioners?|specialists?)",
    re.I,
)


def _plurals(word: str) -> tuple[str, ...]:
    """The word and its plurals ("utility": utilities), as `INSTITUTIONS` names them."""
    return (word, word + "s", word[:-1] + "ies" if word.endswith("y") else word + "es")


def _framing(match: re.Match[str]) -> list[tuple[int, int]]:
    """The spans of a corpus frame to leave out of the topic: all of it, but the trade of whoever
    should know something ("What should a food company know about GLP-1 drugs?" asks what GLP-1
    drugs mean for food; "What should an investor know about lithium?" asks about lithium)."""
    if match.group("reader") is None:
        return [match.span()]
    reader = match.group("reader")
    roles = [m.span() for m in re.finditer(r"(?<![\w-])" + _WHO_READS.pattern + r"(?![\w-])", reader, re.I)]
    trade = [w for w in re.finditer(r"[\w-]+", reader) if not any(a <= w.start() < b for a, b in roles)]
    # ...and of a trade and the institution it qualifies, the trade ("a food retailer": food; "a
    # bank" is its own trade, and a city planner's is the city)
    if len(trade) > 1 and any(INSTITUTIONS.fullmatch(form) for form in _plurals(trade[-1].group(0))):
        trade = trade[:-1]
    if not trade:
        return [match.span()]
    start, end = match.start("reader") + trade[0].start(), match.start("reader") + trade[-1].end()
    return [(match.start(), start), (end, match.end())]


# whom records are relevant to: "Which signals are most relevant for a logistics company?" asks
# for logistics, the highest rated first (its trade is the topic, as `_framing` keeps it); relevant
# to someone is no rating of 5
_RELEVANT_TO = re.compile(
    r"\b(?:(?:the\s+)?(?:most|more|especially|particularly|highly)\s+)?relevant\s+(?:to|for)\s+(?:an?\s+|the\s+|my\s+|our\s+|their\s+)?"
    r"(?P<reader>(?:[\w-]+\s+){0,3}?(?:" + _WHO_READS.pattern + r"))(?![\w-])",
    re.I,
)


# ...and a document for a whole group, last in the request: "Draft a memo on the future of retail for
# investors" (not "retail investors" as the topic; "signals for investors in lithium" asks on, and so
# does a lookup: "Signals on the sharing economy for regulators" is the follow-up "what about regulators?")
_BARE_AUDIENCE = re.compile(
    r"(?<=\S)\s+for\s+(?:" + _READERS + r"s|(?:[\w-]+\s+){1,2}?(?:leaders|managers|executives|professionals|practitioners|strategists|planners|officers|teams))"
    r"(?=\s*(?:[?.!]|$))",  # "... for HR leaders" (HR is who reads, not the topic's entity)
    re.I,
)

# what asks why a topic moves, shared by the framing it leaves out of the topic (`_TRADE_FRAME`) and
# the question it marks (`_DRIVERS`, `_MATTERING`): "the main causes of", "reasons people ...",
# "the forces shaping ...", "why does it matter"
_CAUSAL = r"(?:the|key|main|major|biggest|underlying|primary|structural|real|deeper)"
_REASONS = r"reasons?\s+(?:why\b|(?=(?:people|consumers|companies|firms|users|customers|buyers|investors|we|they)\b))"
_FORCES_AT = r"(?:shaping|driving|reshaping|behind)"
_MATTER = r"why\s+(?:does|do|would|should|did)\s+(?:it|this|that)\s+matter"

# The trade's own names for what it looks for frame the question; the records never use them
# ("What wild cards are there around AI?" found a card game's wild cards).
_TRADE_FRAME = re.compile(
    r"\bwild[\s-]*cards?\b|\bblack\s+swans?\b|\bmega-?trends?\b|\bhorizon[\s-]+scan(?:s|ning)?\b"
    r"|\bdrivers?\s+of\s+change\b|\b(?:inflection|tipping)\s+points?\b|\bgame[\s-]*changers?\b"
    r"|\b(?:second|third|2nd|3rd)[\s-]+order\s+(?:effects?|impacts?|consequences?)\b|\b(?:knock-on|ripple|spillover)\s+effects?\b"
    r"|\b(?:early[\s-]+)?warning\s+signs?\b|\b(?:leading|early)\s+indicators?\b|\bsignposts?\b|\bscenarios?(?:\s+\w+)?\s+(?:for|of|on|around)\b"
    # ...the scenarios a question asks the records for ("What scenarios do the records suggest for
    # money?"), and the futures cone's words ("What are plausible futures for cities?")
    r"|\bscenarios?(?=\s+(?:do|does|did|could|might|would|can|are|is|emerge|exist)\b)|\b(?:possible|plausible|probable|preferable|preferred|alternative)\s+futures?\b"
    r"|\bscan(?:ning)?\s+the\s+horizon\b|\b(?:signs?|signals?|indicators?)\s+of\s+change\b"
    r"|\b(?:early|first|faint)\s+(?:signs?|tremors?|stirrings?|rumblings?|glimmers?|hints?|whispers?)\b|\bfault[\s-]+lines?\b"
    # ...and of the signals themselves, which stay the kind asked ("the early signals of a housing crash", as "weak signals")
    r"|\b(?:early|earliest|first|faint|faintest|leading)\s+(?=signals?\b)"
    # who turns to a thing takes it up: "teenagers turning to AI companions" asks about teenagers and AI
    # companions ("turning away from" keeps its words: it asks the opposite)
    r"|\bturn(?:s|ed|ing)?\s+(?=to\s+(?!be\b)\w)"
    # ...and so does who embraces it: "people embracing repair culture" ("Holistic Healing Approaches" led, for "embracing")
    r"|\bembrac(?:e|es|ed|ing)\s+(?=\w)"
    # the story of a topic is the topic: "Tell me the story of the decline of malls" searched "story malls"
    r"|\b(?:the\s+)?(?:back)?(?:story|tale|saga)\s+(?=of\b|behind\b)"
    r"|\b(?:over\s+|in\s+|for\s+)?the\s+(?:next|coming)\s+(?:decade|ten\s+years|five\s+years|few\s+years|years)(?:\s+(?:of|for|in))?\b"
    r"|\ba\s+world\s+(?:of|with)\b|\b(?:the\s+)?(?:idea|notion|assumption|view)\s+that\b|\bhere\s+to\s+stay\b"
    # where a topic is under strain is asked of the topic (read as "vulnerabilities", cyber supply chains came into food's)
    r"|\bpressure[\s-]+points?\b"
    # what is only starting, or how much of it is real: "under the radar", "bubbling up", "the signal-to-noise on", "contrarian"
    r"|\b(?:flying\s+)?under\s+the\s+radar\b|\bsignal[\s-]+to[\s-]+noise(?:\s+ratio)?\b|\bcontrarian\b"
    # ...or too little heeded: "What is not being talked about enough in climate tech?", "underrated signals on food"
    r"|\b(?:not|n['’]t)\s+(?:being\s+)?(?:talked\s+about|discussed|covered|noticed|mentioned|watched|heeded)\s+(?:enough|much)\b"
    r"|\bunder-?(?:rated|appreciated|reported|discussed|estimated|noticed)\b"
    r"|\b(?:what(?:'s|’s|\s+is|\s+are)|anything|something|is|are)\s+(?:\w+\s+)?(?:bubbling|brewing|percolating|simmering)(?:\s+(?:up|under|away))?\b"
    r"|\bwhat(?:'s|’s|\s+is)\s+hot\b(?=\s+(?:in|around|on|right|at|these)\b)"
    # who leads a field is asked of the field: "who are the big players in cobalt?" ("big players" found sports)
    r"|\b(?:the\s+)?(?:key|big|main|major|biggest|leading|dominant|top|important)\s+(?:players|actors|stakeholders|names)(?:\s+(?:in|on|behind|around))?\b"
    # ...and so are the newcomers to it: "Who are the new entrants in space launch?" (paper planes launched from space)
    r"|\b(?:the\s+)?(?:new|emerging|recent)\s+(?:entrants|players|challengers|competitors|arrivals)(?:\s+(?:in|on|into|to))?\b"
    r"|\b(?:deserves?|needs?|merits?|warrants?)\s+(?:more|closer|greater|less)\s+(?:attention|scrutiny|focus)\b"
    r"|\bsleeper\s+(?=(?:issues?|risks?|signals?|trends?|threats?|hits?)\b)|\b(?:momentum|traction)\s+(?:behind|for|around)\b"
    r"|\b(?:the\s+)?events\s+(?=(?:in|around|across)\s+(?:the\s+)?(?-i:[A-Z]))"  # "Events in Ukraine": Ukraine ("extreme weather events" keep theirs)
    r"|\bright\s+now\b|\bat\s+(?:the\s+)?(?:moment|present)\b|\bthese\s+days\b|\bas\s+(?:of|things\s+stand)\s+(?:now|today)\b"
    r"|\b(?:the|key|main|major|biggest|underlying|primary|structural|what|which)\s+drivers?(?:\s+of\s+change)?\b|^\s*drivers?\s+(?:of|behind)\b"  # not "truck drivers"
    # ...and its causes and reasons ("the root causes of burnout", "what explains the rise of populism")
    r"|\b(?:" + _CAUSAL + r"\s+)+(?:root\s+)?(?:causes|reasons)(?=\s+(?:of|for|behind)\b)|\broot\s+causes?(?=\s+(?:of|for|behind)\b)"
    r"|\bwhat\s+(?:explains|lies\s+behind|drives|fuels|causes(?!\s+of\b))\b"  # "What drives the shift to plant-based diets?"
    # what a topic touches is asked about ("Which megatrends touch on food systems?"), and a world
    # without a thing asks about the thing ("What would a world without cash look like?")
    r"|\b(?:touch(?:es|ing)?|bear(?:s|ing)?)\s+(?:on|upon)\b|\b(?:a|the)\s+(?:world|future|society|life|economy)\s+without\b"
    r"|^\W*how\s+come\b|\b(?:(?:top|main|key)\s+(?:\d+\s+|three\s+|five\s+)?)?" + _REASONS
    + r"|\b(?:the\s+)?(?:main\s+|key\s+|big\s+)?forces\s+(?=" + _FORCES_AT + r"\b)|\b" + _MATTER + r"(?:\s+that)?\b",
    re.I,
)
# Asking for a view is asking about its topic: "the corpus view on crypto crashes", "what's the
# take on remote work", "thoughts on AI art" (not "public opinion on nuclear power": the records
# speak of public perception)
_OPINION_ON = re.compile(
    r"(?:(?<!public\s)\b(?:(?:opposite|opposing|contrary|dissenting|counter)\s+)?(?:views?|consensus(?:\s+(?:view|position))?|perspectives?|thoughts|opinions?|thinking|stance)"
    r"|\b(?:the|your|a|its|their)\s+(?:\w+\s+)?(?:take|read)|\b(?:hot|contrarian|different|other|alternative|sceptical|skeptical|critical|bold|fresh|expert)\s+takes)"
    r"\s+(?:on|about|regarding|towards?)\b",  # not "take on debt"
    re.I,
)
# What new technologies or entrants do to a field transforms it ("Which technologies could disrupt
# insurance?" searched "disrupt insurance"); what might disrupt something else threatens it, and the
# records say "disruptions" ("What might disrupt global shipping?")
_DISRUPTING = re.compile(
    r"\b(?:technolog(?:y|ies)|tech|innovations?|start-?ups?|entrants|newcomers)\s+(?:(?:are|is|that|which|could|might|may|will|set\s+to)\s+){0,2}"
    r"(disrupt(?:s|ing)?)\b",
    re.I,
)
# How much a kind of finding weighs, asked of it: "the big issues around space mining", "the most
# important risks" (not "big data", "Big Tech", "serious games")
# What a question asks to find about a topic, in the words of the trade or its own ("the threats
# AI poses to democracy", "what harm microplastics do"): a kind of finding, not a topic's setting
FINDING = (
    r"signals?|trends?|concerns?|worries|fears?|behaviou?rs?|technolog(?:y|ies)|issues?|risks?|challenges?|"
    r"questions?|problems?|threats?|dangers?|opportunit(?:y|ies)|developments?|changes?|shifts?|stories|debates?|"
    r"harms?|damage|benefits?|impacts?|effects?|consequences?|implications?|downsides?|drawbacks?|upsides?|(?:dis)?advantages?|pitfalls?"
)
# the troubles a topic has (`FINDING`'s and more), and the verbs that say it has them
_TROUBLES = r"challenges?|problems?|obstacles?|barriers?|hurdles?|risks?|threats?|dangers?|difficult(?:y|ies)|headwinds?|issues?|pressures?|constraints?"
BESET = r"(?:fac(?:e|es|ed|ing)|confront(?:s|ed|ing)?|plagu(?:e|es|ed|ing)|beset(?:s|ting)?|hamper(?:s|ed|ing)?|hinder(?:s|ed|ing)?|dogging|bedevil(?:s|l?ed|l?ing)?)"
_WEIGHING = re.compile(
    r"\b(?:big|bigger|important|significant|notable|serious|pressing|urgent|crucial|critical|real)\s+(?=(?:" + FINDING + r")\b)"
    r"|\b(?:is|are)\s+(?:most\s+)?(?:critical|crucial|vital|essential)\s+(?=(?:for|to)\b)",  # "What is critical for food security?" ("critical minerals" is a topic)
    re.I,
)
# What relates two topics, asked of them: "signals that connect climate change and insurance", "the
# link between sleep and productivity" (not "technologies that connect the brain to computers")
_RELATING = re.compile(
    r"\b(?:connect|connects|connecting|link|links|linking|bridge|bridges|bridging)\s+(?=(?:[\w'’-]+\s+){1,5}?(?:and|with)\s)"
    r"|\b(?:the\s+)?(?:links?|connections?|relationships?|intersections?|overlaps?|interplay|nexus)\s+(?:between|of)\s+(?=(?:[\w'’-]+\s+){1,5}?and\s)",
    re.I,
)

# What a finding does, asked of a topic: "What issues arise from X?", "What risks come with X?",
# "What concerns do experts raise about X?": the verb ties the finding to the topic and names
# neither ("raise" is no topic; "raising children" is, outside this frame)
# the verbs by which a finding comes from its topic ("arise from", "come with", "crop up in")
FINDING_VERBS = (
    r"aris(?:e|es|ing)|arose|stem(?:s|ming|med)?|com(?:e|es|ing)|came|result(?:s|ing|ed)?|emerg(?:e|es|ing|ed)"
    r"|spring(?:s|ing)?|sprang|flow(?:s|ing)?|follow(?:s|ing)?|surfac(?:e|es|ing|ed)|appear(?:s|ing|ed)?"
    r"|(?:crop(?:s|ping|ped)?|pop(?:s|ping|ped)?|show(?:s|ing|ed|n)?|turn(?:s|ing|ed)?)(?=\s+up\b)"
)
_FINDING_VERB = re.compile(
    r"\b(?:" + FINDING + r")\s+(?:(?:are|is|were|was|have\s+been|has\s+been|might|may|could|can|will|would)\s+)?"
    r"(?P<verb>" + FINDING_VERBS + r")(?:\s+up)?"  # "come up around", "crop up in"
    r"(?:\s+(?=(?:from|with|out\s+of|around|among|over|about|regarding|in|for)\b)|(?=\s*[?.!]*\s*$))"  # ...or nothing: "which issues come up?"
    # "the concerns people raise about them", "What issues do critics raise about ...?"
    r"|\b(?:" + FINDING + r")\s+(?:(?:do|does|did|will|would|might|could|have|has)\s+)?(?:[\w'’-]+\s+){1,3}?"
    r"(?P<said>raise[sd]?|raising|voice[sd]?|voicing|express(?:es|ed)?|expressing|flag(?:s|ged)?|cite[sd]?|see|seen|identif(?:y|ied|ies)|highlight(?:s|ed)?|note[sd]?|have|had)"
    r"\s+(?=(?:about|over|regarding|around|with|on|in|for)\b)"
    r"|\b(?:" + FINDING + "|" + _TROUBLES + r")\s+(?:do|does|did)\s+(?:(?!(?:to|for|in|on|at|of|by|about|with|from|into|over|and|or|against|across|among|through|via|without|under|after|before|during|between|than|as|like)\b)[\w'’-]+\s+){1,4}?"
    r"(?P<last>[\w'’-]+)(?=\s*[?.!]*\s*$)",
    re.I,
)  # the last: "What issues does remote work raise?" ends on its verb

ANYONE = r"(?:people|folks|everyone|everybody|individuals)"  # anyone at all: no population a modifier picks ("young people")
# Who holds a concern or a view, when anyone might: "What worries people about smart glasses?",
# "What are people saying about X?" ask about X; the holder is no topic ("older people" is)
_HOLDER = re.compile(
    r"\b(?:worr(?:y|ies|ied)|concerns?|concerned|bothers?|scares?|frightens?|troubles?|fears?|do|does|did)\s+"
    r"(?:most\s+|many\s+|some\s+)?(?P<holder>people|folks|everyone|everybody|anyone|anybody|the\s+public|society)\b"
    r"(?=(?:\s+\w+){0,3}?\s+(?:about|over|with|regarding|around)\b)"
    r"|\b(?P<worried>people|folks|everyone|everybody|anyone|anybody|the\s+public|society)\s+(?:are\s+|is\s+|get\s+|feel\s+)?"
    r"(?:worried|concerned|afraid|scared|anxious|fearful|nervous|uneasy|saying|thinking|feeling|talking)\s+(?:about|over|of|by)\b"
    # ...or who does what is asked, when anyone might: "How are people using ChatGPT for therapy?"
    # asks how ChatGPT is used for therapy ("How are older people using ...": older people are the topic),
    # and so does "what's changing in how people buy groceries online", without the auxiliary when
    # the verb has its object ("how people eat", "where people live" keep the people)
    r"|\b(?:how|why|where|when|what)\s+(?:(?:are|were|do|did|will|would|can|could|might)\s+(?=" + ANYONE + r"\s+[a-z]+\b)"
    r"|(?=" + ANYONE + r"\s+[a-z]+\s+(?!(?:for|in|to|at|on|with|about|from|and|or)\b)[a-z]+))(?P<doing>" + ANYONE + r")\s+",
    re.I,
)

# a word before "people" that says which people: "young people", "older people", "rural people"
_WHICH_PEOPLE = re.compile(
    r"\b(?!(?:are|is|were|was|do|does|did|what|how|why|the|most|many|some|and|or|that|which|who|where|when|of|all|so|our|these|those|other)\b)[a-z][\w-]*\s+$",
    re.I,
)

# What a name is doing, asked of it ("What is Saudi Arabia betting on?", "What are Chinese firms
# investing in?"): the name is the topic and the verb frames the question ("sports betting" keeps its word)
_ACTOR_VERB = re.compile(
    r"\b(?:is|are|was|were|has|have|been)\s+(?:(?:the\s+)?(?-i:[A-Z][\w'’.-]*)\s+(?:(?-i:[A-Z][\w'’.-]*|[a-z]+s)\s+){0,3})"
    r"(?P<verb>betting|banking|counting|focusing|focussing|relying|investing|spending|pinning\s+(?:its|their)\s+hopes)\s+(?=on\b|in\b)"
    # ...and a wager on a topic, whoever makes it: "Which countries are betting on hydrogen?" asks about hydrogen
    r"|\b(?:is|are|was|were|has|have|been)\s+(?P<bet>betting(?:\s+(?:big|heavily))?|doubling\s+down|going\s+all[\s-]in|pinning\s+(?:its|their)\s+hopes)\s+(?=on\b)"
    # ...and who leads a field is asked of the field: "Which countries lead in green hydrogen?" ("lead" is no metal there)
    # (or wins it, is ahead in it, dominates it: "Who is winning the AI race?", "Which country is ahead in quantum?")
    r"|\b(?:who|which\s+[\w-]+(?:\s+[\w-]+)?)\s+(?:(?:is|are|was|were|has\s+been|have\s+been)\s+)?"
    r"(?P<leads>(?:lead|leads|led|leading|winning|wins|won|ahead|dominat(?:e|es|ed|ing)|on\s+top)(?:\s+the\s+way)?)\s+(?=in\b|on\b|at\b|the\b)",
    re.I,
)

# How someone handles a topic, asked of them: "How is Japan handling its ageing workforce?", "How
# is India approaching AI regulation?" ask about Japan's ageing workforce and India's AI regulation
# ("baggage handling", "How is data handling regulated / changing?" keep the word: a verb follows it)
_COPING = r"(?:cop(?:e|es|ing)|deal(?:s|ing)?)\s+with"
_MEETING = _COPING + r"|(?:respond(?:s|ing)?|react(?:s|ing)?)\s+to"
_HANDLING = re.compile(
    r"\bhow\s+(?:(?:is|are|was|were|do|does|did|will|should|can|could)\s+)?(?:[\w'’.-]+\s+){1,4}?"
    r"(?P<verb>(?:handl(?:e|es|ing)|approach(?:es|ing)?|address(?:es|ing)?|navigat(?:e|es|ing))(?=\s+(?!(?:done|being|going|changing|evolving|developing|working)\b)[\w'’-]*[^d\W](?![\w'’-]))"
    # where it places itself in a topic: "How is India positioning itself in semiconductors?" ("indoor positioning systems" keep it)
    r"|position(?:s|ing)?(?=\s+(?:itself|themselves|ourselves|for|as)\b)"
    r"|" + _MEETING + r")\b"
    # coping and dealing with something say how, asked or not: "technologies helping farmers cope with drought"
    r"|(?P<coping>\b(?:" + _COPING + r"))\b",
    re.I,
)

# ...and the verb alone, first in what both sides do: "Compare how Japan and South Korea handle ageing"
# compares their ageing (an approach says more: "how the US and China approach AI" compares their strategies)
_MEETING_VERB = re.compile(r"^(?:handl(?:e|es|ing)|navigat(?:e|es|ing)|tackl(?:e|es|ing)|" + _MEETING + r")\s+(?:the\s+|their\s+|its\s+)?(?=\S)", re.I)

# Who has a condition is no topic beside it: "people with dementia" asks about dementia
_HAVING = re.compile(r"\b(?:people|persons|individuals|those|someone|anyone|patients)\s+(?=(?:living\s+)?with\s)", re.I)

# what people do with a technology ("using", "adopting", "resisting"), said before it
_DONE_WITH = (
    r"\b(?:us(?:e|es|ing)|adopt(?:s|ing)?|embrac(?:e|es|ing)|resist(?:s|ing)?|reject(?:s|ing)?|avoid(?:s|ing)?|learn(?:s|ing)?|"
    r"trust(?:s|ing)?|access(?:es|ing)?|afford(?:s|ing)?)\s+(?:the\s+|new\s+|digital\s+|modern\s+)?"
)
# "Technology" is a kind and a topic: with another kind asked for, it is the topic where the
# question talks about it ("concerns about technology", "issues with technology addiction",
# "technology issues farmers face"), not where it lists the kinds ("signals and technologies")
_TECH_TOPIC = re.compile(
    r"\b(?:about|around|regarding|over|with|of|on|in|into|for|to)\s+(?:the\s+|new\s+|digital\s+|modern\s+)?(?:(?!(?:and|or|the)\b)[\w-]+\s+){0,2}(?:technolog(?:y|ies)|tech)\b"
    r"(?!\s*(?:,|and\b|or\b|&|/))"
    r"|\b(?:technolog(?:y|ies)|tech)\s+(?=(?:signals?|concerns?|worries|issues?|behaviou?rs?|risks?)\b)"
    # ...or joined to a topic at the end of the question: "signals about ageing and technology"
    r"|\b(?:about|around|regarding|on|of|in)\s+(?:[\w-]+\s+){1,3}and\s+(?:the\s+)?(?:technology|tech)(?=\s*(?:[?.!]|$))"
    # ...or what people do with it: "behaviors that show older people using technology"
    r"|" + _DONE_WITH + r"(?:technolog(?:y|ies)|tech)\b(?!\s*(?:,|and\b|or\b|&|/))",
    re.I,
)
# ...and the singular joined to a topic at the end of the question is one even when it is the only
# kind named: "What does the corpus say about loneliness and technology?" asks about the two
_TECH_JOINED = re.compile(r"\b(?:about|around|regarding|on|of|between)\s+(?:[\w-]+\s+){1,3}and\s+(?:the\s+)?(?:technology|tech)(?=\s*(?:[?.!]|$))", re.I)
# ...and it is the subject of a question asked with "does" or "will" ("What risks does deepfake
# technology pose to elections?"), not what is asked for ("Which technologies does ...")
# ...and a word that modifies another: "tech companies", "technology sector", "big tech"
_TECH_MODIFIER = re.compile(
    r"\b(?:tech|technology)\s+(?:companies|company|firms?|giants?|industry|industries|sector|workers?|stocks?|start-?ups?|platforms?|"
    r"billionaires?|executives?|leaders?|jobs?|layoffs?|polic(?:y|ies)|regulation|adoption|sovereignty|transfers?|race|rivalry|war|"
    r"hubs?|talent|investment|spending|bros?|elites?|scenes?|ecosystems?|economy|economies|boom|landscape|world|culture|founders?)\b|\bbig\s+tech\b"
    # ...and the sector said as a place: "What's overhyped in tech right now?"
    r"|\b(?:in|across|within)\s+(?:the\s+)?tech\b(?=\s*(?:[?.!,;]|right\s+now\b|today\b|now\b|these\s+days\b|$))",
    re.I,
)
# ...and a sector named by its field: "health tech", "climate tech", "wearable health tech" (not
# "which tech", "new tech": the kind asked for)
_TECH_COMPOUND = re.compile(
    r"\b(?!(?:the|a|an|new|any|which|what|some|emerging|latest|digital|modern|of|about|on|in|into|for|and|or|with|other|more|"
    r"this|that|these|those|top|key|main|best|is|are|how|whose|their|its|our|your|my|such|around|regarding|over|to)\b)"
    r"[a-z][\w-]*\s+tech\b(?![\w-])",
    re.I,
)


def _tech_modifying(text: str) -> list[tuple[int, int]]:
    """The spans where "tech" or "technology" modifies a word ("tech companies", "health tech"):
    a topic's word there, not the kind asked for."""
    return [m.span() for m in _TECH_MODIFIER.finditer(text)] + [m.span() for m in _TECH_COMPOUND.finditer(text)]


_TECH_SUBJECT = re.compile(
    r"\b(?:do|does|did|will|would|can|could|might|may|should)\s+(?!(?:any|some|you|we|i|they|there|all|these|those|the|other|new|emerging)\b)"
    r"(?:(?:[\w-]+\s+){1,3}(?:technolog(?:y|ies)|tech)|technology|tech)\b",  # "What role does technology play in education?"
    re.I,
)
# ...and what people do with it, in the singular, even when it is the only kind named: "How do Gen
# Alpha kids use technology?" asks how they use it ("Which technologies do farmers use?" asks for them)
_TECH_USED = re.compile(_DONE_WITH + r"(?:technology|tech)\b(?!\s*(?:,|and\b|or\b|&|/))", re.I)

# "How many records mention X?" asks for the records that say X, not those close to it in meaning
# ("most often mentioned" asks what recurs)
_MENTIONS = re.compile(
    r"(?<!most )(?<!often )(?<!commonly )(?<!frequently )\bmention(?:s|ed|ing)?\b(?!\s+(?:the\s+)?most)(?!\s+(?:often|frequently))",
    re.I,
)


def asks_mentions(question: str) -> bool:
    """Whether the question asks for the records that mention its topic, word for word."""
    return _MENTIONS.search(question) is not None


# What the question leaves out: "AI in schools but not cheating", "renewables excluding solar",
# "signals about cities, not about remote work" ("not" alone is no exclusion: "is it not a risk?")
_EXCLUDE = re.compile(
    r"(?:(?:\bbut\s+|\band\s+|,\s*)not(?:\s+(?:about|on|including|counting))?|\bnot\s+(?:about|on|including|counting)|\bexcluding|\bexcept(?:\s+for)?|\bother\s+than"
    r"|\bapart\s+from|\baside\s+from|\bbesides|(?-i:\bbeyond)(?!\s+(?:\d|the\s+(?:year|next|coming)))|\bleaving\s+out|\bignoring|\bleave\s+out)"
    r"\s+(?:about\s+|on\s+)?(?:the\s+|any\s+)?(?P<left>[^,;:?.!()]{2,60}?)"
    r"(?=\s*(?:[,;:?.!()]|$))",
    re.I,
)

# --- intents -----------------------------------------------------------------------------------
# "the most common signals", "which technologies are cited most often", "recurring concerns about AI":
# what the corpus states most often (near-duplicate records across articles); framing, never the topic
RECURRING = re.compile(
    r"\bmost\s+(?:common(?:ly\s+(?:cited|mentioned|stated))?|frequent(?:ly\s+(?:cited|mentioned|stated))?|often\s+(?:cited|mentioned|stated)|"
    r"cited|mentioned|repeated|recurring|widespread|corroborated|discussed|talked[\s-]about|written\s+about|covered|reported)\b"
    r"|\b(?:cited|mentioned|stated|repeated|named)\s+(?:the\s+)?most(?:\s+often)?\b|\bcomes?\s+up\s+(?:the\s+)?most(?:\s+often)?\b"
    r"|\brecurr?(?:ing|ent)\b(?!\s+themes?\b)|\brecurs?\s+(?:the\s+)?most(?:\s+often)?(?:\s+across\s+(?:the\s+)?articles)?\b"
    # "recur across many articles", "said by several articles", "appear in more than one source"
    r"|\b(?:recurs?|repeat(?:s|ed)?|appear(?:s|ing)?|comes?\s+up|mentioned|said|stated|cited|reported)\s+(?:in|across|by)\s+"
    r"(?:many|several|multiple|numerous|different|various|two\s+or\s+more|more\s+than\s+one|the\s+most)\s+(?:of\s+the\s+)?(?:articles?|sources?)\b"
    r"|\b(?:recurs?|repeats?)\s+(?:across|in)\s+(?:the\s+)?(?:articles?|sources?)\b",  # "What recurs across articles on remote work?"
    re.I,
)
# "What share of the concerns are about climate?": a count, said as a share of the whole
SHARE = re.compile(r"\b(?:what|which)\s+(?:share|proportion|percentage|fraction|percent|part)\s+of\b|\bhow\s+much\s+of\s+the\b", re.I)
# ...of the records on one topic: "What share of the concerns about drones are about privacy?"
_SHARE_SAYS = (
    r"(?:(?:are|is|were|was)\s+(?:about|on|related\s+to|concerned\s+with|concerning|regarding|mentioning)"
    # ...or say it with their own verb: "What share of records on AI mention jobs?"
    r"|(?:mention|discuss|involve|cover|concern|relate\s+to|deal\s+with|talk\s+about|touch\s+on)(?:e?s)?)\s+\S"
)
_SHARE_OF_TOPIC = re.compile(
    r"\b(?:share|proportion|percentage|fraction|percent|part|much)\s+of\s+(?:the\s+|all\s+)?(?:"
    r"(?:[\w-]+\s+){0,2}?(?:about|on|regarding|around|concerning|mentioning|involving)\s+(?P<whole>.+?)\s+" + _SHARE_SAYS
    # ...or name the topic before the records: "What proportion of the climate records mention insurance?"
    + r"|(?P<named>(?:[\w-]+\s+){1,3}?)(?:" + _TABLE_KIND + r"|records?|entries|articles?)\s+(?:that\s+|which\s+)?" + _SHARE_SAYS + r")",
    re.I,
)


def share_of_topic(question: str) -> str:
    """The topic whose records a share is taken of ("drones", in "What share of the concerns about
    drones are about privacy?"), as searched; "" when the share is of the whole index."""
    match = _SHARE_OF_TOPIC.search(question)
    return _search_text(match.group("whole") or match.group("named"), [])[0] if match else ""


# one thing overtaking another is a comparison of the two: "Is China overtaking the US in AI?", "Is
# solar outpacing wind?" ("Is Europe falling behind in AI?" names no second side; "Is AI replacing
# jobs?" compares nothing)
_OVERTAKING = (
    r"^\W*(?:is|are|has|have)\s+(?:the\s+)?(?P<first>.+?)\s+(?:(?:already|now|really|finally)\s+)?"
    r"(?:overtak(?:ing|en)|outpac(?:ing|ed)|outgrow(?:ing|n)|surpass(?:ing|ed)|(?:catching|caught)\s+up\s+(?:with|to)|(?:falling|fallen|lagging)\s+behind)"
    r"\s+(?!(?:in|on|at|for|of)\b)(?:the\s+)?(?P<second>[^?.!]+?)\s*[?.!]*\s*$"
)

INTENT_PATTERNS: list[tuple[Intent, re.Pattern[str]]] = [
    (
        "briefing",
        re.compile(
            r"\bbrief(?:ing)?s?\b|\bmemo\b|\bsitrep\b|\bone-?pager\b|\bdraft (?:a|an|me)\b|\bsummari[sz]e\b|\bsummary of\b"
            r"|\boverview of\b|\brundown\b|\bwrite (?:me |us )?(?:a|an) (?:short )?(?:note|report|summary)\b",
            re.I,
        ),
    ),
    (
        "compare",
        re.compile(
            r"\bcompar(?:e|es|ed|ing|ison)\b|\bvs\.?\b|\bversus\b|\bdiffer(?:s|ence|ences)?\b|\bcontrast\b"
            r"|\bvar(?:y|ies)\s+(?:between|across)\b|\b\w+\s+and\s+\w+(?:\s+\w+){1,5}\s+differently\b"
            # "Which is growing faster, solar or wind?", "nuclear or renewables: which do the signals favour?"
            r"|^\s*which\b[^,:?]*[,:]\s*[^,:?]+?\s+or\s+[^,:?]+?\s*\??\s*$|^\s*[^,:?]+?\s+or\s+[^,:?]+?\s*:\s*which\b"
            r"|" + _OVERTAKING,
            re.I,
        ),
    ),
    ("count", re.compile(r"\bhow many\b|\bcount\b|\bnumber of\b|\btally\b|\bhow\s+(?:often|frequently)\b|" + SHARE.pattern, re.I)),
    ("recurring", RECURRING),
    (
        "trend",
        re.compile(
            r"\bhow (?:has|have|did)\b.*\b(?:gr[eo]wn?|chang(?:e|ed)|evolv(?:e|ed)|develop(?:ed)?|ris(?:e|en)|shift(?:ed)?|increas(?:e|ed)|declin(?:e|ed))\b"
            r"|\bover time\b|\btime ?line\b|\b(?:by|per|each) month\b|\bmonth by month\b|\bover the (?:months|years|quarters)\b"
            r"|\bwhat'?s new (?:since|in (?:the )?(?:last|past)|this)\b|\bwhat is new (?:since|in (?:the )?(?:last|past)|this)\b"
            r"|^\W*what(?:'?s| is) new(?:\s+(?:in|to)\s+(?:the\s+|this\s+|our\s+)?(?:corpus|index|collection|database|archive))?\W*$"
            r"|\bwhat\s+(?:has\s+been|was|got|have\s+we)\s+(?:recently\s+|just\s+)?added\b|\brecent(?:ly\s+added|\s+additions?)\b"
            r"|\b(?:newest|most recent)\b|\blatest (?:" + _KIND_WORD + r"|articles?|additions?|entries)\b",
            re.I,
        ),
    ),
    (
        "list",
        re.compile(
            r"^\s*(?:please\s+)?(?:list|enumerate|show me all|show all)\b|\ball (?:the )?(?:signals|concerns|behaviou?rs|technologies|issues|records)\b"
            r"|\bevery\b|\beverything (?:on|about|regarding)\b",
            re.I,
        ),
    ),
]

# --- documents: digests, topic pages, outlooks, cards, themes ---------------------------------
DIGEST = re.compile(r"\bdigests?\b", re.I)
PERIOD_SUMMARY = re.compile(
    r"\b(?:summari[sz]e|summary|recap|round-?up|rundown|review|overview|brief(?:ing)?)\b|\bwhat\s+(?:was|were|has\s+been|got)\s+curated\b",
    re.I,
)
TOPIC_PAGE = re.compile(r"\btopic[- ]pages?\b", re.I)
CARDS = re.compile(r"\b(?:now\s*/\s*near\s*/\s*next|now,?\s+near(?:,|\s+and)?\s+next|foresight)\s+cards?\b|\bcard\s+deck\b", re.I)
THEMES = re.compile(
    # "What themes run through the signals on food?", "what threads run across ...", "What patterns emerge in ...?"
    r"(?:\b(?:which|what)\s+(?:themes|threads|patterns)|\bthemes)\s+(?:(?:run|runs|running|recur|recurs|recurring)\s+(?:through|across|in)|(?:emerge|emerges|emerging)\s+(?:from|in|across)"
    r"|dominates?|dominating|(?:stand|stands|standing)\s+out\s+(?:in|across|among)|prevail\s+(?:in|across))\b"
    r"(?:\s+(?:the\s+)?(?:articles|stories|sources|coverage)\b)?"  # "... run through the articles about crypto": the unit, not the topic
    r"|\b(?:big|biggest|main|major|key|top|dominant|recurring|emerging|growing|rising|largest)\s+themes\b"
    r"|\b(?:which|what)\s+themes\b|\bthemes\s+(?:are|were)\s+(?:growing|rising|emerging|there)\b"
    r"|\bthemes\s+(?:of|in|across)\s+(?:the\s+)?(?:corpus|collection|index|(?:19|20)\d{2}|this|last|q[1-4])\b"
    # ...said as topics or subjects of the whole: "Which topics have the most signals?", "What are the
    # main topics in the corpus?", "What topics come up most?" ("topics on AI" asks no such thing)
    r"|\b(?:which|what)\s+(?:topics|subjects)\s+(?:have|get|come|dominate|recur|appear|stand|are\s+(?:most|covered|there|growing|rising))\b"
    r"|\b(?:big|biggest|main|major|key|top|dominant|largest|most\s+common)\s+(?:topics|subjects)\s+(?:of|in|across)\s+(?:the\s+)?(?:corpus|collection|index|signals|records|articles)\b"
    r"|\b(?:topics|subjects)\s+(?:does|do)\s+(?:the\s+)?(?:corpus|collection|index)\s+cover\b"
    r"|\bthemes\s+(?:since|during)\b"
    # "the spread of themes across articles about crypto", "themes in the records on AI"
    r"|\b(?:(?:spread|mix|range|distribution|breakdown|balance)\s+of\s+)?themes\s+(?:across|in|among|of)\s+(?:the\s+)?"
    r"(?:articles|records|signals|sources|coverage)\s+(?:about|on|around|regarding|covering)\b"
    r"|\b(?:spread|mix|range|distribution|breakdown|balance)\s+of\s+themes\b"
    # a question that asks for themes of a topic: "themes around climate", "What are the themes in AI?"
    r"|^\s*(?:(?:please\s+)?(?:show|give|list|find|map|what\s+are|which\s+are)\s+(?:me\s+)?(?:the\s+)?)?themes\s+"
    r"(?:around|about|on|in|within|across|regarding|for)\b"
    # records to be grouped: "group the signals on deepfakes by theme", "cluster them into themes"
    r"|\b(?:group|cluster|sort|organi[sz]e|bucket)(?:ed|ing|s)?\b(?=(?:\s+[\w'’-]+){0,8}?\s+(?:by|into|in)\s+(?:themes?|clusters)\b)"
    r"|\b(?:by|into)\s+(?:themes?|clusters)\b",
    re.I,
)
_YEARS_VIEW = (
    r"\b(?:five|ten|5|10)[- ]year\s+(?:outlook|view|horizon|perspective)\b"  # "the 10-year view on X"
    r"|\b(?:the\s+)?long(?:er)?[\s-]+(?:term\s+|range\s+)?(?:view|horizon|perspective)\b"  # "the long view on X"
    # "in the next decade", "over the coming years", "predictions for X", "forecasts about X"
    r"|\b(?:in|over|within|during)\s+the\s+(?:next|coming)\s+(?:few\s+|five\s+|ten\s+|\d+\s+)?(?:years?|decades?)\b"
    # "in ten years", "in 10 years' time", "within a decade" (not "over five years", often the past)
    r"|\b(?:in|within)\s+(?:a|one|two|three|five|ten|twenty|\d+)\s+(?:years?|decades?)(?:['’]?\s+time)?(?![\w-])"
    r"|\b(?:predictions?|forecasts?|projections?)\s+(?:for|about|on|of|regarding)\b"
)
# "what's the future of X", "what's next for X", "what do analysts see coming for X"
_WHATS_NEXT = (
    r"\bwhat(?:'s|\s+is|\s+will\s+be)\s+the\s+future\s+(?:of|for)\b|\bwhat(?:'s|\s+is|\s+comes)\s+next\s+(?:for|in)\b"
    r"|\bwhat(?:'s|\s+is)\s+on\s+the\s+horizon\s+(?:for|in)\b"  # "What's on the horizon for batteries?"
    r"|\b(?:the\s+)?trajector(?:y|ies)\s+(?:for|of)\b"  # "What's the trajectory for plant-based meat?"
    r"|\bsee\s+coming\b"
)
OUTLOOK = re.compile(
    r"\bwhere\s+(?:is|are|was|were)\b.{1,80}?\bhead(?:ing|ed)\b|\bwhere\s+(?:is|are)\b.{1,80}?\bgoing\b"
    r"|" + _YEARS_VIEW + r"|\boutlook\s+(?:on|for|of)\b"
    r"|^\s*(?:(?:what\s+are\s+|show\s+me\s+|give\s+me\s+)?the\s+)?trends\s+(?:about|on|in|for|around|regarding)\b"
    r"|" + _WHATS_NEXT + r"|\bwhat\s+(?:will|might|could|would|may)\s+.{1,60}?\blook\s+like\b",  # "What will cities look like in 2035?"
    re.I,
)
OUTLOOK_WORDS = re.compile(r"\boutlook\b|" + _YEARS_VIEW + "|" + _WHATS_NEXT, re.I)  # framing, never the topic

# --- relevancy: a table of phrasings, each tested in tests/test_plan.py ------------------------
_REL = r"(?:relevan(?:cy|ce)|rated|rating|ratings|score[ds]?|scoring|priority)"
_NUM = r"(\d(?:\.\d+)?|one|two|three|four|five)"
_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5}
# the verb's present asked of whoever rates ("Which signals do analysts rate highest?"; "Which
# countries rate highest for happiness?" asks no rating)
_RATES = r"(?:rated|scored|ranked|(?:\b(?:do|does|did|would|you|we|I|they)\s+(?:[\w-]+\s+){0,2}?)(?:rate|score)|rates)"
_OR_MORE = r"(?:\s*\+|\s*(?:/\s*5)?\s*(?:or|and)\s+(?:more|higher|above|up|over|better)|\s*(?:/\s*5)?\s*(?:and\s+)?up(?:wards)?\b)"
RELEVANCY_PATTERNS: list[tuple[re.Pattern[str], str]] = [
    # "relevancy >= 3", "relevance of at least 4", "rated above 3" (strictly above: 4), "score over 3.5"
    (re.compile(_REL + r"\s*(?:of\s*|score\s*|is\s*)?(>=|≥|=>|at least|of at least|no less than|not below|minimum(?: of)?|min\.?)\s*" + _NUM, re.I), "min"),
    (re.compile(_REL + r"\s*(?:of\s*|score\s*|is\s*)?(>|above|over|greater than|higher than|more than)\s*" + _NUM, re.I), "above"),
    # "rated 4 or more", "rated 4+", "relevancy 4 and up", "(4/5+)", "4/5 or higher", "scored 3.5 or above"
    (re.compile(_REL + r"[\s:-]*(?:of\s*|is\s*|=\s*)?" + _NUM + r"(?:\s*/\s*5|\s*out of 5)?" + _OR_MORE, re.I), "min"),
    (re.compile(r"\(?\b" + _NUM + r"\s*(?:/\s*5|out of 5)\s*\+?\)?(?=" + _OR_MORE + r")" + _OR_MORE, re.I), "min"),
    (re.compile(r"\(\s*" + _NUM + r"\s*/\s*5\s*\+\s*\)", re.I), "min"),
    # "relevancy 4-5", "relevancy 3 to 5", "rated four or five": the lower bound
    (re.compile(_REL + r"[\s:-]*(?:of\s*)?" + _NUM + r"\s*(?:-|–|to|or|and)\s*(?:5|five)\b", re.I), "min"),
    # "signals above 3", "concerns over 3.5": a number right after a kind is its rating
    (re.compile(r"\b" + _KIND_WORD + r"\s+(?:above|over|higher than|greater than|more than)\s*" + _NUM + r"(?![\d.%]|\s*(?:percent|per\s*cent|degrees|million|billion|thousand|years?)\b)", re.I), "above"),
    # "relevancy-5", "rated 5", "relevancy of 4", "(4/5)", "4 out of 5", "5-rated", "five-star"
    (re.compile(_REL + r"[\s:-]*(?:of\s*|is\s*|=\s*)?" + _NUM + r"(?:\s*/\s*5|\s*out of 5)?(?!\d|\.\d)", re.I), "min"),
    (re.compile(r"\b" + _NUM + r"\s*(?:/\s*5|out of 5)(?!\d|\.\d)", re.I), "min"),
    (re.compile(r"\b" + _NUM + r"[\s-]*(?:rated|star)\b", re.I), "min"),
    # words: "top-rated" (5), "high-relevancy" (4); "critical"/"important" only before a kind word,
    # since "critical minerals" and "critical infrastructure" are topics
    (
        re.compile(
            # (relevant to someone is theirs to judge, no rating: `_RELEVANT_TO`)
            r"\b(?:top|highest|best)[\s-]*(?:rated|scor(?:ed|ing)|relevan(?:cy|ce|t))\b|\bmaximum relevan\w*|\bmost[\s-]+relevant\b(?!\s+(?:to|for)\b)"
            r"|\b" + _RATES + r"\s+(?:the\s+)?(?:highest|best|top)\b",
            re.I,
        ),
        "=5",
    ),
    (re.compile(r"\bcritical(?=\s+" + _KIND_WORD + r"\b)", re.I), "=5"),
    (
        re.compile(
            r"\bhigh(?:ly)?[\s-]*(?:relevan(?:cy|ce|t)|priority|impact|rated|scor(?:ed|ing))\b|\bimportant(?=\s+" + _KIND_WORD + r"\b)"
            r"|\b" + _RATES + r"\s+high(?:ly)?\b",  # "rated high" ("high street", "high schools" are topics)
            re.I,
        ),
        "=4",
    ),
]

# at most a rating: "relevancy 3 or lower", "rated at most 2", "below 4"; "low-relevancy" is 3 or
# lower, the lowest rating the corpus's authors use (fewer than 1 record in 300 is rated 1 or 2)
_OR_LESS = r"\s*(?:/\s*5)?\s*(?:or|and)\s+(?:less|lower|below|under|worse)\b"
RELEVANCY_CEILINGS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(_REL + r"\s*(?:of\s*|score\s*|is\s*)?(<=|≤|=<|at most|of at most|no more than|not above|maximum(?: of)?|max\.?)\s*" + _NUM, re.I), "max"),
    (re.compile(_REL + r"\s*(?:of\s*|score\s*|is\s*)?(<|below|under|less than|lower than)\s*" + _NUM, re.I), "below"),
    (re.compile(_REL + r"[\s:-]*(?:of\s*|is\s*|=\s*)?" + _NUM + r"(?:\s*/\s*5|\s*out of 5)?" + _OR_LESS, re.I), "max"),
    (re.compile(r"\(?\b" + _NUM + r"\s*(?:/\s*5|out of 5)\)?" + _OR_LESS, re.I), "max"),
    (re.compile(r"\b" + _KIND_WORD + r"\s+(?:below|under|lower than|less than)\s*" + _NUM + r"(?![\d.%]|\s*(?:percent|per\s*cent|degrees|million|billion|thousand|years?)\b)", re.I), "below"),
    (re.compile(r"\b(?:low(?:est)?|least)[\s-]*(?:rated|scor(?:ed|ing)|relevan(?:cy|ce|t))\b", re.I), "=3"),
    (re.compile(r"\b" + _RATES + r"\s+(?:low(?:ly|est)?|the\s+lowest)\b", re.I), "=3"),  # "rated low", as "rated high"
]

# exactly a rating: "rated exactly 4", "relevancy of exactly 3" (not "only rated 5": at least 5)
RELEVANCY_EXACT = re.compile(r"(?:" + _REL + r"\s*(?:of\s*|is\s*|=\s*)?)?\b(?:exactly|precisely)\s+" + r"(\d|one|two|three|four|five)\b(?!\.\d)", re.I)

MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
MONTHS.update({name.lower(): i for i, name in enumerate(calendar.month_abbr) if name})
MONTHS["sept"] = 9
_MONTH_NAME = r"(" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_MONTH = r"(?:" + _MONTH_NAME + r"\s+)?"
_YEAR = r"((?:19|20)\d{2})"

# who comments on a topic, which frames a question ("What do experts say about X?") unless it is
# done to them (`_COMMENTATORS_DONE_TO`)
_COMMENTATORS = "analyst expert observer forecaster futurist critic skeptic sceptic commentator pundit".split()
# Words that frame a question rather than name its topic; stripped from the search text.
FRAMING = {*_COMMENTATORS, *(f"{word}s" for word in _COMMENTATORS)} | set(
    """
    a an the and or of on in at to for from with by about into over as is are was were be been being do does did
    what which who whom whose where when why how whats what's there here any some all every each this that these
    those it its we our us i me my you your they them their show tell list give find get please just only also
    corpus database index records record say says said mention mentions mentioning involve involves involving
    describe describes describing cover covers covering relate relates related relating regarding concerning
    have has had can could would should will may might must let lets let's draft brief briefing briefings memo write outline
    compare compared comparing comparison versus vs differ differs difference how many count number much
    relevant relevancy relevance rated rating score highly top highest important
    kind kinds type types sort sorts like citing cite cited hold holds contain contains exist exists
    new newest latest recent recently happening going anything everything else
    emerging emergent rising growing rise grow grows boom booming surge surging trend trends trending weak heading headed outlook
    driving driven shifts shifting developments upcoming coming lately nowadays today currently
    changing transforming reshaping revolutionising revolutionizing evolving evolve evolves
    transform transforms reshape reshapes revolutionise revolutionize surprise surprises surprised surprising
    affect affects affecting affected impacting
    see seeing seen tell telling know anyone someone something things thing stuff lot lots
    around across among amongst within through throughout towards toward between upon amid amidst via per against
    without under after before since during near beyond along alongside beside behind onto regards re now then
    doing done using pose poses posing talk talks talking discuss discusses discussing deal deals dealing happen happens
    well point points pointing suggest suggests suggesting indicate indicates indicating shift favour favor hint hinting hinted
    fuelling fueling tailwinds signalling signaling
    biggest largest greatest main major chief primary surround surrounds surrounding shape shapes shaping shaped most
    strongest weakest
    mentioned described covered involved discussed suggested indicated pointed talked dealt happened fastest quickest
    ones key feel feels feeling think thinks raised added
    saying quick summary overview rundown recap become becomes becoming future i'm i’m we're preparing workshop look add adds up leading
    linked connected tied associated link links linking who's where's how's
    help helps helping helped enable enables enabling allow allows allowing
    expect expects expected expecting anticipate anticipates anticipated anticipating foresee foresees foreseen
    fight fights fighting tackle tackles tackling combating combatting combats address addresses addressing
    specifically particularly especially notably mainly mostly primarily chiefly exactly precisely actually really often frequently
    quietly silently subtly gradually steadily slowly rapidly quickly fundamentally radically dramatically
    instead rather situation appear appears appearing showing showed keep keeps kept
    different differently according
    interesting intriguing noteworthy notable remarkable fascinating gimme lemme pressing
    overtake overtakes overtaking overtaken outpace outpaces outpacing outpaced surpass surpasses surpassing surpassed
    """.split()
)
# The rest of English's closed classes (pronouns, conjunctions, auxiliaries and their contractions,
# as in NLTK's English stopword list) frame a question too ("how are consumers changing because of
# inflation", "signals that mention both Tesla and China"); the words of that list that can carry
# a topic's meaning ("no", "not", "off", "out", "down", "more", "other", "own", "above", "below")
# are not among them.
FRAMING |= set(
    """
    because both either neither nor but if while until unless whether although though whereas than so such same
    very too again further once together am having he him his she her hers herself himself itself myself ours
    ourselves theirs themselves yours yourself yourselves
    don't doesn't didn't isn't aren't wasn't weren't won't wouldn't couldn't shouldn't can't cannot haven't hasn't
    hadn't mustn't needn't it's i've i'd i'll you're you've you'd you'll they're they've they'd they'll we've we'd
    we'll he's she's that's there's
    """.split()
)
_KIND_WORDS = re.compile(
    r"(?<![-\w])(?:signals?|" + _CONCERN_WORDS + r"|behaviou?rs?|technolog(?:y|ies)|techs?|issues?|trends?|go wrong)(?![-\w])",
    re.I,
)
_TREND_WORDS = re.compile(
    r"(?<![-\w])(?:over time|time ?line|(?:by|per|each) month|month by month|gr[eo]wn?|evolved|changed|shifted|what'?s new|what is new|weak signals?)(?![-\w])",
    re.I,
)

# Where a subject is heading, said as its predicate ("Is the housing market cooling?", "signals that
# the gig economy is shrinking"): a direction asked of the subject, as "rising" is; the records on
# the subject answer it either way. Kept in the topic, the verb matched other subjects' literal
# senses ("Market for Cooling Credits"). Only after an auxiliary: "data centre cooling" is a topic.
_COMMON = r"(?:common(?:place)?|popular|widespread|frequent|prevalent|mainstream|normal)"
_HEADING_VERB = (
    r"(?:cool(?:ing)?(?:\s+(?:off|down))?|slow(?:ing)?(?:\s+down)?|fall(?:ing)?|declin(?:e|ing)|shrink(?:ing)?|fad(?:e|ing)|"
    r"wan(?:e|ing)|stall(?:ing)?|collaps(?:e|ing)|recover(?:ing)?|rebound(?:ing)?|accelerat(?:e|ing)|decelerat(?:e|ing)|"
    r"soften(?:ing)?|weaken(?:ing)?|strengthen(?:ing)?|drop(?:ping)?|decreas(?:e|ing)|increas(?:e|ing)|expand(?:ing)?|"
    r"spread(?:ing)?|peak(?:ing)?|plateau(?:ing)?|stagnat(?:e|ing)|pick(?:ing)?\s+up|dry(?:ing)?\s+up|heat(?:ing)?\s+up|(?:com(?:e|ing)|bounc(?:e|ing))\s+back(?!\s+(?:to|in|into|from)\b)|tak(?:e|ing)\s+off|catch(?:ing)?\s+on|"
    r"giv(?:e|ing)\s+up(?:\s+on)?|los(?:e|ing)\s+interest(?=\s+in\b)|"  # "Are young people losing interest in cars?" ("turning away from" keeps its words)
    r"tail(?:ing)?\s+off|level(?:l?ing)?\s+off|(?:fall(?:ing)?|lag(?:ging)?)\s+behind|catch(?:ing)?\s+up|pull(?:ing)?\s+ahead|bottom(?:ing)?\s+out|set(?:ting)?\s+in|tak(?:e|ing)\s+hold|wear(?:ing)?\s+off|fizzl(?:e|ing)(?:\s+out)?|"
    # "Is plant-based meat losing its appeal?", "Is nuclear back in favour?": whether it moves either way
    r"los(?:e|ing)\s+(?:its|their)\s+(?:appeal|shine|lustre|luster|edge|sparkle|allure)|(?:back|coming\s+back)\s+in\s+(?:favou?r|fashion|vogue)|"
    r"(?:fall(?:ing)?|go(?:ing)?)\s+out\s+of\s+(?:favou?r|fashion|style)|run(?:ning)?\s+out\s+of\s+steam|(?:gain(?:ing)?|los(?:e|ing))\s+(?:ground|traction|momentum|steam)|"
    r"develop(?:ing)?|progress(?:ing)?|matur(?:e|ing)|evolv(?:e|ing)|grow(?:ing)?(?!\s+in\s+popularity)|recur(?:ring)?|(?:com(?:e|ing)|crop(?:ping)?|show(?:ing)?)\s+up|"
    # how common the subject is, or is becoming: "Are heat domes becoming more common?", "Are
    # e-bikes increasingly popular?", "Are wildfires getting worse?" ("more dangerous" says what about it)
    r"(?:(?:becom(?:e|ing)|get(?:ting)?|grow(?:ing)?)\s+)?(?:(?:more|less)(?:\s+and\s+(?:more|less))?|increasingly)\s+" + _COMMON + r"|"
    r"(?:becom(?:e|ing)|get(?:ting)?)\s+(?:" + _COMMON + r"|worse|better|rarer|the\s+norm)|"
    r"grow(?:ing)?\s+in\s+popularity|(?:gain(?:ing)?|los(?:e|ing))\s+popularity|"
    r"dead|dying(?:\s+out)?|over(?=\s*(?:[?.!]|$))|on\s+(?:the|its|their)\s+way\s+(?:out|up)|on\s+the\s+(?:wane|rise|decline)|past\s+(?:its|their)\s+peak|"  # "Is the metaverse dead?", "Is the office dying?", "Is fast fashion on the way out?"
    r"(?<=still\s)(?:popular|relevant|viable|alive|around|a\s+thing))"  # "Are meal kits still popular?"
)
# ...and, asked whether it does, a thing going away: "Is cash disappearing?" (where "Which species
# are disappearing?" asks which, and its verb says what: extinction, not species at large)
_ASKED_VERB = r"(?:" + _HEADING_VERB + r"|disappear(?:ing)?|vanish(?:ing)?)"
_HEADING = re.compile(
    r"(?:\b|(?<=\w))((?:is|['’]s|are|['’]re|was|were|be|been|being|keeps?|kept|starting\s+to|started\s+to|beginning\s+to|began\s+to|begin\s+to)"
    r"(?:\s+(?:now|still|really|finally|already|actually|quickly|rapidly|slowly|steadily|suddenly))?)\s+" + _HEADING_VERB + r"\b"
    # asked: "Is the housing market cooling?", "Why are birth rates falling in Japan?"
    r"|^(\W*(?:(?:why|how|where|when)\s+)?(?:is|are|was|were)\s+[^;?]{1,80}?)(?:\s+(?:still|now|really|finally|already))?\s+" + _ASKED_VERB
    # ...either way: "Is the gig economy shrinking or growing?"
    + r"(?:\s+or\s+(?:is\s+it\s+|are\s+they\s+)?" + _HEADING_VERB + r")?"
    + r"(?=\s*(?:[?.!]|$|\s+(?:in|across|among|around|for|at|on|to|into|again|now|lately|recently|so|this|these|any)\b))"
    # ...or after the subject, of a pronoun: "tell me about the metaverse, is it dead?", "What do we
    # know about the metaverse? Is it dead?"
    r"|(?<=[,;:?.!]\s)((?:is|are|was|were)\s+(?:it|they|this|that|these|those))\s+" + _HEADING_VERB + r"(?=\s*(?:[?.!]|$))",
    re.I,
)

# where a topic is heading, said as a noun of change before it ("the growth of private credit",
# "the spread of misinformation"), asks it of the topic as "rising" does; "economic growth" is a topic
# ...and so is the interest taken in it: "Is interest in nuclear energy rising?" asks about nuclear energy
# ("Interest in Nuclear Technology in Motorsports" held the word); "interest rates" keep theirs
_INTEREST_IN = re.compile(r"\b(?:interest|enthusiasm|appetite)\s+(?=(?:in|for)\s)", re.I)
_GROWTH_OF = re.compile(rf"\b(?:{CHANGE}|spread|popularity|demise|downfall|retreat)\s+(?=of\b)", re.I)  # "the return of industrial policy"
# ...and after it, with a verb: "labor unions making a comeback" asks for labor unions (a way they move, `direction`)
_STAGING = re.compile(
    r"\b(?:(?:is|are|was|were)\s+)?(?:(?:making|staging|mounting|having|seeing|enjoying)\s+(?:a\s+|an\s+)?(?:\w+\s+)?"
    rf"(?:{CHANGE})\b(?!\s+(?:in|of|to|for)\b))",
    re.I,
)
# a question that asks where (not "where is X heading": an outlook), or which places
# which places: the places are the answer, not words of its topic ("Which countries are leading on
# green hydrogen?" searched "countries green hydrogen")
_WHICH_PLACES = r"\b(?:in\s+)?(?:which|what)\s+(?P<places>countr(?:y|ies)|cit(?:y|ies)|regions?|places|states|parts\s+of\s+the\s+world|markets)\b"
_WHERE = re.compile(
    r"^\W*(?:(?:and|so|but)\s+)?where\b(?!.{0,80}\b(?:head(?:ing|ed)|going)\b)(?!\s+(?:are|is)\s+(?:the\s+)?(?:blind\s+spots?|gaps?|holes?)\b)"
    # "Where do the signals disagree on nuclear power?" asks on what, not in which places
    r"(?!.{0,80}\b(?:disagree|diverge|converge|agree|overlap|differ|conflict|contradict)\b)|" + _WHICH_PLACES,
    re.I,
)
_PLACES_ASKED = re.compile(_WHICH_PLACES, re.I)
# where the question's own topic is, asked last by a pronoun and a verb alone: "..., and where is it
# being adopted?", "..., and where are they deployed?" (not "..., and where are reactors being built?")
_WHERE_OF_IT = re.compile(
    r"\s*[,;]?\s*(?:and|but)\s+(?:where\s+(?:is|are|was|were|has|have)\s+(?:it|they|these|those|this|that)\s+(?:being\s+|been\s+)?"
    r"(?:[a-z]+(?:ed|en|ing)|taking\s+(?:off|hold|place)|built|sold|made|grown|found|seen|used)"
    # ...or which places stand so to it, said by a state alone: "..., and which countries are exposed?"
    r"|(?:which|what)\s+(?:countr(?:y|ies)|regions?|cities|places|markets)\s+(?:is|are|were|seem|look)\s+(?:the\s+)?(?:most\s+|more\s+|least\s+)?"
    r"(?:exposed|affected|vulnerable|at\s+risk|hit(?:\s+hardest)?|hardest\s+hit|impacted|involved|leading|ahead|behind|dependent|reliant))"
    r"(?:\s+(?:most|first|fastest|today|now))?\s*[?.!]*\s*$",
    re.I,
)
# records ranked by their rating, as asked: "Rank the concerns about AI by relevancy", "highest-rated first"
# (the words are the answer's order, no topic: `_CORPUS_FRAME`)
_BY_RATING = re.compile(
    r"\b(?:rank|sort|list)(?:ed|ing|s)?\b.{0,100}?\bby\s+(?:their\s+|its\s+)?(?:relevancy|relevance|ratings?|scores?)\b"
    r"|\b(?:sorted|ordered|ranked)\s+by\s+(?:their\s+|its\s+)?(?:relevancy|relevance|ratings?|scores?)\b"
    r"|\b(?:highest|top|best)[\s-]+rated\s+first\b|\b(?:most\s+relevant|highest\s+relevancy)\s+first\b"
    r"|\bmost\s+relevant\s+(?:to|for)\b",  # "most relevant to a bank": the bank's, highest rated first
    re.I,
)
# a question that asks what goes against its topic, or against what is said of it: "Any
# counter-signals to the return-to-office trend?", "What contradicts the idea that EV adoption is
# accelerating?", "the evidence against a housing crash"; framing, never the topic ("counter-drone
# technology" keeps its word, "the challenges of heat pumps" are asked of them)
_CONTRARY = re.compile(
    r"\bcounter[\s-]?(?:signals?|trends?|evidence|examples?|indicators?|arguments?|narratives?)(?![\w-])(?:\s+(?:to|against|for|on|about|of)\b)?"
    r"|\b(?:evidence|signals?|data|records?|arguments?|anything)\s+(?:that\s+(?:goes|go|runs?|cuts?)\s+)?(?:against|contrary\s+to)\b"
    r"|\b(?:contradict|refute|undermine|disprove|debunk)(?:s|ed|ing)?\b(?!\s+(?:each\s+other|one\s+another))"  # records that disagree are asked otherwise
    r"|\b(?:challeng|counter|disput|question)(?:es|e|s|ed|ing)?\s+(?=the\s+(?:idea|view|claim|notion|narrative|assumption|thesis|belief|consensus)\b)"
    r"|\b(?:go(?:es)?|runs?|cuts?)\s+(?:against|counter\s+to)\b"
    # the contrarian's view, the case against: "Give me the contrarian view on remote work"
    r"|\b(?:the\s+)?(?:contrarian|opposite|opposing|dissenting)\s+(?:views?|takes?|cases?|perspectives?|signals?|evidence|readings?|opinions?)(?:\s+(?:on|of|about|to))?\b"
    r"|\b(?:the\s+)?(?:case|argument|arguments)\s+against\b",
    re.I,
)
# a question that asks what drives its topic: why it happens, what is behind it, its drivers or causes
# ("Why are birth rates falling?", "What's driving the vinyl revival?", "the root causes of burnout";
# not "why not", nor "truck drivers")
_DRIVERS = re.compile(
    r"^\W*(?:(?:and|so|but|ok|okay)\s+)?(?:why|how\s+come)\b(?!\s+not\b)(?!\s+" + _MATTER[len("why\\s+"):] + r"\b)"
    r"|,?\s+and\s+why\s*[?.!]*\s*$"  # "Is the four-day week spreading, and why?"
    r"|\bwhat(?:['’]s|\s+is|\s+are)\s+(?:really\s+|actually\s+|mainly\s+)?(?:driving|behind|fuell?ing|causing|powering|underpinning)\b"
    r"|\bwhat\s+(?:drives|causes(?!\s+of\b)|explains|fuels|lies\s+behind)\b"
    r"|\b(?:drivers?|driving\s+forces?|root\s+causes?)\s+(?:of|for|behind)\b|\bforces\s+" + _FORCES_AT + r"\b"
    r"|\b" + _CAUSAL + r"\s+(?:causes?|reasons?)\s+(?:of|for|behind)\b"  # not "causes of death"
    r"|\b" + _REASONS,  # "reasons people buy EVs"
    re.I,
)
# ...and one that asks what its topic leads to: its knock-on effects, implications, consequences
# ("What are the knock-on effects of the ageing population?", "What does an aging population mean
# for healthcare?", "What happens if China invades Taiwan?"; not "side effects", nor "the impact of
# X on Y": two parts)
_EFFECTS = re.compile(
    r"\b(?:knock[\s-]+on|second[\s-]+order|third[\s-]+order|downstream|ripple|spill[\s-]?over|longer[\s-]+term|long[\s-]+term)\s+(?:effects?|consequences|impacts?)\b"
    r"|\b(?:implications|consequences|ramifications)\s+(?:of|for)\b|\bwhat\s+(?:happens|follows|comes\s+next)\s+(?:if|when|after|once)\b"
    r"|\bwhat\s+(?:does|do|will|would|could|might)\s+.{1,80}?\s+mean\s+for\b|\bwhat\s+(?:will|could|might|would)\s+.{1,80}?\s+lead\s+to\b",
    re.I,
)
# why a thing matters asks what it leads to: "Why does it matter that bees are declining?"
_MATTERING = re.compile(r"^\W*" + _MATTER + r"\b", re.I)
# what matters, asked of what the question asks for ("what trends matter?", "which signal matters
# most?"), weighs it, as "biggest" does; "dark matter" and "organic matter" are topics
_MATTERS = re.compile(
    r"(?<=,)\s*(?:really\s+|most\s+)?matters?\b(?:\s+(?:the\s+)?most)?|\b(?:what|which|that|it|this)\s+(?:really\s+)?matters?\b(?:\s+(?:the\s+)?most)?"
    r"|\breally\s+matters?\b|\bmatters?\s+(?:the\s+)?most\b"
    # ...and what will matter: "Which signals are most likely to matter in 10 years?", "which will matter in 2035?"
    r"|\b(?:(?:most|more|least|less)\s+)?likely\s+to\s+(?:really\s+)?matter\b|\b(?:will|would|could|might|may|going\s+to)\s+(?:really\s+|still\s+)?matter\b",
    re.I,
)
# What is used against a thing counters it: "Which technologies are used against drones?" asks for
# counter-drone systems, which the corpus writes so ("counter-drone technology"); without the word
# the search is drones themselves. Only after a use or a means ("protests against X" keep theirs).
_AGAINST = re.compile(
    r"\b(?:(?:used|deployed|protect(?:s|ed|ing)?|defen[cd](?:s|ed|ing)?|guard(?:s|ed|ing)?)(?:\s+(?:us|them|people|themselves|itself))?\s+against"
    r"|(?P<means>tools?|technolog(?:y|ies)|tech|systems?|measures?|defen[cs]es?|weapons?|solutions?|safeguards?|protections?)\s+against)\b"
    r"(?!\s+(?:counter|anti))",  # "used against counterfeit goods" says it already
    re.I,
)
# ...said without the night: "Which signals should keep car makers awake?"
# What might replace a thing asks for its alternatives: "What might replace smartphones?" searched
# "replace smartphones" and found user-replaceable batteries ("AI tutors replacing teachers" keeps it)
_REPLACE = re.compile(
    r"\b(?:might|could|will|would|may|can|to|should)\s+(?:one\s+day\s+|eventually\s+|soon\s+)?replace\b"
    # ...and so does its successor: "the successor to passwords" ("What comes after the election?" asks what follows)
    r"|\bsuccessors?\s+(?:to|of)\b",
    re.I,
)


def _challenges_for(who: str | None) -> str:
    """What holds someone back or stops them, said as the records say it: their challenges."""
    return " " + f"are the challenges for {(who or '').strip()}".strip()


# the trade's idioms and shorthand in the words records use, in this order: "pain points" and
# "headwinds" are the challenges ("points" alone frames "point to"), and so is what holds a topic
# back ("what is holding solar back?"); "weak spots" are weaknesses ("weak" frames "weak signals");
# "the bear case for quantum computing" asks its risks, "the bull case" its opportunities, "wicked
# problems in housing" its challenges, "discontinuities" disruptions
_QUALITIES = {
    "safe": "safety", "secure": "security", "reliable": "reliability", "affordable": "affordability",
    "sustainable": "sustainability", "viable": "viability", "profitable": "profitability", "scalable": "scalability",
}
_SAID_PLAINLY: list[tuple[re.Pattern[str], str | Callable[[re.Match[str]], str]]] = [
    (re.compile(r"\bpain[\s-]+points?\b|\bheadwinds?\b", re.I), "challenges"),
    # "What's the next big thing in mobility?", "Where's the momentum in climate tech?": what is emerging there
    (re.compile(r"\b(?:the\s+)?next\s+big\s+things?\s+(?=(?:in|for)\b)", re.I), "emerging "),
    (re.compile(r"\bwhere(?:['’]s|\s+is)\s+(?:the\s+)?momentum\s+(?=(?:in|for)\b)", re.I), "what is gaining momentum "),
    # the analyst's frameworks, and an analysis asked of a topic, are ways to look at it, no topic:
    # "STEEP analysis of autonomous vehicles", "An analysis of the EV market" (not "data analysis",
    # not "pest control": the frameworks in capitals)
    (
        re.compile(
            r"\b(?-i:STEEP|STEEPLE|STEEPLED|PEST|PESTLE|PESTEL|SWOT)(?:\s+(?:analysis|analyses|scan|view|breakdown|lens|framework|matrix))?\b(?:\s+(?:of|on|for)\b)?"
            r"|^\W*(?:(?:give|show)\s+(?:me|us)\s+)?an?\s+analysis\s+(?:of|on)\b",
            re.I,
        ),
        "",
    ),
    (re.compile(r"\b(?:could|might|would|will|may|can)\s+derail\b", re.I), "are the risks for"),
    # ...and what could slow it, or is slowing it, asks its challenges: "What could slow down the
    # adoption of heat pumps?", "What's slowing EV adoption?" ("What slows ageing?" asks how)
    (
        re.compile(
            r"\bwhat(?:['’]s\s+|\s+(?:is|are)\s+)(?:really\s+|still\s+)?(?:slowing|stalling|delaying|impeding|hindering|hampering|stymieing)(?:\s+down)?\b"
            r"|\bwhat\s+(?:could|might|would|will|may|can)\s+(?:slow|stall|delay|impede|hinder|hamper|stymie)(?:\s+down)?\b",
            re.I,
        ),
        "what are the challenges for",
    ),
    # where the money goes is the investment: "Where is the money flowing in climate tech?"
    (
        re.compile(
            r"\bwhere\s+(?:is|['’]s|are)\s+(?:the\s+)?(?:money|capital|funding|investors?|investments?)\s+"
            r"(?:flowing|going|headed|heading|moving|pouring)(?:\s+(?:in|into|within|on))?\b",
            re.I,
        ),
        "what is the investment in",
    ),
    # ...and so does who puts it there: "Who's investing in fusion energy?", "Which companies are funding quantum?"
    (
        re.compile(
            r"\b(?:who|which\s+(?:companies|firms|investors|funds|players|startups|start-ups|businesses|corporations|banks|vcs))"
            r"(?:['’]s|\s+(?:is|are|has\s+been|have\s+been))\s+(?:(?:really|heavily|still|now)\s+)?"
            r"(?:investing|putting\s+(?:money|capital)|pouring\s+(?:money|capital)|funding|bankrolling|backing|financing)(?:\s+(?:in|into)\b)?"
            r"(?=\s+(?!(?:them|it|these|those|this|that)\b)[\w'’])",  # "who is funding them?" points back: the follow-up resolves it first
            re.I,
        ),
        "what is the investment in",
    ),
    (
        re.compile(r"(?:\b(?:is|are|was|were)|['’](?:s|re))\s+(?:still\s+)?holding\s+(?:back\b|(?P<what>(?:[\w'’-]+\s+){1,5}?)back\b)|\b(?:holds?|held)\s+(?P<held>(?:[\w'’-]+\s+){1,5}?)back\b", re.I),
        lambda m: _challenges_for(m.group("what") or m.group("held")),
    ),
    # ...and what stops someone ("What's stopping people?", "What's keeping hospitals from adopting AI?"); anyone at all is no topic
    (
        re.compile(
            r"(?:\b(?:is|are|was|were)|['’](?:s|re))\s+(?:really\s+|still\s+)?(?:stopping|preventing|keeping|deterring|putting\s+off|discouraging)\s+"
            r"(?:(?:people|anyone|everyone|folks|us|them|you|most\s+people)\b(?:\s+(?:from|away\s+from)\b)?"
            r"|(?P<who>(?:[\w'’-]+\s+){0,2}?[\w'’-]+)\s+(?:from|away\s+from)\b)",  # "What's keeping inflation high?" asks no challenges
            re.I,
        ),
        lambda m: _challenges_for(m.group("who")),
    ),
    # what pushes a thing asks what drives it: "What's pushing companies back to the office?" (not "pushing back")
    (
        re.compile(r"\bwhat(?:['’]s|\s+is|\s+are)\s+(?:really\s+|actually\s+)?(?:pushing|prompting|spurring|motivating|propelling|sparking)\b(?!\s+back\b)", re.I),
        "what is driving",
    ),
    # who loses or wins from a thing asks its risks or its opportunities: "Who loses from the energy
    # transition?" searched "loses energy transition", "Who's losing out from automation?" listed
    # automation technologies ("Who is winning the AI race?" asks of the race)
    (
        re.compile(
            r"(?<!\band\s)(?<!\bor\s)\bwho(?:\s+|['’]s\s+|\s+(?:is|are|will|might|could)\s+)(?:(?:stands?|set|going|likely)\s+to\s+)?"
            r"(?:(?P<loses>loses(?:\s+out)?|lose(?:\s+out)?|losing(?:\s+out)?|suffers?|suffering|(?:gets|is|are|be)\s+(?:hurt|hit|left\s+behind))|wins?|gains?|benefits?|profits?)"
            r"(?:\s+(?:the\s+)?most)?\s+(?:from|by|with)\b",
            re.I,
        ),
        lambda m: "what are the risks of" if m.group("loses") else "what are the opportunities of",
    ),
    # ...and where it goes, asked of places: "Which countries are investing in hydrogen?" (the places asked stay)
    (
        re.compile(
            r"\b(?P<places>countries|nations|cities|regions|states|governments|economies)\s+(?:are|is|have\s+been)\s+(?:(?:really|heavily|still|now)\s+)?"
            r"(?:investing|putting\s+(?:money|capital)|pouring\s+(?:money|capital))\s+(?:heavily\s+)?(?:in|into)\b",
            re.I,
        ),
        lambda m: f"{m.group('places')} the investment in",
    ),
    # what besets a topic is its trouble, said of it: "the challenges facing offshore wind", "What
    # problems plague EV charging?", "What risks do cities face from floods?" (a verb of the question,
    # no topic word; one that ends the question is dropped as such, `_FINDING_VERB`)
    (re.compile(r"\b(?P<trouble>" + _TROUBLES + r")\s+(?:(?:that|which)\s+)?(?:(?:is|are|now|still|currently|increasingly)\s+)*" + BESET + r"\b", re.I), lambda m: f"{m.group('trouble')} for"),
    (re.compile(r"\b(?P<asked>(?:" + _TROUBLES + r")\b.{1,80}?)\s+" + BESET + r"(?=\s+(?:with|from|in|on|over|when|as|today|now)\b)", re.I), r"\g<asked>"),
    # what a thing is used for is its applications, as the records say it: "real-world uses of
    # quantum computing", "use cases for drones", "Where is quantum computing actually being used today?"
    # (where a thing is deployed asks where: "Where are robotaxis being deployed?")
    (re.compile(r"\b(?:real[\s-]world\s+|practical\s+)?(?:uses|use[\s-]cases)\s+(?=(?:of|for)\b)", re.I), "applications "),
    (
        re.compile(
            r"\bwhere\s+(?:is|are)\s+(?P<thing>(?:[\w'’-]+\s+){0,4}?[\w'’-]+)\s+(?:actually\s+|really\s+|already\s+)?(?:being\s+)?(?:used|applied)"
            r"(?:\s+(?:today|now|already|in\s+practice))?(?=\s*[?.!]*\s*$)",
            re.I,
        ),
        lambda m: f"what are the applications of {m.group('thing')}",
    ),
    # the public's mood is its perception, as the records say it: "What is the public mood on nuclear energy?"
    (re.compile(r"\b(?:public|popular)\s+(?:mood|vibe|temperature|feelings?)\b", re.I), "public perception"),
    (re.compile(r"\bweak\s+(?:spots?|points?|links?)\b|\bachilles(?:['’]s?)?\s+heels?\b", re.I), "weaknesses"),
    (re.compile(r"\b(?:the\s+)?bear(?:ish)?\s+case\b", re.I), "the risks"),
    (re.compile(r"\b(?:the\s+)?bull(?:ish)?\s+case\b", re.I), "the opportunities"),
    # ...and so does what a pessimist or an optimist would say: "What would a pessimist say about lab-grown meat?"
    (
        re.compile(
            r"\b(?:an?\s+|the\s+)?(?:(?P<bear>pessimists?|doomsayers?|doomers?)|optimists?|techno-optimists?|boosters?)"
            r"(?:['’]s?)?(?:\s+(?:view|take|case|perspective|reading))?(?![\w-])",
            re.I,
        ),
        lambda m: "the risks" if m.group("bear") else "the opportunities",
    ),
    (re.compile(r"\bwicked\s+problems?\b", re.I), "challenges"),
    (re.compile(r"(?<![\w/])w/o(?![\w/])", re.I), "without"),  # shorthand: "what's happening w/ lithium prices"
    (re.compile(r"(?<![\w/])w/(?=\s)", re.I), "with"),
    # whether a thing is overhyped asks of its hype, as the records write it ("AI Hype Cycle", "Disconnect
    # Between AI Hype and Reality"); "metaverse overhyped" matched nothing on the metaverse
    (re.compile(r"\b(?:over[\s-]?hyped|hyped(?:\s+up)?|over[\s-]?rated|over[\s-]?sold)\b", re.I), "hype"),
    (re.compile(r"\bdiscontinuit(?:y|ies)\b", re.I), "disruptions"),
    (re.compile(r"\b(?:known\s+)?unknowns\b(?!\s+unknowns)", re.I), "uncertainties"),  # 597 records write uncertainty, 10 unknowns
    (re.compile(r"\b(?:fat[\s-]+)?tail[\s-]+(?=risks?\b)", re.I), ""),
    # "the other Nordic countries", "which other countries": the places asked, not "other"
    (re.compile(r"\b(?-i:other)\s+(?=(?:countries|nations|states|regions|places|cities|economies)\b|(?-i:[A-Z]))", re.I), ""),
    # a quality asked of a topic is the noun the records write: "are robotaxis safe?" asks of their
    # safety ("Safety Concerns with Driverless Operations"), "how affordable are heat pumps?" their affordability
    (re.compile(r"^(?P<ask>\s*(?:is|are|was|were)\s.+?\s)(?P<quality>" + "|".join(_QUALITIES) + r")(?=(?:\s+(?:in|among|across)\s+[^?.!,]+)?\s*[?.!]*\s*$)", re.I),
     lambda m: m.group("ask") + _QUALITIES[m.group("quality").lower()]),
    (re.compile(r"^\s*how\s+(?P<quality>" + "|".join(_QUALITIES) + r")\s+(?=(?:is|are|was|were)\s)", re.I),
     lambda m: "how is the " + _QUALITIES[m.group("quality").lower()] + " of "),
]
# "the mood among X" asks about X
_MOOD = re.compile(r"\bthe\s+(?:mood|vibe)\b(?=\s+(?:among|amongst|in|of|at|around|on)\b)", re.I)
_KEEP_AWAKE = re.compile(r"\b(?:keeps?|kept|keeping)\s+[\w'’ -]{1,40}?\s+awake\b(?!\s+at\s+night)", re.I)
# who keeps someone up at night is what worries them: "What keeps insurers up at night?"
_AWAKE = re.compile(r"\bkeeps?\s+(?P<who>[\w' -]{2,40}?)(?=\s*,)", re.I)  # after the kind words went: "keeps insurers ,"
# the trade's phrases for what is asked of a topic, not the topic: "what would change the picture for
# fusion" ("picture" was a part: imaging), "game changers for batteries", "signals that could go
# mainstream in retail", "where do the signals on AI and jobs disagree?"
_ASKED_OF = re.compile(
    r"\b(?:change[sd]?|changing|alter(?:s|ed|ing)?|upend(?:s|ed|ing)?|shift(?:s|ed|ing)?)\s+the\s+(?:picture|game|landscape|equation|calculus)\b"
    r"|\bgame[- ]?chang(?:ers?|ing)\b|\b(?:upend(?:s|ed|ing)?|overturn(?:s|ed|ing)?|shak(?:e|es|ing)\s+up)\b"
    r"|\b(?:go(?:es|ing)?|went|gone|becom(?:e|es|ing)|became|turn(?:s|ed|ing)?)\s+mainstream\b"
    r"|\b(?:disagree|diverge|converge|agree|overlap|contradict\s+each\s+other)(?=\s*(?:[?.!]|$|\s+(?:on|about|over|most)\b))"
    # where to begin is asked of the topic before it: "... the future of food. Where should I start?"
    r"|\b(?:where|how)\s+(?:should|do|can|would|could)\s+(?:i|we|one)\s+(?:start|begin)\b"
    # how much of it, in all: "how many are there in total?"
    r"|\b(?:in\s+total|in\s+all|all\s+told|altogether)\b"
    # what one thing means for another: "what do heat pumps mean for gas utilities?"
    r"|\b(?:mean|means|meant)(?=\s+for\b)",
    re.I,
)
# who loses out from a topic is asked of the topic, as who leads it is
_LOSING_OUT = re.compile(
    r"\b(?:los(?:e|es|ing)|lost)\s+out\b|\bwinners\s+and\s+losers\b"
    r"|\bwho\s+(?:stands\s+to\s+)?(?:wins?|gains?|benefits?|profits?)\s+and\s+who\s+(?:stands\s+to\s+)?(?:los(?:es|e)|pays?|suffers?)\b",
    re.I,
)
# what part someone plays in a topic asks what they do in it: "What is Nvidia's role in AI?"
# ("Redefined Chief AI Officer Role" is no answer); "the role of insurers in adaptation"
_ROLE_IN = re.compile(r"(?<=['’]s)\s+roles?(?=\s+(?:in|for|on|within|across)\b)|\b(?:the\s+)?roles?\s+(?=of\b)", re.I)
# ...and "What role does AI play in healthcare?" asks what AI does in healthcare
_ROLE_PLAYED = re.compile(
    r"\broles?\s+((?:do|does|did|will|would|could|might|can|should|is|are)\s+(?:[\w'’-]+\s+){1,5}?)play(?:s|ed|ing)?\s+(?=(?:in|for|on|within|across|at)\b)",
    re.I,
)
# what a thing "is used in" or "for" links it to its setting, as "using" does; "used cars" is a topic
_USED = re.compile(r"\b((?:is|are|was|were|be|been|being|get|gets|getting)(?:\s+\w+ly)?)\s+used\s+(?=(?:in|for|to|by|on|across|against|as|within)\b)", re.I)
# "getting cheaper", "getting more common": where it is heading, said with a comparative ("people getting dogs" keeps it)
# what makes a thing so, or could: "What makes rare earths so important?", "Which technologies could
# make air travel greener?" ask about the thing; "make-up" and "makers" are words of their own
_MAKING = re.compile(r"\b(?:what|which|could|might|would|will|can|may|to|does|do|that|help|helps)\s+(makes?)\b(?!-)", re.I)
_GETTING = re.compile(r"\bgetting\s+(?=(?:more|less|\w{2,}er)\b)", re.I)
# what something fails to do is how it fails: "carbon capture failing to deliver" searched "deliver"
# as a part of its own (postal delivery); the failure stays ("vertical farms failing")
_FAILING_TO = re.compile(
    r"\b((?:fail|struggl)(?:s|ed|ing|e)?)\s+to\s+(?:deliver|live\s+up\s+to(?:\s+(?:the|its|their))?(?:\s+(?:hype|promises?|expectations))?|"
    r"take\s+off|catch\s+on|scale(?:\s+up)?|meet\s+(?:the\s+|its\s+|their\s+)?(?:expectations|targets|goals|promises?)|work|pay\s+off)\b",
    re.I,
)
# who writes about a topic asks for it ("Is anyone writing about solar geoengineering?"); "AI writing tools" is a topic
_WRITING = re.compile(r"\b(?:writing|writes|wrote|written|reporting|reports|reported|blogging|blogs|posting|posts|posted|publishing|published)\s+(?=(?:about|on)\b)", re.I)
# "combat" as a verb fights its object, as "fight" and "tackle" do; as a noun it is a topic ("combat drones");
# "counter" stays in the topic: the corpus writes "counter-drone technology"
_COMBAT = re.compile(r"\b(to|help(?:s|ed|ing)?|can|could|would|will|that|which|who|and|or)\s+combat\b", re.I)

# "top 5 signals", "the first 10", "the 3 best concerns": at most that many records first
# "give me three signals", "5 concerns on X" (not "rated 5 concerns": that is a rating)
_COUNTED = r"one|two|three|four|five|six|seven|eight|nine|ten|twelve|fifteen|twenty|[1-9]\d?"
TOP_N = re.compile(
    r"\b(?:top|first|best)\s+([1-9]\d?)\b(?!\s*(?:/|of\s+5|out\s+of))"
    # "the 3 best", "the three most important signals", "the single biggest risk"
    r"|\b(" + _COUNTED + r"|single)\s+(?:best|strongest|biggest|largest|greatest|key|most\s+(?:relevant|important|significant|critical|pressing|notable|interesting))\b"
    r"|(?<!rated )(?<!relevancy )(?<!relevance )(?<!scored )(?<!score )(?<![-/.\d])\b(" + _COUNTED + r")\s+(?=(?:[a-z][\w-]*\s+)?" + _KIND_WORD + r"\b)"
    r"|^\s*(?:show|give|list)(?:\s+(?:me|us))?(?:\s+(?:only|just))?\s+(" + _COUNTED + r")\s*[.!?]*\s*$",  # "show me 5"
    re.I,
)
_NUMBER_WORDS = {w: n for n, w in enumerate("zero one two three four five six seven eight nine ten".split())} | {"twelve": 12, "fifteen": 15, "twenty": 20, "single": 1}

# --- aspects: a question that joins distinct parts ----------------------------------------------
_ASPECT_SPLITS = [
    # "X? And Y?", "X; Y": two sentences or clauses (a sentence that is only filters is no part)
    re.compile(r"\s*;\s*|(?:[?!]|(?<!\b[A-Za-z])\.)\s+(?:and\s+|also\s+)?(?=\w)", re.I),  # not after "U.S." or "e.g."
    # "X, and where Y", "X, and about Y", "X, and from Y": a new clause or a parallel complement
    re.compile(
        r"\s*,\s*(?:and|but|also|plus|or)?\s*(?=(?:where|what|which|who|how|when|why|whether|about|from|on|in|for|to|with)\b)"
        # "..., and behaviors of job seekers": a kind of record asked next
        r"|\s*,\s*(?:and|but|also|plus)\s+(?:the\s+)?(?=" + _KIND_WORD + r"\b)",
        re.I,
    ),
    # "X and its effect on Y", "X and their impact on Y"
    re.compile(
        r"\s+and\s+(?:its|their|the)\s+(?:effects?|impacts?|implications?|consequences?|influence|role|toll)\s+(?=(?:on|for|in)\b)",
        re.I,
    ),
    re.compile(r"\s*,?\s+(?:and\s+also|as well as|along with|plus)\s+", re.I),
    re.compile(r"\s+and\s+(?=(?:where|how|what|which|who|whether)\b)", re.I),
]
_SUBJECT = re.compile(r"^\s*([^:?!.]{2,80}?)\s*:\s+(?=\S)")  # "Fast fashion: what ..., and ..."
# after a subject, "and the ..." joins a second thing asked of it ("Heat pumps: adoption signals and
# the barriers holding them back"); without one, "the risks of AI and the jobs ..." may be one topic
_AND_THE = re.compile(r"\s+and\s+(?=(?:the|its|their)\s)", re.I)
# ...without one, only where the later thing points back to the first ("deepfake concerns and the tools detecting them")
# (as its object: "the risks of AI and the jobs it replaces" stays one topic)
_AND_THE_BACK = re.compile(r"\s+and\s+(?=the\s+(?:[\w'’-]+\s+){1,4}?(?:them\b|it\s*(?:[?.!]|$)))", re.I)
# ...and, last, a plain "and" between two things asked of it ("Heat pumps: adoption signals and installation problems")
_AND = re.compile(r"\s+and\s+", re.I)
# a later part that asks for the earlier part's kind without naming it ("..., and which show Y?", "and what about Y?",
# "what concerns are there about X, and about Y?")
_ELLIPTIC = re.compile(r"^\W*(?:and\s+|but\s+|also\s+)?(?:which|any|what\s+about|about|on|from|to|in|for|with|over|around|regarding)\b", re.I)
_PRONOUN = re.compile(r"\b(?:it|they|them|this|these|that|those|its|their)\b", re.I)


def _where_asked(text: str) -> str:
    """The text with "which countries" (and the like) said as "where", offsets kept: a part that asks
    for places asks every kind there ("..., and which countries are building new reactors?"), not
    the earlier part's kinds as "..., and which show Y?" does."""
    for m in _PLACES_ASKED.finditer(text):
        text = text[: m.start()] + "where".ljust(m.start("places") - m.start()) + text[m.start("places") :]
    return text


def _number(word: str) -> int:
    return int(word) if word.isdigit() else _NUMBER_WORDS[word.lower()]


def plan(question: str, *, today: date | None = None) -> QueryPlan:
    """A `QueryPlan` read off the question's words (no model involved). A phrase in quotes is a
    topic as written: no kind, date, relevancy or name is read from it ("Privacy Concerns" is a
    record's name, not a request for concerns)."""
    today = today or date.today()
    text = " ".join(question.split())
    quoted = list(dict.fromkeys(m.group(1) for m in _QUOTED.finditer(text)))[:26]  # one mark per letter
    text = _QUOTED.sub(lambda m: f" {_QUOTE_MARK.format(chr(97 + quoted.index(m.group(1))))} " if m.group(1) in quoted else m.group(0), text)
    text = " ".join(text.split())
    text = _KEEP_AWAKE.sub(r"\g<0> at night", text)  # "signals that should keep car makers awake" (at night)
    text = _AGAINST.sub(lambda m: f"{m.group('means') or ''} counter".strip(), text)
    text = _REPLACE.sub("alternatives to", text)
    for said, plainly in _SAID_PLAINLY:
        text = said.sub(plainly, text)
    text = _MOOD.sub(" ", text)
    # "..., and where is it being adopted?" asks where of what went before: no part of its own
    where_of_it = _WHERE_OF_IT.search(text)
    text = text[: where_of_it.start()] + "?" if where_of_it else text
    since, until, date_spans = _dates(text, today)
    ceiling, ceiling_spans = _relevancy(text, RELEVANCY_CEILINGS)
    relevancy, rel_spans = _relevancy(_blank(text, ceiling_spans))
    rel_spans += ceiling_spans
    if exact := RELEVANCY_EXACT.search(_blank(text, rel_spans)):  # "rated exactly 4": a floor and a ceiling
        relevancy = ceiling = _WORDS.get(exact.group(1).lower()) or int(float(exact.group(1)))
        rel_spans.append(exact.span())
    request = REQUEST.search(text)
    intent = _intent(text, request)
    kinds = [kind for kind, rx in KIND_RES.items() if rx.search(_blank(text, [m.span(1) if m.group(1) else m.span(2) for m in _CONCERN_VERB.finditer(text)]))]
    modifying = _tech_modifying(text)
    asked_for = [m for m in re.finditer(r"\btechnolog(?:y|ies)\b|\btech\b", text, re.I) if not any(a <= m.start() < b for a, b in modifying)]
    tech_topic = "technology" in kinds and (
        len(kinds) > 1 and _TECH_TOPIC.search(text) is not None
        or any(not any(a <= m.end() - 1 < b for a, b in modifying) for m in _TECH_SUBJECT.finditer(text))  # not "do tech companies"
        or bool(modifying) and not asked_for
        or _TECH_JOINED.search(text) is not None
        or _TECH_USED.search(text) is not None
    )
    if tech_topic:  # "concerns about technology": technology is what the concerns are about
        kinds = [k for k in kinds if k != "technology"]
    if kinds == ["signal"] and re.search(r"\btrends?\b", text, re.I) and not re.search(r"\bsignals?\b", text, re.I):
        kinds = []  # "trends" alone is a topic word more often than a request for signals only
    body = text
    limit = TOP_N.search(text)
    spans = date_spans + rel_spans + ([limit.span()] if limit else [])
    if request:  # the request frame is not the topic
        spans.append(request.span())
    elif verb := REQUEST_VERB_ONLY.search(text):
        spans.append(verb.span())
    if intent == "articles" and (asked := ARTICLES.search(text)):
        spans.append(asked.span())
    spans += [m.span() for m in UNIT.finditer(text)]
    audience = list(_AUDIENCE.finditer(text))
    corpus_frames = [span for m in _CORPUS_FRAME.finditer(text) for span in _framing(m)] + [m.span() for m in audience]  # "for a utility CEO" names no one asked about either
    if intent in ("briefing", "digest", "topic_page", "outlook", "cards"):  # a document's readers ("what about regulators?" asks on)
        corpus_frames += [m.span() for m in _BARE_AUDIENCE.finditer(text)]
    spans += corpus_frames
    spans += [span for m in _RELEVANT_TO.finditer(text) for span in _framing(m)]
    spans += [m.span() for m in _TRADE_FRAME.finditer(text)]
    spans += [m.span() for m in _LOSING_OUT.finditer(text)]
    spans += [m.span() for m in _DOCUMENT_SIZE.finditer(text)]  # "who wins and who loses" asks one thing
    spans += [m.span() for m in _OPINION_ON.finditer(text)]
    spans += [m.span(1) for m in _DISRUPTING.finditer(text)]
    spans += [m.span() for m in _WEIGHING.finditer(text)]
    if _CONTRARY.search(text):  # "counter-signals to", "what contradicts the idea that": what is asked of the topic
        spans += [m.span() for rx in (_CONTRARY, CLAIM) for m in rx.finditer(text)]
    spans += [m.span() for m in _RELATING.finditer(text)]
    # ...unless a word says which people ("What are young people worried about?": young people)
    spans += [
        m.span(group)
        for m in _HOLDER.finditer(text)
        if (group := next(g for g in ("holder", "worried", "doing") if m.group(g))) != "worried" or not _WHICH_PEOPLE.search(text[: m.start(group)])
    ]
    spans += [m.span(next(g for g in ("verb", "bet", "leads") if m.group(g))) for m in _ACTOR_VERB.finditer(text)]
    spans += [m.span("verb") if m.group("verb") else m.span("coping") for m in _HANDLING.finditer(text)]
    spans += [m.span(next(g for g in ("verb", "said", "last") if m.group(g))) for m in _FINDING_VERB.finditer(text)]
    spans += [m.span() for m in _HAVING.finditer(text)]
    if intent in ("lookup", "list", "count", "articles"):
        spans += [m.span("places") for m in _PLACES_ASKED.finditer(text)]  # "which" still asks: "..., and which countries lead?" is a part
    leaving = list(_EXCLUDE.finditer(text))
    spans += [m.span() for m in leaving]
    excluded = [left for m in leaving if (left := _search_text(m.group("left"), [])[0])]
    frames = [m.span() for rx in (DIGEST, TOPIC_PAGE, CARDS, THEMES, OUTLOOK_WORDS, RECURRING, SHARE) for m in rx.finditer(text)]
    if OUTLOOK.search(text):  # an outlook's horizon is its ten-year column, not words to match ("cities in 2035")
        frames += [m.span() for m in re.finditer(r"\b(?:in|by|until|for)?\s*" + _YEAR + r"\b", text, re.I) if int(m.group(1)) > today.year]
    # ...and so is a year to come in any question that asks about something in it ("work in 2040";
    # not "What comes beyond 2030?", whose year is all it asks about)
    horizon = [m.span() for m in re.finditer(r"\b(?:in|by|until|for|around|through)\s+(?:the\s+year\s+)?" + _YEAR + r"\b", text, re.I) if int(m.group(1)) > today.year]
    spans += frames
    # "NOW / NEAR / NEXT" names no one, nor does what the question leaves out ("excluding Mars")
    entities = _entities(_blank(text, date_spans + rel_spans + frames + corpus_frames + [m.span() for m in leaving]))
    query, topics = _search_text(body, spans + horizon, keep=[e.name for e in entities], topical_tech=tech_topic)  # "New York City", "New Zealand"
    if horizon and not query:
        query, topics = _search_text(body, spans, keep=[e.name for e in entities], topical_tech=tech_topic)
    else:
        spans += horizon
    if not query and any(m.group("sector").strip() for m in audience):
        whole = {m.span() for m in audience}
        spans = [sp for sp in spans if sp not in whole] + [sp for m in audience for sp in ((m.start(), m.start("sector")), (m.end("sector"), m.end()))]
        query, topics = _search_text(body, spans, keep=[e.name for e in entities], topical_tech=tech_topic)
    intent = _document_intent(text, intent, request, dated=bool(since or until), topic=bool(query or entities))
    aspects, aspect_kinds = _aspects(_where_asked(text), spans) if intent in ("lookup", "articles", "list", "briefing", "outlook") else ([], [])
    if any(set(k) >= set(KINDS) for k in aspect_kinds):
        kinds = []  # a part asks for every kind: the question filters none ("What's happening to bees, and which technologies ...")
    drivers = bool(_DRIVERS.search(text)) and intent == "lookup" and not aspects
    contrary = intent == "lookup" and not aspects and bool(_CONTRARY.search(text))
    planned = QueryPlan(
        question=question,
        intent=intent,
        kinds=kinds,
        min_relevancy=relevancy,
        max_relevancy=ceiling,
        since=since,
        until=until,
        topics=topics,
        query=query,
        sides=_placed_alike(_sides(" ".join(_blank(text, date_spans + rel_spans + corpus_frames + ([limit.span()] if limit else [])).split()))) if intent == "compare" else [],
        aspects=aspects,
        aspect_kinds=aspect_kinds if any(aspect_kinds) else [],
        limit=_number(next(g for g in limit.groups() if g)) if limit else None,
        where=bool(_WHERE.search(text) or where_of_it) and intent in ("lookup", "list", "count", "articles"),
        drivers=drivers,
        effects=not drivers and bool(_EFFECTS.search(text) or _MATTERING.search(text)) and intent == "lookup" and not aspects,
        by_rating=bool(_BY_RATING.search(text)) and intent == "lookup",
        contrary=contrary,
        entities=entities,
        focus=focus_of(query, entities),
        excluded=excluded,
    )
    return _unquoted(planned, quoted) if quoted else planned


_QUOTED = re.compile(r"[“\"]([^”\"]{2,120})[”\"]")  # a phrase in double quotes
_QUOTE_MARK = "qq{}qq"  # stands in for a quoted phrase while the question is read


def _unquoted(planned: QueryPlan, quoted: list[str]) -> QueryPlan:
    """The plan with each quoted phrase back in place of its mark."""

    def back(text: str) -> str:
        return re.sub(r"qq([a-z])qq", lambda m: quoted[ord(m.group(1)) - 97], text)

    return planned.model_copy(
        update={
            "query": back(planned.query),
            "topics": [back(t) for t in planned.topics],
            "aspects": [back(a) for a in planned.aspects],
            "sides": [back(side) for side in planned.sides],
            "focus": back(planned.focus),
            "excluded": [back(x) for x in planned.excluded],
        }
    )


def _intent(text: str, request: re.Match[str] | None) -> Intent:
    if request and re.fullmatch(_ARTICLE_NOUN, request.group("noun"), re.I) or ARTICLES.search(text):
        if not re.search(r"\bhow many\b|\bcount\b|\bnumber of\b", text, re.I):
            return "articles"
    for intent, rx in INTENT_PATTERNS:
        if rx.search(text):
            return intent
    return "lookup"


def _document_intent(text: str, intent: Intent, request: re.Match[str] | None, *, dated: bool, topic: bool) -> Intent:
    """The documents an analyst publishes, when the question asks for one: a topic page, cards
    (by name, or "make cards about X"), the themes of a period or the corpus, an outlook ("where is
    X heading", "trends about X", "five-year outlook on X"), and a period digest ("digest of March
    2025"; or a summary of a period that names no topic: "summarize November 2024"). A digest
    asked for a topic with no period is the topic's page."""
    if TOPIC_PAGE.search(text):
        return "topic_page"
    if CARDS.search(text) or (request and re.fullmatch(r"cards?", request.group("noun"), re.I)):
        return "cards"
    if THEMES.search(text):
        return "themes"
    if DIGEST.search(text):
        return "topic_page" if topic and not dated else "digest"
    if dated and not topic and PERIOD_SUMMARY.search(text):
        return "digest"
    if intent in ("lookup", "briefing") and OUTLOOK.search(text):
        return "outlook"
    return intent


def without_filters(text: str, *, relevancy: bool = False, period: bool = False, today: date | None = None) -> str:
    """The text without its relevancy phrase ("rated 5") or its period ("since 2024"): a follow-up
    that names another puts its own in their place."""
    spans = (_relevancy(text)[1] + _relevancy(text, RELEVANCY_CEILINGS)[1] if relevancy else []) + (_dates(text, today or date.today())[2] if period else [])
    for start, end in sorted(_merged(spans), reverse=True):
        text = text[:start] + text[end:]
    return " ".join(text.split())


def _relevancy(text: str, patterns: list[tuple[re.Pattern[str], str]] | None = None) -> tuple[int | None, list[tuple[int, int]]]:
    """The first relevancy phrase sets the threshold (a floor, or with `RELEVANCY_CEILINGS` a
    ceiling); every one of them is stripped from the search."""
    value: int | None = None
    spans: list[tuple[int, int]] = []
    for rx, how in RELEVANCY_PATTERNS if patterns is None else patterns:
        for match in rx.finditer(text):
            if any(s <= match.start() < e for s, e in spans):
                continue
            found = _threshold(match, how)
            if found is None:
                continue
            if value is None:
                value = found
            spans.append(match.span())
    return value, spans


def _threshold(match: re.Match[str], how: str) -> int | None:
    """The minimum integer relevancy a phrase asks for (relevancy is 1-5 in whole steps)."""
    if how.startswith("="):
        return int(how[1:])
    raw = match.groups()[-1]
    number = float(_WORDS.get(raw.lower(), raw)) if raw.lower() in _WORDS or re.fullmatch(r"\d(?:\.\d+)?", raw) else None
    if number is None:
        return None
    value = math.floor(number) + 1 if how == "above" else math.ceil(number) - 1 if how == "below" else math.floor(number) if how == "max" else math.ceil(number)
    return value if 1 <= value <= 5 else None


_BARE_YEAR = re.compile(r"(?P<before>[\w'’-]+)\s+(?P<year>(?:19|20)\d{2})\s*[?.!]*\s*$")


def _dates(text: str, today: date) -> tuple[date | None, date | None, list[tuple[int, int]]]:
    """(since, until, spans) from phrases like 'since 2024', 'in March 2025', 'between 2023 and
    2024', 'Q1 2025', 'the week of 2024-11-17'. "In 2030" of a year after this one is a horizon
    (a topic), not a filter; "since 2030" is a filter all the same."""
    spans: list[tuple[int, int]] = []

    def plausible(year: str) -> bool:
        return int(year) <= today.year

    if m := re.search(r"\b(?:the\s+)?week\s+of\s+(\d{4})-(\d{2})-(\d{2})\b", text, re.I):
        start = date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        return start, start + timedelta(days=6), [m.span()]
    rx_range = re.compile(r"\b(?:between|from)\s+" + _MONTH + _YEAR + r"\s+(?:and|to|until|through|-|–)\s+" + _MONTH + _YEAR, re.I)
    if m := rx_range.search(text):
        return _first_day(m.group(1), m.group(2)), _last_day(m.group(3), m.group(4)), [m.span()]
    rx_months = re.compile(r"\b(?:between|from)\s+" + _MONTH_NAME + r"\s+(?:and|to|until|through|-|–)\s+" + _MONTH_NAME + r"\s+" + _YEAR, re.I)
    if m := rx_months.search(text):
        return _first_day(m.group(1), m.group(3)), _last_day(m.group(2), m.group(3)), [m.span()]
    if (m := re.search(r"\b" + _YEAR + r"\s*(?:-|–|to)\s*" + _YEAR + r"\b", text)) and plausible(m.group(1)):
        return date(int(m.group(1)), 1, 1), date(int(m.group(2)), 12, 31), [m.span()]
    if m := re.search(r"\b(?:in\s+|during\s+)?(?:the\s+)?(?:Q([1-4])|(first|second|third|fourth)\s+quarter(?:\s+of)?)\s*" + _YEAR + r"\b", text, re.I):
        quarter = int(m.group(1)) if m.group(1) else ["first", "second", "third", "fourth"].index(m.group(2).lower()) + 1
        year = int(m.group(3))
        end_month = quarter * 3
        return date(year, end_month - 2, 1), date(year, end_month, calendar.monthrange(year, end_month)[1]), [m.span()]
    if m := re.search(r"\b(?:in\s+|during\s+)?(\d{4})-(\d{2})(?:-(\d{2}))?\b", text):
        year, month = int(m.group(1)), int(m.group(2))
        if 1 <= month <= 12 and year <= today.year:
            if m.group(3):
                day = date(year, month, int(m.group(3)))
                return day, day, [m.span()]
            return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1]), [m.span()]

    rx_since = re.compile(r"\b(since|after|from|starting(?:\s+in)?|as of|beginning(?:\s+in)?)\s+" + _MONTH + _YEAR, re.I)
    rx_until = re.compile(r"\b(before|until|till|up to|prior to|through|no later than)\s+" + _MONTH + _YEAR, re.I)
    rx_in = re.compile(r"\b(?:in|during|throughout|of|for)\s+" + _MONTH + _YEAR + r"\b", re.I)
    rx_bare_month = re.compile(r"\b" + _MONTH_NAME + r"\s+" + _YEAR + r"\b", re.I)
    since = until = None
    if m := rx_since.search(text):
        word, named, year_text = m.group(1).lower(), m.group(2), m.group(3)
        since = _last_day(named, year_text) + timedelta(days=1) if word == "after" else _first_day(named, year_text)
        spans.append(m.span())
    if m := rx_until.search(text):
        word, named, year_text = m.group(1).lower(), m.group(2), m.group(3)
        until = _first_day(named, year_text) - timedelta(days=1) if word in ("before", "prior to") else _last_day(named, year_text)
        spans.append(m.span())
    if since is None and until is None and (m := rx_in.search(text)) and plausible(m.group(2)):
        since, until = _first_day(m.group(1), m.group(2)), _last_day(m.group(1), m.group(2))
        spans.append(m.span())
    if since is None and until is None and (m := rx_bare_month.search(text)) and plausible(m.group(2)):
        since, until = _first_day(m.group(1), m.group(2)), _last_day(m.group(1), m.group(2))
        spans.append(m.span())
    # a year that ends a terse question is its period ("heatwaves europe 2025"), not a word to
    # search; not one a name ends on ("Vision 2030", "Expo 2025"), nor one to come (a horizon)
    if since is None and until is None and (m := _BARE_YEAR.search(text)) and plausible(m.group("year")):
        before = m.group("before")
        if not (before[:1].isupper() and text[: m.start("before")].strip()):  # a capital within the question is a name's
            since, until = date(int(m.group("year")), 1, 1), date(int(m.group("year")), 12, 31)
            spans.append(m.span("year"))
    if since is None and until is None:
        since, until, span = _relative(text, today)
        spans += span
    return since, until, spans


_AMOUNTS = {"a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "nine": 9, "twelve": 12, "eighteen": 18}


def _relative(text: str, today: date) -> tuple[date | None, date | None, list[tuple[int, int]]]:
    if m := re.search(r"\bthis year\b|\bso far this year\b|\byear to date\b", text, re.I):
        return date(today.year, 1, 1), None, [m.span()]
    if m := re.search(r"\blast year\b|\bprevious year\b", text, re.I):
        return date(today.year - 1, 1, 1), date(today.year - 1, 12, 31), [m.span()]
    if m := re.search(r"\bthis month\b", text, re.I):
        return date(today.year, today.month, 1), None, [m.span()]
    if m := re.search(r"\blast month\b", text, re.I):
        end = date(today.year, today.month, 1) - timedelta(days=1)
        return date(end.year, end.month, 1), end, [m.span()]
    if m := re.search(r"\blast quarter\b", text, re.I):
        first_of_quarter = date(today.year, 3 * ((today.month - 1) // 3) + 1, 1)
        end = first_of_quarter - timedelta(days=1)
        return date(end.year, end.month - 2, 1), end, [m.span()]
    # "since June", "from last March", "in May": the latest such month, this year or, when it is still to come, the last
    if m := re.search(r"\b(since|after|from|starting(?:\s+in)?|last|in|during)\s+(?:last\s+)?" + _MONTH_NAME + r"\b(?!\s*,?\s*\d)(?!\s+(?-i:[A-Z]))", text, re.I):
        month = MONTHS[m.group(2).lower()]
        ended = m.group(1).lower() in ("after", "last")  # a month that is over: not this one
        year = today.year if month < today.month or month == today.month and not ended else today.year - 1
        if m.group(1).lower() in ("last", "in", "during"):  # "last June", "in May": that month alone
            return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1]), [m.span()]
        if m.group(1).lower() == "after":
            following = date(year, month, calendar.monthrange(year, month)[1]) + timedelta(days=1)
            return following, None, [m.span()]
        return date(year, month, 1), None, [m.span()]
    amount = r"(\d+|" + "|".join(_AMOUNTS) + r")"
    if m := re.search(r"\b(?:in\s+)?(?:the\s+)?(?:past|last|previous)\s+" + amount + r"?\s*(day|week|month|quarter|year)s?\b", text, re.I):
        raw = (m.group(1) or "1").lower()
        count = int(_AMOUNTS.get(raw, raw)) if raw in _AMOUNTS or raw.isdigit() else 1
        days = {"day": 1, "week": 7, "month": 31, "quarter": 92, "year": 366}[m.group(2).lower()] * count
        return today - timedelta(days=days), None, [m.span()]
    return None, None, []


def _first_day(month: str | None, year: str) -> date:
    return date(int(year), MONTHS[month.lower()] if month else 1, 1)


def _last_day(month: str | None, year: str) -> date:
    number = MONTHS[month.lower()] if month else 12
    return date(int(year), number, calendar.monthrange(int(year), number)[1])


# who comments on a topic is framing ("What do experts say about X?"), but not where something is
# done to them or placed in them: "people distrusting experts", "trust in scientists", "attacks on critics"
_COMMENTATORS_DONE_TO = re.compile(
    r"\b(\w{3,}ing|distrust|trust|faith|confidence|in|on|against|toward|towards)\s+(?:the\s+)?(" + "|".join(f"{word}s?" for word in _COMMENTATORS) + r")\b",
    re.I,
)
# the foresight word in a name for a group of countries: "the energy transition in emerging markets"
_GROUP_OF_COUNTRIES = re.compile(r"\b(emerging|developing|developed|rising)\s+(?=(?:markets?|economies|economy|countries|nations|world|powers)\b)", re.I)


def _search_text(
    text: str, spans: list[tuple[int, int]], keep: list[str] | None = None, *, topical_tech: bool = False
) -> tuple[str, list[str]]:
    """The question without its request, filters, kind words and framing words; and its topic
    phrases. Names in `keep` stay whole ("New York City" keeps its "New"); with `topical_tech`,
    "technology" is a topic word, not a kind word."""
    for start, end in sorted(_merged(spans), reverse=True):
        text = text[:start] + " , " + text[end:]
    kept = {m.group(1) for m in _GROUP_OF_COUNTRIES.finditer(text)}  # "emerging markets" names countries, as "New York" a city
    kept |= {m.group(2) for m in _COMMENTATORS_DONE_TO.finditer(text) if not (m.group(1).lower().endswith("ing") and m.group(1).lower() in FRAMING)}  # "people distrusting experts" (not "leading experts")
    if topical_tech:
        kept |= {m.group(0) for m in re.finditer(r"\btechnolog(?:y|ies)\b|\btech\b", text, re.I)}
        text = _KIND_WORDS.sub(lambda m: m.group(0) if re.fullmatch(r"technolog(?:y|ies)|techs?", m.group(0), re.I) else " , ", text)
    else:
        # "tech" that modifies a word is a topic's ("tech companies", "health tech"), not the kind asked
        modifying = _tech_modifying(text)
        text = _KIND_WORDS.sub(
            lambda m: m.group(0) if re.fullmatch(r"techs?", m.group(0), re.I) and any(a <= m.start() < b for a, b in modifying) else " , ", text
        )
    text = _MATTERS.sub(" , ", text)
    text = _TREND_WORDS.sub(lambda m: _grown(m, kept), text)
    text = _HEADING.sub(_heading, text)
    text = _COMBAT.sub(r"\1", text)
    text = _WRITING.sub(" ", text)
    text = _GROWTH_OF.sub(" , ", text)
    text = _INTEREST_IN.sub(" , ", text)
    text = _STAGING.sub(" , ", text)
    text = _LOSING_OUT.sub(" , ", text)
    text = _ASKED_OF.sub(" , ", text)
    text = _GETTING.sub(" ", text)
    text = _FAILING_TO.sub(r"\1", text)
    text = _MAKING.sub(lambda m: m.group(0)[: m.start(1) - m.start(0)], text)
    text = _USED.sub(r"\1 ", text)
    text = _ROLE_IN.sub(" ", text)
    text = _ROLE_PLAYED.sub(r"\1", text)
    text = _AWAKE.sub(lambda m: " , " + m.group("who") + " , ", text)
    # a name's own words stay where the name stands ("New" in "New York City", "of" in "the Bay of
    # Bengal"), not elsewhere ("Signals of rising sea levels" keeps no "of")
    named = [m.span() for name in keep or [] for m in re.finditer(r"(?<![\w-])" + re.escape(name) + r"(?![\w-])", text, re.I)]
    topics: list[str] = []
    current: list[str] = []
    for found in re.finditer(r"[\w][\w'’.&/+-]*[\w+]|[\w]|[,;:?!()]", text):
        word = found.group(0).strip(".")
        acronym = len(word) > 1 and word.isupper()  # "US", "EU", "AI" are topics, "us" is not
        in_name = any(a <= found.start() < b for a, b in named)
        framing = word.lower() in FRAMING and not acronym and word not in kept and not in_name
        if framing or not re.search(r"\w", word) or re.fullmatch(r"\d{1,2}", word):
            if current:
                topics.append(" ".join(current))
                current = []
            continue
        current.append(word)
    if current:
        topics.append(" ".join(current))
    return " ".join(topics), topics


def _heading(match: re.Match[str]) -> str:
    """Where the subject is heading out of the search text (`_HEADING`); an auxiliary opening the
    question is followed by its subject, not its verb ("Are cooling technologies improving?")."""
    if match.group(1) and not re.search(r"\w", match.string[: match.start()]):
        return match.group(0)
    return (match.group(1) or match.group(2) or match.group(3)) + " , "


def _grown(match: re.Match[str], kept: set[str]) -> str:
    """A trend word out of the search text, but "grow" with an object of its own stays: "how we
    grow food" asks about farming, not about food ("has AI grown since 2020?" asks no such thing)."""
    word = match.group(0)
    after = re.match(r"\s+(?:(?:their|our|your|its)\s+own\s+|more\s+)?([A-Za-z][\w-]*)", match.string[match.end() :])
    if word.lower() in ("grow", "grew", "grown") and after and after.group(1).lower() not in FRAMING and not _KIND_WORDS.fullmatch(after.group(1)):
        kept.add(word)
        return word
    return " , "


def _blank(text: str, spans: list[tuple[int, int]]) -> str:
    """The text with these spans replaced by spaces (offsets kept)."""
    for start, end in spans:
        text = text[:start] + " " * (end - start) + text[end:]
    return text


def _merged(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if out and start <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], end))
        else:
            out.append((start, end))
    return out


def _entities(text: str) -> list[EntityRef]:
    found = find_entities(text)
    return [EntityRef(name=e.name, type=e.type, aliases=list(e.aliases), related=list(e.related)) for e in found]  # type: ignore[arg-type]


def entities_in(text: str, entities: list[EntityRef]) -> list[EntityRef]:
    """The entities a part of the question names (a comparison's side, a two-part question's part)."""
    return [e for e in entities if any(a.lower() in text.lower() for a in e.aliases)]


def is_kind_word(word: str) -> bool:
    """Whether the word names a kind of record ("risks", "trends", "signals"): it asks for nothing
    a record of that kind is not already about."""
    return re.fullmatch(_KIND_WORD, word.strip(), re.I) is not None


# how those who act meet a topic: "and how employers respond" asks it of the question's topic
REACTING = re.compile(r"(?P<stem>respond|react|cop|adapt|adjust|prepar|resist|deal)(?:s|e|es|ed|ing|t)?", re.I)
MET_WITH = {"cop": "with", "deal": "with", "prepar": "for", "resist": ""}  # how each meets its object ("coping with"); the rest "to"


def _who_acts(query: str) -> bool:
    """Whether a part's search text is only who acts ("governments", "teachers"), and how they
    meet something ("employers respond"): nothing of a topic of its own."""
    words = query.split()
    if len(words) == 2 and REACTING.fullmatch(words[1]) and words[0].lower().endswith("s"):
        return True  # "how are jewellers responding": whoever meets it, named or not
    actors = [is_actor(w) for w in words]
    return any(actors) and all(actor or REACTING.fullmatch(w) for actor, w in zip(actors, words, strict=True))


def focus_of(query: str, entities: list[EntityRef]) -> str:
    """The search text without the entities' own names: what the records must be about."""
    focus = split_compounds(query)
    for entity in entities:
        names = "|".join(re.escape(a) for a in sorted(entity.aliases, key=len, reverse=True))
        for place in entity.related if names else ():  # the place whose name it is: "the UK's National Health Service"
            focus = re.sub(r"(?<![\w-])" + re.escape(place) + r"['’]s\s+(?=(?:" + names + r")(?![\w-]))", " ", focus, flags=re.I)
        for alias in sorted(dict.fromkeys([entity.name, *entity.aliases]), key=len, reverse=True):  # its name as asked ("GCC") too
            written = re.escape(alias.rstrip(".")) + (r"\.?" if alias.endswith(".") else "")  # "U.S." is "U.S" once the search text drops its last stop
            focus = re.sub(r"(?<![\w-])" + written + r"(?:'s|’s|s)?(?![\w-])", " ", focus, flags=re.I)
    return " ".join(focus.split())


# kinds asked of the whole question: "Concerns only", "only the signals", "just technologies"
_ONLY = re.compile(
    r"\b(?:only|just)\s+(?:the\s+)?(?:" + "|".join(KIND_PATTERNS.values()) + r")(?:\s*(?:,|and|&|or)\s*(?:the\s+)?(?:" + "|".join(KIND_PATTERNS.values()) + r"))*"
    r"|(?:" + "|".join(KIND_PATTERNS.values()) + r")(?:\s*(?:,|and|&|or)\s*(?:" + "|".join(KIND_PATTERNS.values()) + r"))*\s+only\b",
    re.I,
)
_QUESTION = re.compile(r"^\W*(?:and\s+|but\s+|also\s+)?(?:what|which|how|why|where|when|who|whose|is|are|was|were|do|does|did|can|could|will|would|has|have|any)\b", re.I)
_ASKS = re.compile(r"^\W*(?:and\s+|but\s+|also\s+)?(?:which|what|any)\b", re.I)  # a part that asks for a kind, not "Show me the signals."


# what is done about the topic before: "..., and what is being done about them?", "and how it is tackled"
_DONE_ABOUT = re.compile(
    r"\b(?:what\s+(?:is|are|can|could|should)\s+(?:being\s+|be\s+)?done\s+(?:about|against|to\s+(?:counter|stop|tackle))\s+(?:it|them|this|these)"
    r"|how\s+(?:is|are)\s+(?:it|they|this|these)\s+being\s+(?:tackled|addressed|countered|fought|handled|managed))\b",
    re.I,
)
# what a part asks of the topic before it, and nothing else: "How is AI changing drug discovery, and
# what are the risks?" asks the risks of AI in drug discovery, not risks at large
_ASPECT_ONLY = re.compile(
    r"(?:(?:main|key|biggest|major|potential|ethical|safety|health|environmental|social|economic)\s+)?(?:" + ASPECT_WORDS + r")",
    re.I,
)


def _aspects(text: str, spans: list[tuple[int, int]]) -> tuple[list[str], list[list[str]]]:
    """The distinct parts of a question that joins several ("X, and where Y", "X and its effect on
    Y", "Topic: what A, and about B"), each as its own search text, and the record kinds each part
    names ("the concerns about X, and which technologies could help"); [] for a single-part
    question. Filter and request phrases are blanked first, so a trailing "Concerns only, rated 4
    or more." is no part. A leading "Topic:" is the subject of every part; otherwise a pronoun in a
    later part ("where it is approved") stands for the first part's topic."""
    body = _blank(text, spans)
    subject = ""
    if match := _SUBJECT.match(body):
        subject = _search_text(match.group(1), [])[0]
        body = body[match.end() :]
    body = re.sub(r"[?.!]+\s*$", "", body.strip())
    for rx in [*_ASPECT_SPLITS, _AND_THE, _AND] if subject else [*_ASPECT_SPLITS, _AND_THE_BACK]:
        pieces = [p for p in rx.split(body) if p and p.strip(" ,;")]
        if len(pieces) < 2 or rx is _AND and any(len(p.split()) < 2 for p in pieces):
            continue  # "Energy: oil and gas" is a compound, not two things
        effect = "effect" in rx.pattern
        parts: list[str] = []
        kinds: list[list[str]] = []
        asking: list[bool] = []
        elliptic: list[bool] = []
        first_topic = ""
        for piece in pieces[:3]:
            query, _ = _search_text(piece, [])
            named = [kind for kind, rx in KIND_RES.items() if rx.search(piece)]
            # ...and so does a part that names a kind of what went before: "..., and the concerns people raise about them"
            if not query and ((parts and named and (first_topic or subject) and (_ASKS.search(piece) or _PRONOUN.search(piece))) or (subject and (named or _QUESTION.search(piece)) and not _ONLY.search(piece))):
                # "..., and which technologies could help?": those of the first part's topic; after a
                # subject, "Drones in agriculture: which technologies, and ...", "Solar: where is it
                # growing fastest, and ...": the subject itself
                query = first_topic or subject
                kinds.append(named)
                parts.append(query)
                asking.append(True)
                elliptic.append(False)
                continue
            if not query and parts and first_topic and _DONE_ABOUT.search(piece):
                # "Concerns about deepfakes and what is being done about them": what answers them,
                # the behaviours and technologies on the first part's topic
                query = first_topic
                kinds.append(["behavior", "technology"])
                parts.append(query)
                asking.append(True)
                elliptic.append(False)
                continue
            if not query:
                continue
            kinds.append(named)
            elliptic.append(bool(_ELLIPTIC.search(piece)))
            if subject:
                query = f"{subject} {query}"
            elif not parts:
                # what a pronoun later stands for: the topic the first part asks about ("the health
                # risks of vaping ... how are governments regulating it": vaping)
                of = re.search(r"\b(?:of|from|about|around|for|on|with|regarding)\s+(.+)$", piece, re.I)
                first_topic = (of and _search_text(of.group(1), [])[0]) or query
            elif first_topic and (effect or _PRONOUN.search(piece) or len(query.split()) == 1 and kinds[-1] or _who_acts(query) or _ASPECT_ONLY.fullmatch(query)):
                # "..., and what governments are doing?", "..., and how employers respond": who acts, on the first part's topic
                # "... and what are the safety concerns?": of the first part's topic; "which link
                # climate change to migration, and which link it to conflict?": what stands where
                # the pronoun stands (climate change)
                query = f"{_parallel(pieces[0], piece) or first_topic} {query}"
            parts.append(query)
            asking.append(bool(_QUESTION.search(piece)))
        asked = list(zip(parts, map(tuple, kinds), strict=True))
        if len(set(parts)) == 1 and sum(1 for k in kinds if k) < 2 and not all(asking):
            # "I work for a hospital. What concerns should we track?": one topic, then what is asked
            # of it; but "What's happening to bees, and which technologies could help them?" asks twice
            continue
        if len(parts) >= 2 and len(set(asked)) == len(asked):  # one topic asked in two kinds is two parts
            if any(kinds):
                # a part that names no kind before one that does asks for those every part is
                # asked in ("... Concerns only"), or for every kind ("What's happening to bees, and
                # which technologies could help them?": everything on bees); after one, it asks
                # for that part's ("which signals show X, and which show Y")
                first = next(n for n, k in enumerate(kinds) if k)
                overall = [kind for kind, rx in KIND_RES.items() if any(rx.search(m.group(0)) for m in _ONLY.finditer(text))]
                # "and the barriers holding them back" is a thing of its own, not a "which" asking in the first part's kinds
                # so is a later part that asks no kind of its own ("..., and how insurers are reacting")
                kinds = [k or overall or list(KINDS) if n < first or rx in (_AND_THE, _AND, _AND_THE_BACK) or not elliptic[n] else k for n, k in enumerate(kinds)]
            return parts, kinds
    return [], []


def _parallel(first: str, later: str) -> str:
    """What a later part's pronoun stands for when the part repeats the first one's wording around
    it: "which link it to conflict" after "Which signals link climate change to migration" puts
    "climate change" where "it" stands. "" when the words around the pronoun are not the first
    part's."""
    pronoun = re.search(r"\b(\w+)\s+(?:it|them)\s+(\w+)\b", later, re.I)  # not "show that ...": a clause
    if not pronoun:
        return ""
    between = re.search(rf"\b{re.escape(pronoun.group(1))}\s+(.+?)\s+{re.escape(pronoun.group(2))}\b", first, re.I)
    return _search_text(between.group(1), [])[0] if between else ""


def _placed_alike(sides: list[str]) -> list[str]:
    """A second side that is only a setting takes the first side's topic: "Compare solar power in
    Africa and in India" compares solar power in India, not "in India" (India's arms production)."""
    if len(sides) == 2 and (setting := re.match(r"(in|for|among|at|across|within)\s+(?=\S)", sides[1], re.I)):
        at = sides[0].lower().rfind(f" {setting.group(1).lower()} ")
        if at > 0:
            return [sides[0], f"{sides[0][:at]} {sides[1]}"]
        # ...and one that only repeats the word before the first ("the concerns for farmers and for
        # fishers"): the setting is each side itself
        return [sides[0], sides[1][setting.end() :]]
    return sides


def _sides(text: str) -> list[str]:
    """The two things a comparison compares, when the sentence says them plainly."""
    body = re.sub(r"[?.!]+$", "", text)
    # the kinds a follow-up put first ("Signals: Compare China and India on electric vehicles") ask nothing of the sides
    body = re.sub(r"^\s*" + TABLE_KINDS + r"\s*:\s*", "", body, flags=re.I)
    body = re.sub(r"^(\s*compare\s+)(?:about|on|regarding)\s+", r"\1", body, flags=re.I)  # "Compare [what the corpus says] about China and India"
    # "EV adoption: Europe vs US", "energy: solar vs wind": the topic before the colon, of each side
    # ("how people pay, cash versus digital": after a comma, only "vs" or "or" joins the sides)
    headed = re.search(
        r"^(?:compare\s+)?(?:the\s+)?([^:,]+?)\s*(?::\s*(?:the\s+)?(\S+(?:\s+\S+){0,2}?)\s+(?:vs\.?|versus|and|or)|,\s*(?:the\s+)?(\S+(?:\s+\S+){0,2}?)\s+(?:vs\.?|versus|or))"
        r"\s+(?:the\s+)?(\S+(?:\s+\S+){0,2})$",
        body,
        re.I,
    )
    if headed and not (headed.group(3) and re.match(r"\s*which\b", body, re.I)) and (topic := _search_text(_side_topic(headed.group(1)), [])[0]):
        return [f"{(headed.group(2) or headed.group(3)).strip()} {topic}", f"{headed.group(4).strip()} {topic}"]
    shared = re.search(
        r"^(?:compare\s+)?(?:the\s+)?(.+?)\s+" + _TABLE_KIND + r"\s+(in|for|from|between|across)\s+(?:the\s+)?(.+?)\s+"
        r"(?:and|vs\.?|versus|with)\s+(?:the\s+|those\s+(?:in|of)\s+(?:the\s+)?)?(.+)$",
        body,
        re.I,
    )
    # (a topic of its own before the kind: "Compare the technologies for reefs with ..." has none)
    if shared and not re.search(r"\b(?:how|what|which)\b", shared.group(1), re.I) and _side_topic(shared.group(1)):
        # "AI-regulation signals in the EU and the US": the topic goes to both sides.
        topic, preposition = shared.group(1).strip(), shared.group(2).lower()
        preposition = "in" if preposition in ("between", "across") else preposition
        return [f"{topic} {preposition} {shared.group(i).strip()}" for i in (3, 4)]
    # "How do attitudes to nuclear power differ between Germany and France?": the topic, in each place
    placed = re.search(
        r"^(?:how\s+)?(?:(?:do|does|did)\s+)?(?:the\s+)?(.+?)\s+(?:differ|vary|compare|contrast)\s+(?:between|across|in)\s+"
        r"(?:the\s+)?(.+?)\s+(?:and|vs\.?|versus|with)\s+(?:the\s+|in\s+(?:the\s+)?)?(.+)$",
        body,
        re.I,
    )
    if placed and (topic := _side_topic(placed.group(1))):
        return [f"{topic} in {placed.group(2).strip()}", f"{topic} in {placed.group(3).strip()}"]
    # "Compare China and the EU on electric vehicles", "How do China and the EU compare on EVs?":
    # the topic after both sides goes to each (the second side alone would take it)
    after = re.search(
        r"^(?:compare\s+|how\s+(?:do|does)\s+)(?:the\s+)?(.+?)\s+(?:and|with|vs\.?|versus|to)\s+(?:the\s+)?(.+?)\s+"
        r"(?:(?:compare|differ)\s+)?(?:on|about|regarding|over|when\s+it\s+comes\s+to|in\s+terms\s+of)\s+(?:the\s+)?(.+)$",
        body,
        re.I,
    )
    if after and not any(_SIDE_CLAUSE.search(after.group(i)) or len(after.group(i).split()) > 4 for i in (1, 2)):
        # (each side's setting as the first said it: "signals in Europe and in Asia on heat pumps")
        sides = [re.sub(r"^in\s+(?:the\s+)?", "", _side_topic(after.group(i)), flags=re.I) for i in (1, 2)]
        topic = after.group(3).strip()
        if all(sides) and _side_topic(topic):
            return [f"{side} on {topic}" for side in sides]
    # "the difference between how Gen Z and millennials use social media", "Compare how the US and
    # the EU regulate AI": what both do, for each
    both = re.search(
        r"\b(?:differences?|differ(?:s|ing)?|contrast(?:ing)?|compar(?:e|ing))\s+(?:(?:between|in)\s+)?how\s+(?:the\s+)?(.+?)\s+and\s+(?:the\s+)?"
        r"((?-i:[A-Z][\w'-]*(?:\s+[A-Z][\w'-]*)*)|[a-z][\w'-]*s)\s+(?!and\b)([a-z].+)$",
        body,
        re.I,
    )
    if both and len(both.group(1).split()) <= 3 and (doing := _side_topic(_MEETING_VERB.sub("", both.group(3)))):
        return [f"{both.group(i).strip()} {doing}" for i in (1, 2)]
    # "How are India and China approaching solar energy differently?": what both do, for each
    apart = re.search(r"^how\s+(?:are|do|does|is|have|has)\s+(?:the\s+)?(.+?)\s+and\s+(?:the\s+)?((?-i:[A-Z][\w'-]*(?:\s+[A-Z][\w'-]*)*)|[a-z][\w'-]*)\s+(?!and\b)(.+?)\s+differently$", body, re.I)
    if apart and len(apart.group(1).split()) <= 3 and (doing := _side_topic(_MEETING_VERB.sub("", apart.group(3)))):
        return [f"{apart.group(i).strip()} {doing}" for i in (1, 2)]
    # "Which is growing faster, solar or wind?", "nuclear or renewables: which do the signals favour?"
    which = re.search(r"^\s*which\b[^,:]*[,:]\s*(.+?)\s+or\s+(.+)$", body, re.I) or re.search(r"^\s*(.+?)\s+or\s+(.+?)\s*:\s*which\b", body, re.I)
    if which and all(sides := [_side_topic(which.group(1)), _side_topic(which.group(2))]):
        return sides
    patterns = [
        _OVERTAKING,
        r"\b(?:how\s+)?(?:do|does)\s+(.+?)\s+(?:compare|contrast)\s+(?:with|to|against)\s+(.+)",
        r"\bcompare\s+(?:the\s+)?(.+?)\s+(?:with|and|to|against|versus|vs\.?)\s+(.+)",
        r"\bhow\s+(?:do|does)\s+(.+?)\s+differ\s+from\s+(.+)",
        r"\bdifferences?\s+between\s+(.+?)\s+and\s+(.+)",
        r"(.+?)\s+(?:vs\.?|versus)\s+(.+)",
    ]
    for pattern in patterns:
        if m := re.search(pattern, body, re.I):
            sides = [_side_topic(m.group(1)), _side_topic(m.group(2))]
            if all(sides):
                return [_with_setting(sides[0], sides[1]), _elided(sides[1], sides[0])]
    return []


_SETTING = re.compile(r"^.+?\s+(?P<setting>(?:for|in|on|among|across|within)\s+\S.*)$", re.I)


def _with_setting(first: str, second: str) -> str:
    """The first side with the setting the second ends in, when the first is a bare thing of a
    few words: "hydrogen vs batteries for trucks" compares hydrogen for trucks, "Compare solar
    and wind in Germany" solar in Germany."""
    match = _SETTING.match(second)
    if not match or len(first.split()) > 3 or _SIDE_CLAUSE.search(first) or match.group("setting").lower() in first.lower():
        return first
    return f"{first} {match.group('setting')}"


_SIDE_CLAUSE = re.compile(r"\b(?:on|about|around|regarding|over|of|for|in|those|ones)\b|^" + _TABLE_KIND + r"$", re.I)  # a side that says its own topic
_COMPLEMENT = re.compile(r"([A-Za-z][\w-]{2,})\s+((?:for|of|among|against|in|on|to)\s+[^(),;]+?)\s*(?:[(),;]|$)", re.I)


def _elided(second: str, first: str) -> str:
    """The second side with what it leaves out of the first: "technology-based remedies for
    loneliness" against "community-based remedies" (or "... ones") is about loneliness too."""
    match = _COMPLEMENT.search(first)
    if not match:
        return second
    head, complement = match.group(1), match.group(2).strip()
    words = second.split()
    if words[-1].lower() in ("ones", "one"):
        return " ".join([*words[:-1], head, complement])
    if words[-1].lower() == head.lower() and complement.lower() not in second.lower():
        return f"{second} {complement}"
    return second


def _side_topic(text: str) -> str:
    """A side as the user worded it, minus the leading "(the) signals about" / "records on" / "those on"."""
    text = re.sub(
        r"^(?:the\s+)?(?:" + _TABLE_KIND + r"|records?)\s+(?:on|about|around|of|for|in)\s+",
        "",
        text.strip(),
        flags=re.I,
    )
    text = re.sub(r"^(?:those|ones)\s+(?:on|about|around|of|for)\s+", "", text, flags=re.I)
    # "the concerns about crypto and about AI": the preposition the second side repeats
    text = re.sub(r"^(?:about|on|regarding|concerning|around)\s+", "", text, flags=re.I)
    # "What do we know about sodium-ion batteries" (vs lithium): what comes before the topic asks, and is not a side
    framed = re.match(r"^(.+?)\s+(?:about|on|regarding|concerning|around|with)\s+(.+)$", text, re.I)
    if framed and not _search_text(framed.group(1), [])[0]:
        text = framed.group(2)
    text = re.split(r"\s*[:;—–]\s+", text.strip())[0]  # "hydrogen cars: which has more momentum?" asks of the side
    # "plant-based meat in the signals": where to look, not the side's setting
    text = re.sub(r"\s+(?:in|among|across|from)\s+(?:the\s+|our\s+)?(?:" + _TABLE_KIND + r"|records?|corpus|data(?:base)?)\s*$", "", text, flags=re.I)
    text = re.sub(r"\s+(?:" + _TABLE_KIND + r"|records?)\s*$", "", text, flags=re.I)  # "office work signals"
    text = re.sub(r"^(?:the|how)\s+", "", text, flags=re.I).strip(" ,;:")
    if text.lower() in SHORT_ALIASES:
        return text.upper()  # "robotaxis in china vs the us": a side is no pronoun
    return text if _search_text(text, [])[0] else ""


def parse_day(value: date | str, *, end: bool) -> date:
    """A date from `2025-03-14`, `2025-03` or `2025` (the first or last day of that span)."""
    if isinstance(value, date):
        return value
    parts = [int(p) for p in str(value).strip().split("-")]
    if len(parts) == 1:
        return date(parts[0], 12, 31) if end else date(parts[0], 1, 1)
    if len(parts) == 2:
        last = calendar.monthrange(parts[0], parts[1])[1]
        return date(parts[0], parts[1], last if end else 1)
    return date(parts[0], parts[1], parts[2])
