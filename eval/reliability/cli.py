"""`python -m eval reliability SUITE...|all`: run reliability suites, print each case and a summary."""

from __future__ import annotations

import argparse
import json
import shlex
import shutil
import sys
import tempfile
from dataclasses import asdict
from pathlib import Path

from . import SUITES, Env, run_suite

EXAMPLES = """examples:
  python -m eval reliability all
  python -m eval reliability bad-files bad-questions --quiet
  python -m eval reliability auth-xss --no-browser --json results.json
"""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m eval reliability",
        description="Try Signal Desk with bad and hostile inputs; every input bounded in time, every failure named.",
        epilog=EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("suites", nargs="+", choices=[*SUITES, "all"], metavar="SUITE", help=f"{', '.join(SUITES)} or all")
    parser.add_argument("--workdir", type=Path, help="scratch folder (default: a temporary one, removed afterwards)")
    parser.add_argument("--no-browser", action="store_true", help="skip the headless-Chromium part of auth-xss")
    parser.add_argument("--json", type=Path, metavar="FILE", help="also write every case as JSON")
    parser.add_argument("--quiet", action="store_true", help="only the summary")
    return parser


def main(argv: list[str]) -> int:
    args = build_parser().parse_args(argv)
    names = list(SUITES) if "all" in args.suites else list(dict.fromkeys(args.suites))
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="signal-desk-reliability-"))
    workdir.mkdir(parents=True, exist_ok=True)
    log = (lambda line: None) if args.quiet else (lambda line: print(line, flush=True))
    env = Env(workdir=workdir, browser=not args.no_browser, log=log)
    results = []
    try:
        for name in names:
            log(f"{name}:")
            results.append(run_suite(name, env))
    finally:
        env.close()
        if args.workdir is None:
            shutil.rmtree(workdir, ignore_errors=True)
    print()
    print("command: python -m eval reliability " + shlex.join(argv))
    for result in results:
        print(result.line())
        for case in result.failures:
            print(f"  FAIL {case.name}: {case.detail}")
    if args.json:
        args.json.write_text(json.dumps([asdict(r) for r in results], indent=2, ensure_ascii=False), encoding="utf-8")
    return 1 if any(r.failures for r in results) else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
