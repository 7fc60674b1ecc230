"""The ``unboil`` command: clean files or standard input to standard output."""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import functools
import gzip
import io
import json
import os
import sys
import zlib
from collections.abc import Iterable, Iterator, Sequence
from typing import Any, BinaryIO, Optional, TypeVar, Union

import orjson

from . import __version__, _core, _jsonl as jsonl, _procs
from ._cleaner import INPUT_MODES, Cleaner, Explanation, clean_as, encoding_label, explain_as
from ._input import looks_like_html
from .errors import InputReadError, InputTooLargeError, UnboilError
from .options import FAVOR, REGIMES, RULES, Options

__all__ = ["main"]

T = TypeVar("T")

_EXAMPLES = """\
examples:
  unboil article.txt > clean.txt        clean one scraped text
  unboil page.html > article.txt        the article of a saved page
  unboil --format markdown page.html    the article as Markdown (--format html: as HTML)
  unboil -o out/ saved-pages/           one .txt per page, same relative paths
  curl -s URL | unboil > article.txt    clean a page from standard input
  unboil --explain page.txt             show each line's decision and reason
  unboil --explain page.html            show each block's decision, reason and element path
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
        usage="unboil [options] [FILE ...]\n       unboil [options] warc FILE [FILE ...]",
        description="Strip boilerplate from web pages and scraped text. With the word 'warc' before the "
        "files: clean the HTML responses of WARC files into JSON Lines (url, warc_date, warc_record_id, "
        "content_type, text and the page's metadata, one object per response, in file order; a summary "
        "on stderr).",
        epilog=_EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("files", nargs="*", metavar="FILE",
                        help="input files or directories (walked for .html .htm .xhtml .txt, also .gz); "
                             "none or '-' reads standard input; after 'warc': WARC files")
    parser.add_argument("--encoding", metavar="LABEL",
                        help="what the inputs' bytes are when they have no BOM and are not UTF-8 "
                             "(a page's <meta> charset still counts): latin-1, windows-1252, shift_jis, ...")
    parser.add_argument("--explain", action="store_true",
                        help="print every line (of a page: every block, with its element path) with its decision and reason")
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
    parser.add_argument("--format", choices=("text", "markdown", "html", "json"), default="text",
                        help="text (default); markdown (pages: GitHub-flavoured, with links, tables, code "
                             "blocks); html (pages: minimal, safe HTML); or one JSON "
                             "object per input: source, text, chars_in, chars_out and, for pages, title, "
                             "author, date (ISO 8601), date_raw, url, sitename, language, image, description, "
                             "page_type, confidence")
    parser.add_argument("-o", "--output", metavar="DIR",
                        help="write one file per input into DIR (same relative paths, .txt, .md or .json) "
                             "instead of standard output; warc: the JSON Lines file to write")
    parser.add_argument("-q", "--quiet", action="store_true",
                        help="no progress bar (shown on a terminal's stderr when there are several inputs); "
                             "warc: no summary")
    parser.add_argument("--jsonl", action="store_true",
                        help="read JSON Lines: clean each record's --field, write it back with --out-field added")
    parser.add_argument("--field", default=None, metavar="NAME",
                        help="JSONL: the field to clean (default: html, else text)")
    parser.add_argument("--out-field", default=None, metavar="NAME",
                        help="JSONL: the field the result goes to (default: clean_text)")
    parser.add_argument("--on-error", choices=("mark", "skip", "fail"), default=None,
                        help="JSONL: a bad record is written with an 'error' field (mark, default), "
                             "left out (skip), or ends the run (fail)")
    _add_limits(parser)
    _add_jobs(parser)
    parser.add_argument("--version", action="version", version=f"unboil {__version__}")
    return parser


def _add_html_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--include-title", action="store_true", help="HTML: put the headline before the body")
    parser.add_argument("--include-comments", action="store_true", help="HTML: append the comment section")
    parser.add_argument("--no-links", dest="include_links", action="store_false",
                        help="HTML as Markdown or HTML: links as their text alone")
    parser.add_argument("--images", dest="include_images", action="store_true",
                        help="HTML as Markdown or HTML: keep the content's images")
    parser.add_argument("--no-tables", dest="include_tables", action="store_false",
                        help="HTML: leave the content's tables out")
    parser.add_argument("--no-formatting", dest="include_formatting", action="store_false",
                        help="HTML as Markdown or HTML: no emphasis, strong or inline code")
    parser.add_argument("--no-type-profiles", dest="type_profiles", action="store_false",
                        help="HTML: choose every page's content as an article's, whatever its judged type")
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
        "type_profiles": args.type_profiles,
        "include_links": args.include_links,
        "include_images": args.include_images,
        "include_tables": args.include_tables,
        "include_formatting": args.include_formatting,
        "favor": args.favor,
        "prune": tuple(args.prune),
        "target": tuple(args.target),
    }


def _add_limits(parser: argparse.ArgumentParser) -> None:
    defaults = Options()

    def size(value: str) -> Optional[int]:
        if value == "none":
            return None
        if not value.isdigit() or int(value) < 1:
            raise argparse.ArgumentTypeError(f"give a whole number of bytes >= 1 or 'none', not {value!r}")
        return int(value)

    def seconds(value: str) -> Optional[float]:
        if value == "none":
            return None
        try:
            number = float(value)
        except ValueError:
            number = float("nan")
        if not 0 < number < float("inf"):
            raise argparse.ArgumentTypeError(f"give seconds > 0 or 'none', not {value!r}")
        return number

    parser.add_argument("--max-input-bytes", type=size, default=defaults.max_input_bytes, metavar="N",
                        help="an input (file, record) over N bytes is reported, not cleaned "
                             f"(default: {defaults.max_input_bytes}; 'none': no limit)")
    parser.add_argument("--max-warc-body-bytes", type=size, default=defaults.max_warc_body_bytes, metavar="N",
                        help="warc: a response body over N bytes decoded is marked, not read further "
                             f"(default: {defaults.max_warc_body_bytes}; 'none': no limit)")
    parser.add_argument("--time-budget", type=seconds, default=defaults.time_budget, metavar="SECONDS",
                        help="an input that takes longer to clean is reported "
                             f"(default: {defaults.time_budget:g}; 'none': no budget)")


def _add_jobs(parser: argparse.ArgumentParser) -> None:
    def jobs(value: str) -> int:
        if not value.isdigit() or int(value) < 1:
            raise argparse.ArgumentTypeError(f"give a whole number >= 1, not {value!r}")
        return int(value)

    parser.add_argument("-j", "--jobs", type=jobs, default=None, metavar="N",
                        help="worker processes (default: all cores); output order is input order")


def _render(cleaner: Cleaner, content: bytes, job: _FileJob) -> str:
    """One input's result as text (or Markdown: the cleaner's output format)."""
    if job.explain:
        rows = explain_as(cleaner, content, job.input, job.encoding)
        if isinstance(rows, Explanation):
            lines = [f"# {rows.summary}"] + [f"{r.line:>6} {r.decision:<4} {r.reason:<16} {r.text}" for r in rows]
        else:
            lines = [f"# {rows.summary}"] + [f"{r.decision:<4} {r.reason:<18} {r.path}\n       {r.text}" for r in rows]
        return "\n".join(lines)
    return clean_as(cleaner, content, job.input, job.encoding)


def _warc_main(options: Options, args: argparse.Namespace) -> int:
    from .warc import Response, WarcStats, clean_response, cleaned

    stats = WarcStats()
    status = 0

    def mapper(responses: Iterable[Response]) -> Iterator[Union[dict[str, Any], UnboilError]]:
        return _procs.ordered_map(clean_response, responses, args.jobs, options,
                                  size=lambda response: len(response.body))

    with (open(args.output, "wb") if args.output else contextlib.nullcontext(sys.stdout.buffer)) as out:
        for name in args.files:
            try:
                for record in cleaned(name, stats, mapper, options.max_warc_body_bytes):
                    out.write(orjson.dumps(record, option=orjson.OPT_APPEND_NEWLINE))
            except UnboilError as error:
                print(f"unboil: {error}", file=sys.stderr)
                status = 1
    if not args.quiet:
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
        return _main(argv)
    except BrokenPipeError:
        # The reader went away (| head): stop quietly, as Unix filters do.
        _silence_stdout()
        return 0
    except OSError as error:
        # Writing the output failed (a full disk, a closed terminal).
        _silence_stdout()
        print(f"unboil: cannot write the output: {error.strerror or error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("unboil: interrupted", file=sys.stderr)
        return 130


def _silence_stdout() -> None:
    """Points standard output at /dev/null, so that what is still buffered
    for it is not written (and does not fail again) at exit."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())


