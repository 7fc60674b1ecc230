"""The core reads pages as a browser does: the text its document tree holds
agrees with the tree Lexbor (a browser-grade HTML5 parser, through
selectolax) builds, on every page of the shared benches and on generated
tag soup.

Both trees are read the same way: every text node in document order,
except those inside elements whose text is not shown (script, style,
template, noscript, noframes, noembed, iframe), one line each; text nodes
that only a comment separates are one (the core keeps no comments).
"""

from __future__ import annotations

import gzip
import sys
from pathlib import Path
from typing import Any, Optional

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from selectolax.lexbor import LexborHTMLParser

from unboil import _core
from conftest import ROOT

sys.path.insert(0, str(ROOT / "benches"))
import text_quality  # noqa: E402

#: Elements whose text is not shown.
HIDDEN = {"script", "style", "template", "noscript", "noframes", "noembed", "iframe"}
#: Per-page agreement asked for (score.py's shingle F1).
MIN_F1 = 0.99


def lexbor_text(page: str) -> str:
    """The text nodes of Lexbor's tree, as the module says."""
    tree = LexborHTMLParser(page, scripting=True)
    lines: list[str] = []
    joined = False  # the last node was text, or a comment after text
    stack: list[Any] = [tree.root]
    while stack:
        node = stack.pop()
        if node is _END:
            joined = False
            continue
        if node is None:
            continue
        stack.append(node.next)
        tag = node.tag or ""
        if tag == "-text":
            text = node.text_content or ""
            if joined:
                lines[-1] += text
            else:
                lines.append(text)
            joined = True
        elif node.is_element_node:  # comments, doctypes, processing instructions: the text around joins
            joined = False
            if tag.lower() not in HIDDEN:
                # Its children come next, then the end of it, then its siblings.
                stack.append(_END)
                stack.append(node.child)
    return "\n".join(lines)


#: Ends an element's children in :func:`lexbor_text`'s walk.
_END = object()


def core_text(page: str) -> str:
    """The text nodes of the core's tree (its outline: `(depth, node)` rows)."""
    lines: list[str] = []
    hidden_below: Optional[int] = None
    for depth, node in _core._debug_tree(page):
        if hidden_below is not None and depth > hidden_below:
            continue
        hidden_below = None
        if node.startswith("<"):
            if node[1:-1].split(" ")[-1] in HIDDEN:
                hidden_below = depth
        else:
            lines.append(node[1:-1])
    return "\n".join(lines)


def page_f1(page: str) -> float:
    scorer = text_quality.load_scorer()
    tp, fp, fn = scorer.doc_scores(lexbor_text(page), core_text(page))
    return 1.0 if fp == fn == 0 else 2 * tp / (2 * tp + fp + fn)


def bench_pages() -> list[tuple[str, Path]]:
    shared = text_quality.SHARED / "bench"
    return [(f"{bench}/{path.name}", path) for bench in ("scrapinghub", "wcxb-dev") for path in sorted((shared / bench / "html").glob("*.html.gz"))]


@pytest.mark.quality
def test_every_bench_page_agrees_with_lexbor(shared: Path) -> None:
    pages = bench_pages()
    assert len(pages) == 181 + 1291
    below = []
    for name, path in pages:
        page = gzip.decompress(path.read_bytes()).decode("utf-8", "replace")
        f1 = page_f1(page)
        if f1 < MIN_F1:
            below.append((name, round(f1, 4)))
    assert below == [], f"pages whose tree text differs from Lexbor's: {below}"


# --- generated tag soup ------------------------------------------------------

_TAGS = (
    "html head body div p span b i a em strong nobr font code s u table tbody thead tfoot tr td th caption "
    "colgroup col ul ol li dl dt dd h1 h2 h3 pre listing textarea title script style select option optgroup hr br "
    "img input form button svg math foreignObject desc mi mtext annotation-xml template noscript iframe xmp "
    "section article marquee object applet ruby rb rt rp rtc frameset frame noframes center search label main "
    "custom-el"
).split()
_ATTRS = ["", " class=a", " color=red", " type=hidden", " encoding=text/html", " id='q'", " hidden"]
_TEXT = ["x", "y z", " ", "\n", "hello", "&amp;", "&nbsp;", "a&b", "&lt;p&gt;", "\r\n", "\t", "&copy 2024", "&#x2019;"]
_OTHER = ["<!-- c -->", "<!-->", "<![CDATA[cd]]>", "<?pi>", "</ >", "< lt", "<!DOCTYPE html>"]

_token = st.one_of(
    st.builds(lambda t, a, sc: f"<{t}{a}{sc}>", st.sampled_from(_TAGS), st.sampled_from(_ATTRS), st.sampled_from(["", "/"])),
    st.builds(lambda t: f"</{t}>", st.sampled_from(_TAGS)),
    st.sampled_from(_TEXT),
    st.sampled_from(_OTHER),
)


@settings(max_examples=400, deadline=None)
@given(st.lists(_token, max_size=60))
def test_tag_soup_holds_the_text_lexbor_holds(tokens: list[str]) -> None:
    page = "".join(tokens)
    assert core_text(page) == lexbor_text(page), page


@pytest.mark.parametrize(
    ("page", "text"),
    [
        ("<table>a<tr><td>b</td>c</tr></table>", "ac\nb"),
        ("<p>one<table><tr><td>two</table>three", "one\ntwo\nthree"),
        ("<b>1<p>2</b>3</p>", "1\n2\n3"),
        ("<svg><p>a</svg>b", "ab"),
        ("<select><div>x</div></select>y", "x\ny"),
        ("<script><!--<script></script>-->x</script>y", "y"),
        ("<pre>\n\nx</pre>", "\nx"),
        ("<plaintext></plaintext><p>", "</plaintext><p>"),
    ],
    ids=["foster", "table-in-p", "adoption", "svg-breakout", "select", "script-escape", "pre-newline", "plaintext"],
)
def test_recovery_cases(page: str, text: str) -> None:
    assert core_text(page) == lexbor_text(page) == text
