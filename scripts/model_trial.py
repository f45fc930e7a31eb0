"""Trial another embedding model on a built index without touching it: adapt the bundled MiniLM to
the index's corpus, re-embed a copy of the index with any sentence-transformers model, and run the
eval with that model answering the questions (docs/tuning.md, "Other embedding models").

    python scripts/model_trial.py adapt --index /work/FULL --out /tmp/minilm-adapted [--pairs 30000]
    python scripts/model_trial.py embed --index /work/FULL --model /tmp/minilm-adapted --out /tmp/FULL-adapted
    python scripts/model_trial.py eval --index /tmp/FULL-adapted --model /tmp/minilm-adapted -- \\
        run --questions eval/questions/own.jsonl --split tune --systems dense-filtered,signal-desk

`adapt` trains on pairs the corpus gives without labels (a record's name with its description, a
record's name with another record of its article, one to three of an article's keywords with one
of its records), in-batch negatives, one epoch, batch 64, learning rate 2e-5, on the CPU.
`embed` copies the index and replaces its vectors (one segment, as a fresh ingest writes); the
copy still says it was built with the bundled model, so `eval` must pass the same `--model`.
A measurement, not an index operation: it reads the catalog read-only and rewrites the copy's
vectors file itself, outside `index/`'s interface on purpose, so no index ever serves such vectors.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import sqlite3
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def _catalog(index: Path) -> sqlite3.Connection:
    return sqlite3.connect(f"file:{index / 'catalog.sqlite'}?mode=ro", uri=True)


def _records(index: Path) -> dict[str, list]:
    from index.records import Record

    by_article: dict[str, list[Record]] = {}
    for (data,) in _catalog(index).execute("select data from records order by rowid"):
        record = Record.model_validate_json(data)
        by_article.setdefault(record.article_id, []).append(record)
    return by_article


def pairs(index: Path, n: int, seed: int = 0) -> list[tuple[str, str]]:
    """Training pairs from the corpus itself (query-like text, record text)."""
    from index.nodes import record_embed_text

    rng = random.Random(seed)
    keywords = {}
    for article_id, data in _catalog(index).execute("select id, data from articles order by rowid"):
        keywords[article_id] = json.loads(data).get("keywords") or []
    out = []
    for article_id, records in _records(index).items():
        for record in records:
            if len(record.description.strip().split()) >= 5 and rng.random() < 0.35:
                out.append((record.name, f"{record.kind.capitalize()}: {record.description.strip()}"))
            if len(records) > 1 and rng.random() < 0.35:
                other = rng.choice([r for r in records if r is not record])
                out.append((record.name, record_embed_text(other)))
        words = keywords.get(article_id, [])
        for _ in range(3 if words else 0):
            chosen = rng.sample(words, min(len(words), rng.choice([1, 2, 3])))
            out.append((" ".join(chosen), record_embed_text(rng.choice(records))))
    rng.shuffle(out)
    return out[:n]


def adapt(index: Path, out: Path, n: int) -> None:
    import torch
    from sentence_transformers import SentenceTransformer

    from index.embeddings import local_model_dir

    torch.manual_seed(0)
    data = pairs(index, n)
    model = SentenceTransformer(str(local_model_dir()), device="cpu")
    model.max_seq_length = 128
    model.train()
    optimiser = torch.optim.AdamW(model.parameters(), lr=2e-5)
    batch, steps = 64, len(data) // 64
    schedule = torch.optim.lr_scheduler.LambdaLR(
        optimiser, lambda s: min(1.0, (s + 1) / (0.1 * steps)) * max(0.0, (steps - s) / steps)
    )
    started = time.time()
    for step in range(steps):
        chunk = data[step * batch : (step + 1) * batch]
        queries = model(model.tokenize([q for q, _ in chunk]))["sentence_embedding"]
        texts = model(model.tokenize([t for _, t in chunk]))["sentence_embedding"]
        similarity = torch.nn.functional.normalize(queries, dim=-1) @ torch.nn.functional.normalize(texts, dim=-1).T
        loss = torch.nn.functional.cross_entropy(similarity * 20.0, torch.arange(len(chunk)))
        optimiser.zero_grad()
        loss.backward()
        optimiser.step()
        schedule.step()
        if step % 50 == 0:
            print(f"step {step}/{steps} loss {loss.item():.3f} {time.time() - started:.0f} s", flush=True)
    model.save(str(out))
    print(f"{len(data)} pairs, {steps} steps in {time.time() - started:.0f} s -> {out}")


def embed(index: Path, model_dir: Path, out: Path) -> None:
    from sentence_transformers import SentenceTransformer

    from index.nodes import record_embed_text
    from index.records import Record

    manifest = json.loads((index / "snapshot.json").read_text())
    if len(manifest["segments"]) != 1:
        raise SystemExit("embed needs an index of one segment (a fresh ingest); compact it first")
    shutil.copytree(index, out)
    segment = out / "snapshot" / manifest["segments"][0]["name"]
    ids = np.load(segment / "columns.npz")["ids"]
    catalog = _catalog(out)
    records = {i: Record.model_validate_json(d) for i, d in catalog.execute("select id, data from records")}
    nodes = dict(catalog.execute("select id, text from nodes"))
    texts = [record_embed_text(records[i]) if i in records else nodes[i] for i in map(str, ids)]
    model = SentenceTransformer(str(model_dir), device="cpu")
    started = time.time()
    vectors = model.encode(texts, batch_size=64, normalize_embeddings=True, convert_to_numpy=True)
    np.save(segment / "vectors.npy", vectors.astype(np.float32))
    print(f"{len(texts)} nodes embedded in {time.time() - started:.0f} s -> {out}")


class TrialEmbedder:
    """A sentence-transformers model standing in for the bundled one (it claims the bundled id so
    that the copied index opens)."""

    def __init__(self, path: Path):
        from sentence_transformers import SentenceTransformer

        from index.embeddings import LOCAL_MODEL_ID

        self.model_id = LOCAL_MODEL_ID
        self.model = SentenceTransformer(str(path), device="cpu")

    def load(self) -> None:
        pass

    def embed(self, texts: list[str]) -> np.ndarray:
        return self.model.encode(texts, batch_size=32, normalize_embeddings=True, convert_to_numpy=True).astype(np.float32)


def run_eval(index: Path, model_dir: Path, argv: list[str]) -> int:
    import eval.__main__ as evaluation
    from index.search import SearchIndex
    from index.settings import Settings

    settings = Settings(index_dir=index)
    return evaluation.main([*argv, "--index", str(index)], index=SearchIndex(settings, embedder=TrialEmbedder(model_dir)))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python scripts/model_trial.py", description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    a = sub.add_parser("adapt", help="adapt the bundled MiniLM to the index's corpus")
    a.add_argument("--index", type=Path, required=True)
    a.add_argument("--out", type=Path, required=True)
    a.add_argument("--pairs", type=int, default=30000)
    e = sub.add_parser("embed", help="copy the index with its vectors from another model")
    e.add_argument("--index", type=Path, required=True)
    e.add_argument("--model", type=Path, required=True)
    e.add_argument("--out", type=Path, required=True)
    v = sub.add_parser("eval", help="python -m eval with another model answering")
    v.add_argument("--index", type=Path, required=True)
    v.add_argument("--model", type=Path, required=True)
    v.add_argument("rest", nargs=argparse.REMAINDER, help="arguments for python -m eval, after --")
    args = parser.parse_args(argv)
    if args.command == "adapt":
        adapt(args.index, args.out, args.pairs)
    elif args.command == "embed":
        embed(args.index, args.model, args.out)
    else:
        return run_eval(args.index, args.model, [a for a in args.rest if a != "--"])
    return 0


if __name__ == "__main__":
    sys.exit(main())