#: Options only JSON Lines reads, and those that mean nothing to ``unboil warc``.
_JSONL_ONLY = ("field", "out_field", "on_error")
_NOT_FOR_WARC = ("explain", "jsonl", "encoding", *_JSONL_ONLY)


def _usage_errors(args: argparse.Namespace, warc: bool) -> Iterator[str]:
    """What the arguments ask for that cannot be done together."""
    given = [name for name in _NOT_FOR_WARC if getattr(args, name) not in (None, False)]
    if warc:
        if given:
            yield f"warc: --{given[0].replace('_', '-')} does not apply (responses are pages, written as JSON Lines)"
        if args.input != "auto":
            yield "warc: --input does not apply (responses are read by their content type)"
        if args.regime != "auto":
            yield "warc: --regime does not apply (it reads scraped text; responses are pages)"
        if not args.files:
            yield "warc: name the WARC files to read"
        return
    if args.explain and (args.format != "text" or args.jsonl):
        yield "--explain prints text: it goes with neither --format json/markdown/html nor --jsonl"
    if args.jsonl and args.output is not None:
        yield "--jsonl writes JSON Lines to standard output: -o DIR does not apply"
    if args.jsonl and args.format == "json":
        yield "--jsonl writes each record back with its result: --format json does not apply"
    jsonl_only = [name for name in _JSONL_ONLY if getattr(args, name) is not None]
    if jsonl_only and not args.jsonl:
        yield f"--{jsonl_only[0].replace('_', '-')} goes with --jsonl"


