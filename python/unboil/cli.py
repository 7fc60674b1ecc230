"""The ``unboil`` command: clean files or standard input to standard output."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from typing import BinaryIO, Optional

from . import __version__, _jsonl as jsonl
from ._cleaner import Cleaner
from .errors import UnboilError
from .options import FAVOR, RULES, Options

__all__ = ["main"]

_EXAMPLES = """\
examples:
  unboil article.txt > clean.txt        clean one scraped text
  unboil page.html > article.txt        the article of a saved page
  curl -s URL | unboil > article.txt    clean a page from standard input
  unboil --explain page.txt             show each line's decision and reason
  unboil --disable dateline a.txt       keep datelines
  unboil --jsonl -j 2 < pages.jsonl > clean.jsonl
                                        clean each record's "html" (or "text")
                                        field into "clean_text", in order

Several inputs: the results are separated by a form feed line.
Exit status: 0 when every input was cleaned, 1 when one could not be read,
2 for a usage error.
"""


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="unboil",
        description="Strip boilerplate from web pages and scraped text.",
        epilog=_EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("files", nargs="*", metavar="FILE", help="input files; none or '-' reads standard input")
    parser.add_argument("--explain", action="store_true", help="print every line with its decision and reason")
    parser.add_argument("--input", choices=("auto", "html", "text"), default="auto",
                        help="read inputs as HTML, as text, or detect (default)")
    parser.add_argument("--drop-repeated-title", action="store_true",
                        help="drop a repeated headline everywhere (default: keep its first occurrence)")
    parser.add_argument("--language", action="append", dest="languages", metavar="CODE",
                        help="use only this language's vocabulary (repeatable; default: all)")
    parser.add_argument("--pattern", action="append", dest="extra_patterns", default=[], metavar="REGEX",
                        help="also drop lines matching this regular expression (repeatable)")
    parser.add_argument("--disable", action="append", default=[], metavar="RULE",
                        help=f"turn off a rule family (repeatable): {', '.join(RULES)}")
    parser.add_argument("--include-title", action="store_true", help="HTML: put the headline before the body")
    parser.add_argument("--include-comments", action="store_true", help="HTML: append the comment section")
    parser.add_argument("--favor", choices=FAVOR, default="balanced",
                        help="HTML: trade precision against recall (default: balanced)")
    parser.add_argument("--jsonl", action="store_true",
                        help="read JSON Lines: clean each record's --field, write it back with --out-field added")
    parser.add_argument("--field", default=None, metavar="NAME",
                        help="JSONL: the field to clean (default: html, else text)")
    parser.add_argument("--out-field", default="clean_text", metavar="NAME",
                        help="JSONL: the field the result goes to (default: clean_text)")
    parser.add_argument("--on-error", choices=("mark", "skip", "fail"), default="mark",
                        help="JSONL: a bad record is written with an 'error' field (mark, default), "
                             "left out (skip), or ends the run (fail)")
    parser.add_argument("-j", "--jobs", type=int, default=None, metavar="N",
                        help="JSONL: parallel threads (default: all cores)")
    parser.add_argument("--version", action="version", version=f"unboil {__version__}")
    return parser


def _read(name: str, stdin: BinaryIO) -> bytes:
    if name == "-":
        return stdin.read()
    with open(name, "rb") as handle:
        return handle.read()


def _render(cleaner: Cleaner, content: bytes, mode: str, explain: bool) -> str:
    if explain:
        rows = cleaner.explain(content)
        return "\n".join(f"{r.line:>6} {r.decision:<4} {r.reason:<16} {r.text}" for r in rows)
    if mode == "text":
        return cleaner.clean_text(content)
    if mode == "html":
        return cleaner.clean_html(content)
    return cleaner.clean(content)


def main(argv: Optional[Sequence[str]] = None) -> int:
    args = _parser().parse_args(argv)
    try:
        cleaner = Cleaner(Options(
            keep_title=not args.drop_repeated_title,
            languages=tuple(args.languages) if args.languages else None,
            extra_patterns=tuple(args.extra_patterns),
            disable=tuple(args.disable),
            include_title=args.include_title,
            include_comments=args.include_comments,
            favor=args.favor,
        ))
    except UnboilError as error:
        print(f"unboil: {error}", file=sys.stderr)
        return 2
    out = sys.stdout.buffer
    try:
        if args.jsonl:
            status = jsonl.run(cleaner, args.files or ["-"], out, sys.stdin.buffer, jsonl.Settings(
                field=args.field, out_field=args.out_field, on_error=args.on_error, jobs=args.jobs))
            out.flush()
            return status
        status = _clean_files(cleaner, args, out)
    except BrokenPipeError:
        # The reader went away (| head): stop quietly, as Unix filters do.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0
    except UnboilError as error:
        print(f"unboil: {error}", file=sys.stderr)
        return 2
    return status


def _clean_files(cleaner: Cleaner, args: argparse.Namespace, out: BinaryIO) -> int:
    status = 0
    first = True
    for name in args.files or ["-"]:
        try:
            content = _read(name, sys.stdin.buffer)
        except OSError as error:
            print(f"unboil: cannot read {name}: {error.strerror or error}", file=sys.stderr)
            status = 1
            continue
        text = _render(cleaner, content, args.input, args.explain)
        if not first:
            out.write(b"\f\n")
        first = False
        if text:
            out.write(text.encode("utf-8") + b"\n")
    out.flush()
    return status


if __name__ == "__main__":
    sys.exit(main())
