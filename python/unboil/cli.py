"""The ``unboil`` command: clean files or standard input to standard output."""

from __future__ import annotations

import argparse
import gzip
import os
import sys
from collections.abc import Iterator, Sequence
from typing import BinaryIO, Optional, Union

from . import __version__, _jsonl as jsonl
from ._cleaner import Cleaner
from ._batch import ordered_map
from .errors import InputReadError, UnboilError
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
    parser.add_argument("files", nargs="*", metavar="FILE",
                        help="input files or directories (walked for .html .htm .xhtml .txt, also .gz); "
                             "none or '-' reads standard input")
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
                        help="parallel threads (default: all cores); output order is input order")
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


#: What a directory contributes: pages and texts, plain or gzip-compressed.
_SUFFIXES = (".html", ".htm", ".xhtml", ".txt")


def _inputs(names: Sequence[str]) -> Iterator[str]:
    """The files named, directories walked (sorted, recursively) for pages and texts."""
    for name in names:
        if name != "-" and os.path.isdir(name):
            for root, dirs, files in os.walk(name):
                dirs.sort()
                for file in sorted(files):
                    if file.lower().removesuffix(".gz").endswith(_SUFFIXES):
                        yield os.path.join(root, file)
        else:
            yield name


def _read_one(name: str, stdin: BinaryIO) -> bytes:
    content = _read(name, stdin)
    if name.lower().endswith(".gz") or content.startswith(b"\x1f\x8b"):
        try:
            return gzip.decompress(content)
        except (OSError, EOFError) as error:
            raise InputReadError(f"cannot read {name}: not valid gzip ({error})") from error
    return content


def _clean_files(cleaner: Cleaner, args: argparse.Namespace, out: BinaryIO) -> int:
    def work(name: str) -> Union[str, UnboilError]:
        try:
            content = _read_one(name, sys.stdin.buffer)
        except InputReadError as error:
            return error
        except OSError as error:
            return InputReadError(f"cannot read {name}: {error.strerror or error}")
        return _render(cleaner, content, args.input, args.explain)

    status = 0
    first = True
    names = list(_inputs(args.files or ["-"]))
    for name, result in zip(names, ordered_map(work, names, args.jobs)):
        if isinstance(result, UnboilError):
            message = str(result) if isinstance(result, InputReadError) else f"{name}: {result}"
            print(f"unboil: {message}", file=sys.stderr)
            status = 1
            continue
        if not first:
            out.write(b"\f\n")
        first = False
        if result:
            out.write(result.encode("utf-8") + b"\n")
    out.flush()
    return status


if __name__ == "__main__":
    sys.exit(main())