def _main(argv: list[str]) -> int:
    parser = _parser()
    # Intermixed: files may come before, between and after the options.
    args = parser.parse_intermixed_args(argv)
    warc = args.files[:1] == ["warc"]
    if warc:
        args.files = args.files[1:]
    for problem in _usage_errors(args, warc):
        parser.error(problem)
    try:
        cleaner = Cleaner(Options(
            keep_title=not args.drop_repeated_title,
            languages=tuple(args.languages) if args.languages else None,
            extra_patterns=tuple(args.extra_patterns),
            disable=tuple(args.disable),
            regime=args.regime,
            output_format=args.format if args.format in ("markdown", "html") else "text",
            max_input_bytes=args.max_input_bytes,
            max_warc_body_bytes=args.max_warc_body_bytes,
            time_budget=args.time_budget,
            **_html_options(args),
        ))
        if args.encoding is not None:
            args.encoding = encoding_label(args.encoding)
    except UnboilError as error:
        print(f"unboil: {error}", file=sys.stderr)
        return 2
    if warc:
        return _warc_main(cleaner.options, args)
    out = sys.stdout.buffer
    try:
        if args.jsonl:
            status = jsonl.run(cleaner.options, args.files or ["-"], out, sys.stdin.buffer, jsonl.Settings(
                field=args.field, out_field=args.out_field or "clean_text", on_error=args.on_error or "mark",
                jobs=args.jobs, input=args.input))
            out.flush()
            return status
        status = _clean_files(cleaner.options, args, out)
    except UnboilError as error:
        print(f"unboil: {error}", file=sys.stderr)
        return 2
    return status


#: What a directory contributes: pages and texts, plain or gzip-compressed.
_SUFFIXES = (".html", ".htm", ".xhtml", ".txt")


def _inputs(names: Sequence[str]) -> tuple[list[tuple[str, str]], list[str]]:
    """``(path, relative name)`` of the files named and of the pages and texts
    in the directories named (walked sorted, recursively), and the walked
    entries that are not regular files (a FIFO would block the walk)."""
    inputs: list[tuple[str, str]] = []
    skipped: list[str] = []
    for name in names:
        if name != "-" and os.path.isdir(name):
            for root, dirs, files in os.walk(name):
                dirs.sort()
                for file in sorted(files):
                    if file.lower().removesuffix(".gz").endswith(_SUFFIXES):
                        path = os.path.join(root, file)
                        if os.path.isfile(path):
                            inputs.append((path, os.path.relpath(path, name)))
                        else:
                            skipped.append(path)
        else:
            inputs.append((name, "stdin" if name == "-" else os.path.basename(name)))
    return inputs, skipped


def _read_one(name: str, content: Optional[bytes], limit: Optional[int]) -> bytes:
    """The input's bytes (the file's, when ``content`` is not given),
    decompressed when they are gzip; no more than ``limit`` bytes are read
    or inflated, and an input over it is an :class:`InputTooLargeError`."""
    most = -1 if limit is None else limit + 1
    if content is None:
        with open(name, "rb") as handle:
            content = handle.read(most)
    if name.lower().endswith(".gz") or content.startswith(b"\x1f\x8b"):
        try:
            with gzip.GzipFile(fileobj=io.BytesIO(content)) as inflating:
                content = inflating.read(most)
        except (OSError, EOFError, zlib.error) as error:
            raise InputReadError(f"cannot read {shown(name)}: not valid gzip ({error})") from error
    if limit is not None and len(content) > limit:
        raise InputTooLargeError(f"{shown(name)} is over max_input_bytes ({limit} bytes): not cleaned")
    return content


def _json_record(cleaner: Cleaner, name: str, content: bytes, job: _FileJob) -> str:
    """One input as a JSON object: its text, sizes and, for a page, its metadata."""
    record: dict[str, object] = {"source": shown(name)}
    if job.input == "html" or (job.input == "auto" and looks_like_html(content)):
        document = cleaner.extract(content, encoding=job.encoding)
        record.update(dataclasses.asdict(document))
    else:
        record["text"] = clean_as(cleaner, content, job.input, job.encoding)
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
    encoding: Optional[str] = None


