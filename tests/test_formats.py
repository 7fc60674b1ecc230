"""Markdown and HTML output: what a CommonMark/GFM parser reads back from
the Markdown is the text output (same visible text, link targets those of
the HTML output, table cells in their columns), and the HTML output holds
only its safe elements and attributes; over the golden pages and every
page of both benches."""

from __future__ import annotations

import gzip
import subprocess
import sys
import urllib.parse
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from markdown_it.token import Token
from selectolax.lexbor import LexborHTMLParser

import unboil
from conftest import GOLDEN

PARSER = MarkdownIt("commonmark").enable(["table", "strikethrough"])
URL = "https://example.com/dir/page.html"
ALLOWED_TAGS = {
    "h1", "h2", "h3", "h4", "h5", "h6", "p", "ul", "ol", "li", "table", "tr", "th", "td", "pre", "code",
    "blockquote", "a", "img", "em", "strong", "br",
}  # fmt: skip
# What the parser reading the output back adds by itself.
IMPLIED_TAGS = {"html", "head", "body", "tbody", "-text"}


def words(text: str) -> str:
    return " ".join(text.split())


def visible(tokens: list[Token]) -> str:
    """The text a reader sees in parsed Markdown (images aside)."""
    out: list[str] = []
    for token in tokens:
        if token.type == "inline":
            for child in token.children or []:
                if child.type in ("text", "code_inline"):
                    out.append(child.content)
                elif child.type in ("softbreak", "hardbreak"):
                    out.append(" ")
        elif token.type in ("fence", "code_block"):
            out.append(token.content)
        out.append(" ")
    return words("".join(out))


def markdown_links(tokens: list[Token]) -> list[str]:
    return [
        urllib.parse.unquote(str(child.attrs["href"]))
        for token in tokens
        if token.type == "inline"
        for child in token.children or []
        if child.type == "link_open"
    ]


def markdown_tables(tokens: list[Token]) -> list[list[list[str]]]:
    tables: list[list[list[str]]] = []
    row: list[str] = []
    in_cell = False
    for token in tokens:
        if token.type == "table_open":
            tables.append([])
        elif token.type == "tr_open":
            row = []
        elif token.type == "tr_close":
            tables[-1].append(row)
        elif token.type in ("th_open", "td_open"):
            in_cell = True
            row.append("")
        elif token.type in ("th_close", "td_close"):
            in_cell = False
        elif token.type == "inline" and in_cell:
            row[-1] = visible([token])
    return tables


def html_tables(tree: LexborHTMLParser) -> list[list[list[str]]]:
    tables = [[[words(c.text(deep=True)) for c in tr.css("th, td")] for tr in t.css("tr")] for t in tree.css("table")]
    # A table of one column is written as paragraphs in Markdown.
    return [t for t in tables if max((len(r) for r in t), default=0) > 1]


def problems(page: bytes, **options: Any) -> list[str]:
    """What reading the page's Markdown and HTML back finds wrong."""
    text = unboil.Cleaner(**options).extract(page, URL).text
    markdown = unboil.Cleaner(output_format="markdown", **options).extract(page, URL).text
    html = unboil.Cleaner(output_format="html", **options).extract(page, URL).text
    tokens = PARSER.parse(markdown)
    found = []
    if visible(tokens) != words(text):
        a, b = visible(tokens), words(text)
        at = next((i for i, (x, y) in enumerate(zip(a, b)) if x != y), min(len(a), len(b)))
        found.append(f"visible text: markdown {a[at - 60:at + 60]!r}, text {b[at - 60:at + 60]!r}")
    tree = LexborHTMLParser(html.replace("<br>", " "))
    nodes = list(tree.body.traverse()) if tree.body else []
    hrefs = [urllib.parse.unquote(a.attributes.get("href") or "") for a in tree.css("a")]
    if markdown_links(tokens) != hrefs:
        found.append(f"links: markdown {markdown_links(tokens)[:5]}, html {hrefs[:5]}")
    cells, html_cells = markdown_tables(tokens), html_tables(tree)
    # GFM gives a short row the table's width: compare the cells the HTML has.
    trimmed = [[r[: len(h)] for r, h in zip(t, ht)] for t, ht in zip(cells, html_cells)]
    if len(cells) != len(html_cells) or trimmed != html_cells:
        found.append(f"tables: markdown {cells[:1]!r:.200}, html {html_cells[:1]!r:.200}")
    tags = {node.tag for node in nodes} - ALLOWED_TAGS - IMPLIED_TAGS
    attributes = {name for node in nodes for name in (node.attributes or {})} - {"href", "src", "alt"}
    schemes = {
        urllib.parse.urlsplit(str(value)).scheme
        for node in nodes
        for name, value in (node.attributes or {}).items()
        if name in ("href", "src")
    } - {"http", "https", "mailto", "tel"}
    if tags or attributes or schemes:
        found.append(f"html: tags {tags}, attributes {attributes}, schemes {schemes}")
    return found


