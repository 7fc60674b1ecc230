"""Property-based tests of HTML extraction (pytest + hypothesis).

Pages are built from the article generators of ``test_properties`` (prose in
five languages) wrapped in the markup real pages put around and inside an
article: navigation, a share bar, an ad slot, related links, a cookie
banner, a comment section, a footer, in random order and amounts.
"""

from __future__ import annotations

import html

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import unboil
from test_properties import LANGS, headings, paragraphs

PAGE_SETTINGS = settings(
    max_examples=80,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
SOUP_SETTINGS = settings(max_examples=200, deadline=None, database=None)

# Markup around the article: (where, html, strings that must not come out).
NAV = (
    '<nav class="site-nav"><ul>'
    + "".join(f'<li><a href="/s{i}">Section {name}</a></li>' for i, name in enumerate(["Alpha", "Beta", "Gamma", "Delta"]))
    + "</ul></nav>",
    ["Section Alpha", "Section Delta"],
)
COOKIE = (
    '<div class="cookie-banner"><p>We use cookies to improve your experience on our website. '
    'By continuing you agree to our use of cookies.</p><button>Accept all</button></div>',
    ["We use cookies"],
)
RELATED = (
    '<aside class="related"><h3>Related stories</h3><ul>'
    + "".join(f'<li><a href="/r{i}">Related headline number {i} about the region</a></li>' for i in range(5))
    + "</ul></aside>",
    ["Related headline number"],
)
COMMENTS = (
    '<section id="comments"><h3>3 comments</h3>'
    + "".join(
        f'<div class="comment"><p class="comment-author">Reader {i}</p><p>I have lived in this town for many years '
        f"and I think that the plan described here is a sensible one, number {i}.</p></div>"
        for i in range(3)
    )
    + "</section>",
    ["I have lived in this town", "Reader 1"],
)
FOOTER = ('<footer class="site-footer"><p>© 2024 Example Media Ltd. All rights reserved.</p></footer>', ["Example Media"])
SHARE = (
    '<div class="share-bar"><a href="#fb">Share on Facebook</a> <a href="#tw">Tweet</a> <a href="#em">Email</a></div>',
    ["Share on Facebook", "Tweet"],
)
AD = ('<div class="ad-slot"><span>Advertisement</span></div>', ["Advertisement"])
AROUND = (NAV, COOKIE, RELATED, COMMENTS, FOOTER)
INSIDE = (SHARE, AD)


@st.composite
def pages(draw: st.DrawFn) -> tuple[str, list[str], list[str]]:
    """A page, the article's paragraphs in order, and strings that must go."""
    lang = LANGS[draw(st.sampled_from(sorted(LANGS)))]
    body: list[str] = []
    kept: list[str] = []
    for _ in range(draw(st.integers(3, 8))):
        if draw(st.integers(0, 4)) == 0:
            heading = draw(headings(lang))
            body.append(f"<h2>{html.escape(heading)}</h2>")
        paragraph = draw(paragraphs(lang))
        if paragraph in kept:
            continue  # a repeated paragraph is a repeat: the cleaner keeps one
        kept.append(paragraph)
        body.append(f"<p>{html.escape(paragraph)}</p>")
        if draw(st.integers(0, 5)) == 0:
            body.append(draw(st.sampled_from(INSIDE))[0])
    chosen_inside = [part for part in INSIDE if part[0] in body]
    around = [AROUND[i] for i in draw(st.lists(st.sampled_from(range(len(AROUND))), unique=True))]
    split = draw(st.integers(0, len(around)))
    before, after = around[:split], around[split:]
    headline = html.escape(draw(headings(lang)))
    page = (
        f"<!DOCTYPE html><html lang=\"{lang.code}\"><head><title>{headline} | Example</title></head><body>"
        + "".join(part for part, _ in before)
        + f'<main><article><h1>{headline}</h1><div class="article-body">{"".join(body)}</div></article></main>'
        + "".join(part for part, _ in after)
        + "</body></html>"
    )
    dropped = [s for _, strings in (*before, *after, *chosen_inside) for s in strings]
    return page, kept, dropped


@PAGE_SETTINGS
@given(pages())
def test_article_paragraphs_come_out_in_order_and_residue_goes(case: tuple[str, list[str], list[str]]) -> None:
    page, kept, dropped = case
    for content in (page, page.encode("utf-8")):
        text = unboil.clean_html(content)
        at = 0
        for paragraph in kept:
            found = text.find(paragraph, at)
            assert found >= 0, f"missing paragraph {paragraph!r}\n--- text ---\n{text}"
            at = found + len(paragraph)
        for residue in dropped:
            assert residue not in text, f"kept {residue!r}\n--- text ---\n{text}"


@PAGE_SETTINGS
@given(pages())
def test_include_comments_keeps_the_article_first(case: tuple[str, list[str], list[str]]) -> None:
    page, kept, _ = case
    text = unboil.clean_html(page, include_comments=True)
    assert text.startswith(unboil.clean_html(page)) or not text
    if COMMENTS[0] in page:
        assert "I have lived in this town" in text
    assert kept[0] in text


TAGS = ("div", "p", "span", "a", "b", "table", "tr", "td", "ul", "li", "script", "style", "nav", "h1", "pre", "br", "svg")


@st.composite
def tag_soup(draw: st.DrawFn) -> str:
    pieces = draw(
        st.lists(
            st.one_of(
                st.sampled_from(TAGS).map(lambda t: f"<{t}>"),
                st.sampled_from(TAGS).map(lambda t: f"</{t}>"),
                st.sampled_from(['<div class="share">', '<p hidden>', "<!--", "-->", "<!DOCTYPE html>", "&amp;", "&#x",
                                 '<a href="x', "'", '"', "<", ">"]),
                st.text(max_size=30),
            ),
            max_size=60,
        )
    )
    return "".join(pieces)


@SOUP_SETTINGS
@given(tag_soup())
def test_tag_soup_gives_a_string(page: str) -> None:
    for content in (page, page.encode("utf-8", "surrogatepass")):
        document = unboil.extract(content)
        assert isinstance(document.text, str)
        assert unboil.clean_html(content) == document.text


@SOUP_SETTINGS
@given(st.binary(max_size=2000))
def test_arbitrary_bytes_give_a_string(data: bytes) -> None:
    assert isinstance(unboil.clean_html(data), str)
    assert isinstance(unboil.clean(data), str)