def shown(name: str) -> str:
    """A file name as it can be printed and written as UTF-8: bytes that
    are not UTF-8 (kept by Python as surrogates) as ``\\xff`` escapes."""
    return os.fsencode(name).decode("utf-8", "backslashreplace")


#: File names of WARC archives, which ``unboil warc`` reads.
_WARC_SUFFIXES = (".warc", ".warc.gz", ".arc", ".arc.gz")
#: Openings of what is neither a page nor text, and what each is.
_NOT_TEXT = ((b"%PDF-", "a PDF"), (b"\x89PNG", "a PNG image"), (b"\xff\xd8\xff", "a JPEG image"),
             (b"GIF8", "a GIF image"), (b"PK\x03\x04", "a ZIP archive"), (b"RIFF", "a RIFF file (WebP, WAV)"))


def _warc_file(name: str) -> InputReadError:
    return InputReadError(f"{shown(name)} is a WARC file: clean its pages with 'unboil warc {shown(name)}'")


def _readable(name: str, content: bytes) -> Optional[InputReadError]:
    """Why ``content`` (decompressed) is not cleaned, or ``None`` when it is
    a page or text: a WARC file (which ``unboil warc`` reads), or bytes
    that are no text (a PDF, an image, an archive). A file named as a WARC
    is not read at all (:func:`_clean_file`)."""
    if content.startswith(b"WARC/"):
        return _warc_file(name)
    what = next((kind for magic, kind in _NOT_TEXT if content.startswith(magic)), None)
    if what is None and _core.sniff(content) == "binary":
        what = "binary data"
    return None if what is None else InputReadError(f"{shown(name)} is {what}, neither a page nor text: not cleaned")


def _clean_file(job: _FileJob, cleaner: Cleaner, item: tuple[str, Optional[bytes]]) -> Union[str, UnboilError]:
    """One input's result: ``item`` is its name and, for standard input, its
    content (a file is read by the worker)."""
    name, given = item
    if given is None and name.lower().endswith(_WARC_SUFFIXES):
        return _warc_file(name)  # not read: the name says what it is
    try:
        content = _read_one(name, given, cleaner.options.max_input_bytes)
    except (InputReadError, InputTooLargeError) as error:
        return error
    except OSError as error:
        return InputReadError(f"cannot read {shown(name)}: {error.strerror or error}")
    unreadable = _readable(name, content)
    if unreadable is not None:
        return unreadable
    if job.format == "json":
        return _json_record(cleaner, name, content, job)
    return _render(cleaner, content, job)


class _UsageError(UnboilError):
    """Arguments that cannot be carried out as given (exit status 2)."""


def _targets(inputs: Sequence[tuple[str, str]], output: str, suffix: str) -> list[str]:
    """The file each input is written to under ``output``; two inputs that
    would be written to one file are a usage error (the second would
    overwrite the first)."""
    targets: list[str] = []
    first: dict[str, str] = {}
    for name, relative in inputs:
        target = os.path.join(output, relative.removesuffix(".gz").removesuffix(".GZ") + suffix)
        if target in first:
            raise _UsageError(f"{shown(first[target])} and {shown(name)} would both be written to "
                             f"{shown(target)}: clean them into different folders")
        first[target] = name
        targets.append(target)
    return targets


def _clean_files(options: Options, args: argparse.Namespace, out: BinaryIO) -> int:
    job = _FileJob(args.format, args.input, args.explain, args.encoding)
    inputs, skipped = _inputs(args.files or ["-"])
    suffix = {"json": ".json", "markdown": ".md", "html": ".html"}.get(args.format, ".txt")
    targets = _targets(inputs, args.output, suffix) if args.output is not None else None
    status = 0
    for name in skipped:
        print(f"unboil: {shown(name)} is not a regular file (a FIFO, a socket, a device): not read", file=sys.stderr)
        status = 1
    # Standard input read up to the limit: the check sees it is over.
    most = -1 if options.max_input_bytes is None else options.max_input_bytes + 1
    items = [(name, sys.stdin.buffer.read(most) if name == "-" else None) for name, _ in inputs]
    # One input: no workers to start.
    jobs = 1 if len(items) == 1 else args.jobs
    work = functools.partial(_clean_file, job)
    results = _progress(_procs.ordered_map(work, items, jobs, options), len(inputs), args.quiet)
    first = True
    for index, ((name, _), result) in enumerate(zip(inputs, results)):
        if isinstance(result, UnboilError):
            named = isinstance(result, (InputReadError, InputTooLargeError))
            message = str(result) if named else f"{shown(name)}: {result}"
            print(f"unboil: {message}", file=sys.stderr)
            status = 1
        elif targets is not None:
            target = targets[index]
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