GOLDEN_PAGES = sorted((GOLDEN / "html").glob("*.html"))


@pytest.mark.parametrize("path", GOLDEN_PAGES, ids=[p.stem for p in GOLDEN_PAGES])
@pytest.mark.parametrize("options", [{}, {"include_images": True, "include_title": True}], ids=["default", "images"])
def test_golden_pages_read_back(path: Path, options: dict[str, Any]) -> None:
    assert problems(path.read_bytes(), **options) == []


@pytest.mark.quality
@pytest.mark.parametrize("bench", ["scrapinghub", "wcxb-dev"])
def test_bench_pages_read_back(shared: Path, bench: str) -> None:
    pages = sorted((shared / "bench" / bench / "html").glob("*.html.gz"))
    assert len(pages) > 100
    failures = {p.name: found for p in pages if (found := problems(gzip.decompress(p.read_bytes())))}
    assert failures == {}


STRUCTURED = """<html><head><base href="https://news.example.org/2024/"></head><body><article>
<h1>The council approves the budget</h1>
<p>The city council approved the new budget on <em>Tuesday</em>, after a debate that lasted
<strong>most of the night</strong>; read <a href="report.html">the full report</a> or
<a href="javascript:alert(1)">this</a>.</p>
<figure><img src="/img/chamber.jpg" alt="The chamber"><figcaption>Photo: staff</figcaption></figure>
<p>The mayor said the plan would fund three new schools and repair the old bridge over the river.</p>
<pre><code class="language-python">print("budget")</code></pre>
<p>Opposition members said the cost of the bridge had been underestimated and asked for an audit.</p>
<table><tr><th>Item</th><th>Cost</th></tr><tr><td>Schools</td><td>$3 million</td></tr></table>
<p>The audit is due in the spring, and the council will vote again on the bridge after it.</p>
</article></body></html>"""


@pytest.mark.parametrize(
    ("options", "present", "absent"),
    [
        (
            {"output_format": "markdown"},
            ["*Tuesday*", "**most of the night**", "[the full report](https://news.example.org/2024/report.html)",
             " or this.", "| Item | Cost |\n| --- | --- |\n| Schools | $3 million |", '```python\nprint("budget")\n```'],
            ["javascript", "![", "<"],
        ),
        (
            {"output_format": "markdown", "include_links": False, "include_formatting": False},
            ["on Tuesday, after", "read the full report or"],
            ["](", "*"],
        ),
        (
            {"output_format": "markdown", "include_images": True, "include_tables": False},
            ["![The chamber](https://news.example.org/img/chamber.jpg)"],
            ["Schools", "| --- |"],
        ),
        (
            {"output_format": "html", "include_images": True},
            ["<em>Tuesday</em>", '<a href="https://news.example.org/2024/report.html">the full report</a>',
             '<img src="https://news.example.org/img/chamber.jpg" alt="The chamber">',
             "<tr><th>Item</th><th>Cost</th></tr>", '<pre><code>print("budget")</code></pre>'],
            ["javascript", "class=", "<figure", "<article"],
        ),
        ({"output_format": "text", "include_tables": False}, ["most of the night"], ["Schools", "[", "*"]),
    ],
    ids=["markdown", "no-links-no-formatting", "images-no-tables", "html", "text-no-tables"],
)  # fmt: skip
def test_include_options(options: dict[str, Any], present: list[str], absent: list[str]) -> None:
    out = unboil.clean_html(STRUCTURED, **options)
    for piece in present:
        assert piece in out, f"{piece!r} missing from\n{out}"
    for piece in absent:
        assert piece not in out, f"{piece!r} in\n{out}"


