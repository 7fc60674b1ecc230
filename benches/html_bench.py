"""Main-content extraction from HTML: unboil beside trafilatura, resiliparse and a floor.

Runs each extractor over the pages of a shared bench
(``../shared/bench/BENCH/html/*.html.gz``: scrapinghub's 181 news pages,
wcxb-dev's 1291 pages of seven types; the raw gunzipped bytes, as a
crawler would have them, all read into memory before any timing), scores the
text it returns with ``../shared/score.py`` against ``ground-truth.json``, and
prints one row per extractor (and, for wcxb-dev, F1 by page type):

- F1 / precision / recall of one pass's outputs (the published benchmark's
  metric, so the figures compare with its table);
- pages/s and MB/s of input, single thread: ``--passes N`` full passes of each
  extractor, interleaved (pass 1 of each, then pass 2 of each, ..., the order
  rotating each pass) so machine noise hits all alike, median pass reported;
- the pages/s ratio to trafilatura, to resiliparse and to the floor;
- peak RSS in MiB, measured apart: each extractor does one pass in a fresh
  subprocess of its own (``--worker NAME``), so the figure is that extractor's
  alone; it includes the interpreter and the pages in memory, whose share is
  printed below the table (a worker that loads the pages and extracts nothing).
- then what unboil judged of the pages (``unboil.extract``, not timed): the
  page type's accuracy against the bench's labels (wcxb-dev), and
  ``Document.confidence`` in bins against the mean F1 of their pages.

Extractors (each bytes -> str):

- unboil: ``unboil.clean_html(page)``, the page read once, by the core;
- unboil-prune: ``unboil.Cleaner(prune=["nav", "footer"]).clean_html``, the
  cost of user selectors (the core parses the page and writes its tree
  back, selectolax parses that, prunes and serialises it, the core reads it);
- unboil-lexbor: the path pages took before the core parsed them: the bytes
  parsed (and decoded) by selectolax (Lexbor) and serialised, the
  serialisation cleaned by ``unboil.clean_html`` (for the F1 of the old
  path beside the new, same run);
- trafilatura: ``trafilatura.extract(page, include_comments=False)``, the call
  of the published benchmark, None read as "";
- resiliparse: ``extract_plain_text(HTMLTree.parse_from_bytes(page,
  detect_encoding(page) or "utf-8"), main_content=True, comments=False)``;
- floor: selectolax (lexbor) parse of the bytes read as UTF-8, ``script`` and
  ``style`` dropped, the body's visible text: the do-nothing-ish baseline.

An extractor that cannot be imported is listed as unavailable (with the
reason) and the exit status is 1.

``--growth`` instead measures the cost growth of ``unboil.clean_html`` on one
big page: the ``<body>`` contents of the benchmark pages, one after another
(cycling through them as often as needed), inside one html/body, at ~1 MB,
~10 MB and up to ``--growth-max`` MB by tenfolds (median of 3 runs below
100 MB, one run from 100 MB). Time should grow ~10x per row.

    python benches/html_bench.py [--bench NAME[,NAME]] [--passes N] [--only NAME[,NAME]] [--per-doc] [--save DIR]
    python benches/html_bench.py --growth [--growth-max 100]

``--save DIR`` writes DIR/BENCH/NAME.json per extractor, ready for
``python ../shared/score.py ../shared/bench/BENCH/ground-truth.json DIR/BENCH/NAME.json``.
"""

from __future__ import annotations

import argparse
import gc
import gzip
import json
import re
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any, Callable

from text_quality import BENCHES, SHARED, load_scorer, load_truth, load_types

Extractor = Callable[[bytes], str]

NAMES = ("unboil", "unboil-prune", "unboil-lexbor", "trafilatura", "resiliparse", "floor")
RATIO_TO = ("trafilatura", "resiliparse", "floor")
WORST = 15


# --- extractors -------------------------------------------------------------


def make_unboil() -> Extractor:
    import unboil

    return unboil.clean_html


def make_unboil_prune() -> Extractor:
    import unboil

    return unboil.Cleaner(prune=["nav", "footer"]).clean_html


def make_unboil_lexbor() -> Extractor:
    from selectolax.lexbor import LexborHTMLParser

    import unboil

    cleaner = unboil.Cleaner()

    def extract(page: bytes) -> str:
        return cleaner.clean_html(LexborHTMLParser(page, scripting=True).html or "")

    return extract


