"""`python -m index settings` prints the settings table the README carries;
`python -m index export [ARTICLE_ID...] [--index DIR] [--out DIR]` writes articles back as signal
markdown (by default every article whose records a language model extracted);
`python -m index fingerprint [--index DIR]` prints digests of what the index holds (two indexes
with equal fingerprints hold the same records, nodes, clusters and searchable rows);
`python -m index rebuild [--index DIR]` writes the snapshot and the clusters again whole from the
catalog, as a first build would (an index kept up to date incrementally must not change)."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from .catalog import Catalog
from .errors import SignalDeskError
from .export import export_markdown
from .records import Record
from .settings import Settings, settings_table


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m index", description="Signal Desk index utilities.")
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("settings", help="print the settings table (Markdown)")
    export = commands.add_parser("export", help="write articles back as signal markdown documents")
    export.add_argument("articles", nargs="*", metavar="ARTICLE_ID", help="default: every article with extracted records")
    export.add_argument("--index", type=Path, help="index directory (default: $SIGNAL_DESK_INDEX or .signal-desk)")
    export.add_argument("--out", type=Path, default=Path("exported"), help="output directory (default: exported)")
    printed = commands.add_parser("fingerprint", help="print digests of the index's records, nodes, clusters and snapshot (JSON)")
    printed.add_argument("--index", type=Path, help="index directory (default: $SIGNAL_DESK_INDEX or .signal-desk)")
    rebuilt = commands.add_parser("rebuild", help="write the snapshot and clusters again whole from the catalog")
    rebuilt.add_argument("--index", type=Path, help="index directory (default: $SIGNAL_DESK_INDEX or .signal-desk)")
    rebuilt.add_argument("--wait", action="store_true", help="wait for a running ingest instead of failing")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.command == "settings":
        print(settings_table())
        return 0
    try:
        settings = Settings(index_dir=args.index) if args.index else Settings()
        if args.command == "fingerprint":
            from .fingerprint import fingerprint

            print(json.dumps(fingerprint(settings.index_dir), indent=2))
            return 0
        if args.command == "rebuild":
            from .pipeline import rebuild

            print(rebuild(settings, wait=args.wait).model_dump_json(indent=2))
            return 0
        catalog = Catalog(settings.index_dir, create=False, readonly=True)
        articles = catalog.articles(args.articles or None)
        missing = set(args.articles) - articles.keys()
        if missing:
            raise SignalDeskError(f"no such article in {settings.index_dir}: {', '.join(sorted(missing))}")
        records = [Record.model_validate_json(d) for d in catalog.record_json(catalog.owned_record_ids(articles)).values()]
        failed = 0
        for article in articles.values():
            own = sorted((r for r in records if r.article_id == article.id), key=lambda r: r.kind)
            if args.articles or any(r.extracted for r in own):
                try:
                    print(export_markdown(article, own, args.out))
                except SignalDeskError as exc:  # the others are still exported
                    print(f"error: {exc}", file=sys.stderr)
                    failed += 1
        return 1 if failed else 0
    except SignalDeskError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
