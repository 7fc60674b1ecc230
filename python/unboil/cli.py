"""The ``unboil`` command: clean files or standard input to standard output."""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import functools
import gzip
import json
import os
import sys
from collections.abc import Iterable, Iterator, Sequence
from typing import Any, BinaryIO, Optional, TypeVar, Union

import orjson

from . import __version__, _jsonl as jsonl, _procs
from ._cleaner import INPUT_MODES, Cleaner, clean_as
from ._input import looks_like_html
from .errors import InputReadError, UnboilError
from .options import FAVOR, REGIMES, RULES, Options

__all__ = ["main"]

T = TypeVar("T")

_EXAMPLES = """\
examples:
  unboil article.txt > clean.txt        clean one scraped text
  unboil page.html > article.txt        the article of a saved page
  unboil --format markdown page.html    the article as Markdown
  unboil -o out/ saved-pages/           one .txt per page, same relative paths
  curl -s URL | unboil > article.txt    clean a page from standard input
  unboil --explain page.txt             show each line's decision and reason
  unboil --disable dateline a.txt       keep datelines
  unboil --regime page export.txt       the text is a whole page's: find its content
  unboil --target article.post page.html
                                        the matching elements are the article
  unboil warc CC-MAIN-*.warc.gz -o pages.jsonl
                                        the article of every HTML response
  unboil --jsonl -j 2 < pages.jsonl > clean.jsonl
                                        clean each record's "html" (or "text")
                                        field into "clean_text", in order

Several inputs: the results are separated by a form feed line.
-j N runs N worker processes; results keep the input order.
Exit status: 0 when every input was cleaned, 1 when one could not be read,
2 for a usage error, 130 when interrupted (Ctrl-C).
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
    parser.add_argument("--input", choices=INPUT_MODES, default="auto",
                        help="read inputs as HTML, as text, or detect (default)")
    parser.add_argument("--drop-repeated-title", action="store_true",
                        help="drop a repeated headline everywhere (default: keep its first occurrence)")
    parser.add_argument("--language", action="append", dest="languages", metavar="CODE",
                        help="use only this language's vocabulary (repeatable; default: all)")
    parser.add_argument("--pattern", action="append", dest="extra_patterns", default=[], metavar="REGEX",
                        help="also drop lines matching this regular expression (repeatable)")
    parser.add_argument("--disable", action="append", default=[], metavar="RULE",
                        help=f"turn off a rule family (repeatable): {', '.join(RULES)}")
    parser.add_argument("--regime", choices=REGIMES, default="auto",
                        help="text only: article (only residue goes), page (a whole page's text: what lies "
                             "outside its main content goes too) or auto (default: told from the text)")
    _add_html_options(parser)
    parser.add_argument("--format", choices=("text", "markdown", "json"), default="text",
                        help="text (default); markdown (pages: headings, lists, code blocks); or one JSON "
                             "object per input: source, text, chars_in, chars_out and, for pages, title, "
                             "author, date, url, sitename, language")
    parser.add_argument("-o", "--output", metavar="DIR",
                        help="write one file per input into DIR (same relative paths, .txt, .md or .json) "
                             "instead of standard output")
    parser.add_argument("-q", "--quiet", action="store_true",
                        help="no progress bar (shown on a terminal's stderr when there are several inputs)")
    parser.add_argument("--jsonl", action="store_true",
                        help="read JSON Lines: clean each record's --field, write it back with --out-field added")
    parser.add_argument("--field", default=None, metavar="NAME",
                        help="JSONL: the field to clean (default: html, else text)")
    parser.add_argument("--out-field", default="clean_text", metavar="NAME",
                        help="JSONL: the field the result goes to (default: clean_text)")
    parser.add_argument("--on-error", choices=("mark", "skip", "fail"), default="mark",
                        help="JSONL: a bad record is written with an 'error' field (mark, default), "
                             "left out (skip), or ends the run (fail)")
    _add_jobs(parser)
    parser.add_argument("--version", action="version", version=f"unboil {__version__}")
    return parser


def _add_html_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--include-title", action="store_true", help="HTML: put the headline before the body")
    parser.add_argument("--include-comments", action="store_true", help="HTML: append the comment section")
    parser.add_argument("--favor", choices=FAVOR, default="balanced",
                        help="HTML: trade precision against recall (default: balanced)")
    parser.add_argument("--prune", action="append", default=[], metavar="SELECTOR",
                        help="HTML: remove the elements this CSS selector matches before extraction (repeatable)")
    parser.add_argument("--target", action="append", default=[], metavar="SELECTOR",
                        help="HTML: the elements this CSS selector matches are the main content (repeatable)")


def _html_options(args: argparse.Namespace) -> dict[str, Any]:
    """The HTML options of :func:`_add_html_options`, as :class:`Options` fields."""
    return {
        "include_title": args.include_title,
        "include_comments": args.include_comments,
        "favor": args.favor,
        "prune": tuple(args.prune),
        "target": tuple(args.target),
    }


def _add_jobs(parser: argparse.ArgumentParser) -> None:
    def jobs(value: str) -> int:
        if not value.isdigit() or int(value) < 1:
            raise argparse.ArgumentTypeError(f"give a whole number >= 1, not {value!r}")
        return int(value)

    parser.add_argument("-j", "--jobs", type=jobs, default=None, metavar="N",
                        help="worker processes (default: all cores); output order is input order")


def _render(cleaner: Cleaner, content: bytes, mode: str, explain: bool) -> str:
    """One input's result as text (or Markdown: the cleaner's output format)."""
    if explain:
        rows = cleaner.explain(content)
        lines = [f"# {rows.summary}"] + [f"{r.line:>6} {r.decision:<4} {r.reason:<16} {r.text}" for r in rows]
        return "\n".join(lines)
    return clean_as(cleaner, content, mode)


def _warc_main(argv: Sequence[str]) -> int:
    from .warc import Response, WarcStats, clean_response, cleaned

    parser = argparse.ArgumentParser(
        prog="unboil warc",
        description="Clean the HTML responses of WARC files into JSON Lines: url, warc_date, warc_record_id, "
        "content_type, text and the page's metadata, one object per response, in file order.",
    )
    parser.add_argument("files", nargs="+", metavar="FILE", help="WARC files (.warc, .warc.gz, ...)")
    parser.add_argument("-o", "--output", metavar="FILE", help="write JSON Lines here (default: standard output)")
    _add_html_options(parser)
    _add_jobs(parser)
    args = parser.parse_args(argv)
    try:
        options = Options(**_html_options(args))
    except UnboilError as error:
        print(f"unboil: {error}", file=sys.stderr)
        return 2
    stats = WarcStats()
    status = 0

    def mapper(responses: Iterable[Response]) -> Iterator[Union[dict[str, Any], UnboilError]]:
        return _procs.ordered_map(clean_response, responses, args.jobs, options,
                                  size=lambda response: len(response.body))

    with (open(args.output, "wb") if args.output else contextlib.nullcontext(sys.stdout.buffer)) as out:
        for name in args.files:
            try:
                for record in cleaned(name, stats, mapper):
                    out.write(orjson.dumps(record, option=orjson.OPT_APPEND_NEWLINE))
            except UnboilError as error:
                print(f"unboil: {error}", file=sys.stderr)
                status = 1
    print(
        f"unboil warc: {stats.responses} responses, {stats.cleaned} cleaned, "
        f"{stats.not_html} not HTML (skipped), {stats.failed} failed"
        + (f", {stats.truncated} truncated (cleaned as far as they go, marked)" if stats.truncated else ""),
        file=sys.stderr,
    )
    return 1 if status or stats.failed else 0


def main(argv: Optional[Sequence[str]] = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    try:
        return _warc_main(argv[1:]) if argv[:1] == ["warc"] else _main(argv)
    except BrokenPipeError:
        # The reader went away (| head): stop quietly, as Unix filters do.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0
    except KeyboardInterrupt:
        print("unboil: interrupted", file=sys.stderr)
        return 130


def _main(argv: list[str]) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if args.explain and (args.format != "text" or args.jsonl):
        parser.error("--explain prints text: it goes with neither --format json/markdown nor --jsonl")
    try:
        cleaner = Cleaner(Options(
            keep_title=not args.drop_repeated_title,
            languages=tuple(args.languages) if args.languages else None,
            extra_patterns=tuple(args.extra_patterns),
            disable=tuple(args.disable),
            regime=args.regime,
            output_format="markdown" if args.format == "markdown" else "text",
            **_html_options(args),
        ))
    except UnboilError as error:
        print(f"unboil: {error}", file=sys.stderr)
        return 2
    out = sys.stdout.buffer
    try:
        if args.jsonl:
            status = jsonl.run(cleaner.options, args.files or ["-"], out, sys.stdin.buffer, jsonl.Settings(
                field=args.field, out_field=args.out_field, on_error=args.on_error, jobs=args.jobs, input=args.input))
            out.flush()
            return status
        status = _clean_files(cleaner.options, args, out)
    except UnboilError as error:
        print(f"unboil: {error}", file=sys.stderr)
        return 2
    return status


#: What a directory contributes: pages and texts, plain or gzip-compressed.
_SUFFIXES = (".html", ".htm", ".xhtml", ".txt")


def _inputs(names: Sequence[str]) -> Iterator[tuple[str, str]]:
    """``(path, relative name)`` of the files named and of the pages and texts
    in the directories named (walked sorted, recursively)."""
    for name in names:
        if name != "-" and os.path.isdir(name):
            for root, dirs, files in os.walk(name):
                dirs.sort()
                for file in sorted(files):
                    if file.lower().removesuffix(".gz").endswith(_SUFFIXES):
                        path = os.path.join(root, file)
                        yield path, os.path.relpath(path, name)
        else:
            yield name, "stdin" if name == "-" else os.path.basename(name)


def _read_one(name: str, content: Optional[bytes]) -> bytes:
    """The input's bytes (the file's, when ``content`` is not given),
    decompressed when they are gzip."""
    if content is None:
        with open(name, "rb") as handle:
            content = handle.read()
    if name.lower().endswith(".gz") or content.startswith(b"\x1f\x8b"):
        try:
            return gzip.decompress(content)
        except (OSError, EOFError) as error:
            raise InputReadError(f"cannot read {name}: not valid gzip ({error})") from error
    return content


def _json_record(cleaner: Cleaner, name: str, content: bytes, mode: str) -> str:
    """One input as a JSON object: its text, sizes and, for a page, its metadata."""
    record: dict[str, object] = {"source": name}
    if mode == "html" or (mode == "auto" and looks_like_html(content)):
        document = cleaner.extract(content)
        record.update(dataclasses.asdict(document))
    else:
        record["text"] = clean_as(cleaner, content, mode)
    record["chars_in"] = len(content.decode("utf-8", "replace"))
    record["chars_out"] = len(str(record["text"]))
    return json.dumps(record, ensure_ascii=False)


def _progress(results: Iterator[T], total: int, quiet: bool) -> Iterator[T]:
    """``results`` behind a progress bar on stderr, when stderr is a terminal,
    there is more than one input and ``--quiet`` is not given."""
    if quiet or total < 2 or not sys.stderr.isatty():
        return results
    from tqdm import tqdm

    # No monitor thread: the worker pool forks from this process, and a
    # process with threads should not fork.
    tqdm.monitor_interval = 0
    return iter(tqdm(results, total=total, unit="input", file=sys.stderr, leave=False))


@dataclasses.dataclass(frozen=True)
class _FileJob:
    """What is done with every input file (sent to the workers)."""

    format: str
    input: str
    explain: bool


def _clean_file(job: _FileJob, cleaner: Cleaner, item: tuple[str, Optional[bytes]]) -> Union[str, UnboilError]:
    """One input's result: ``item`` is its name and, for standard input, its
    content (a file is read by the worker)."""
    name, given = item
    try:
        content = _read_one(name, given)
    except InputReadError as error:
        return error
    except OSError as error:
        return InputReadError(f"cannot read {name}: {error.strerror or error}")
    if job.format == "json":
        return _json_record(cleaner, name, content, job.input)
    return _render(cleaner, content, job.input, job.explain)


def _clean_files(options: Options, args: argparse.Namespace, out: BinaryIO) -> int:
    job = _FileJob(args.format, args.input, args.explain)
    inputs = list(_inputs(args.files or ["-"]))
    items = [(name, sys.stdin.buffer.read() if name == "-" else None) for name, _ in inputs]
    # One input: no workers to start.
    jobs = 1 if len(items) == 1 else args.jobs
    work = functools.partial(_clean_file, job)
    results = _progress(_procs.ordered_map(work, items, jobs, options), len(inputs), args.quiet)
    suffix = {"json": ".json", "markdown": ".md"}.get(args.format, ".txt")
    status = 0
    first = True
    for (name, relative), result in zip(inputs, results):
        if isinstance(result, UnboilError):
            message = str(result) if isinstance(result, InputReadError) else f"{name}: {result}"
            print(f"unboil: {message}", file=sys.stderr)
            status = 1
        elif args.output is not None:
            target = os.path.join(args.output, relative.removesuffix(".gz") + suffix)
            os.makedirs(os.path.dirname(target) or ".", exist_ok=True)
            with open(target, "w", encoding="utf-8") as handle:
                handle.write(result + "\n" if result else "")
        elif args.format == "json":
            out.write(result.encode("utf-8") + b"\n")
        else:
            if not first:
                out.write(b"\f\n")
            first = False
            if result:
                out.write(result.encode("utf-8") + b"\n")
    out.flush()
    return status


if __name__ == "__main__":
    sys.exit(main())