def make_trafilatura() -> Extractor:
    import trafilatura

    def extract(page: bytes) -> str:
        return trafilatura.extract(page, include_comments=False) or ""

    return extract


def make_resiliparse() -> Extractor:
    from resiliparse.extract.html2text import extract_plain_text
    from resiliparse.parse.encoding import detect_encoding
    from resiliparse.parse.html import HTMLTree

    def extract(page: bytes) -> str:
        # detect_encoding may find none: parse_from_bytes's own default then.
        tree = HTMLTree.parse_from_bytes(page, detect_encoding(page) or "utf-8")
        return extract_plain_text(tree, main_content=True, comments=False)

    return extract


def make_floor() -> Extractor:
    from selectolax.lexbor import LexborHTMLParser

    def extract(page: bytes) -> str:
        tree = LexborHTMLParser(page.decode("utf-8", errors="replace"))
        for node in tree.css("script, style"):
            node.decompose()
        body = tree.body
        return body.text(separator="\n") if body is not None else ""

    return extract


FACTORIES: dict[str, Callable[[], Extractor]] = {
    "unboil": make_unboil,
    "unboil-prune": make_unboil_prune,
    "unboil-lexbor": make_unboil_lexbor,
    "trafilatura": make_trafilatura,
    "resiliparse": make_resiliparse,
    "floor": make_floor,
}


def build(names: list[str]) -> tuple[dict[str, Extractor], dict[str, str]]:
    """The extractors that import, and the reason for each one that does not."""
    built: dict[str, Extractor] = {}
    broken: dict[str, str] = {}
    for name in names:
        try:
            built[name] = FACTORIES[name]()
        except Exception as error:  # an import that fails is reported, not fatal
            broken[name] = f"{type(error).__name__}: {error}".splitlines()[0]
    return built, broken


# --- data -------------------------------------------------------------------


def load_pages(truth: dict[str, dict[str, str]], bench: str = "scrapinghub") -> dict[str, bytes]:
    """Raw page bytes by document id, every id of the ground truth."""
    pages = {}
    for doc in sorted(truth):
        with gzip.open(BENCHES[bench] / "html" / f"{doc}.html.gz", "rb") as handle:
            pages[doc] = handle.read()
    return pages


def page_copies(copies: int) -> dict[str, bytes]:
    """Every benchmark page ``copies`` times over, by ``doc-copy`` id."""
    pages = load_pages(load_truth())
    return {f"{doc}-{copy}": page for doc, page in pages.items() for copy in range(copies)}


def peak_rss_mib() -> float:
    """Peak RSS of this process image.

    On Linux this is VmHWM: ``ru_maxrss`` would also count the parent's RSS,
    which a child inherits through fork and exec.
    """
    try:
        with open("/proc/self/status", encoding="ascii") as handle:
            for line in handle:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / 2**20 if sys.platform == "darwin" else peak / 1024  # bytes on macOS, KiB elsewhere


# --- timing -----------------------------------------------------------------


def run_pass(extract: Extractor, pages: list[bytes]) -> tuple[float, list[str], int]:
    """Seconds of one pass over ``pages``, the outputs, and how many pages raised."""
    outputs: list[str] = []
    errors = 0
    gc.collect()
    start = time.perf_counter()
    for page in pages:
        try:
            outputs.append(extract(page))
        except Exception:
            outputs.append("")
            errors += 1
    return time.perf_counter() - start, outputs, errors


def interleaved(
    extractors: dict[str, Extractor], pages: list[bytes], passes: int
) -> tuple[dict[str, list[float]], dict[str, list[str]], dict[str, int]]:
    """Per-pass seconds, first-pass outputs and error counts of each extractor."""
    names = list(extractors)
    seconds: dict[str, list[float]] = {name: [] for name in names}
    outputs: dict[str, list[str]] = {}
    errors: dict[str, int] = {}
    for number in range(passes):
        shift = number % len(names)
        for name in names[shift:] + names[:shift]:
            took, texts, failed = run_pass(extractors[name], pages)
            seconds[name].append(took)
            if name not in outputs:
                outputs[name], errors[name] = texts, failed
            print(f"  pass {number + 1}/{passes} {name:<12} {took:7.2f} s", file=sys.stderr, flush=True)
    return seconds, outputs, errors


