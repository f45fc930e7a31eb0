"""`python -m assistant ask "QUESTION"`: a cited answer with tables, as Markdown or JSON."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from index import KINDS, QuestionError, Settings, SignalDeskError

from .desk import Assistant
from .inputs import MAX_K
from .models import Answer
from .plan import parse_day

EXAMPLES = """examples:
  python -m assistant ask "What escalation signals involve Estonia?"
  python -m assistant ask "high-relevancy concerns about space debris" --json
  python -m assistant ask "heat pumps" --kind technology --kind behavior --since 2024
  python -m assistant ask "digest of March 2025" --export digest.docx
  python -m assistant ask "NOW / NEAR / NEXT cards about AI in schools" --export cards.html --cards-png cards/

Answers are extractive unless SIGNAL_DESK_LLM_MODEL names a chat model on an OpenAI-compatible
server (OPENAI_API_KEY, OPENAI_BASE_URL); then the model plans and writes the prose, and any
model failure falls back to the extractive answer with a warning on stderr (exit code 0).
Exit codes: 0 answered (or "nothing found"); 1 the index cannot be used; 2 a usage error, or a
question with nothing to look for.
"""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m assistant",
        description="Ask Signal Desk a question; the answer cites stored records and shows them as tables.",
        epilog=EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    commands = parser.add_subparsers(dest="command", required=True)
    ask = commands.add_parser("ask", help="answer one question", epilog=EXAMPLES, formatter_class=argparse.RawDescriptionHelpFormatter)
    ask.add_argument("question", help="the question, in plain words")
    ask.add_argument("--index", type=Path, help="index directory (default: $SIGNAL_DESK_INDEX or .signal-desk)")
    ask.add_argument("--json", action="store_true", help="print the whole Answer as JSON instead of Markdown")
    ask.add_argument(
        "--k", type=_whole(1, MAX_K), metavar="N", help=f"how many records the answer rests on, 1-{MAX_K} (default 20)"
    )
    ask.add_argument("--kind", action="append", choices=KINDS, help="only these record kinds (repeatable); overrides the question")
    ask.add_argument("--min-relevancy", type=int, choices=range(1, 6), metavar="N", help="only records rated N (1-5) or higher")
    ask.add_argument("--since", type=_day(end=False), metavar="DATE", help="only articles dated on or after DATE (YYYY, YYYY-MM or YYYY-MM-DD)")
    ask.add_argument(
        "--page", type=_whole(1, None), default=1, metavar="N", help="page N (from 1) of a list, count or trend answer (pages are --k long)"
    )
    ask.add_argument(
        "--no-clusters", action="store_true", help="one table row per record (default: near-duplicates share a row)"
    )
    ask.add_argument(
        "--export", type=Path, metavar="FILE",
        help="also write the answer to FILE: .md or .docx; .html for a digest, topic page, outlook or cards (a printable sheet)",
    )
    ask.add_argument("--cards-png", type=Path, metavar="DIR", help="cards: also write each card as a PNG image into DIR (made if missing)")
    ask.add_argument("--until", type=_day(end=True), metavar="DATE", help="only articles dated on or before DATE")
    return parser


def _whole(low: int, high: int | None):
    def convert(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
        if value < low or (high is not None and value > high):
            raise argparse.ArgumentTypeError(f"{value} is out of range: use {low}-{high}" if high else f"{value} is out of range: use {low} or more")
        return value

    return convert


def _day(*, end: bool):
    def convert(text: str):
        try:
            return parse_day(text, end=end)
        except ValueError:
            raise argparse.ArgumentTypeError(f"not a date: {text!r} (use YYYY, YYYY-MM or YYYY-MM-DD)") from None

    return convert


def _export(answer, path: Path | None, cards: Path | None = None) -> int:
    if answer is None:
        return 0
    from .export import formats_for, write, write_cards_png

    if path is not None:
        try:
            write(answer, path)
        except OSError as exc:
            print(f"error: cannot export to {path}: {exc.strerror or exc}", file=sys.stderr)
            return 1
        except ValueError as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 2
        print(f"exported to {path}", file=sys.stderr)
    if cards is not None:
        if "png" not in formats_for(answer):
            print("error: --cards-png needs a cards answer (\"NOW / NEAR / NEXT cards about ...\")", file=sys.stderr)
            return 2
        try:
            cards.mkdir(exist_ok=True)  # its parent was checked before asking
            written = write_cards_png(answer, cards)
        except OSError as exc:
            print(f"error: cannot write cards into {cards}: {exc.strerror or exc}", file=sys.stderr)
            return 1
        print(f"{len(written)} card images written to {cards}", file=sys.stderr)
    return 0


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        settings = Settings(index_dir=args.index) if args.index else Settings()
        desk = Assistant(settings)
        options = dict(
            k=args.k, kinds=args.kind, min_relevancy=args.min_relevancy, since=args.since, until=args.until, page=args.page,
            clusters=not args.no_clusters,
        )
        if args.export and args.export.suffix.lower() not in (".md", ".markdown", ".docx", ".html", ".htm"):
            print(f"error: cannot export to {args.export.name}: use a .md, .docx or .html file", file=sys.stderr)
            return 2
        if args.export and not args.export.parent.is_dir():
            print(f"error: cannot export to {args.export}: the folder {args.export.parent} does not exist", file=sys.stderr)
            return 2
        if args.cards_png and args.cards_png.exists() and not args.cards_png.is_dir():
            print(f"error: cannot write cards into {args.cards_png}: not a folder", file=sys.stderr)
            return 2
        if args.cards_png and not args.cards_png.exists() and not args.cards_png.parent.is_dir():
            print(f"error: cannot write cards into {args.cards_png}: the folder {args.cards_png.parent} does not exist", file=sys.stderr)
            return 2
        if args.json:
            asked = desk.ask(args.question, **options)
            print(asked.model_dump_json(indent=2))
            return _export(asked, args.export, args.cards_png)
        answer: Answer | None = None
        for event in desk.stream(args.question, **options):
            if isinstance(event, str):
                sys.stdout.write(event)
                sys.stdout.flush()
            else:
                answer = event
        for warning in answer.warnings if answer else []:
            print(f"warning: {warning}", file=sys.stderr)
        return _export(answer, args.export, args.cards_png)
    except QuestionError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except SignalDeskError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
