"""Why gold records are missing from the top 20 of Signal Desk's answers, and how many of the
candidates that fail only the meaning test are gold (docs/tuning.md, fifteenth round).

    python scripts/misses.py --index /work/FULL [--questions eval/questions/own.jsonl] [--split tune]

Each answerable question of the split is asked as the eval asks it (records, then the weaker ones
behind "more"); each gold record missing from the first 20 is put in one class by the lookup's
own scoring of the question (`assistant.retrieve.score`), unless the top 20 already holds 20: a strong match cut from the page,
below `weak_z`, between `weak_z` and the strong bar (`clears_margin`), above it but carrying too
little of the question's meaning (`carries_meaning`), failing only the comparison with the best
match, or no candidate at all. Then every candidate among the first 400 that stands `strong_z`
above the background and is not strong, by band of margin and cosine: how many are gold,
acceptable, or neither.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from assistant import Assistant  # noqa: E402
from assistant.retrieve import anchoring, carries_meaning, clears_margin, is_strong, node_filter, score  # noqa: E402
from eval.metrics import record_key  # noqa: E402
from eval.questions import load_questions  # noqa: E402
from eval.systems import history_messages  # noqa: E402
from index import Settings  # noqa: E402

POOL = 400  # candidates read for the bands


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--index", required=True)
    parser.add_argument("--questions", default=str(ROOT / "eval" / "questions" / "own.jsonl"))
    parser.add_argument("--split", default="tune")
    args = parser.parse_args()
    desk = Assistant(Settings(index_dir=args.index))
    settings, index = desk.settings.retrieval, desk.index
    missing: Counter[str] = Counter()
    bands: dict[tuple[str, str], Counter[str]] = {}
    for question in load_questions(Path(args.questions), split=args.split):
        if question.negative:
            continue
        history = history_messages(question)
        answer = desk.ask(question.question, history or None, k=20)
        shown = {record_key(r.article_id, r.kind, r.name) for r in [*answer.records, *answer.more][:20]}
        plan = desk.plan(question.question, history or None)
        plan = plan.model_copy(update={"entities": anchoring(plan.entities, index)})
        if not plan.query.strip():
            continue
        scored = score(plan, index, settings, node_filter(plan))
        records = index.records(scored.order)
        position = {record_key(r.article_id, r.kind, r.name): i for i, r in records.items()}
        if len(shown & question.gold_keys) < min(len(question.gold_keys), 20):  # a top 20 that holds 20 gold records misses none
            for gold in question.gold_keys - shown:
                missing[_why(position.get(gold), scored, settings)] += 1
        for i in scored.order[:POOL]:
            z, cosine = scored.z.get(i, -99.0), scored.dense.get(i, -1.0)
            if i not in records or z < settings.strong_z or is_strong(i, scored, settings):
                continue
            key = record_key(records[i].article_id, records[i].kind, records[i].name)
            label = "gold" if key in question.gold_keys else "acceptable" if key in question.acceptable_keys else "neither"
            band = ("z 4-5" if z < 5 else "z 5-6" if z < 6 else "z 6+", "cos < .35" if cosine < 0.35 else "cos .35-.45" if cosine < 0.45 else "cos .45+")
            bands.setdefault(band, Counter())[label] += 1
    print("gold records missing from the top 20:", dict(missing.most_common()))
    for band in sorted(bands):
        n = bands[band]
        total = sum(n.values())
        print(f"{band[0]:6} {band[1]:12} gold {n['gold']:4}  acceptable {n['acceptable']:4}  neither {n['neither']:5}  share {(n['gold'] + n['acceptable']) / total:.2f}")


def _why(node_id: str | None, scored, settings) -> str:
    if node_id is None:
        return "no candidate"
    z, cosine, coverage = scored.z.get(node_id, -99.0), scored.dense.get(node_id, -1.0), scored.coverage.get(node_id, 0.0)
    if is_strong(node_id, scored, settings):
        return "strong, cut"
    if z < settings.weak_z:
        return "below weak_z"
    if not clears_margin(z, cosine, coverage, settings):
        return "margin"
    if not carries_meaning(cosine, coverage, settings):
        return "meaning"
    return "relative to the best"


if __name__ == "__main__":
    main()