def worker(name: str, bench: str) -> int:
    """One pass of ``name`` (or of nothing, for ``none``) in this process; JSON on stdout."""
    pages = list(load_pages(load_truth(bench), bench).values())
    report: dict[str, Any] = {"name": name}
    if name != "none":
        extract = FACTORIES[name]()
        report["seconds"], _, report["errors"] = run_pass(extract, pages)
    report["peak_rss_mib"] = peak_rss_mib()
    print(json.dumps(report))
    return 0


def measure_rss(name: str, bench: str) -> float | None:
    """Peak RSS of a fresh process that does one pass of ``name``."""
    command = [sys.executable, str(Path(__file__).resolve()), "--worker", name, "--bench", bench]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        print(f"worker {name} failed: {done.stderr.strip().splitlines()[-1:] or done.returncode}", file=sys.stderr)
        return None
    return float(json.loads(done.stdout.strip().splitlines()[-1])["peak_rss_mib"])


# --- quality ----------------------------------------------------------------


def doc_prf(tp: float, fp: float, fn: float) -> tuple[float, float, float]:
    """F1, precision, recall of one document, with score.py's conventions."""
    if fp == fn == 0:
        return 1.0, 1.0, 1.0
    precision = 0.0 if tp == fp == 0 else tp / (tp + fp)
    recall = 0.0 if tp == fn == 0 else tp / (tp + fn)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return f1, precision, recall


#: The bins of ``Document.confidence`` that ``judged`` prints.
CONFIDENCE_BINS = (0.0, 0.2, 0.4, 0.6, 0.8, 1.0)


def judged(payload: list[bytes], docs: list[str], types: dict[str, str], per_doc: dict[str, Any]) -> None:
    """What unboil judged of each page (``unboil.extract``, not timed): the
    page type's accuracy against the bench's labels, and the pages of each
    confidence bin against the mean F1 of their text."""
    import unboil

    documents = [unboil.extract(page) for page in payload]
    if types:
        labelled = [(d.page_type, types[doc]) for d, doc in zip(documents, docs) if doc in types]
        kinds = sorted({want for _, want in labelled})
        right = {kind: [got == want for got, want in labelled if want == kind] for kind in kinds}
        print(f"page type judged: accuracy {sum(got == want for got, want in labelled) / len(labelled):.3f} (" + ", ".join(f"{kind} {sum(r) / len(r):.3f}" for kind, r in right.items()) + ")")
    f1 = [doc_prf(*per_doc[doc])[0] for doc in docs]
    print(f"confidence: {'bin':<10} {'pages':>6} {'share':>6} {'mean F1':>8}")
    edges = CONFIDENCE_BINS
    for lo, hi in zip(edges, edges[1:]):
        last = hi == edges[-1]
        scores = [f for d, f in zip(documents, f1) if lo <= d.confidence and (d.confidence < hi or last)]
        if scores:
            print(f"            [{lo:.1f}, {hi:.1f}{']' if last else ')'} {len(scores):6d} {len(scores) / len(docs):6.2f} {statistics.mean(scores):8.3f}")


# --- growth -----------------------------------------------------------------

_BODY_OPEN = re.compile(rb"<body\b[^>]*>", re.IGNORECASE)
_BODY_CLOSE = re.compile(rb"</body\s*>", re.IGNORECASE)


def body_inner(page: bytes) -> str:
    """What is between ``<body ...>`` and the last ``</body>``, read as UTF-8 ("" without a body tag)."""
    opening = _BODY_OPEN.search(page)
    if opening is None:
        return ""
    closings = list(_BODY_CLOSE.finditer(page, opening.end()))
    end = closings[-1].start() if closings else len(page)
    return page[opening.end() : end].decode("utf-8", errors="replace")


def big_page(bodies: list[bytes], megabytes: float) -> bytes:
    """One html/body holding page bodies one after another, cycling, until ``megabytes`` MB."""
    head = b'<!DOCTYPE html>\n<html><head><meta charset="utf-8"><title>unboil growth</title></head><body>\n'
    tail = b"\n</body></html>\n"
    target = int(megabytes * 1e6)
    parts = [head]
    size = len(head) + len(tail)
    index = 0
    while size < target:
        body = bodies[index % len(bodies)]
        parts.append(body)
        size += len(body)
        index += 1
    parts.append(tail)
    return b"".join(parts)


