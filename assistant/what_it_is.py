"""What an entity is, said after its name: "GLP-1 drugs", "Starlink satellites", "Waymo robotaxis".

The word names the entity's kind, not what is asked of it. Kept in the focus (the question
without the entity's name, what the records must be about), it let every record naming GLP-1
drugs count as evidence for "the second-order effects of GLP-1 drugs on food companies": seventeen
rows, among them eight on addiction treatment and support programmes; without it, six rows, all on
food. The corpus says what the entity is: a word that a large share of the records naming it say
(`KIND_SHARE`: "drugs" in 56% of the records naming GLP-1, "satellites" in 45% of Starlink's) is
its kind. The word stays in the search text, and in the focus when nothing else is asked of the
entity ("Waymo robotaxis": the robotaxis are what is asked about). Only after a name (a product,
an organisation, a person), not a place or a possessive: "Sweden's nuclear expansion" asks about
nuclear power, which a third of the records naming Sweden happen to say.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from index.filters import NodeFilter

from .entities import Entity
from .models import QueryPlan

if TYPE_CHECKING:
    from index.search import SearchIndex

KIND_SHARE = 0.4  # a word this share of the records naming the entity say is what the entity is
MIN_NAMING = 10  # fewer records naming the entity say too little about what it is
_NEXT_WORD = re.compile(r"\s+([^\W\d_][\w-]*)")


def without_what_it_is(plan: QueryPlan, index: SearchIndex) -> str:
    """The plan's focus without the words after an entity's name that say what the entity is
    ("GLP-1 weight-loss drugs": all of them), when the focus asks something else of it; the focus
    itself otherwise."""
    words = plan.focus.split()
    for ref in plan.entities:
        if ref.type != "name":
            continue  # a place's records are about what happens there: "Sweden's nuclear expansion"
        entity = Entity.of(ref)
        for mention in entity.pattern().finditer(plan.query):
            if mention.group(0).endswith(("'s", "’s")):
                continue  # what the entity has is asked of it: "Huawei's smartphone chips"
            kind = _kind_words(plan.query, mention.end(), entity, index)
            rest = list(words)
            for word in kind:
                if word in rest:
                    rest.remove(word)
            if kind and rest and len(rest) == len(words) - len(kind):
                words = rest
    return " ".join(words)


def _kind_words(query: str, start: int, entity: Entity, index: SearchIndex) -> list[str]:
    """The words right after the entity's name that `KIND_SHARE` of the records naming it say."""
    terms: dict[str, frozenset[str]] | None = None  # the naming records' words, read at the first word after the name
    kind: list[str] = []
    while after := _NEXT_WORD.match(query, start):
        stems = frozenset(index.terms(after.group(1)))
        if not stems:
            break
        if terms is None:
            terms = index.terms_of(sorted(entity.mentioned(index, NodeFilter())))
            if len(terms) < MIN_NAMING:
                return []
        if sum(1 for held in terms.values() if stems <= held) < KIND_SHARE * len(terms):
            break
        kind.append(after.group(1))
        start = after.end()
    return kind
