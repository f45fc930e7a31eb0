"""Conversation rules: which messages lean on the ones before, and how.

- A question with a topic of its own stands alone, whatever was asked before ("What's new since
  2025?" after a count is a new question, not a filter on the count).
- Elliptic messages are follow-ups: "and Finland?", "what about concerns?", "only the
  technologies", "just the high-relevancy ones", "compare that with Poland"; they are rewritten
  into standalone questions from the previous one, swapping the topic, kinds or side.
- "more", "next", "page 2", "show the rest" continue the previous answer at its next page.

The rule-based resolver needs no model: it replays the user's earlier messages (each resolved
against the one before). With a model configured, `condense` rewrites elliptic messages instead,
and the caller falls back to the rules when it fails; standalone questions and continuations
never go to the model.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Literal

from index.llm_client import LLMClient
from index.records import PLURALS

from . import prompts
from .direction import CHANGE
from .entities import ACRONYM_PLURAL, POLITY, find_entities
from .models import QueryPlan
from .plan import (
    _KIND_WORDS,
    _QUOTED,
    ASPECT_WORDS,
    FINDING_VERBS,
    MET_WITH,
    PLACING,
    POPULATION,
    REACTING,
    ROLE,
    STANCE_WORDS,
    TABLE_KINDS,
    TOP_N,
    asks_mentions,
    is_actor,
    is_kind_word,
    names_actor,
    plan,
    without_filters,
)

History = Sequence[Mapping] | None
# How close in meaning new words are to each of the previous question's topics (cosines): which
# topic "and wildfires?" stands for after "concerns about heat in cities" is a matter of meaning
Likeness = Callable[[str, list[str]], list[float]]
_LIKENESS: ContextVar[Likeness | None] = ContextVar("likeness", default=None)
Named = Callable[[str], bool]  # whether the corpus writes a word as a name ("Tesla", not "Hydrogen")
_NAMED: ContextVar[Named | None] = ContextVar("named", default=None)
Said = Callable[[str], int]  # how many records write a phrase ("offshore wind": 39; "social podcasts": none)
_SAID: ContextVar[Said | None] = ContextVar("said", default=None)
LIKE_MARGIN = 0.05  # the closest topic must be this much closer than the next to be the one swapped
LIKE_COSINE = 0.5  # an actor this close to the previous question's subject stands for it ("universities" for "schools")
_END = r"\s*[?.!]*\s*$"
_OPENER = r"^(?:and\s+|so\s+|but\s+|now\s+|ok(?:ay)?\s*,?\s+)*"  # "and", "so", "ok," before what is asked
_PLEASE = r"(?:\s+please)?"
_ANAPHORA = r"(?:that|this|it|them|these|those|the same)"
COMPARE_THAT = re.compile(
    r"^(?:and\s+|now\s+|so\s+)*(?:compar(?:e|ing)\s+(?:" + _ANAPHORA + r"\s+(?:with|to|against|and)|with|to|against)|vs\.?|versus)\s+(.+?)" + _END, re.I
)  # "compare that with Poland", "compare with nanoplastics", "vs blue hydrogen"
# "how does the US compare?", "how does that compare with Japan?": the previous topic against the one named
_HOW_COMPARE = re.compile(
    r"^(?:and\s+|so\s+|but\s+|now\s+)*how\s+(?:does|do|did|would|will)\s+"
    r"(?:(?:" + _ANAPHORA + r"|they)\s+(?:compare|stack\s+up|measure\s+up)\s+(?:with|to|against)\s+(?P<named>.+?)"
    r"|(?!(?:" + _ANAPHORA + r"|they|the\s+two|these\s+two|those\s+two|both)\s)(?P<other>.+?)\s+(?:compare|stack\s+up|measure\s+up)(?:\s+(?:by|in)\s+comparison)?)"
    + _END,
    re.I,
)
COMPARE_BOTH = re.compile(
    r"^(?:and\s+|now\s+|so\s+|ok(?:ay)?\s*,?\s+)*(?:compare|contrast)\s+(?:the\s+two(?:\s+of\s+them)?|them(?:\s+both)?|both|these\s+two|those\s+two)"
    + _PLEASE
    + _END
    + r"|^how\s+do\s+(?:the\s+two|they|these\s+two)\s+(?:compare|differ)" + _END
    + r"|^(?:and\s+|so\s+)?(?:why|what(?:'s|\s+is|\s+explains))\s+the\s+difference(?:\s+between\s+(?:them|the\s+two))?" + _END
    + r"|^(?:and\s+|so\s+)?which(?:\s+one|\s+of\s+(?:them|the\s+two))?\s+(?:is|are|looks?|seems?)\s+(?:growing\s+|moving\s+|advancing\s+|developing\s+|doing\s+)?"
    r"(?:further\s+|more\s+|less\s+)?(?:ahead|leading|winning|\w{2,}er|(?<=more\s)[a-z]+|(?<=less\s)[a-z]+)" + _END
    # "which has more concerns?", "which one raises fewer risks?", "which has more?"
    + r"|^(?:and\s+|so\s+)?which(?:\s+one|\s+of\s+(?:them|the\s+two))?\s+(?:has|have|shows?|gets?|raises?|draws?)\s+(?:the\s+)?(?:more|most|fewer|less)(?:\s+[a-z]+)?" + _END
    # "which is growing?", "which one is losing ground?": which of the two moves
    + r"|^(?:and\s+|so\s+)?which(?:\s+one|\s+of\s+(?:them|the\s+two))?\s+(?:is|are|seems?\s+to\s+be)\s+(?:" + CHANGE + r")" + _END
    # what the two share, which a comparison says: "what do they have in common?", "what do both groups share?"
    + r"|^(?:and\s+|so\s+)?what\s+(?:do|does)\s+(?:they|both|the\s+two|these\s+two|those\s+two)(?:\s+(?:of\s+them|groups?|sides?|topics?))?\s+"
    r"(?:have\s+in\s+common|share|agree\s+on)" + _END
    + r"|^(?:and\s+|so\s+)?what(?:'s|\s+is|\s+are)\s+(?:common\s+to\s+(?:both|them|the\s+two)|(?:the\s+)?(?:common\s+ground|overlaps?|similarities)(?:\s+between\s+(?:them|the\s+two))?)" + _END,
    re.I,
)  # the last two questions' topics against each other ("why the difference?")
# a document asked of the last two topics: "summarize both", "brief me on the two of them"
_DOCUMENT_BOTH = re.compile(
    r"^(?:and\s+|now\s+|so\s+|ok(?:ay)?\s*,?\s+)*(?P<document>summari[sz]e|recap|brief\s+(?:me|us)\s+on|"
    r"(?:make|write|draft|give\s+me|prepare)\s+(?:a\s+|me\s+a\s+)?(?:briefing|brief|memo|summary|one-?pager)\s+(?:on|of|about|covering))\s+"
    r"(?:them\s+both|both(?:\s+of\s+them)?|the\s+two(?:\s+of\s+them)?|these\s+two|those\s+two)" + _PLEASE + _END,
    re.I,
)
ANOTHER = re.compile(
    r"^(?:and|but|also|plus|now|then|so|ok|okay)?\s*(?:,\s*)?(?:what|how)\s+about\s+(.+?)" + _END
    + r"|^(?:and|also|plus)\s+(?:for\s+|in\s+|about\s+|to\s+|on\s+|with\s+)?(.+?)" + _END
    + r"|^(?:the\s+)?same\s+(?:for|with|about|in)\s+(.+?)" + _END,
    re.I,
)
_SETTING = r"(?:" + PLACING + r"|around)"  # places a topic: "in schools", "by police", "around schools"
# "in schools?", "and by police?", "only in Japan", "any examples from Asia?": the previous topic in that setting
# ("any signals from France?": in those kinds)
NARROW = re.compile(
    r"^(?:and\s+|but\s+|also\s+|now\s+)?(?:what\s+about\s+|are\s+there\s+)?(?:(?:only|just|any|anything|some)\s+)?(?:the\s+)?"
    r"(?:(?P<examples>(?:examples?|cases?|instances?)\s+)|(?P<kinds>(?:" + _KIND_WORDS.pattern + r")\s+))?(?P<prep>" + _SETTING + r"|from)\s+(?P<other>.+?)" + _END, re.I
)
# "is Meta involved?", "are insurers mentioned?": whether a name or a group takes part in the previous topic
INVOLVED = re.compile(
    r"^(?:and\s+|but\s+|so\s+)?(?:is|are|was|were)\s+(?P<other>.+?)\s+(?:(?:also|even|at\s+all)\s+)?"
    r"(?:involved|mentioned|named|in\s+(?:it|this|that|there|them)|part\s+of\s+(?:it|this|that))(?:\s+at\s+all)?" + _END,
    re.I,
)
FOCUS = re.compile(
    r"^(?:and\s+|but\s+|now\s+|ok(?:ay)?\s*,?\s+)*(?:(?:let'?s\s+|please\s+)?(?:focus|zoom(?:\s+in)?|drill(?:\s+down)?|dig(?:\s+deeper|\s+down)?)|narrow\s+(?:it|this|that)(?:\s+down)?)"
    r"\s+(?:on|to|in\s+on|into)\s+(.+?)" + _END,
    re.I,
)
# what a message opens with that asks nothing: "okay, and in oceans?", "thanks. what about Japan?"
_INTERJECTION = re.compile(
    r"^(?:ok(?:ay)?|right|great|thanks|thank\s+you|cool|fine|alright|all\s+right|sure|hmm+|nice|perfect|got\s+it|interesting)"
    r"(?:\s*[,.!;:–—-]+\s*|\s+(?=(?:and|so|now|then|what|how|which|show|give|only|just|any|but|can|could)\b))",
    re.I,
)
# back to where the conversation began: "go back to the first question", "return to my original question"
FIRST_AGAIN = re.compile(  # after `_INTERJECTION` ("okay,") is read off
    r"^(?:(?:and|now)\s+)?(?:let'?s\s+|can\s+we\s+|please\s+)?(?:go\s+back|return|get\s+back|back)\s+to\s+(?:the\s+|my\s+|our\s+)?"
    r"(?:first|original|initial|very\s+first)\s+(?:question|one|topic|query|search)\s*[?.!]*$",
    re.I,
)
# ...or to a topic asked before: "go back to gene drives" is the last question on gene drives
_BACK_TO_TOPIC = re.compile(
    _OPENER + r"(?:let'?s\s+|can\s+we\s+|please\s+)?(?:go\s+back|return|get\s+back|back)\s+to\s+(?:the\s+)?(?P<topic>[^?.!]{2,60}?)" + _END,
    re.I,
)
# ...or to kinds of record asked before: "go back to the concerns" is the previous topic's concerns
_BACK_TO_KINDS = re.compile(
    _OPENER + r"(?:let'?s\s+|can\s+we\s+|please\s+)?(?:go\s+back|return|get\s+back|back)\s+to\s+(?=(?:the\s+)?" + TABLE_KINDS + _END + ")",
    re.I,
)
# "make it shorter" after an answer: its best few records (a shorter document of them, or a shorter list)
_SHORTER = re.compile(
    _OPENER + r"(?:(?:can|could)\s+you\s+|please\s+)?(?:make\s+(?:it|this|that)\s+(?:a\s+bit\s+|much\s+)?(?:shorter|briefer|tighter|more\s+concise)"
    r"|shorten\s+(?:it|this|that)|(?:a\s+|give\s+me\s+a\s+)?(?:shorter|briefer|more\s+concise)\s+(?:version|one)|condense\s+(?:it|this|that)|tl;?dr)" + _PLEASE + _END,
    re.I,
)
SHORTER_TOP = 5
# "how serious are they?" after concerns: how much the records shown weigh, which their ratings say: the same answer
_HOW_WEIGHTY = re.compile(
    _OPENER + r"how\s+(?:serious|severe|likely|common|widespread|real|big|significant|credible|urgent|important|worrying|relevant)\s+"
    r"(?:are|is|were)\s+(?:they|these|those|them|these\s+ones|those\s+ones|(?:these|those|the)\s+(?:signals|concerns|risks|issues|behaviou?rs|technologies|ones))" + _PLEASE + _END,
    re.I,
)
# "why those?" after an answer: the same answer again, which says what each row rests on
_WHY_THOSE = re.compile(_OPENER + r"why\s+(?:those|these|them|(?:that|this)\s+one|(?:those|these)\s+ones)?" + _PLEASE + _END, re.I)
# "similar signals?", "any similar concerns?": the next closest records, of those kinds
_SIMILAR_KINDS = re.compile(
    _OPENER + r"(?:(?:are\s+there|any|show(?:\s+me)?|give(?:\s+me)?)\s+)*(?:any\s+|some\s+|more\s+|other\s+)?similar\s+" + TABLE_KINDS + _PLEASE + _END,
    re.I,
)
# who meets the previous topic, and nothing else: "how is tech responding?", "how are insurers coping?"
_WHO_REACTING = r"^(?:and\s+|so\s+)?how\s+(?:is|are|has|have)\s+(?:the\s+)?(?P<who>[\w-]+(?:\s+[\w-]+){0,2}?)\s+(?:been\s+)?" + REACTING.pattern
_WHO_MEETS = re.compile(_WHO_REACTING + r"\s*[?.!]*$", re.I)
# ...and as the previous question asked it, of a topic: "how are platforms responding to ..."
_WHO_REACTS = re.compile(_WHO_REACTING + r"\b", re.I)
_SUPERLATIVE = r"(?:most\s+[\w-]+|best|worst|strongest|biggest|highest[\s-]rated|top(?:[\s-]rated)?|key|main)(?:\s+ones?)?"
BEST = re.compile(
    _OPENER + r"(?:which|what)(?:\s+ones|\s+of\s+(?:them|these|those)|\s+(?P<kind>" + _KIND_WORDS.pattern + r"))?\s+(?:are|is|seem|look)\s+(?:the\s+)?"
    + _SUPERLATIVE + _END
    + r"|" + _OPENER + r"(?:show|give|list|tell)(?:\s+me)?\s+(?:only\s+)?the\s+" + _SUPERLATIVE + _PLEASE + _END
    + r"|" + _OPENER + r"(?:(?:just|only)\s+)?the\s+" + _SUPERLATIVE + _END  # "the most relevant one?"
    # "which ones matter most?", "which of these really matter?"
    + r"|" + _OPENER + r"(?:which|what)(?:\s+ones|\s+of\s+(?:them|these|those)|\s+(?:" + _KIND_WORDS.pattern + r"))?\s+(?:really\s+)?matters?(?:\s+(?:the\s+)?most)?" + _END,
    re.I,
)  # the previous question's records, the best rated ("show me the worst ones": the most serious)
# "which are cheapest?", "which ones are the fastest?": a superlative the rating does not answer, among the previous records
CHEAPEST = re.compile(
    r"^(?:and\s+|so\s+)?(?:which|what)(?:\s+ones|\s+of\s+(?:them|these|those))?\s+(?:are|is)\s+(?:the\s+)?(?!best|worst|biggest|highest|strongest)([a-z]{3,}est)(?:\s+(?:for|in|among|to)\s+[\w\s'’-]{1,40}?)?" + _END,
    re.I,
)
# what someone makes of it, with nothing after the verb: "what do civil liberties groups say?"
OPINION = re.compile(
    r"^(?:and\s+|so\s+)?(?:what|how)\s+(?:do|does|did|would|will)\s+(?P<holder>(?:the\s+)?[\w'’-]+(?:\s+[\w'’-]+){0,3}?)\s+"
    r"(?:say|think|feel|want|make\s+of\s+(?:it|this|that|them)|see\s+it|react)" + _END,
    re.I,
)
# who leads a topic, or which of them it concerns: "which cities lead?", "which countries are
# ahead?", "which industries?" ask it of the previous topic
LEADING = re.compile(
    r"^(?:and\s+|so\s+)?(?:(?:which|what)\s+[a-z]+s\s+(?:lead|are\s+leading|are\s+ahead|are\s+behind|lag(?:\s+behind)?|are\s+lagging|dominate|are\s+winning)"
    r"(?:\s+(?:here|there|on\s+(?:this|it)))?|which\s+[a-z]+s)" + _END,
    re.I,
)
ONLY = re.compile(r"^(?:and\s+|but\s+|now\s+)?(?:(?:only|just)\s+(.+?)|(?!(?:only|just)\b)(.+?)\s+only)" + _END, re.I)  # "only X", "X only"
# how a record is judged, not a sort of its topic: "only the serious ones", "just the big ones"
_JUDGED = re.compile(
    r"strong(?:er|est)?|weak(?:er|est)?|big(?:ger|gest)?|small(?:er|est)?|large(?:r|st)?|main|major|minor|key|important|"
    r"significant|serious|critical|negative|positive|good|bad|best|worst|official|first|last|latest|new(?:er|est)?|old(?:er|est)?|"
    r"recent|top|high|low|relevant|interesting|notable|surprising|scary|worrying|promising|optimistic|pessimistic|real|actual|other|same",
    re.I,
)
_ONES = re.compile(r"^(?:the\s+)?(?P<which>.+?)(?:\s+ones?)?$", re.I)  # "the sodium-ion ones": sodium-ion
# "which ones are about productivity?", "any of them on mental health?", "any involving AI?", "which ones are used by
# airlines?": the previous records on that too
# "show me the ones about health", "just those on health": the same, asked as a request
ONES_ABOUT = re.compile(
    r"^(?:and\s+|but\s+|now\s+|so\s+)?(?:(?P<many>how\s+many)\s+of\s+(?:them|these|those)"  # "how many of those are about the military?": counted
    r"|(?:which|what|any)(?:\s+ones?|\s+of\s+(?:them|these|those)|(?=\s+(?:are|is)\s+(?:about|on|related|linked|tied)\b)"
    r"|(?=\s+(?:involving|mentioning|covering|featuring|using|(?:that|which)\s+(?:involv|mention|concern|cover|featur|us(?:e|es)\b)|(?:used|adopted|deployed)\s+by\b))"
    r"|(?=\s+(?:are|is|were|was)\s+(?:used|adopted|deployed)\s+(?:by|in|for|at)\b))"
    r"(?:\s+(?:that|which)(?=\s+(?:involv|mention|concern|cover|featur|us(?:e|es)\b)))?"
    r"|(?:(?:show|give|list|tell)\s+(?:me\s+|us\s+)?|(?:only|just)\s+)?(?:the\s+ones?|those|these)(?:\s+(?:that|which))?)\s+"
    r"(?:(?:are|is)\s+(?:about|on|related\s+to|linked\s+to|tied\s+to)|mentions?|talks?\s+about|deals?\s+with|involves?|covers?|"
    r"concerns?|relates?\s+to|related\s+to|focus(?:es)?\s+on|speaks?\s+(?:to|of)|about|on|involving|mentioning|covering|featuring|us(?:e|es|ing)|"
    r"(?:(?:are|is|were|was)\s+)?(?:used|adopted|deployed|developed|made|built|offered|funded|backed|run)\s+(?:by|in|for|at))\s+(?P<other>.+?)" + _END,
    re.I,
)
# "which ones are in the UK?", "any of them from Japan?": the previous question in that setting, as "in the UK?" is
ONES_IN = re.compile(
    r"^(?:and\s+|but\s+|now\s+|so\s+)?(?:(?:which|what|any)(?:\s+ones?|\s+of\s+(?:them|these|those))|(?:the\s+)?ones?|those|these)"
    r"\s+(?:(?:are|is|were|was)\s+)?(?=(?:" + _SETTING + r"|from)\s)(?P<rest>.+)$",
    re.I,
)
# "which ones failed?", "which of them have shut down?": the previous records that did so, a
# predicate on them (not "which ones are growing fastest?": a superlative among them)
_ONES_DID = re.compile(
    r"^(?:and\s+|but\s+|so\s+)?(?:which|what)(?:\s+ones?|\s+of\s+(?:them|these|those))\s+(?:(?:have|has|had|did|were|was|are|is|got)\s+(?:been\s+)?)?"
    r"(?P<did>[a-z]{3,}ed(?:\s+(?:down|out|up|off))?|went\s+(?:bust|under|bankrupt)|(?:shut|wound)\s+down)" + _END,
    re.I,
)
# "go back to all countries", "what about everywhere else?", "worldwide": the previous question without its places
EVERYWHERE = re.compile(
    r"^(?:and\s+|now\s+|so\s+|ok(?:ay)?\s*,?\s+)*(?:(?:let'?s\s+)?(?:go\s+)?back\s+to\s+|(?:what|how)\s+about\s+|(?:show|give)\s+(?:me\s+)?(?:it\s+|them\s+)?(?:for\s+)?|"
    r"(?:for|in|across|from)\s+)?(?:all\s+(?:the\s+)?(?:other\s+)?(?:countries|places|regions|cities|markets)|everywhere(?:\s+else)?|worldwide|globally|"
    r"(?:the\s+)?(?:whole|entire|rest\s+of\s+the)\s+world|anywhere(?:\s+else)?)(?:\s+(?:again|instead|too))?" + _END,
    re.I,
)
# "and approving it?" after "which countries are banning lab-grown meat?": the other verb of the same topic
_VERB_IT = re.compile(r"^(?:and|but|or|what\s+about|how\s+about)\s+(?P<verb>[a-z]+ing)\s+(?:it|them|this|that)" + _END, re.I)
# "and the technologies that detect them?", "what about the behaviours around it?", "and the
# technologies addressing them?": records of a
# kind that stand in a relation to the previous topic, which the pronoun stands for
_KIND_LED = re.compile(rf"^(?:the\s+|any\s+)?(?:{_KIND_WORDS.pattern})\s+(?:that|which|to|for|around|about|on|behind|against|from|[a-z]{{3,}}ing)\b", re.I)
_IT = re.compile(r"\b(?:it|them|they)\b", re.I)
_SHOW_ME = re.compile(r"^(?:(?:can|could)\s+you\s+)?(?:show|give|list|find|get)(?:\s+me|\s+us)?\s+", re.I)
# "any lawsuits?" after a question: that, on its topic
_ANY = re.compile(r"^(?:and\s+|but\s+)?any\s+(?:(?:evidence|signs?|hints?|cases?|examples?|instances?|mentions?|reports?)\s+of\s+)?(?P<what>[a-z][\w-]*(?:\s+[a-z][\w-]*)?)" + _END, re.I)
# "lawsuits about AI in hiring", "Tell me about X": a word or two, then what they are about
_ANY_FROM = re.compile(r"^(?:and\s+|but\s+)?any\s+(?P<what>[a-z][\w-]*)\s+(?P<who>(?:from|by|among|in)\s+[a-z][\w-]*(?:\s+[a-z][\w-]*)?)" + _END, re.I)
_ABOUT_SUBJECT = re.compile(r"^\s*[\w-]+(?:\s+[\w-]+)?\s+about\s+(?P<subject>\S.*?)\s*[?.!]*$", re.I)
# "and the policies being tried?", "what about the measures in place?": what is done about the previous topic
_DESCRIBED = re.compile(r"^(?:the|any)\s+[a-z][\w-]*\s+(?:being\s+\w+|(?:now\s+)?in\s+place|on\s+offer|(?:that|which)\s+(?:are|is|were|have|has)\b.*|(?:proposed|tried|planned|adopted|used))$", re.I)
_POSSESSIVE = re.compile(r"^(?:its|their)\s+\w", re.I)  # "its environmental impact": the previous topic's
_SUBJECT = re.compile(
    r"\b(?:it|they|this)\b(?!['’]s\b)|(?:(?<=\bdoes\s)|(?<=\bdid\s)|(?<=\bwill\s)|(?<=\bwould\s)|(?<=\bcould\s)|(?<=\bmight\s)|(?<=\bcan\s))that\b(?!\s+(?:the|a|an)\b)", re.I
)  # a pronoun the previous topic stands for ("that" is often relative, but not after "how does": "how does that affect cities?")
_THERE = re.compile(r"(?<!\bis)(?<!\bare)(?<!\bwas)(?<!\bwere)(?<!\bover)\s+there(?=\s*[?.!]*\s*$)", re.I)  # not "are there?"
_ACTING = re.compile(
    r"\b(?:is|are|was|were|has|have|does|do|did)\s+\x00\s+(?:doing|saying|planning|building|making|investing|working|developing|"
    r"launching|betting|spending|say|said|do|plan|build|make|invest)\b|^\s*\x00(?:['’]s)?\s+(?:plans?|strategy|moves?|bets?)\b",
    re.I,
)  # a name (\x00) as the one who acts: "What is \x00 doing", "What has \x00 said", "\x00's plans for"
_PRONOUNS = re.compile(r"\b(?:ones?|those|these|them)\b", re.I)
_DEGREE = re.compile(r"\s*,?\s*\b(?:specifically|particularly|especially|in\s+particular)\b", re.I)
# what a topic is done to ("technologies that detect wildfires early"): a swap keeps the verb, "and
# earthquakes?" (the planner frames "fight" and "tackle" away: "fight wildfires" is "wildfires")
_PURPOSE = re.compile(
    r"combat|detect|prevent|reduce|stop|counter|monitor|predict|manage|mitigate|address|curb|cut|fix|solve|"
    r"treat|cure|clean|remove|measure|track|protect|defend|replace|recycle",
    re.I,
)
# a topic with what is asked of it ("is carbon capture working?", "why are vertical farms failing?",
# "is ocean acidification getting worse?"): the predicate is no part of the topic
_PREDICATED = re.compile(
    r"^\s*(?:(?:why|how|when|where|and)\s+)?(?:is|are|was|were|isn['’]t|aren['’]t)\s+(?!there\b|any)(?P<subject>.+?)\s+"
    r"(?:(?:getting|becoming|still|really|actually)\s+)?(?:(?<=still\s)\w+|\w+ing|\w+(?:able|ible|ful|ive|ous|al|ic|ant|ent)|worse|better|bigger|smaller|cheaper|greener|cleaner|safer|riskier|healthier|faster|slower|higher|lower|stronger|weaker|"
    r"larger|greater|easier|harder|over|dead|dying)"
    r"(?:\s+(?:down|up|off|on|out|back))?\s*[?.!]*\s*$",  # "are prices coming down?"
    re.I,
)
QUESTION_WORD = re.compile(r"^(?:what|which|who|how|why|when|where|is|are|do|does|can|list|show|give|tell)\b", re.I)
CONTINUE = re.compile(
    r"^(?:(?:ok(?:ay)?|and|now|then|please)\s*,?\s+)*(?:(?:ask\s+for|show(?:\s+me)?|give(?:\s+me)?|tell\s+me|see|get|go\s+to|let'?s\s+see)\s+)?"
    r"(?:(?:the\s+)?(?:next|more|other|remaining|further)(?:\s+(?:page|ones|results|records|matches|rows|please))?"
    r"|(?:the\s+)?rest|(?:the\s+)?next\s+(?:\d+|page)|page\s+(?P<page>\d+)|go\s+on|continue|keep\s+going|more\s+please"
    # "anything similar?", "more like that": the next closest records
    r"|what\s+else(?:\s+is\s+there)?|anything\s+else|what\s+more|what\s+other\s+ones"  # "what else?": the records after those shown
    r"|(?:is\s+there\s+)?(?:anything|something|any)\s+(?:else\s+)?(?:similar|like\s+(?:that|this|these|those|it))|(?:more|others?|similar\s+ones)\s+like\s+(?:that|this|these|those|it)|similar\s+ones)"
    r"(?:\s+please)?\s*[.!?]*$",
    re.I,
)
_COMPARED = re.compile(r"^compare\b", re.I)
# "what are the privacy concerns?", "what are the biases?": the definite article points back to the previous topic
# "privacy angle?", "what about the cost side?": that side of the previous topic
_ANGLE = re.compile(
    r"^(?:and\s+|so\s+|(?:what|how)\s+about\s+)?(?:the\s+|an?\s+|its\s+)?(?P<what>[\w-]+(?:\s+[\w-]+)?)\s+(?:angle|side|aspect|dimension|perspective)" + _END, re.I
)
_SIDES = {"dark": "risks", "down": "risks", "bright": "opportunities", "up": "opportunities"}  # "the dark side?": its risks
# "safety issues?", "any privacy concerns?": a word and a kind, and nothing else
_BARE_ASPECT = re.compile(r"^(?:and\s+|so\s+|any\s+)?(?P<what>[a-z][\w-]*\s+[a-z]+)" + _END, re.I)
# "still popular?", "is it still growing?": the previous topic, asked so
_STILL = re.compile(r"^(?:and\s+|but\s+|so\s+)?(?:(?:is|are)\s+(?:it|they|these|those)\s+)?still\s+(?P<rest>[a-z][\w-]*(?:\s+[a-z][\w-]*)?)" + _END, re.I)
_THE_ASPECT = re.compile(r"^(?:and\s+|so\s+)?(?:what|which)\s+(?:are|is|were|was)\s+the\s+(?:main\s+|key\s+|biggest\s+)?(?P<what>[\w-]+(?:\s+\w+)?)" + _END, re.I)
_WHEN = re.compile(
    r"^\s*(?:when|where)\s+(?:will|would|could|might|does|do|did|is|are)\s+(?:most\s+of\s+|all\s+of\s+)?(?P<subject>.+?)\s+(?P<verb>[a-z]+)"
    r"(?:\s+(?:off|on|up|out|from|back|down|over|away))?\s*[?.!]*\s*$",
    re.I,
)  # "when will quantum computing arrive?", "where does most of e-waste go?"
_QUANTIFIED = re.compile(r"(?:so\s+|too\s+|that\s+)?(?:many|most|few|some|all)(?:\s+of\s+(?:them|these|those))?", re.I)  # "so many", "most of them"
# "tell me more about the first one", "the third signal?", "#2": a row of the previous answer
_NTH = ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth")
ORDINAL = re.compile(
    r"^(?:(?:and|ok(?:ay)?|so|now|then|please)\s*,?\s+)*(?:(?:tell|show|give)\s+me\s+|what\s+about\s+|what'?s\s+|more\s+on\s+)?"
    r"(?:(?:more|details?|everything)\s+(?:about|on)\s+)?(?:the\s+)?"
    r"(?:(?P<word>" + "|".join(_NTH) + r"|last)|(?P<digits>\d{1,2})(?:st|nd|rd|th)|(?:#|number\s+|no\.\s*)(?P<number>\d{1,2}))"
    r"(?:\s+(?:one|record|row|result|item|match|signal|concern|behaviou?r|technology|issue|article))?(?:\s+please)?" + _END,
    re.I,
)
_TABLE_RULE = re.compile(r"^\|\s*:?-")
# "excluding solar", "but not wind?", "without nuclear": the previous question, leaving that out
LEAVE_OUT = re.compile(
    r"^(?:and\s+|but\s+|now\s+|ok(?:ay)?\s*,?\s+)*(?:not|excluding|except(?:\s+for)?|other\s+than|apart\s+from|leaving\s+out|leave\s+out|"
    r"ignoring|without)\s+(?:the\s+|any\s+)?(.+?)" + _END,
    re.I,
)
# What one asks of a topic, and nothing else: a question about it alone asks it of the previous topic
_ASPECT = re.compile(ASPECT_WORDS, re.I)
_PLACED_ASPECT = re.compile(r"(?P<what>.+?)\s+(?P<prep>in|across|within|for)\s+(?P<place>.+)", re.I)  # "sales in Germany"
_BRIGHT_SIDE = re.compile(r"\b(?:opportunit(?:y|ies)|benefits?|upsides?|advantages?|pros|promise|potential)\b", re.I)
_NOT_RECORDS = ("articles", "digest", "themes", "cards", "topic_page", "outlook", "briefing")  # answers that are not records of some kinds
_STANDS_FOR = re.compile(r"\b" + _ANAPHORA + r"\b", re.I)
_ANYWHERE = re.compile(r"\b(?:anywhere|everywhere|globally|worldwide|(?:around|across)\s+the\s+(?:world|globe))\b", re.I)  # where a place was asked of
_IT_ENDS = re.compile(r"\b(?:it|them)(?=\s*[?.!]*\s*$)", re.I)  # a pronoun that ends the question: what it asks about
_KIND_PHRASE = re.compile(rf"(?:{_KIND_WORDS.pattern})(?:\s+and\s+(?:{_KIND_WORDS.pattern}))*", re.I)
_CONNECTIVE = re.compile(r"^(?:and|but|also|plus|so|then|now|ok|okay|what about|how about|same|only|just|except|without|excluding|instead)\b", re.I)
# Questions that need no topic to stand alone: they ask about the corpus itself.
_SELF_STANDING = re.compile(
    r"\bwhat'?s new\b|\bwhat is new\b|\bwhat (?:was|has been|got) (?:curated|added)\b|\bwhat'?s in (?:the|this) (?:corpus|index)\b",
    re.I,
)
_PERIOD_SUMMARY = re.compile(r"\b(?:digest|summary|summari[sz]e)\b", re.I)  # of a period: "summarize November 2024"


@dataclass(frozen=True)
class Resolution:
    """A message made standalone: the question to plan, which page of it, and how it was read."""

    question: str
    page: int = 1
    how: Literal["new", "follow-up", "continue"] = "new"
    # what the question asks something of, carried from the question that set it: after "who is
    # funding it?" on fusion energy, the next "it" is fusion energy, not "funding fusion energy";
    # "" when the question sets its own (the next follow-up reads it from its words, `_core`)
    topic: str = ""


def understand(
    message: str, history: History, *, likeness: Likeness | None = None, named: Named | None = None, said: Said | None = None
) -> Resolution:
    """The message as a standalone question with its page: a continuation of the previous
    question, a follow-up rewritten from it, or a new question. With `likeness`, new words stand
    for the previous topic closest to them in meaning; with `named`, a topic carried from a
    question's opening word is written in lower case unless that word is a name ("Hydrogen cars",
    then "are they cheaper?": "are hydrogen cars cheaper?"); with `said`, words the corpus writes
    before the topic's words narrow it ("wind power", then "and offshore?": offshore wind power);
    without, the rules decide alone."""
    token, names, phrases = _LIKENESS.set(likeness), _NAMED.set(named), _SAID.set(said)
    try:
        return _understood(message, history)
    finally:
        _LIKENESS.reset(token)
        _NAMED.reset(names)
        _SAID.reset(phrases)


def _understood(message: str, history: History) -> Resolution:
    resolved: list[Resolution] = []
    replies = [*_replies(history), ""]
    for said, reply in zip([*user_questions(history), " ".join(message.split())], ["", *replies], strict=False):
        asked = _INTERJECTION.sub("", said) or said  # "okay, and in oceans?": "and in oceans?"
        if resolved and FIRST_AGAIN.match(asked):
            resolved.append(Resolution(resolved[0].question, 1, "follow-up"))  # "go back to the first question"
            continue
        if resolved and not _BACK_TO_KINDS.match(asked) and (back := _BACK_TO_TOPIC.match(asked)):
            topic = back.group("topic")
            if re.fullmatch(r"(?:previous|last|earlier|other|prior)\s+(?:question|topic|one|query|search)", topic, re.I):
                resolved.append(Resolution(resolved[-2 if len(resolved) >= 2 else -1].question, 1, "follow-up"))  # "go back to the previous question"
                continue
            if again_asked := _asked_before(topic, resolved):
                resolved.append(Resolution(again_asked, 1, "follow-up"))  # "go back to gene drives": that question again
                continue
            asked = topic  # "go back to quantum computing", asked of nothing before: that topic ("all countries": everywhere)
        if resolved and _BACK_TO_KINDS.match(asked):
            asked = _BACK_TO_KINDS.sub("only ", asked)  # "go back to the concerns": only the concerns of the previous topic
        if resolved and (_WHY_THOSE.match(asked) or _HOW_WEIGHTY.match(asked)):
            resolved.append(Resolution(resolved[-1].question, resolved[-1].page, "follow-up", resolved[-1].topic))
            continue
        if resolved and _SHORTER.match(asked):
            asked = f"only the top {SHORTER_TOP}"
        if resolved and _SIMILAR_KINDS.match(asked):
            # "similar signals?": the next records after those shown, or the previous topic in the kinds named
            kinds, before = plan(asked).kinds, plan(resolved[-1].question).kinds
            previous = resolved[-1]
            if set(kinds) == set(before):
                resolved.append(Resolution(previous.question, previous.page + 1, "continue"))
            else:
                resolved.append(Resolution(_refine(previous.question, "only the " + _kinds_phrase(kinds)), 1, "follow-up"))
            continue
        if resolved and COMPARE_BOTH.match(asked) and plan(resolved[-1].question).intent == "compare":
            # "which is growing faster?" after "Compare nuclear and solar power": that comparison again,
            # in the kinds it names ("which has more concerns?")
            kinds = plan(asked).kinds
            again = _refine(resolved[-1].question, "only the " + _kinds_phrase(kinds)) if kinds else resolved[-1].question
            resolved.append(Resolution(again, 1, "follow-up"))
            continue
        if resolved and COMPARE_BOTH.match(asked) and (earlier := _other_topic(resolved)):
            # "compare the two" after questions on Nvidia and then AMD: those two
            resolved.append(Resolution(_compare_questions(earlier, resolved[-1].question), 1, "follow-up"))
            continue
        if resolved and (both := _DOCUMENT_BOTH.match(asked)) and (earlier := _other_topic(resolved)):
            # "summarize both" after cobalt and then lithium: one document with a part for each
            first, second = _subject(earlier, kinds=False), _subject(resolved[-1].question, kinds=False)
            resolved.append(Resolution(f"{both.group('document')} {first} as well as {second}", 1, "follow-up"))
            continue
        resolved.append(_next(asked, resolved[-1] if resolved else None, reply))
    return resolved[-1]


def _other_topic(resolved: list[Resolution]) -> str | None:
    """The latest question before the last one that asked about another topic ("how many are
    there?" about the same topic is not a second side)."""
    last = _subject(resolved[-1].question, kinds=False)
    return next((r.question for r in reversed(resolved[:-1]) if _subject(r.question, kinds=False) != last), None)


def _next(message: str, previous: Resolution | None, reply: str = "") -> Resolution:
    if previous is None:
        return Resolution(message)
    if (match := ORDINAL.match(message)) and (name := _row(reply, match)):
        # "the second one": that row of the last answer, by its name as written and in the previous
        # topic ("Privacy Concerns" of smart glasses, not privacy at large)
        core = _core(previous.question)
        within = f" {core}" if core and core.lower() not in name.lower() else ""
        plain = re.sub(r"[“”\"]", "", name)
        return Resolution(f"Tell me more about “{plain}”{within}", 1, "follow-up")
    if match := CONTINUE.match(message):
        page = int(match.group("page")) if match.group("page") else previous.page + 1
        return Resolution(previous.question, max(1, page), "continue", previous.topic)
    held = _Held(previous.question, previous.topic)
    token = _HELD.set(held)
    try:
        resolved = resolve_against(message, previous.question)
    finally:
        _HELD.reset(token)
    if resolved == message:
        return Resolution(message)
    if held.swapped and held.swapped in resolved:
        return Resolution(resolved, 1, "follow-up", held.swapped)  # "and solar?": the conversation is on solar now
    if held.used:  # a follow-up that asked something of the previous topic keeps it for the next one
        topic = previous.topic or _core(previous.question)
        if held.unplaced:
            topic = re.sub(r"\s+\b(?:in|for|across|within)\s+(?:the\s+)?" + re.escape(held.unplaced) + r"\b", "", topic)
        return Resolution(resolved, 1, "follow-up", f"{topic} {held.placed}" if held.placed else topic)
    asked = re.sub(r"[?.!\s]*$", "", previous.question)
    placed = resolved[len(asked) :].strip(" ?.!") if resolved.startswith(asked) else ""
    if previous.topic and re.match(r"(?:" + PLACING + r"|from|around)\s", placed, re.I):
        # "and in Chile?" after the environmental impacts of lithium mining: the topic, there
        return Resolution(resolved, 1, "follow-up", f"{previous.topic} {placed}")
    if previous.topic and previous.topic in resolved:
        # "and the Netherlands?" after "how is China responding to export controls?": still on export controls
        return Resolution(resolved, 1, "follow-up", previous.topic)
    return Resolution(resolved, 1, "follow-up")


@dataclass
class _Held:
    """The previous question while a message is resolved against it, the topic it carries, and
    whether the resolution asked something of that topic (`_topic`)."""

    question: str
    topic: str
    used: bool = False
    swapped: str = ""  # a new topic put in the carried one's place ("and solar?")
    placed: str = ""  # where the resolution placed the carried topic ("and sales in Germany?": "in Germany")
    unplaced: str = ""  # the place that setting took the place of


_HELD: ContextVar[_Held | None] = ContextVar("held", default=None)


def _carried(previous: str) -> str:
    """The topic an earlier follow-up carried to the previous question, or "" (`_topic`)."""
    held = _HELD.get()
    return held.topic if held is not None and previous == held.question else ""


def _topic(previous: str) -> str:
    """The previous question's topic, for a rewrite that asks something of it ("who is funding
    it?", "what are the risks?"): the topic it carries when an earlier follow-up asked something
    of it too, else its own (`_core`). Each such rewrite marks the topic as kept."""
    held = _HELD.get()
    if held is None or previous != held.question:
        return _core(previous)
    topic = held.topic or _core(previous)
    held.used = held.used or bool(topic)
    return topic


def stands_alone(message: str) -> bool:
    """A question with a topic of its own, or one about the corpus itself, that leans on nothing."""
    text = " ".join(message.split())
    if CONTINUE.match(text) or _CONNECTIVE.match(text) or COMPARE_THAT.match(text) or _HOW_COMPARE.match(text):
        return False
    own = plan(_PRONOUNS.sub(" ", text))
    if own.query:
        if _SUBJECT.search(text) and len(own.query.split()) <= 2:
            return False  # "why is it struggling?", "is it getting worse?": the previous topic is "it"
        return not _PRONOUNS.search(text) or len(own.query.split()) >= 3  # "why are cities banning them?" leans on the previous topic
    dated = bool(_PERIOD_SUMMARY.search(text)) and bool(own.since or own.until)  # not "summarize" alone: of the previous topic
    return (bool(_SELF_STANDING.search(text)) or dated) and not _PRONOUNS.search(text)


def user_questions(history: History) -> list[str]:
    """The user's earlier messages, oldest first (plain strings or Gradio's lists of text parts)."""
    questions = []
    for message in history or []:
        if not isinstance(message, Mapping) or message.get("role") != "user":  # junk in a caller's history is skipped
            continue
        if content := _text(message):
            questions.append(" ".join(content.split()))
    return questions


def _text(message: Mapping) -> str:
    """A message's text: a plain string or Gradio's list of text parts ("" for anything else)."""
    content = message.get("content")
    if isinstance(content, list | tuple):
        content = " ".join(p.get("text", "") if isinstance(p, Mapping) else str(p) for p in content)
    return content if isinstance(content, str) and content.strip() else ""


def names_a_row(message: str) -> bool:
    """Whether the message points at a row of the previous answer ("tell me more about the first one")."""
    return ORDINAL.match(" ".join(message.split())) is not None


def _replies(history: History) -> list[str]:
    """The answer that followed each of the user's earlier messages ("" when none did)."""
    replies: list[str] = []
    for message in history or []:
        if not isinstance(message, Mapping) or not (content := _text(message)):
            continue
        if message.get("role") == "user":
            replies.append("")
        elif message.get("role") == "assistant" and replies:
            replies[-1] += content
    return replies


def _row(reply: str, match: re.Match[str]) -> str | None:
    """The name in the first column of that row of the answer's tables, in the order shown."""
    lines = reply.splitlines()
    names = [
        re.sub(r"\\(.)", r"\1", cells[1].strip().strip("*"))  # the answer escapes stored text
        for n, line in enumerate(lines)
        if line.startswith("|") and not _TABLE_RULE.match(line) and not (n + 1 < len(lines) and _TABLE_RULE.match(lines[n + 1]))
        and len(cells := re.split(r"(?<!\\)\|", line)) > 2  # an escaped "\|" is a cell's own text
    ]
    names = [name for name in names if name]
    word, digits, number = match.group("word"), match.group("digits"), match.group("number")
    if word and word.lower() == "last":
        return names[-1] if names else None
    nth = _NTH.index(word.lower()) + 1 if word else int(digits or number)
    return names[nth - 1] if 0 < nth <= len(names) else None


# A request to see the records a count just counted ("show them", "which are they?", "list all of them")
_THE_COUNTED = re.compile(
    r"\s*(?:(?:please\s+)?(?:show|list|give|display)(?:\s+(?:me|us))?\s+(?:all\s+(?:of\s+)?)?(?:them|those|these|the\s+records)"
    r"|(?:which|what)\s+(?:are|were)\s+(?:they|those|these|them))\s*(?:please)?[?.!]*\s*$",
    re.I,
)


def resolve(question: str, history: History) -> str:
    """The question made standalone by the rules (unchanged when it already stands alone)."""
    if not user_questions(history):
        return question
    return understand(question, history).question


def resolve_against(question: str, previous: str) -> str:
    """The question rewritten from the previous (standalone) one, when it leans on it."""
    text = " ".join(question.split())
    if match := COMPARE_THAT.match(text):
        return _compare(previous, match.group(1))
    if (how := _HOW_COMPARE.match(text)) and plan(previous).query:
        return _compare(previous, how.group("named") or how.group("other"))
    compared = plan(text)
    if (
        compared.intent == "compare"
        and len(compared.sides) == 2
        and not compared.focus
        and not re.match(r"(?:in|for|from|among|across)\s", text, re.I)  # "in Japan vs Germany?" is read below
        and all(map(_is_place, compared.sides))
        and (core := _core(_unplaced(previous)))
    ):
        # "how does Europe compare with the US?" after carbon taxes: the previous topic in each place, in its kinds
        kinds = plan(previous).kinds
        return (f"{_kinds_phrase(kinds).capitalize()}: " if kinds else "") + f"Compare {core} in {compared.sides[0]} and in {compared.sides[1]}"
    if (still := _STILL.match(text)) and (core := _topic(previous)):
        return f"Is {core} still {still.group('rest')}?"  # "still popular?" after meal kits
    if (angle := _ANGLE.match(text)) and plan(previous).query and angle.group("what").lower() not in ("other", "flip"):
        # "privacy angle?" after smart homes: their privacy; "the dark side?": their risks
        what = _SIDES.get(angle.group("what").lower(), angle.group("what"))
        if plan(what).query:
            return _aspect_of(previous, what)
    if EVERYWHERE.match(text):
        return _unplaced(previous)  # nothing to widen when it named no place: the same question
    if (match := LEAVE_OUT.match(text)) and _short(match.group(1)):
        return re.sub(r"[?.!\s]*$", "", previous) + f", excluding {match.group(1)}"
    if (match := FOCUS.match(text)) and _short(other := match.group(1)) and plan(other).query:
        # "focus on health", "narrow it to schools": the previous topic there
        if re.search(r"\b(?:drill|dig)\b", text, re.I) and not _is_place(other):
            return _also_on(previous, other)  # "drill into fraud" after AI in finance: AI in finance, on fraud
        return _swap(previous, other, "in") if _is_place(other) else _narrow(previous, other, "in")
    if (match := ONES_ABOUT.match(text)) and _short(other := match.group("other")) and plan(other).query:
        if _is_place(other) and re.search(r"\b(?:in|at)\s+" + re.escape(other) + _END, text, re.I):
            return resolve_against(f"in {other}", previous)  # "which are used in Australia?": the previous records there
        on = _also_on(previous, other)
        # "how many of those are about X?" after a list asks it counted ("How many: signals about drones on X")
        counted = match.group("many") and plan(previous).intent != "count"
        return f"How many: {on}" if counted else on
    if (match := INVOLVED.match(text)) and _short(other := match.group("other")) and plan(other).query:
        return _swap(previous, other, "in") if _is_name(other) or _is_place(other) else _narrow(previous, other, "for")
    if (match := _ONES_DID.match(text)) and plan(previous).query:
        return _also_on(previous, match.group("did"), "that")  # "which ones failed?" after vertical farming: vertical farming that failed
    if (match := ONES_IN.match(text)) and NARROW.match(match.group("rest")):
        return resolve_against(match.group("rest"), previous)
    if (match := NARROW.match(text)) and match.group("kinds") and _short(other := match.group("other")) and plan(previous).query:
        # "any signals from France?" after climate change and wine: those signals, there; "any
        # signals from the food industry?" after GLP-1 drugs: from that industry
        preposition = match.group("prep").lower()
        if _is_place(other):
            return _refine(resolve_against(f"in {other}", previous), f"only the {match.group('kinds')}")
        if preposition in ("from", "in", "among", "across", "within", "by") and plan(other).query and not plan(other).kinds:
            return _refine(_narrow(previous, other, preposition), f"only the {match.group('kinds')}")
    if (match := NARROW.match(text)) and not match.group("kinds") and _short(other := match.group("other")) and plan(other).query:
        # "in schools?", "and by police?": the previous topic in that setting; a name ("in Chile?")
        # narrows a question that named none, or stands in for the one it named
        preposition = match.group("prep").lower()
        if preposition == "from" and match.group("examples") and _is_place(other):
            preposition = "in"  # "any examples from Asia?": the previous topic in Asia ("from China?" after imports: their origin)
        if preposition in ("in", "across") and (anywhere := _ANYWHERE.search(previous)):
            # "is AI in hiring regulated anywhere?" and then "what about in the EU?": there, not anywhere
            return previous[: anywhere.start()] + f"{preposition} {other}" + previous[anywhere.end() :]
        if _is_name(other) or _introduces(previous, preposition):
            return _swap(previous, other, preposition)
        return _narrow(previous, other, preposition)
    if (match := _VERB_IT.match(text)) and plan(previous).query:
        if verb := _verb_of(previous):
            return re.sub(r"\b" + re.escape(verb) + r"\b", match.group("verb"), previous, count=1)
        return f"{match.group('verb')} {_topic(previous)}"  # "and regulating it?" after the risks of deep-sea mining
    if (match := ANOTHER.match(text)) and _KIND_LED.match(other := next(g for g in match.groups() if g)) and (it := _IT.search(other)) and (core := _topic(previous)):
        return other[: it.start()] + core + other[it.end() :]  # "the technologies that detect deepfakes in elections"
    if (request := _SHOW_ME.match(text)) and _KIND_LED.match(other := text[request.end() :]) and (it := _IT.search(other)) and (core := _topic(previous)):
        return other[: it.start()] + core + other[it.end() :]  # "show me the technologies that fight them"
    if (
        (match := ANOTHER.match(text))
        and (there := _THERE.search(other := next(g for g in match.groups() if g) + "?"))
        and not QUESTION_WORD.match(other)  # "and what are the risks there?" asks a question there (below)
        and (where := _there(previous))
    ):
        # "what about shipping there?" after the outlook for the Arctic: shipping in the Arctic
        return resolve_against(f"what about {other[: there.start()].strip()} in {where}?", previous)
    if (match := ANOTHER.match(text)) and _short(other := next(g for g in match.groups() if g)):
        if not plan(other).query:
            return _refine(previous, other)
        if _roles_only(other) and re.match(r"\s*who\b", previous, re.I) and (core := _topic(previous)):
            # "and the losers?" after "who benefits from GLP-1 drugs?": who they are, in the same topic
            return "who are the " + re.sub(r"^the\s+", "", other, flags=re.I) + f" in {core}?"
        if (reacting := _WHO_REACTS.match(previous)) and (_roles_only(other) or all(is_actor(w) for w in other.split())):
            # "what about regulators?" after "how are platforms responding to the creator economy?": how they respond
            who = re.sub(r"^(?:the\s+)", "", other.strip(), flags=re.I)
            head = previous[: reacting.start("who")]
            if re.search(r"[^s]s$", who, re.I):  # "how are banks", not "how is banks"
                head = re.sub(r"\b(is|has)(\s+(?:the\s+)?)$", lambda m: ("are" if m.group(1).lower() == "is" else "have") + m.group(2), head, flags=re.I)
            return head + who + previous[reacting.end("who") :]
        if (_roles_only(other) or _actors_only(other, previous)) and not _closest(other, plan(previous).topics, LIKE_COSINE):
            # "what about investors?", "and insurers?" after autonomous vehicles: the previous topic's
            return _narrow(previous, other, "for")
        if _DEGREE.search(other) and plan(_DEGREE.sub("", other)).query:
            # "what about privacy specifically?": that side of the previous topic, not another topic
            return _aspect_of(previous, _DEGREE.sub("", other))
        if _only(other, _ASPECT) or _POSSESSIVE.match(other) or _aspect_phrase(other) or _DESCRIBED.match(other) or _done_with(other, previous):
            # "and the opportunities?", "what about its environmental impact?": the previous topic's
            return _aspect_of(previous, other)
        if (placed := _PLACED_ASPECT.fullmatch(other)) and _is_place(placed.group("place")) and _only(placed.group("what"), _ASPECT):
            # "and sales in Germany?" after heat pump adoption: the sales of heat pumps, in Germany
            # (and the conversation is on heat pumps in Germany now)
            return _aspect_placed(previous, placed.group("what"), f"{placed.group('prep').lower()} {placed.group('place')}")
        described = plan(other)
        if described.kinds and not described.entities and len(described.query.split()) == 1 and _KIND_WORDS.search(other.split()[-1]) and plan(previous).query:
            # "and the ethical concerns?" after longevity medicine: those of the previous topic
            return re.sub(r"^(?:the|any|its|their)\s+", "", other, flags=re.I) + f" about {_topic(previous)}"
        asked = re.sub(r"^.*?\b(?:what|how)\s+about\s+", "", text, flags=re.I)
        preposition = re.search(r"\b(in|for|about)\s+" + re.escape(other), asked, re.I)
        return _swap(previous, other, preposition.group(1).lower() if preposition else None)
    if best := BEST.match(text):  # "which are the most promising?": the previous records, the top-rated ones ("which signals": its signals)
        ones = best.group("kind") or "ones"
        return _refine(previous, f"show me the top-rated {ones}" if plan(previous).intent == "count" else f"the top-rated {ones}")
    if match := ONLY.match(text):
        only = match.group(1) or match.group(2)
        if not plan(only).query:
            return _refine(previous, only)
        if _short(only) and _is_place(only):  # "just Japan": the previous topic there
            return _swap(previous, only, "in")
        before = plan(previous)
        if before.intent == "compare" and (side := next((s for s in before.sides if re.search(r"(?<![\w-])" + re.escape(only) + r"(?![\w-])", s, re.I)), None)):
            # "now just finance" after AI in healthcare against AI in finance: that side, in the kinds compared
            return f"{_kinds_phrase(before.kinds).capitalize()} on {side}" if before.kinds else side
        kind = _ONES.match(only)
        if (
            kind
            and re.fullmatch(r"[\w-]+", which := kind.group("which"))
            and not _JUDGED.fullmatch(which)
            and not plan(which).min_relevancy  # "just the high-relevancy ones" is a filter
            and (kind.group(0) != which or re.fullmatch(r"\w+-[\w-]+|" + _DESCRIBING.pattern, which, re.I))
            and plan(previous).query
        ):
            # "solid-state only", "just the sodium-ion ones", "only military ones" after batteries:
            # that sort of the previous topic, said before it ("solid-state battery")
            return _sort_of(previous, which)
    bare = _THERE.sub("", text)
    measured = _PREDICATED.match(bare) if len(text.split()) <= 8 else None
    if measured and _QUANTIFIED.fullmatch(measured.group("subject")) and (core := _topic(previous)):
        # "why are so many failing?" after vertical farming: so many of it
        return bare[: measured.end("subject")] + f" {core}" + bare[measured.end("subject") :]
    if measured and _only(measured.group("subject"), _ASPECT) and (core := _topic(previous)):
        # "why are sales falling (there)?", "are prices still rising?": the previous topic's
        return bare[: measured.end("subject")] + f" of {core}" + bare[measured.end("subject") :]
    if (there := _THERE.search(text)) and (place := _there(previous)):
        asked = re.sub(_OPENER, "", text[: there.start()], flags=re.I)
        if all(_ASPECT.fullmatch(w) for w in plan(asked).query.split()):  # nothing of its own, or an aspect alone
            # "and what are the risks there?" after solar power in India: the place is the topic's already
            return resolve_against(asked + text[there.end() :], previous)
        if _roles_only(asked) and (topic := _topic(previous)):
            # "who are the main players there?" after robotaxis in China: in robotaxis in China
            held = re.sub(r"^the\s+", "", place, flags=re.I).lower() in topic.lower()  # "Arctic" holds "the Arctic"
            return _ending(asked, f"in {topic if held else f'{topic} in {place}'}")
        # "what do we know about robots there?" after a question on Japan: robots in Japan
        return resolve_against(text[: there.start()] + f" in {place}" + text[there.end() :], previous)
    own = plan(_PRONOUNS.sub(" ", text))
    short = len(text.split()) <= 8
    if CHEAPEST.match(text) and plan(previous).query:
        return re.sub(r"[?.!\s]*$", "", previous) + ": " + text.strip()  # "which are cheapest?" of the technologies against food waste
    if LEADING.match(text) and plan(previous).query:
        return _ending(text, f"in {_topic(previous)}")  # "which cities lead?", "which industries?" after reshoring: in reshoring
    if short and _roles_only(text):
        # "who are the key players?", "which companies?", "who's investing?": the actors of the previous topic
        return _ending(text, f"in {_topic(previous) or previous}")
    if _STANCE.match(text) and plan(previous).query:
        # "what is NATO's position?" after AI in the military: its position on that
        return _ending(re.sub(r"\s+on\s+(?:it|this|that|them)(?=\s*[?.!]*\s*$)", "", text, flags=re.I), f"on {_topic(previous)}")
    if (meets := _WHO_MEETS.match(text)) and plan(previous).query and not _named_before(plan(text).entities, previous):
        # "how is tech responding?" after loneliness: responding to loneliness; "coping?": coping with it;
        # "how is China responding?" after export controls (not after a question on China)
        return _ending(text, f"{MET_WITH.get(meets.group('stem').lower(), 'to')} {_topic(previous)}".strip())
    named = plan(text)  # its focus is its topic without its entities' names
    if short and named.entities and named.focus and all(_ASPECT.fullmatch(w) for w in named.focus.split()) and not _named_before(named.entities, previous) and plan(previous).query:
        # "what are the risks for Europe?" after export controls: their risks, for Europe
        setting = re.search(r"\b(?:for|in|to|on|across|within)\s+(?:the\s+)?" + re.escape(named.entities[0].name), text, re.I)
        if setting:
            return _aspect_placed(previous, named.focus, setting.group(0))
    if OPINION.match(text) and plan(previous).query:
        return _ending(text, f"about {_topic(previous)}")  # "what do civil liberties groups say?": about AI in courts
    if short and _only(_PRONOUNS.sub(" ", text), POPULATION) and not _SUBJECT.search(text) and plan(previous).query:
        # "what do parents think?", "how are students reacting?": that population on the previous topic
        return _ending(text, f"about {_topic(previous)}")
    if short and _only(_PRONOUNS.sub(" ", text), _ASPECT) and plan(previous).query:
        # "what are the risks?", "what are the main challenges?": of the previous topic
        return _ending(text, f"of {_topic(previous)}")
    aspect = _THE_ASPECT.match(text) or _BARE_ASPECT.match(text)
    if short and aspect and len(aspect.group("what").split()) == 2 and len(own.query.split()) == 1 and own.kinds and not own.entities and plan(previous).query:
        # "what are the privacy concerns?" after smart rings: the definite article points back
        return f"{_kinds_phrase(own.kinds).capitalize()} on the {own.query} of {_topic(previous)}"
    if short and aspect and " " in aspect.group("what") and not own.kinds and _aspect_phrase(aspect.group("what")) and plan(previous).query:
        # "what are the environmental impacts?" after lithium mining: a few words ending in what one
        # asks of a topic, of the previous topic (as "what about the environmental impact?" is)
        return _aspect_of(previous, aspect.group("what"))
    # "what are the biases?" after AI in hiring, "any lawsuits?": a word of no kind, of the previous topic
    one = aspect if aspect and " " not in aspect.group("what") else _ANY.match(text)
    if one and plan(previous).query:
        wanted = plan(one.group("what"))
        if wanted.query == one.group("what") and not wanted.kinds and not wanted.entities:
            return _aspect_of(previous, one.group("what")) if one is aspect else f"{one.group('what')} about {_topic(previous)}"
    if (whose := _ANY_FROM.match(text)) and _ASPECT.fullmatch(whose.group("what")) and plan(previous).query:
        # "any backlash from locals?" after digital nomads: that backlash, against the previous topic
        return f"{whose.group('what')} {whose.group('who')} about {_topic(previous)}"
    doing = re.search(r"\b(?:are|is|were|was)\s+([a-z]{3,}ing)\s*[?.!]*$", text, re.I)
    if short and doing and own.kinds and not own.entities and own.query == doing.group(1) and plan(previous).query:
        # "what technologies are competing?" after smart glasses: a kind doing something, in the previous topic
        return _ending(text, f"in {_topic(previous)}")
    if (cause := _THE_CAUSE.match(text)) and not is_kind_word(cause.group("thing")) and plan(previous).query:
        # "what's causing the bleaching?" after the Great Barrier Reef: the bleaching there; "the" points back
        # ("who is behind the attacks?" after the Red Sea shipping attacks: behind those attacks)
        topic = _topic(previous)
        if re.search(r"(?<![\w-])" + re.escape(cause.group("thing")) + r"(?![\w-])", topic, re.I):
            return text[: cause.start("thing")] + topic + "?"
        return _ending(text, f"in {topic}")
    if stands_alone(text):
        return question
    if not own.query and own.intent == "lookup" and own.kinds and short and (it := _IT_ENDS.search(text)) and plan(previous).query:
        # "what worries people about it?" after "when will quantum computers be useful?": the kinds
        # asked of what "it" stands for, not the last question's records in those kinds
        return _filtered(text[: it.start()] + _topic(previous) + text[it.end() :], plan(previous))
    if not own.query and own.intent == "lookup" and (own.kinds or own.min_relevancy or own.since or own.until or own.limit) and short:
        return _refine(previous, text)
    # a pronoun that ends the question before any earlier "that" ("any countries that banned them?": it is relative)
    if len(own.query.split()) <= 2 and (anaphor := _IT_ENDS.search(text) or _STANDS_FOR.search(text) or _SUBJECT.search(text)):
        # "list them", "draft a briefing on that", "who is funding them?": the previous question's
        # topic in place of the word that stands for it; a request for its records keeps its kinds,
        # a question of its own asks about the topic ("what can be done about it?" after concerns
        # asks for what answers them, not for more concerns)
        # ("who is pushing for it?" after "the risks of deep-sea mining": for deep-sea mining)
        if not own.query and _THE_COUNTED.match(text) and plan(previous).intent == "count":
            return f"List {_subject(previous)}"  # "show them", "which are they?" after a count: the records counted
        if own.query or (_carried(previous) and not re.match(r"\s*(?:list|show|give|display)\b", text, re.I)):
            # "are they getting better?" after "how are platforms responding to deepfakes?": deepfakes
            # ("summarize this" too, with what the last answer asked of it: the risks of fusion
            # energy after "what are the risks?"; "list them" lists what the last answer showed)
            topic, before = _topic(previous), plan(previous)
            if not own.query and own.intent != "lookup" and (asked := _asked_of(before.topics, topic)):
                topic = f"{asked} of {topic}"
            return _filtered(text[: anaphor.start()] + topic + text[anaphor.end() :], before)
        return text[: anaphor.start()] + _subject(previous, kinds=own.intent != "lookup") + text[anaphor.end() :]
    if not own.query and not own.entities and own.intent != "lookup" and short:
        # "how many are there?", "brief me", "how many concerns are there?": a request without a
        # topic asks about the previous one (in its own kinds when it names some)
        return _ending(text, f"about {_subject(previous, kinds=not own.kinds)}")
    if not own.query and not own.entities and short and plan(previous).query and not _SELF_STANDING.search(text):
        # "what's the outlook?", "anything else?": no topic of its own, so not the whole corpus but
        # the previous topic
        return _ending(text, f"on {_topic(previous)}")
    return question


def _asked_of(topics: list[str], topic: str) -> str:
    """What the previous question (its `topics`) asked of the topic, when it opened on that
    ("environmental impacts" of "the environmental impacts of lithium mining"), or ""."""
    first = topics[0] if len(topics) > 1 else ""
    if not first or not _ASPECT.fullmatch(first.split()[-1]) or topic.lower() not in " ".join(topics[1:]).lower():
        return ""
    return first


def _verb_of(previous: str) -> str:
    """The -ing word the previous question's topic opens with ("banning lab-grown meat"), or ""."""
    words = plan(previous).query.split()
    return words[0] if words and words[0].lower().endswith("ing") and re.search(r"\b" + re.escape(words[0]) + r"\b", previous) else ""


def _unplaced(previous: str) -> str:
    """The previous question without the places it names, and the words that placed them ("heat
    pumps in Germany" -> "heat pumps"); itself when it names none."""
    text = previous
    for entity in find_entities(previous):
        if entity.type == "name":
            continue
        for alias in sorted(entity.aliases, key=len, reverse=True):
            text = re.sub(
                r"\s*,?\s*(?:\b(?:only|just)\s+)?(?:\b(?:in|from|across|for|of|around|within)\s+)?(?:the\s+)?(?<![\w-])" + re.escape(alias) + r"(?:'s|’s)?(?![\w-])",
                "",
                text,
                flags=re.I,
            )
    return " ".join(text.split()).replace(" ?", "?")


def _ending(question: str, words: str) -> str:
    """The question with words added at its end ("what are the risks" + "of lithium mining"), or
    in place of the pronoun it ends with ("how do consumers feel about it" + "about lab-grown
    meat": about lab-grown meat)."""
    text = re.sub(r"(?:[,\s]+please)?[?.!\s]*$", "", question, flags=re.I)
    it = re.search(r"\b(?:about|of|on|in|with|to|for)\s+(it|them)$", text, re.I)
    topic = re.match(r"(?:about|of|on|in|with|to|for)\s+(.+)", words)
    if it and topic:
        return text[: it.start(1)] + f"{topic.group(1)}?"
    return text + f" {words}?"


def _subject(previous: str, *, kinds: bool = True) -> str:
    """The previous question's topic, with its kinds ("the concerns on lithium mining"; "the
    signals that mention Nvidia" after a question that counted mentions: "list them" lists what
    was counted) unless told not to, and with its relevancy and period."""
    before = plan(previous)
    named = _kinds_phrase(before.kinds) if kinds else ""
    subject = _quoted(previous, _phrase(previous, before.topics) or before.query or previous)
    whole = subject == previous  # the previous question itself keeps its own filters
    if kinds and asks_mentions(previous):
        subject = f"the {named or 'records'} that mention {subject}"
    elif named:
        subject = f"the {named} on {subject}"
    return f"{subject} {held}" if (held := _filters(before)) and not whole else subject


def _quoted(previous: str, subject: str) -> str:
    """The subject with a row's name the previous question quoted still quoted ("“Deepfake
    Technology” deepfakes"): unquoted, its words would be read as a kind and a name."""
    for quoted in _QUOTED.findall(previous):
        if quoted in subject and f"“{quoted}”" not in subject:
            subject = subject.replace(quoted, f"“{quoted}”", 1)
    return subject


def _unfiltered(previous: str) -> str:
    """The previous question without the relevancy and period a rewrite ended it with (`_filtered`)."""
    return re.sub(r"[,\s]+([?.!]*)$", r"\1", without_filters(previous, relevancy=True, period=True))


def _filtered(question: str, before: QueryPlan) -> str:
    """The question with the previous one's relevancy and period at its end ("where do
    microplastics come from, rated 5 or higher?"), where they split no topic."""
    held = _filters(before)
    return re.sub(r"(?:[,\s]+please)?([?.!]*)\s*$", f", {held}\\1", question, count=1, flags=re.I) if held else question


def _filters(before: QueryPlan) -> str:
    """The previous question's relevancy and period in words the planner reads again ("rated 4 or
    higher since January 2024"): "how many are there?" after "just the top-rated ones" counts those."""
    words = [f"rated {before.min_relevancy} or higher"] if before.min_relevancy else []
    if before.since and before.until:
        words.append(f"between {before.since:%B %Y} and {before.until:%B %Y}")
    elif before.since:
        words.append(f"since {before.since:%B %Y}")
    elif before.until:
        words.append(f"until {before.until:%B %Y}")
    return " ".join(words)


_BETWEEN_TOPICS = re.compile(r"^(?:\s+|\b(?:" + PLACING + r"|of|and|or|the|a|an|to|from|with)\b|[,'’-])*$", re.I)


def _phrase(previous: str, topics: list[str]) -> str:
    """The previous question's own words from its first topic to its last, when only small words
    stand between them ("ransomware in hospitals", not "ransomware hospitals": a rewrite keeps
    what places one topic in another); "" when they do not read that way."""
    lowered, at, start = previous.lower(), 0, -1
    for topic in topics:
        found = lowered.find(topic.lower(), at)
        if found < 0 or (start >= 0 and not _BETWEEN_TOPICS.match(previous[at:found])):
            return ""
        start = found if start < 0 else start
        at = found + len(topic)
    return previous[start:at] if start >= 0 else ""


def condense(question: str, history: History, client: LLMClient, overrides: Mapping[str, str] | None = None) -> str:
    """The model's standalone rewrite of the question; `LLMError` when it fails."""
    from index import LLMResponseError

    lines = []
    for message in [m for m in history or [] if isinstance(m, Mapping)][-6:]:
        content = message.get("content")
        if isinstance(content, list | tuple):
            content = " ".join(p.get("text", "") if isinstance(p, Mapping) else str(p) for p in content)
        if not isinstance(content, str) or message.get("role") not in ("user", "assistant"):
            continue
        if message["role"] == "assistant":  # the first paragraph is the gist; tables only cost tokens
            content = content.strip().split("\n\n", 1)[0][:400]
        lines.append(f"{message['role'].capitalize()}: {' '.join(content.split())}")
    messages = [
        {"role": "system", "content": prompts.CONDENSE_SYSTEM.render(overrides)},
        {"role": "user", "content": prompts.CONDENSE_USER.render(overrides, history="\n".join(lines), question=question)},
    ]
    reply = client.complete(messages).strip().splitlines()[0].strip().strip("\"'“”")
    if not reply or len(reply) > 400:
        raise LLMResponseError("the model's rewrite of the follow-up is empty or too long")
    return reply


def _short(text: str) -> bool:
    """A fragment ("Finland", "drone incursions in Poland"), not a question of its own."""
    return len(text.split()) <= 5 and not QUESTION_WORD.match(text)


_TRADE = re.compile(r"\b(?:industry|industries|sector|sectors)$", re.I)  # "the insurance industry": who acts, said as a trade


# where someone named stands, and on nothing named: "what is NATO's position?", "what's China's stance on it?"
_STANCE = re.compile(
    r"^(?:and\s+|so\s+|but\s+)?(?:what|how)(?:'s|’s|\s+is|\s+are|\s+was)\s+(?:the\s+)?[\w&.-]+(?:\s+[\w&.-]+){0,2}?['’]s?\s+"
    r"(?:" + STANCE_WORDS + r")"
    r"(?:\s+on\s+(?:it|this|that|them))?" + _END,
    re.I,
)
# what causes one thing said with "the", and nothing else: "what's causing the bleaching?", "who is
# behind the attacks?", "why the delays?" (not "what's driving inflation?": no "the", a topic of its own)
_THE_CAUSE = re.compile(
    r"^(?:and\s+|so\s+|but\s+)?(?:(?:what|who)(?:'s|’s|\s+is|\s+are)\s+(?:causing|driving|behind|fuell?ing|explaining|triggering)|why)\s+"
    r"the\s+(?P<thing>[a-z][a-z-]+)" + _END,
    re.I,
)
# which places a question asks for: "Any countries that banned deepfakes?", "Which cities are banning cars?"
_PLACES_ASKED_FOR = re.compile(
    r"\b(?:which|what|any)\s+(?P<places>countries|nations|cities|regions|states|places)(?:\s+(?:that|which|where))?(?:\s+(?:are|is|have|has|were|was))?\b", re.I
)


def _owner_swapped(previous: str, other: str) -> str:
    """The previous question with `other` as the owner it names with a possessive, when `other` is
    of the same sort (a company for a company, a country for a country): "What's Apple's strategy
    on AI?" and then "and Google?": Google's strategy on AI; "China's influence in Africa" and then
    "what about Russia?": Russia's influence in Africa. "" when it names no such owner."""
    other = other.strip(" ,?.!")
    possessive = re.search(r"['’]s$", other) is not None  # "and China's?": the owner, whatever its sort
    other = re.sub(r"['’]s$", "", other)
    owners = r"(?<![\w-])(?!(?:What|Who|Where|When|Why|How|It|That|There|Here|This|Let|He|She|Today)\b)([A-Z][\w&.-]*(?:\s+[A-Z][\w&.-]*){0,2})(?=['’]s\b)"
    sort = _sort(other)
    for owner in re.finditer(owners, previous):
        name = owner.group(1)
        if name.lower() == other.lower() or not possessive and (sort is None or not _alike(_sort(name), sort)):
            continue
        if other.endswith("s") and POPULATION.fullmatch(other):  # a plural's possessive: "millennials' attitudes"
            return previous[: owner.start()] + other + "'" + previous[owner.end() + 2 :]
        return previous[: owner.start()] + other + previous[owner.end() :]
    return ""


def _sort(text: str) -> str | None:
    """What sort of name the text is: a place's type ("country", "city", "region", ...), "population"
    for a group of people ("Gen Z", "millennials"), "name" for another name, None for no name."""
    if POPULATION.fullmatch(text.strip()):
        return "population"
    places = [e.type for e in find_entities(text) if e.type != "name"]
    if places:
        return places[0]
    return "name" if text[:1].isupper() else None


def _alike(sort: str | None, other: str) -> bool:
    """Whether names of these sorts stand for each other as owners: the same sort, or a group of
    people and another name ("Gen Z's attitudes", then "and Apple?": Apple's)."""
    return sort == other or {sort, other} == {"name", "population"}


def _one_of(place: str, places: str) -> bool:
    """Whether the place is one of the places asked for ("India" of "countries", "Paris" of "cities")."""
    types = {"countries": "country", "nations": "country", "cities": "city", "states": "state", "regions": "region"}
    sort = _sort(place)
    return sort not in (None, "name") and (places.lower() == "places" or sort == types.get(places.lower()))


def _swap(previous: str, other: str, preposition: str | None = None, *, alike: bool = False) -> str:
    """The previous question about `other` instead of its main topic: the last topic of the same
    kind (a name for a name), else the last topic. A name where the previous question named none
    narrows its topic instead ("lithium mining" and then "and in Chile?": lithium mining in Chile).
    `alike`: `other` is the other side of a comparison, so it replaces no population unless it is one."""
    other = other.strip(" ,")
    before = plan(previous)
    topics = before.topics
    asked = plan(other)
    population = [t for t in topics if POPULATION.fullmatch(t)] if POPULATION.fullmatch(other) else []
    if population and len(topics) >= 2:
        at = previous.rfind(population[-1])  # "and older adults?" after "What are teenagers doing with AI chatbots?"
        return previous[:at] + other + previous[at + len(population[-1]) :]
    actors = [w for t in topics for w in t.split() if is_actor(w)] if all(is_actor(w) for w in other.split()) else []
    if actors and len(topics) >= 2 and (at := previous.rfind(actors[-1])) >= 0:
        # who acts for who acts, within a topic: "compare that with banks" after the privacy of retailers' AI
        return previous[:at] + other + previous[at + len(actors[-1]) :]
    trades = [t for t in topics if _TRADE.search(t)] if all(is_actor(w) for w in other.split()) else []
    if trades and len(topics) >= 2 and (trade := re.search(r"(?:\bthe\s+)?" + re.escape(trades[0]), previous)):
        # a trade said as one is who acts too: "what about banks?" after "How is the insurance industry responding?"
        return previous[: trade.start()] + other + previous[trade.end() :]
    # (or a topic that shares the first one's words: "delivery drones" for "drones in agriculture";
    # not "train stations" for "facial recognition at airports", a setting for a setting)
    shares = {w.lower() for w in other.split()} & {w.lower() for w in topics[0].split()} if topics else set()
    whole = len(asked.topics) >= 2 or (len(asked.query.split()) >= 2 and bool(shares))
    # what is asked of the topic is no part of it: "the risks of AI in hiring", then "and AI in lending?"
    asked_of = topics[1:] if len(topics) > 2 and (_ASPECT.fullmatch(topics[0]) or is_kind_word(topics[0])) else topics
    if whole and asked.focus and len(asked_of) >= 2 and not all(w[:1].isupper() for w in other.split()):
        # a whole topic for a whole topic: "AI in finance" for "AI in healthcare", not for "AI"
        # alone; a name of two words ("South Korea", "Sam Altman") is still one name
        topics = asked_of
        start, last = previous.find(topics[0]), previous.rfind(topics[-1])
        if (first := topics[0].split()[0]) and _PURPOSE.fullmatch(first) and len(topics[0].split()) > 1:
            start += len(first) + 1  # "monitor air quality" and then "and water quality?": monitor water quality
        if 0 <= start <= last:
            return previous[:start] + other + previous[last + len(topics[-1]) :]
    if swapped_owner := _owner_swapped(previous, other):
        return swapped_owner  # "and Google?" after Apple's strategy on AI: Google's
    # a place stands in for a place; where the previous question named none it narrows the topic
    # ("EV batteries" and then "what about in Europe?": EV batteries in Europe, not Europe alone)
    place = _is_place(other)
    if place and (where := _PLACES_ASKED_FOR.search(previous)) and _one_of(other, where.group("places")):
        # "and India?" after "Any countries that banned deepfakes?": India is the place asked for
        # (not "and in Europe?" after "Which countries lead on hydrogen?": the countries in Europe)
        rest = (previous[: where.start()] + previous[where.end() :]).strip()
        rest = re.sub(r"[?.!\s]*$", "", rest)
        return f"{rest[:1].upper()}{rest[1:]} in {other}?"
    if place and (old := _place_of(previous)):
        at = previous.find(old)  # "has rent control in Berlin worked?": Barcelona for Berlin, whatever the topic around it
        if at >= 0:
            return previous[:at] + other + previous[at + len(old) :]
    # a name that heads a thing is that thing ("what about CRISPR babies?" after gene drives: a topic,
    # not a setting); "Amazon the company" is still a name
    kind, a_name = (_is_place, True) if place else (_is_name, _is_name(other) and (other.split()[-1][:1].isupper() or re.search(r"\bthe\s+\w+$", other) is not None))
    named = [t for t in topics if kind(t) and (place or not _is_place(t))]  # a company for a company, not for China
    if a_name and not named and (said := _last_topic(previous, topics)):
        end = said[1]
        return previous[:end] + f" {preposition or 'in'} {other}" + previous[end:]
    unnamed = [t for t in topics if not _is_name(t)]
    if (than := re.search(r"\bthan\s+(.+?)\s*[?.!]*$", previous, re.I)) and len(unnamed) > 1:
        # "are hydrogen cars cheaper than EVs?" and then "what about trucks?": what is compared, not what it is compared with
        unnamed = [t for t in unnamed if t.lower() not in than.group(1).lower()] or unnamed
    if (predicated := _PREDICATED.match(previous)) and len(unnamed) > 1:
        # "Are EVs really greener?" and then "what about battery recycling?": what is said of the subject is no topic to swap
        unnamed = [t for t in unnamed if t.lower() in predicated.group("subject").lower()] or unnamed
    candidates = named if a_name and named else unnamed or topics
    if population:
        candidates = population  # "and millennials?" after "alcohol among Gen Z": millennials for Gen Z
    elif alike and not is_actor(other) and len(candidates) > 1:
        # the other side of a comparison is of a kind with the one it replaces, and a population
        # stands only for a population: "compare that with video games" after the risks of social
        # media for children compares video games for children ("and sleep?" after screen time for
        # kids is left to meaning: screen time and sleep)
        candidates = [t for t in candidates if not POPULATION.fullmatch(t)] or candidates
    # the name that acts in the question ("What is Meta doing in VR?" and then "and Apple?": Apple in VR)
    acting = [t for t in candidates if a_name and not place and _ACTING.search(previous.replace(t, "\x00", 1))]
    compared = before.intent == "compare"  # a comparison's sides are alike by design: the last is swapped
    if compared and (sided := [t for t in candidates if any(t.lower() in side.lower() for side in _subjects(before.sides))]):
        candidates = sided  # a side, not what both are compared on ("and solar?" after nuclear and wind power on cost)
    target = acting[0] if acting else _like(candidates, other, meaning=not compared) if len(candidates) > 1 else candidates[-1] if candidates else None
    carried = _carried(previous)
    if target is not None and not a_name and not place and carried and carried in target and carried != target and not _place_of(carried):
        target = carried  # "and solar?" after "who is funding it?" on fusion energy: solar for fusion energy, not for "funding fusion energy"
        if (held := _HELD.get()) is not None:
            held.swapped = other  # the topic the conversation carries on
    if target is not None and len(words := target.split()) > 1 and _PURPOSE.fullmatch(words[0]) and not _PURPOSE.fullmatch(other.split()[0]):
        target = " ".join(words[1:])  # "detect wildfires" and then "and earthquakes?": detect earthquakes
    elif target is not None and len(words := target.split()) > 1 and not a_name:
        verb_at = next((n for n, w in enumerate(words) if n and re.fullmatch(r"[a-z]{2,}ing", w)), None)
        progressive = verb_at is not None and re.search(
            r"\b(?:are|is|were|was)\s+(?:the\s+|(?:so\s+)?many\s+|more\s+|most\s+)?" + re.escape(" ".join(words[: verb_at + 1])) + r"\b", previous, re.I
        )  # "are universities responding", not "lithium mining"
        if progressive and verb_at == len(words) - 1:
            target = " ".join(words[:verb_at])  # "universities responding" and then "and schools?": schools responding
        elif progressive and verb_at is not None and POPULATION.fullmatch(" ".join(words[:verb_at])):
            target = " ".join(words[verb_at + 1 :])  # "people getting dogs" and then "and cats?": people getting cats
        elif progressive and verb_at is not None:
            # "banks using generative AI" and then "and insurers?": one plural for another is who acts
            acts = other.lower().endswith("s") and not words[-1].lower().endswith("s")
            target = " ".join(words[:verb_at]) if acts else " ".join(words[verb_at + 1 :])
    if target is not None and not a_name and (owned := _OWNER.match(target)):
        target = owned.group("rest")  # "Germany's energy transition" and then "what about storage?": Germany's energy storage
    if target is not None and not a_name and not place and not population:
        unswapped = target
        target = _part_swapped(target, other)
        if target == unswapped and not compared and (written := _written_before(target, other)):
            target, other = written
    if target is not None and (when := _WHEN.match(_unfiltered(previous))) and target.endswith(" " + when.group("verb")):
        target = target[: -len(when.group("verb")) - 1]  # "e-waste go" and then "what about batteries?": batteries go
    if target is not None and (predicated or than) and len(target.split()) > 1:
        # "heat pumps cheaper" and then "and solar panels?": solar panels cheaper (than anything)
        predicate = re.sub(r"[?.!\s]*$", "", previous[: than.start()] if than else previous).split()[-1]
        if target.lower().endswith(" " + predicate.lower()):
            target = target[: -len(predicate) - 1]
    if target is None or (at := previous.rfind(target)) < 0:
        # a place where the previous question says none of its topics as written is where it is asked
        # ("Are robotaxis safe?", then "and in China?": "Are robotaxis safe in China?", not "... about China?")
        return _ending(previous, f"{preposition or 'in'} {other}" if place else f"about {other}")
    if _shares_head(_subjects(before.sides), target, other):
        other = f"{other} {target.split()[-1]}"  # "Compare solar and wind power", then "and nuclear?": nuclear power
    if a_name and previous[:at].lower().endswith("the "):
        at -= 4  # "the UK" for "Germany" (or "the Netherlands" as the user writes it), not "the Germany"
        target = previous[at : at + 4] + target
    elif previous[:at].lower().endswith("the ") and other.lower().startswith("the "):
        other = other[4:]  # "the film industry" for "music industry" in "... in the music industry", not "the the"
    return previous[:at] + other + previous[at + len(target) :]


_OWNER = re.compile(r"^(?:[A-Z][\w.-]*\s+){0,2}[A-Z][\w.-]*['’]s\s+(?P<rest>\S.*)$")  # a topic a name owns: the name stays when the topic is swapped
_ACTIVITY = re.compile(r"[a-z]{3,}(?:ing|tion|sion|ment|ery|age|oval|osal)|travel|trade|transport|tourism", re.I)  # mining, regulation, adoption, delivery, storage, removal; air travel
_DESCRIBING = re.compile(r"[a-z]+(?:al|ic|ive|ous|ary|ern|ible|able|less|ful)|online|offline|remote|smart|green|new", re.I)  # vertical, digital, smart


def _closest(other: str, topics: list[str], least: float = -1.0) -> str | None:
    """The topic the new words are closest to in meaning, when clearly closer than the others
    (`LIKE_MARGIN`) and at least `least`; None without a likeness."""
    likeness = _LIKENESS.get()
    if likeness is None or not topics:
        return None
    cosines = likeness(other, topics)
    best = max(range(len(topics)), key=lambda n: cosines[n])
    runner_up = max((c for n, c in enumerate(cosines) if n != best), default=-1.0)
    return topics[best] if cosines[best] - runner_up >= LIKE_MARGIN and cosines[best] >= least else None


def _like(topics: list[str], other: str, *, meaning: bool = True) -> str:
    """Of several topics, the one the new words stand for: the closest in meaning ("concerns about
    heat in cities", then "and wildfires?": wildfires in cities; "AI in healthcare", then "and
    finance?": AI in finance); without a likeness, of one-word topics the only one that is, as
    they are (or are not), an activity ("drought in farming", then "and fishing?": drought in
    fishing); else the last."""
    if meaning and (closest := _closest(other, topics)):
        return closest
    if any(len(t.split()) > 1 for t in topics):
        return topics[-1]  # "cities adapting": a verb's subject, no activity of its own
    activity = bool(_ACTIVITY.fullmatch(other.split()[-1]))
    alike = [t for t in topics if bool(_ACTIVITY.fullmatch(t)) == activity]
    return alike[0] if len(alike) == 1 else topics[-1]


def _part_swapped(target: str, other: str) -> str:
    """The part of a topic that an activity's object (or the activity) stands for: "lithium
    mining", then "and cobalt?": cobalt mining; "AI regulation", then "what about crypto?": crypto
    regulation; then "and recycling?": lithium recycling. The whole topic when it is no activity
    with an object ("remote work"), when its first word describes rather than names ("vertical
    farming", then "and aquaculture?"), or when the new words hold the activity themselves ("and
    space mining?")."""
    words, new = target.split(), other.split()
    if len(words) == 2 and len(new) == 1 and not _ACTIVITY.fullmatch(words[1]) and _head_alike(words, other):
        return words[1]  # "hydrogen cars", then "what about trucks?": hydrogen trucks
    if len(words) != 2 or not _ACTIVITY.fullmatch(words[1]) or not 1 <= len(new) <= 2:
        return target
    if _DESCRIBING.fullmatch(words[0]) and not _names_a_thing(words, other):
        return target
    if len(new) == 1 and _ACTIVITY.fullmatch(new[0]) and not _ACTIVITY.fullmatch(words[0]):
        return words[1]  # the activity for the activity
    if any(_ACTIVITY.fullmatch(w) for w in new) or new[-1].lower() == words[1].lower():
        return target
    if words[0].lower() in (part.lower() for w in new for part in w.split("-")):
        return target  # "post-quantum cryptography" after "quantum computing": a thing of its own, not quantum's stand-in
    return words[0]


def _written_before(target: str, other: str) -> tuple[str, str] | None:
    """The part of the topic that new words written before its words in the corpus stand for, and
    what takes its place: before its first word they narrow the whole ("wind power", then "what
    about offshore?": offshore wind power; "meat alternatives", then "and lab-grown?": lab-grown
    meat alternatives, though the corpus writes "lab-grown alternatives" too); else before its
    last word they stand for the words ahead of it ("solar power", then "and wind?": wind power;
    "EV batteries", then "what about sodium-ion?": sodium-ion batteries). A
    phrase no record writes says nothing ("social media", then "and podcasts?": podcasts; the
    corpus has no solid-state batteries). Without the corpus's phrases, None."""
    said = _SAID.get()
    words, new = target.split(), other.split()
    if said is None or not 1 <= len(new) <= 2 or not 1 <= len(words) <= 3:
        return None
    if any(said(f"{other} {form}") for form in _forms(words[0])):
        return words[0], f"{other} {words[0]}"
    if len(words) > 1 and any(said(f"{other} {form}") for form in _forms(words[-1])):
        return " ".join(words[:-1]), other
    return None


def _forms(word: str) -> list[str]:
    """A noun as written and in its other number, as far as its ending tells ("battery",
    "batteries"; "reactors", "reactor")."""
    lower = word.lower()
    if lower.endswith("ies"):
        return [word, word[:-3] + "y"]
    if lower.endswith("y"):
        return [word, word[:-1] + "ies"]
    if lower.endswith("s") and not lower.endswith("ss"):
        return [word, word[:-1]]
    return [word, word + "s"]


def _head_alike(words: list[str], other: str) -> bool:
    """Whether one new word is a thing of the same sort as a two-word topic's head, which it
    stands for under the same first word: at least `LIKE_COSINE` close to the head, closer to it
    than to the first word, and by `LIKE_MARGIN` closer than to the whole topic ("hydrogen cars",
    then "and trucks?": 0.68 against 0.24 and 0.41; "lab-grown meat", then "and milk?"). A word
    less alike is a topic of its own ("social media", then "and podcasts?": 0.48; "electric cars",
    then "and e-bikes?"). Without a likeness nothing is."""
    likeness = _LIKENESS.get()
    if likeness is None:
        return False
    whole, first, head = likeness(other, [" ".join(words), *words])
    return head >= LIKE_COSINE and head > first and head - whole >= LIKE_MARGIN


def _names_a_thing(words: list[str], other: str) -> bool:
    """Whether a first word that reads as describing by its ending names the activity's object
    after all: the new words are closer in meaning to it than to the activity ("plastic
    recycling", then "and textiles?": 0.36 against 0.33; "vertical farming", then "and
    aquaculture?": 0.18 against 0.48). Without a likeness the ending decides."""
    likeness = _LIKENESS.get()
    if likeness is None:
        return False
    to_object, to_activity = likeness(other, words)
    return to_object > to_activity


def _shares_head(sides: list[str], target: str, other: str) -> bool:
    """Whether the comparison's side swapped out ends in a head word its other side, a bare
    modifier, shares with it ("solar and wind power": power): the new side takes it too. A plural
    other side ("drones and electric vehicles") is a noun of its own, and shares nothing."""
    if len(sides) != 2 or target not in sides or len(other.split()) != 1 or len(target.split()) < 2:
        return False
    kept = sides[1 - sides.index(target)]
    return len(kept.split()) == 1 and not kept.lower().endswith("s") and not _is_name(kept) and not _is_place(kept)


def _there(previous: str) -> str:
    """What "there" stands for after the previous question: its place, or the last name it gives
    ("the Arctic", which no gazetteer lists as a country or region)."""
    if place := _place_of(previous):
        return place
    names = [e.name for e in plan(previous).entities if re.search(r"(?<![\w-])" + re.escape(e.name) + r"(?![\w-])", previous)]
    if not names:
        return ""
    at = re.search(r"(?:\bthe\s+)?(?<![\w-])" + re.escape(names[-1]) + r"(?![\w-])", previous)
    return at.group(0) if at else names[-1]


def _place_of(previous: str) -> str:
    """The place the previous question named, as it wrote it ("" when none)."""
    places = [e for e in find_entities(previous) if e.type != "name"]
    if not places:
        water = list(_WATERWAY.finditer(previous)) or list(POLITY.finditer(previous))
        return water[-1].group(0) if water else ""
    for alias in sorted(places[-1].aliases, key=len, reverse=True):
        # "the other Nordic countries": all of it stands for the place ("and Poland?": Poland)
        if match := re.search(r"(?<![\w-])(?:the\s+(?:other\s+)?)?" + re.escape(alias) + r"(?![\w-])", previous, re.I):
            return match.group(0)
    return places[-1].name


def _introduces(previous: str, preposition: str) -> bool:
    """The previous question put its topic after the same preposition ("the outlook for hydrogen
    cars" and then "and for electric trucks?"): a topic for a topic, not a setting of it."""
    topics = plan(previous).topics
    return bool(topics) and re.search(rf"\b{re.escape(preposition)}\s+(?:the\s+)?{re.escape(topics[0])}", previous, re.I) is not None


_ROLE_WORD = re.compile(rf"\b(?:{ROLE.pattern})\b", re.I)  # who acts, named anywhere ("the key players")
_OBJECT = re.compile(r"\b(?:from|of|in|on|about|with|for|around|over)\s+(?P<object>(?!(?:it|them|this|that|these|those|there|here)\b)\w.*?)\s*[?.!]*$", re.I)


def _roles_only(text: str) -> bool:
    """The message asks who acts and nothing else ("the key players", "investors", "who's investing?")."""
    if _only(_PRONOUNS.sub(" ", text), ROLE):
        return True
    if _STANDS_FOR.search(text):
        return False  # "who is funding them?": the previous topic stands in for "them" (below)
    asked = plan(text)
    if not asked.query and not asked.entities and re.match(r"\s*(?:who|which)\b", text, re.I) and _ROLE_WORD.search(text):
        return True  # "who are the key players?": the players are the question's frame, no topic of its own
    words = asked.query.split()
    # "who's investing?", "who benefits?": who acts and how; "Who loses out from automation?" has a topic of its own
    placed = _OBJECT.search(text)
    own_topic = placed is not None and not _only(placed.group("object"), _ASPECT)  # "working on solutions" is an aspect of the previous topic
    # "which companies are exposed?", "which firms are most at risk?": who, by their role
    asks_who = re.match(rf"\s*(?:who|which\s+(?:{ROLE.pattern}))\b", text, re.I)
    return bool(asks_who) and not asked.entities and 0 < len(words) <= 2 and not own_topic


def _actors_only(text: str, previous: str) -> bool:
    """The message names only who acts, a population or an institution ("insurers", "food
    companies"), and the previous question names nobody who acts, whom it would stand in for
    ("and insurers?" after "banks using generative AI" swaps the banks)."""
    words = plan(_PRONOUNS.sub(" ", text)).query.split()
    if not words or plan(text).entities:
        return False
    actor = [is_actor(w) for w in words]
    if not (all(actor) or (len(words) == 2 and actor[-1])):  # "food companies": companies of a trade
        return False
    return not names_actor(previous) and not any(_TRADE.search(t) for t in plan(previous).topics)


def _done_with(other: str, previous: str) -> bool:
    """Whether the new word is an activity asked after a topic that is a thing: what is done with
    it ("what about charging?" after electric trucks, "recycling?" after EV batteries, "gaming?"
    after VR headsets). After an activity, an activity stands in for it ("farming in Norway" and
    then "what about fishing?"), and so does one after a topic placed in a setting ("drones in
    agriculture" and then "what about mining?": drones in mining), and one after a topic in a place
    ("tourism in Barcelona" and then "what about housing?": housing in Barcelona)."""
    if not _ACTIVITY.fullmatch(other.strip()):  # "charging", "recycling", "regulation": what is done, not a thing
        return False
    core = _core(previous)
    things = [t for t in plan(previous).topics if not _is_place(t) and not all(w[:1].isupper() for w in t.split())]
    return bool(core) and len(things) == 1 and not _place_of(previous) and not any(_ACTIVITY.fullmatch(w) for w in core.split())


def _aspect_placed(previous: str, aspect: str, setting: str) -> str:
    """The aspect of the previous topic in a setting ("and sales in Germany?" after heat pump
    adoption: the sales of heat pumps in Germany), which takes the place of the setting the topic
    had ("and the opportunities for the US?" after the risks of robotaxis in China); the
    conversation is on the topic there now."""
    asked = _aspect_of(previous, aspect)
    if held := _HELD.get():
        held.placed = setting
    if (old := _place_of(previous)) and (at := re.search(r"\s+\b(?:in|for|across|within)\s+(?:the\s+)?" + re.escape(old), asked)):
        if held:
            held.unplaced = old
        return re.sub(r"[?.!\s]*$", "", asked[: at.start()] + f" {setting}" + asked[at.end() :]) + "?"
    return _ending(asked, setting)


def _named_before(entities: list, previous: str) -> bool:
    """Whether the previous question names one of these entities already (by its name: a region's
    aliases are its countries)."""
    return any(re.search(r"(?<![\w-])" + re.escape(e.name) + r"(?![\w-])", previous, re.I) for e in entities)


def _aspect_of(previous: str, aspect: str) -> str:
    """'the opportunities of 3D-printed houses', in the previous question's kinds."""
    before = plan(previous)
    asked = re.sub(r"^(?:the|its|their)\s+", "", aspect.strip(" ,?"), flags=re.I)
    asked = re.sub(r"\s+(?:of|for|in|with|about)\s+" + _ANAPHORA + r"$", "", asked, flags=re.I)  # "the risks of those"
    words = asked.split()
    if len(words) == 2 and _ASPECT.fullmatch(words[1]) and (same := re.search(r"(?<![\w-])(?!(?:the|a|an|its|their|of|and|or|in|on|for|to|with|by)\s)[\w-]+\s+" + re.escape(words[1]) + r"(?![\w-])", previous, re.I)):
        # "and energy use?" after "concerns around data centres and water use": that part swapped
        return previous[: same.start()] + asked + previous[same.end() :]
    # the opportunities are no concerns: "and the opportunities?" after the concerns about gene editing asks every kind
    kinds = "" if before.kinds == ["concern"] and _BRIGHT_SIDE.search(asked) else _kinds_phrase(before.kinds)
    return f"{kinds.capitalize()} on the {asked} of {_topic(previous)}" if kinds else f"The {asked} of {_topic(previous)}"


def _core(previous: str) -> str:
    """The previous question's topic without what an earlier follow-up asked of it ("risks of
    3D-printed houses", "who's investing in 3D-printed houses": 3D-printed houses), so that a
    chain of such follow-ups does not pile them up."""
    if predicated := _PREDICATED.match(previous) or _WHEN.match(previous):
        previous = predicated.group("subject")
    if about := _ABOUT_SUBJECT.match(previous):
        previous = about.group("subject")  # "bans about lab-grown meat" ("any bans?"): lab-grown meat
    before = plan(previous)
    topics = [t for t in before.topics if not all(_ASPECT.fullmatch(w) or ROLE.fullmatch(w) for w in t.split())]
    if re.match(r"\s*who\b", previous, re.I) and len(topics) > 1:
        topics = topics[1:]  # "who's investing in X": the activity asked of X
    return _opening_cased(previous, _quoted(previous, _phrase(previous, topics) or " ".join(topics) or before.query))


def _opening_cased(previous: str, topic: str) -> str:
    """The topic with the previous question's opening word in lower case when the topic starts
    with it and the corpus does not write it as a name (`_NAMED`): carried into the middle of a
    rewrite, "Hydrogen cars" read as a name and was kept from being swapped."""
    named = _NAMED.get()
    first = re.match(r"\W*([A-Z][a-z][\w'’-]*)(?![\w'’-])(?!\s+[A-Z])", previous)  # not a name of capitalised words ("Great Barrier Reef")
    if named is None or first is None or not topic.startswith(first.group(1)) or named(first.group(1)):
        return topic
    return first.group(1).lower() + topic[len(first.group(1)) :]


def _aspect_phrase(text: str) -> bool:
    """A few words ending in what one asks of a topic ("the environmental impact", "health
    risks"): asked of the previous topic, as the aspect alone is."""
    asked = plan(text)
    words = asked.query.split()
    return 2 <= len(words) <= 3 and not asked.entities and bool(_ASPECT.fullmatch(words[-1]))


def _only(text: str, words: re.Pattern[str]) -> bool:
    """The message's topic is nothing but such words."""
    asked = plan(text)
    return bool(asked.query) and not asked.entities and all(words.fullmatch(w) for w in asked.query.split())


def _narrow(previous: str, other: str, preposition: str) -> str:
    """The previous question with its topic placed in `other`: its setting replaced when it has one
    that is not a name ("… facial recognition in schools" and then "and by police?"), else `other`
    added after its last topic ("What concerns exist around facial recognition?" and then "in
    schools?")."""
    other = other.strip(" ,")
    topics = plan(previous).topics
    # what is asked of a topic ("risks in online gaming") comes before the topic, not before a setting
    first = next((n for n, t in enumerate(topics) if not all(_ASPECT.fullmatch(w) for w in t.split())), 0)
    for topic in reversed(topics[first + 1 :]):
        if _is_name(topic) or _ASPECT.fullmatch(topic):
            continue  # a name, or what is asked ("at risk"), is no setting
        if setting := re.search(r"\b" + _SETTING + r"\s+(?:the\s+)?" + re.escape(topic) + r"\b", previous, re.I):
            return previous[: setting.start()] + f"{preposition} {other}" + previous[setting.end() :]
    if last := _last_topic(previous, topics):
        return previous[: last[1]] + f" {preposition} {other}" + previous[last[1] :]
    return _ending(previous, f"{preposition} {other}")


def _asked_before(topic: str, resolved: list[Resolution]) -> str:
    """The earlier question whose topic holds every word of `topic` and least else ("gene drives"
    for "Show me concerns about gene drives rated 4 or higher"; "heat pumps" for "Signals about heat
    pumps", not for the "heat pumps that failed" asked after it), the latest of those; or ""."""
    words = {w.lower() for w in plan(topic).query.split()}
    if not words:
        return ""
    holding = [(len(held - words), -n, earlier.question) for n, earlier in enumerate(resolved) if words <= (held := {w.lower() for w in plan(earlier.question).query.split()})]
    return min(holding)[2] if holding else ""


def _sort_of(previous: str, which: str) -> str:
    """The previous question with `which` said before its last topic: "What's new in solid-state
    battery technology?" for "solid-state only" after "What's new in battery technology?"."""
    if last := _last_topic(previous, plan(previous).topics):
        return previous[: last[0]] + f"{which} " + previous[last[0] :]
    return _ending(previous, f"({which})")


def _also_on(previous: str, other: str, joiner: str = "on") -> str:
    """The previous question's records that speak of `other` too: it is added after the last
    topic as a part of its own ("Signals about remote work", then "which ones are about
    productivity?": remote work on productivity), its setting kept ("facial recognition in schools
    on privacy")."""
    if last := _last_topic(previous, plan(previous).topics):
        return previous[: last[1]] + f" {joiner} {other.strip(' ,')}" + previous[last[1] :]
    return _ending(previous, f"{joiner} {other.strip(' ,')}")


def _last_topic(previous: str, topics: list[str]) -> tuple[int, int] | None:
    """Where the previous question says the last of its topics (start, end), if it says it as read,
    or as much of its opening words as it says ("Tesla robotaxis safety", read from "are Tesla
    robotaxis safe?": "Tesla robotaxis")."""
    if not topics:
        return None
    words = topics[-1].split()
    shortest = min(2, len(words))  # one word of several is no topic said
    for size in range(len(words), shortest - 1, -1):
        if (at := previous.rfind(said := " ".join(words[:size]))) >= 0:
            end = at + len(said)
            if previous[at - 1 : at] == "“" and previous[end : end + 1] == "”":
                return at - 1, end + 1  # a row's name stays quoted whole: "“Reliability of Quantum Computing” in China"
            return at, end
    return None


# kinds said to go with the previous topic, in words that name nothing else (the planner's verbs by
# which a finding comes from its topic, and those that only join it)
_GOING_WITH = re.compile(
    r"(?:(?:do|does|did|would|could|might|will|can|are|is)\s+)?(?:they\s+|it\s+)?"
    r"(?:" + FINDING_VERBS + r"|go|goes|surround|surrounds|accompany|accompanies|exist|exists|"
    r"(?:are\s+|is\s+)?(?:linked|tied|attached|associated|connected|related))"
    r"(?:\s+(?:up|along|out))?(?:\s+(?:with|from|to|around|about|of|on|for|in))?(?:\s+(?:that|this|it|them|these|those))?",
    re.I,
)


def _refine(previous: str, refinement: str) -> str:
    """The previous question with the refinement's record kinds instead of its own, and the
    refinement's other words (filters such as 'since 2024') added."""
    asked, before = plan(refinement), plan(previous)
    rest = _KIND_WORDS.sub(" ", refinement)
    if asked.limit and (limit := TOP_N.search(rest)):  # "show me 5": said as the previous question's "top 5"
        rest = rest[: limit.start()] + f" top {asked.limit} " + rest[limit.end() :]
    rest = re.sub(r"^\s*(?:and|but|now|only|just|the|what about|how about)\b", " ", rest, flags=re.I)
    rest = re.sub(r"\b(?:only|just|the|ones?|those|these|them|please|any|some|there|instead|rather|too|also|as\s+well|same\s+but)\b", " ", rest, flags=re.I)
    if before.intent != "count":  # "show me the behaviors instead": a request says no more than its kinds
        rest = re.sub(r"^\s*(?:show|give|list|display|tell)(?:\s+me|\s+us)?\b", " ", rest, flags=re.I)
    rest = re.sub(r"^\s*(?:which|what)(?:\s+of)?(?:\s+(?:are|is|were|was|have|has))?(?![\w-])", " ", rest, flags=re.I)
    # "what technologies do they use?", "which concerns does it raise?": the kinds of the previous topic
    rest = re.sub(
        r"\b(?:do|does|did)\s+(?:they|it|we|you|people|these|those)\s+"
        r"(?:use|have|need|want|like|prefer|adopt|buy|employ|rely\s+on|depend\s+on|face|see|raise|show|involve|cause|bring)\b",
        " ",
        rest,
        flags=re.I,
    )
    rest = " ".join(re.sub(r"[?.!,]", " ", rest).split())
    rest = re.sub(r"^(?:(?:and|or|plus|&)(?:\s+|$))+|(?:\s+(?:and|or|plus|&))+$", "", rest, flags=re.I)  # what joined the kinds ("the concerns and issues")
    if _GOING_WITH.fullmatch(rest):
        rest = ""  # "which concerns come with that?", "what issues come up?": the kinds of the previous topic
    # a relevancy or a period of its own replaces the previous one ("and rated 4?" after "rated 5")
    base = without_filters(previous, relevancy=bool(asked.min_relevancy), period=bool(asked.since or asked.until))
    if before.intent == "count" and (asked.limit or re.match(r"\s*(?:show|give|list)\b", refinement, re.I)):
        # "show me the top 3" after "how many since 2024?": the records counted, the best three
        rest = re.sub(r"^(?:show|give|list|tell)(?:\s+me)?\s+", "", rest, flags=re.I)
        base = f"Show me {_subject(previous)}" if before.query else base
    if asked.kinds:
        phrase = _kinds_phrase(asked.kinds)
        words = before.query.split()
        topic = words[1:] if words and ROLE.fullmatch(words[0]) else words
        if _carried(previous):
            # "only the technologies" after "what worries people about it?" on quantum computing:
            # the kinds on the topic the conversation carries, not the last question's words
            base = " ".join([f"{phrase.capitalize()} on {_topic(previous)}", _filters(before)])
        elif re.match(r"\s*who\b", base, re.I) and topic and _ROLE_WORD.search(base):
            # "any concerns?" after "who are the main players in vertical farming?": the topic's concerns, not the players'
            base = f"{phrase.capitalize()} on {' '.join(topic)}"
        elif before.intent in _NOT_RECORDS and before.query:
            # "only the concerns" after "give me articles about X" asks for records: the concerns on X
            base = f"{phrase.capitalize()} on {_subject(previous, kinds=False)}"
        elif _COMPARED.match(base) and _KIND_PHRASE.search(base):  # each side names its kinds ("Compare concerns on X with concerns on Y")
            base = _KIND_PHRASE.sub(phrase, base)
        elif _KIND_WORDS.search(base):
            base = _KIND_PHRASE.sub("\x00", base, count=1)
            base = _KIND_PHRASE.sub("", base).replace("\x00", phrase)
        elif re.search(r"\brecords\b", base, re.I):  # "only concerns" after "List the records that mention lithium"
            base = re.sub(r"\brecords\b", phrase, base, count=1, flags=re.I)
        else:
            base = f"{phrase.capitalize()}: {base}"
    base = " ".join(base.split())
    if rest:
        base = _ending(base, rest)
    return base


def _subjects(sides: list[str]) -> list[str]:
    """A comparison's sides without what both are compared on ("nuclear on cost": nuclear)."""
    if len(sides) != 2:
        return sides
    shared = re.search(r"\s+(?:on|in|for|about)\s+.+$", sides[0])
    ending = shared.group(0) if shared and sides[1].endswith(shared.group(0)) else ""
    return [side[: len(side) - len(ending)] for side in sides]


def _compare(previous: str, other: str) -> str:
    """'Compare <kinds> on <previous topic> with <kinds> on <the same topic, other side>' ('Compare
    <previous topic> with <other side>' when the previous question named no kinds), under the
    previous question's relevancy and period ("compare that with glass" after the concerns rated 5)."""
    before = plan(previous)
    if before.intent == "compare" and len(before.sides) == 2:
        return _swap(previous, other)  # "compare that with Toyota" after Tesla and BYD: Tesla and Toyota
    kinds = _kinds_phrase(before.kinds)
    on = f"{kinds} on " if kinds else ""
    if _is_name(other) and not _is_place(other) and not before.entities:
        # "compare with PFAS" after microplastics: the name is the other side, not a setting of microplastics
        return _filtered(f"Compare {on}{before.query or previous} with {on}{other.strip(' ?.!')}", before)
    swapped = plan(_swap(previous, other, alike=True))
    return _filtered(f"Compare {on}{before.query or previous} with {on}{swapped.query or other}", before)


def _compare_questions(first: str, second: str) -> str:
    """'Compare <kinds> on <first question's topic> with <kinds> on <second's>'."""
    one, two = plan(first), plan(second)
    kinds = _kinds_phrase(list(dict.fromkeys([*one.kinds, *two.kinds])))
    on = f"{kinds} on " if kinds else ""
    return f"Compare {on}{_subject(first, kinds=False)} with {on}{_subject(second, kinds=False)}"


def _kinds_phrase(kinds: list[str]) -> str:
    """'concerns and issues': the kinds as the planner reads them again."""
    return " and ".join(PLURALS[k] for k in kinds)


def _is_name(text: str) -> bool:
    """A capitalised word, but not an acronym's plural ("smart TVs", "EVs" are things, not names)."""
    return any(word[:1].isupper() and not ACRONYM_PLURAL.fullmatch(word) for word in text.split())


# a sea, strait, canal or river is a place too, though no gazetteer of countries lists it: "the Red
# Sea" and then "and the Panama Canal?" asks about the canal, not the Red Sea in Panama
_WATERWAY = re.compile(
    r"(?:\bthe\s+)?(?:\b[A-Z][\w'-]+\s+){1,2}(?:Sea|Ocean|Canal|Strait|Straits|Gulf|River|Bay|Channel)\b"
    r"|(?:\bthe\s+)?\b(?:Strait|Straits|Gulf|Bay|Sea)\s+of\s+[A-Z][\w'-]+"
)


def _is_place(text: str) -> bool:
    # a country, city, state or region; or a waterway
    return any(e.type != "name" for e in find_entities(text)) or _WATERWAY.search(text) is not None