def growth(limit: float) -> int:
    import unboil

    # Past the default limits (64 MiB, 30 s): this measures the cost itself.
    extract = unboil.Cleaner(max_input_bytes=None, time_budget=None).clean_html
    pages = load_pages(load_truth())
    bodies = [inner.encode("utf-8") + b"\n" for inner in map(body_inner, pages.values()) if inner.strip()]
    print(f"cost growth of unboil.clean_html on one page of {len(bodies)} page bodies repeated")
    print(f"{'target':>8} {'MB':>8} {'runs':>4} {'seconds':>9} {'MB/s':>7} {'x previous':>10} {'x size':>7} {'out MB':>7}")
    previous: tuple[float, int] | None = None
    megabytes = 1.0
    while megabytes <= limit + 1e-9:
        page = big_page(bodies, megabytes)
        runs = 3 if megabytes < 100 else 1
        times = []
        out = ""
        for _ in range(runs):
            gc.collect()
            start = time.perf_counter()
            out = extract(page)
            times.append(time.perf_counter() - start)
        seconds = statistics.median(times)
        step = f"{seconds / previous[0]:10.1f}" if previous else f"{'':>10}"
        scale = f"{len(page) / previous[1]:7.1f}" if previous else f"{'':>7}"
        print(
            f"{f'~{megabytes:g} MB':>8} {len(page) / 1e6:8.1f} {runs:4d} {seconds:9.3f} {len(page) / 1e6 / seconds:7.1f} "
            f"{step} {scale} {len(out.encode('utf-8')) / 1e6:7.2f}",
            flush=True,
        )
        previous = (seconds, len(page))
        del page, out
        megabytes *= 10
    print(f"peak RSS of this run: {peak_rss_mib():.0f} MiB")
    return 0


# --- main -------------------------------------------------------------------


def parse_names(value: str, known: tuple[str, ...], what: str) -> list[str]:
    names = [name.strip() for name in value.split(",") if name.strip()]
    unknown = [name for name in names if name not in known]
    if unknown or not names:
        raise argparse.ArgumentTypeError(f"unknown {what} {', '.join(unknown) or '(none)'}; choose from {', '.join(known)}")
    return [name for name in known if name in names]


