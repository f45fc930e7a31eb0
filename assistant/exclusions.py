"""What the question leaves out: "AI in schools but not cheating", "renewable energy excluding
solar". The planner reads the left-out topics (`QueryPlan.excluded`); a record is left out when
its own fields hold every word of one of them (stemmed: "military" also leaves out "militaries").
Only the topic's own words: the corpus's words for a topic are generous enough to include a part
of a question ("finance": investments), but a left-out "military" would then take "civilian" drones
with it. The answer says how many matches were left out, and why."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from index.search import SearchIndex

    from .models import QueryPlan


def left_out(plan: QueryPlan, ids: list[str], index: SearchIndex) -> set[str]:
    """Of these records, those whose own words hold a topic the question leaves out."""
    wanted = [stems for topic in plan.excluded if (stems := frozenset(index.terms(topic)))]
    if not wanted or not ids:
        return set()
    terms = index.terms_of(ids)
    return {i for i in ids if any(stems <= terms.get(i, frozenset()) for stems in wanted)}


def left_out_note(count: int, plan: QueryPlan) -> str:
    """The answer's note on what was left out, as asked (plain text: notes are escaped where shown)."""
    topics = " or ".join(f"“{topic}”" for topic in plan.excluded)
    if not count:
        return f"Left out, as asked: records that mention {topics} (none of the matches did)."
    return f"Left out, as asked: {count} match{'es' if count != 1 else ''} that mention{'s' if count == 1 else ''} {topics}."
