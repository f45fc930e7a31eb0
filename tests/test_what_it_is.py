"""A word after an entity's name that says what the entity is leaves the focus (no index, no model)."""

from __future__ import annotations

import re

from assistant.models import EntityRef, QueryPlan
from assistant.what_it_is import KIND_SHARE, MIN_NAMING, without_what_it_is


class _Naming:
    """Records naming the entity: `saying` of them say each word."""

    def __init__(self, naming: int, saying: dict[str, int]) -> None:
        self.ids = [f"r{n}" for n in range(naming)]
        self.saying = saying

    def mentioning(self, phrases, pattern, flt, cased=()):  # type: ignore[no-untyped-def]
        return set(self.ids)

    def terms(self, text: str) -> list[str]:
        return [w.lower() for w in re.findall(r"[\w-]+", text)]

    def terms_of(self, ids: list[str]) -> dict[str, frozenset[str]]:
        return {i: frozenset(w for w, n in self.saying.items() if int(i[1:]) < n) for i in ids}


def _plan(query: str, focus: str, name: str = "GLP-1", kind: str = "name") -> QueryPlan:
    entity = EntityRef(name=name, type=kind, aliases=[name])
    return QueryPlan(question=query, query=query, focus=focus, entities=[entity])


def test_the_word_that_says_what_the_entity_is_leaves_the_focus() -> None:
    # "GLP-1 drugs food companies": most records naming GLP-1 say "drugs"; the food companies are asked of it
    index = _Naming(20, {"drugs": 12, "food": 2})
    assert without_what_it_is(_plan("GLP-1 drugs food companies", "drugs food companies"), index) == "food companies"  # type: ignore[arg-type]
    # every word of the kind goes ("GLP-1 weight-loss drugs")
    both = _Naming(20, {"weight-loss": 10, "drugs": 12})
    assert without_what_it_is(_plan("GLP-1 weight-loss drugs snack makers", "weight-loss drugs snack makers"), both) == "snack makers"  # type: ignore[arg-type]


def test_the_focus_stays_when_the_word_is_all_that_is_asked_or_no_kind() -> None:
    index = _Naming(20, {"drugs": 12, "food": 2})
    assert without_what_it_is(_plan("GLP-1 drugs", "drugs"), index) == "drugs"  # type: ignore[arg-type]
    assert without_what_it_is(_plan("GLP-1 weight-loss drugs", "weight-loss drugs"), _Naming(20, {"weight-loss": 10, "drugs": 12})) == "weight-loss drugs"  # type: ignore[arg-type]
    rare = _Naming(20, {"drugs": int(KIND_SHARE * 20) - 1})
    assert without_what_it_is(_plan("GLP-1 drugs food", "drugs food"), rare) == "drugs food"  # type: ignore[arg-type]
    few = _Naming(MIN_NAMING - 1, {"drugs": MIN_NAMING - 1})  # too few records say what it is
    assert without_what_it_is(_plan("GLP-1 drugs food", "drugs food"), few) == "drugs food"  # type: ignore[arg-type]


def test_a_place_or_what_the_entity_has_is_asked_of_it() -> None:
    index = _Naming(20, {"nuclear": 12})
    place = _plan("Sweden's nuclear expansion", "nuclear expansion", name="Sweden", kind="country")
    assert without_what_it_is(place, index) == "nuclear expansion"  # type: ignore[arg-type]
    possessive = _plan("Huawei's smartphone chips", "smartphone chips", name="Huawei")
    assert without_what_it_is(possessive, _Naming(20, {"smartphone": 12})) == "smartphone chips"  # type: ignore[arg-type]
