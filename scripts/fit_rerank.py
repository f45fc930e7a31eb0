"""Fit the model that orders the weaker matches and floors the strong ones (assistant/rerank.py)
on the tuning half of our own questions, and write its weights to assistant/rerank_weights.py
(docs/tuning.md, "A learned order and floor").

    python scripts/fit_rerank.py --index /work/FULL [--questions eval/questions/own.jsonl] [--split tune] [--check]

Every answerable question of the split is asked as the eval asks it (with the model switched off,
so a fit never depends on the weights it replaces); each retrieval it makes
yields its candidates (strong matches and weaker ones) with `rerank.FEATURES`, labelled by the
question's gold records (records labelled only acceptable are left out of the fit). One logistic
regression over standardised features (clipped at `rerank.CLIP` spreads), L2 with C = 1. `--check` also reports, by 8-fold
cross-validation over questions, the recall@20 of each question's first retrieval with the
weaker matches in fused order and in the fitted order. Writes nothing with `--check`.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sklearn.linear_model import LogisticRegression  # noqa: E402
from sklearn.preprocessing import StandardScaler  # noqa: E402

import assistant.retrieve as retrieve_module  # noqa: E402
from assistant import Assistant  # noqa: E402
from assistant.rerank import CLIP, FEATURES, features  # noqa: E402
from eval.metrics import record_key  # noqa: E402
from eval.questions import load_questions  # noqa: E402
from eval.systems import history_messages  # noqa: E402
from index import Settings  # noqa: E402
from index.search import SearchIndex  # noqa: E402

WEIGHTS = ROOT / "assistant" / "rerank_weights.py"
FOLDS = 8


def collect(index_dir: Path, questions_path: Path, split: str) -> list[dict]:
    """Each answerable question's retrievals: candidate features, record keys, strong count."""
    # the pipeline without the model, so that a fit never depends on the weights it replaces
    settings = Settings(index_dir=index_dir, retrieval={"learned_order": False})
    index = SearchIndex(settings)
    desk = Assistant(settings, index=index)
    calls: list[dict] = []
    original = retrieve_module.score

    def observed(plan, idx, st, flt):  # the retrieval as the pipeline runs it, observed
        scored = original(plan, idx, st, flt)
        strong_count = sum(1 for i in scored.order if retrieve_module.is_strong(i, scored, st))
        strong = scored.order[:strong_count]
        ids = strong + [i for i in scored.order[strong_count:] if scored.z.get(i, st.weak_z) >= st.weak_z]
        records = idx.records(ids)
        calls.append(
            {
                "X": features(ids, scored, st, idx, set(strong)),
                "keys": [record_key(records[i].article_id, records[i].kind, records[i].name) if i in records else None for i in ids],
                "strong": strong_count,
            }
        )
        return scored

    retrieve_module.score = observed
    try:
        out = []
        for question in load_questions(questions_path, None, split):
            if question.negative:
                continue
            calls.clear()
            desk.ask(question.question, history=history_messages(question) or None, k=20)
            if calls:
                out.append({"id": question.id, "gold": question.gold_keys, "acceptable": question.acceptable_keys, "calls": list(calls)})
    finally:
        retrieve_module.score = original
    return out


def rows(questions: list[dict]) -> tuple[np.ndarray, np.ndarray]:
    xs, ys = [], []
    for q in questions:
        for call in q["calls"]:
            for x, key in zip(call["X"], call["keys"], strict=True):
                if key in q["acceptable"] and key not in q["gold"]:
                    continue
                xs.append(x)
                ys.append(1 if key in q["gold"] else 0)
    return np.array(xs), np.array(ys)


def fit(questions: list[dict]) -> tuple[StandardScaler, LogisticRegression]:
    x, y = rows(questions)
    scaler = StandardScaler().fit(x)
    return scaler, LogisticRegression(C=1.0, max_iter=2000).fit(standardised(scaler, x), y)


def standardised(scaler: StandardScaler, x: np.ndarray) -> np.ndarray:
    """As the model sees its features: standardised, then clipped (`rerank.CLIP`)."""
    return np.clip(scaler.transform(x), -CLIP, CLIP)


def first_recall(q: dict, model: tuple[StandardScaler, LogisticRegression] | None) -> float:
    call = q["calls"][0]
    keys, strong = call["keys"], call["strong"]
    weaker = list(range(strong, len(keys)))
    if model is not None:
        scaler, logit = model
        s = logit.decision_function(standardised(scaler, call["X"]))
        weaker.sort(key=lambda i: -s[i])
    ranked = [keys[i] for i in [*range(strong), *weaker]][:20]
    return len(set(ranked) & q["gold"]) / min(len(q["gold"]), 20)


def write(model: tuple[StandardScaler, LogisticRegression], source: str) -> None:
    scaler, logit = model
    lines = [
        f'"""Generated by `{source}`: do not edit. The weights of assistant/rerank.py\'s model."""',
        "",
        f"FEATURES = {tuple(FEATURES)!r}",
        f"MEAN = {tuple(round(float(v), 6) for v in scaler.mean_)!r}",
        f"SCALE = {tuple(round(float(v), 6) for v in scaler.scale_)!r}",
        f"WEIGHTS = {tuple(round(float(v), 6) for v in logit.coef_[0])!r}",
        f"BIAS = {round(float(logit.intercept_[0]), 6)!r}",
        "",
    ]
    WEIGHTS.write_text("\n".join(lines), encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--index", type=Path, required=True, help="the full index")
    parser.add_argument("--questions", type=Path, default=ROOT / "eval" / "questions" / "own.jsonl")
    parser.add_argument("--split", default="tune", help="the questions fitted on (never the test half)")
    parser.add_argument("--check", action="store_true", help="cross-validate over questions and write nothing")
    args = parser.parse_args(argv)
    if args.split == "test":
        parser.error("the test half is for reporting, not for fitting")
    questions = collect(args.index, args.questions, args.split)
    x, y = rows(questions)
    print(f"{len(questions)} questions, {len(y)} candidates, {int(y.sum())} gold")
    if args.check:
        folds = [questions[i::FOLDS] for i in range(FOLDS)]
        base, fitted = [], []
        for fold in folds:
            held = {q["id"] for q in fold}
            model = fit([q for q in questions if q["id"] not in held])
            base += [first_recall(q, None) for q in fold]
            fitted += [first_recall(q, model) for q in fold]
        print(f"first retrieval recall@20, {FOLDS}-fold over questions: fused order {np.mean(base):.3f}, fitted order {np.mean(fitted):.3f}")
        return 0
    model = fit(questions)
    for name, weight in sorted(zip(FEATURES, model[1].coef_[0], strict=True), key=lambda t: -abs(t[1])):
        print(f"  {name:16s} {weight:+.3f}")
    write(model, "python scripts/fit_rerank.py --split " + args.split)
    print(f"wrote {WEIGHTS.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