def run_bench(bench: str, args: argparse.Namespace, extractors: dict[str, Extractor], broken: dict[str, str]) -> None:
    scorer, truth = load_scorer(), load_truth(bench)
    types = load_types(bench)
    pages = load_pages(truth, bench)
    docs = list(pages)
    payload = list(pages.values())
    megabytes = sum(map(len, payload)) / 1e6
    print(f"\n{bench}: {len(docs)} pages, {megabytes:.1f} MB of HTML from {BENCHES[bench] / 'html'}", flush=True)
    print(f"speed: {args.passes} interleaved passes each, median, single thread", flush=True)

    seconds, outputs, errors = interleaved(extractors, payload, args.passes)
    speed = {name: len(payload) / statistics.median(runs) for name, runs in seconds.items()}
    rss: dict[str, float | None] = {}
    base: float | None = None
    if not args.no_rss and extractors:
        base = measure_rss("none", bench)
        rss = {name: measure_rss(name, bench) for name in extractors}

    ratio_heads = " ".join(f"{'/' + name[:5]:>7}" for name in RATIO_TO)
    print(f"{'extractor':<14} {'F1':>6} {'prec':>6} {'recall':>6} {'pages/s':>8} {'MB/s':>6} {ratio_heads} {'RSS MiB':>8} {'empty':>6} {'errors':>6}")
    tables: dict[str, dict[str, Any]] = {}
    for name in args.only:
        if name in broken:
            print(f"{name:<14} unavailable: {broken[name]}")
            continue
        pred = {doc: {"articleBody": text} for doc, text in zip(docs, outputs[name])}
        table = tables[name] = scorer.f1_table(truth, pred)
        ratios = " ".join(f"{speed[name] / speed[other]:7.2f}" if other in speed else f"{'n/a':>7}" for other in RATIO_TO)
        memory = rss.get(name)
        empty = sum(1 for text in outputs[name] if not text.strip())
        print(
            f"{name:<14} {table['f1']:6.3f} {table['precision']:6.3f} {table['recall']:6.3f} "
            f"{speed[name]:8.1f} {megabytes * speed[name] / len(payload):6.2f} {ratios} "
            f"{f'{memory:.0f}' if memory is not None else 'n/a':>8} {empty:6d} {errors[name]:6d}"
        )
        if args.save:
            (args.save / bench).mkdir(parents=True, exist_ok=True)
            (args.save / bench / f"{name}.json").write_text(json.dumps(pred, ensure_ascii=False), encoding="utf-8")
    if base is not None:
        print(f"RSS of a worker that only loads the pages: {base:.0f} MiB (included in each RSS figure)")
    if types and tables:
        kinds = sorted(set(types.values()), key=lambda k: (-list(types.values()).count(k), k))
        print(f"F1 by page type ({', '.join(f'{k} {list(types.values()).count(k)}' for k in kinds)}):")
        print(f"  {'extractor':<14} " + " ".join(f"{kind[:9]:>9}" for kind in kinds))
        for name, table in tables.items():
            cells = []
            for kind in kinds:
                subset = {doc: truth[doc] for doc in docs if types.get(doc) == kind}
                sub_pred = {doc: {"articleBody": outputs[name][docs.index(doc)]} for doc in subset}
                cells.append(f"{scorer.f1_table(subset, sub_pred)['f1']:9.3f}")
            print(f"  {name:<14} " + " ".join(cells))

    if "unboil" in tables:
        judged(payload, docs, types, tables["unboil"]["per_doc"])

    if args.per_doc:
        if "unboil" not in tables:
            print("--per-doc needs unboil in the run", file=sys.stderr)
        else:
            print(f"{WORST} worst unboil documents:")
            print(f"  {'id':<64} {'F1':>6} {'prec':>6} {'recall':>6}  url")
            rows = sorted((doc_prf(*scores), doc) for doc, scores in tables["unboil"]["per_doc"].items())
            for (f1, precision, recall), doc in rows[:WORST]:
                print(f"  {doc:<64} {f1:6.3f} {precision:6.3f} {recall:6.3f}  {truth[doc].get('url', '')}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--bench", type=lambda v: parse_names(v, tuple(BENCHES), "bench"), default=list(BENCHES), metavar="NAME[,NAME]", help=f"benches to run ({', '.join(BENCHES)}; default both)")
    parser.add_argument("--passes", type=int, default=5, help="timed passes per extractor, median reported (default 5)")
    parser.add_argument("--only", type=lambda v: parse_names(v, NAMES, "extractor"), default=list(NAMES), metavar="NAME[,NAME]", help=f"run these extractors only ({', '.join(NAMES)})")
    parser.add_argument("--per-doc", action="store_true", help=f"also list the {WORST} worst unboil documents")
    parser.add_argument("--save", type=Path, metavar="DIR", help="write each extractor's predictions as DIR/BENCH/NAME.json")
    parser.add_argument("--no-rss", action="store_true", help="skip the per-extractor peak RSS subprocesses")
    parser.add_argument("--growth", action="store_true", help="measure unboil's cost growth on one big page instead")
    parser.add_argument("--growth-max", type=float, default=10, metavar="MB", help="largest growth page, in MB (default 10; 100 adds a ~100 MB page)")
    parser.add_argument("--worker", choices=(*NAMES, "none"), help="internal: one pass in this process, peak RSS as JSON")
    args = parser.parse_args()
    if args.passes < 1:
        parser.error("--passes must be at least 1")
    if args.worker:
        return worker(args.worker, args.bench[0])
    if args.growth:
        return growth(args.growth_max)
    extractors, broken = build(args.only)
    for bench in args.bench:
        run_bench(bench, args, extractors, broken)
    if args.save:
        print(f"predictions written to {args.save}/BENCH/NAME.json; score one with: python {SHARED / 'score.py'} {SHARED / 'bench'}/BENCH/ground-truth.json {args.save}/BENCH/NAME.json")
    return 1 if broken else 0


if __name__ == "__main__":
    sys.exit(main())