def test_command_line_formats(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_text(STRUCTURED, encoding="utf-8")
    for flags, want in [
        (["--format", "html", "--images"], unboil.clean_html(STRUCTURED, output_format="html", include_images=True)),
        (["--format", "markdown", "--no-links"], unboil.clean_html(STRUCTURED, output_format="markdown", include_links=False)),
        (["--no-tables"], unboil.clean_html(STRUCTURED, include_tables=False)),
    ]:  # fmt: skip
        done = subprocess.run([sys.executable, "-m", "unboil", *flags, str(page)], capture_output=True, check=True)
        assert done.stdout.decode("utf-8").rstrip("\n") == want
    done = subprocess.run([sys.executable, "-m", "unboil", "--format", "html", "-o", str(tmp_path / "out"), str(page)],
                          capture_output=True, check=True)  # fmt: skip
    assert (tmp_path / "out" / "page.html.html").read_text(encoding="utf-8").startswith("<p>The city council")


# Generated pages: blocks of every kind, inline markup nested three deep,
# words Markdown would misread, links of every scheme, images and breaks.
WORDS = st.sampled_from([
    "council", "budget", "a", "the", "x_y", "*", "#", "1.", "-", "[b]", "<", "&amp;", "&lt;", "`code`", "|", "!",
    "~", "_", "C#", "snake_case", "2024.", "+", "=", ">", "\\", "...", "…", "“q”", "é", "漢字",
])  # fmt: skip


def inline(depth: int) -> st.SearchStrategy[str]:
    text = st.lists(WORDS, min_size=1, max_size=4).map(" ".join)
    if depth == 0:
        return text
    sub = inline(depth - 1)
    tags = st.sampled_from(["em", "strong", "b", "i", "code", "s", "span"])
    hrefs = st.sampled_from(["/a", "b.html", "javascript:x()", "#f", "mailto:a@b.c"])
    return st.one_of(
        text,
        st.tuples(tags, st.lists(sub, min_size=1, max_size=3), st.sampled_from(["", " "])).map(
            lambda t: f"<{t[0]}>{t[2]}{''.join(t[1])}</{t[0]}>"
        ),
        st.tuples(hrefs, st.lists(sub, min_size=1, max_size=2)).map(lambda t: f'<a href="{t[0]}">{" ".join(t[1])}</a>'),
        st.just("<br>"),
        st.just('<img src="/i.png" alt="pic">'),
    )


PARAGRAPH = st.lists(inline(3), min_size=1, max_size=5).map(lambda xs: "<p>" + " ".join(xs) + "</p>")
LIST = st.tuples(st.sampled_from(["ul", "ol"]), st.lists(inline(2), min_size=1, max_size=4)).map(
    lambda t: f"<{t[0]}>" + "".join(f"<li>{x}</li>" for x in t[1]) + f"</{t[0]}>"
)
TABLE = st.lists(st.lists(inline(1), min_size=1, max_size=3), min_size=1, max_size=3).map(
    lambda rows: "<table>" + "".join("<tr>" + "".join(f"<td>{c}</td>" for c in r) + "</tr>" for r in rows) + "</table>"
)
QUOTE = PARAGRAPH.map(lambda p: f"<blockquote>{p}</blockquote>")
PRE = st.lists(WORDS, min_size=1, max_size=6).map(lambda ws: "<pre><code>" + "\n".join(ws) + "</code></pre>")
PROSE = "<p>The city council approved the new budget on Tuesday, after a debate that lasted most of the night.</p>"


@settings(max_examples=200, deadline=None)
@given(st.lists(st.one_of(PARAGRAPH, LIST, TABLE, QUOTE, PRE), min_size=1, max_size=6), st.booleans())
def test_generated_pages_read_back(blocks: list[str], images: bool) -> None:
    page = f"<html><body><article>{PROSE}{''.join(blocks)}{PROSE}</article></body></html>"
    assert problems(page.encode(), include_images=images) == []
