"""Records about the asked topic in another setting than the one asked: "Circular Economy in
Construction" for the circular economy in fashion, "Microplastics in Retinas" for microplastics in
drinking water. The model reads such a record close to the question (the topic is most of it), so
its name's setting is what tells it apart; a place named so is left to the entity anchors."""

from __future__ import annotations

import re

from index import NodeFilter
from index.search import SearchIndex

from .likeness import likeness
from .models import QueryPlan

# a record's setting this far from the asked one in meaning is another setting ("construction"
# against "fashion" 0.38 is near enough to be left alone; "retinas" against "drinking water" 0.19,
# "human health research" against "food" 0.23); a near one is the same setting in other words
# ("reporting" against "journalism" 0.45, "farming" against "agriculture" 0.76)
SETTING_COSINE = 0.3
# a nearer setting, up to this far, is another one when the corpus's articles seldom join the two:
# under `JOINED_SHARE` of the articles that write the record's setting also write the asked one
# ("construction" 0.38 from "fashion", joined in 1 of 186 articles; "warfare" 0.37 from
# "healthcare", 6 of 149), and at least `JOINED_ARTICLES` write it, for the share to tell;
# "imaging" (0.32 from "healthcare", 19 of 78) and "misinformation" (0.32 from "elections", 32 of
# 409) are settings the asked one holds
NEAR_SETTING_COSINE = 0.45
JOINED_SHARE = 0.05
JOINED_ARTICLES = 10
# a setting the model reads this close to a word of the topic restates it ("cities" 0.81 from
# "urban"); a nearer one says where ("hospitals" 0.67 from "medical", "schools" 0.70 from "educational")
RESTATED_COSINE = 0.8
_PLACING = r"(?:in|among|within|across|inside)"
# the last setting a record's name places its subject in: "Microplastics in Human Reproductive Health"
_NAMED_SETTING = re.compile(r"^(?P<subject>.*)\b" + _PLACING + r"\s+(?:the\s+)?(?P<setting>[\w][\w&'’ -]*?)\s*$", re.I)


def asked_setting(question: str, topics: list[str]) -> str | None:
    """The setting the question places its topic in: its last topic, when the question puts it
    after "in", "among", "within" or "across" ("microplastics in food": food), else None; None
    for a name too, even where the entity was left out of the search ("deepfakes in India")."""
    if len(topics) < 2 or topics[-1][:1].isupper():
        return None  # a name ("in Africa", "in Canada") is the entity anchors' to judge
    last = topics[-1]
    if re.search(r"\b" + _PLACING + r"\s+(?:the\s+|our\s+)?" + re.escape(last) + r"(?![\w-])", question, re.I):
        return last
    return None


def without_restated(plan: QueryPlan, index: SearchIndex) -> QueryPlan:
    """The plan without a setting that restates a word of its topic (`RESTATED_COSINE`): "urban
    farming in cities" searched "urban farming cities", where "urban" and "cities" held most of the
    wording, so records on urban forestry and tree-planting targets, which hold both and not
    "farming", stood as strong matches (7 of 9). The cities are where urban farming is; the topic
    says it already."""
    setting = asked_setting(plan.resolved or plan.question, plan.topics)
    if setting is None:
        return plan
    words = [w for topic in plan.topics[:-1] for w in re.split(r"[\s-]+", topic) if len(w) > 2]
    written = re.compile(r"(?<![\w-])" + re.escape(setting) + r"(?![\w-])", re.I)
    if not words or not written.search(plan.query):
        return plan
    if max(likeness(setting, words, index)) < RESTATED_COSINE:
        return plan
    return plan.model_copy(update={"topics": plan.topics[:-1], "query": " ".join(written.sub(" ", plan.query, count=1).split())})


def elsewhere(question: str, topics: list[str], ids: list[str], index: SearchIndex) -> set[str]:
    """Of these records, those whose name places the asked topic (a word of it before the
    setting) in a setting of its own that shares no word with the asked one and stands
    `SETTING_COSINE` or further from it in meaning, and that say nothing of the asked setting
    anywhere in their text. "Shifts in Crop Production Focus" places no topic: it names a shift."""
    setting = asked_setting(question, topics)
    if setting is None or not ids:
        return set()
    asked = set(index.terms(setting))
    topic = {term for other in topics[:-1] for term in index.terms(other)}
    named: dict[str, str] = {}
    for i, record in index.records(ids).items():
        match = _NAMED_SETTING.match(record.name)
        if match and topic & set(index.terms(match.group("subject"))) and not asked & set(index.terms(match.group("setting"))):
            named[i] = match.group("setting")
    if not named:
        return set()
    held = index.coverage(list(named), setting)
    unsaid = {i: own for i, own in named.items() if held.get(i, 0.0) == 0.0}
    if not unsaid:
        return set()
    words = setting.split() if " " in setting else []
    asked_in: set[str | None] | None = None  # the articles that write the asked setting, read once when needed
    out = set()
    for i, own in unsaid.items():
        to_setting, *to_words = likeness(own, [setting, *words], index)
        near = to_setting >= SETTING_COSINE
        if near and (to_setting >= NEAR_SETTING_COSINE or any(c >= NEAR_SETTING_COSINE for c in to_words)):
            continue
        if near:
            asked_in = _articles_writing(setting, index) if asked_in is None else asked_in
            if not _seldom_joined(own, asked_in, index):
                continue
        out.add(i)
    return out


def _articles_writing(phrase: str, index: SearchIndex) -> set[str | None]:
    return {index.article_of_node(i) for i in index.mentions([phrase], NodeFilter())}


def _seldom_joined(own: str, asked_in: set[str | None], index: SearchIndex) -> bool:
    """Whether the corpus's articles seldom write the record's setting with the asked one (of
    which `asked_in` are the articles): `JOINED_SHARE` of those that write the record's own, when
    `JOINED_ARTICLES` or more do."""
    articles = _articles_writing(own, index)
    if len(articles) < JOINED_ARTICLES:
        return False
    return len(articles & asked_in) < JOINED_SHARE * len(articles)
