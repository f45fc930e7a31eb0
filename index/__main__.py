"""`python -m index settings` prints the settings table the README carries;
`python -m index export [ARTICLE_ID...] [--index DIR] [--out DIR]` writes articles back as signal
markdown (by default every article whose records a language model extracted)."""

from __future__ import annotations

import argparse
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
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.command == "settings":
        print(settings_table())
        return 0
    try:
        settings = Settings(index_dir=args.index) if args.index else Settings()
        catalog = Catalog(settings.index_dir, create=False)
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
