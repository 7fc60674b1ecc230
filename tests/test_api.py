"""The public API: inputs, options, errors, explain, pickling, threads."""

from __future__ import annotations

import dataclasses
import pickle
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest

import unboil
from unboil import _core

GOLDEN_HTML = Path(__file__).parent / "golden" / "html"

ARTICLE = (
    "The council approved the new budget on Tuesday, after a debate that lasted most of the night.\n"
    "Share on Facebook\n"
    "The mayor said the plan would fund three new schools and repair the old bridge over the river."
)
CLEANED = (
    "The council approved the new budget on Tuesday, after a debate that lasted most of the night.\n"
    "The mayor said the plan would fund three new schools and repair the old bridge over the river."
)


@pytest.mark.parametrize(
    "content, expected",
    [
        ("", ""),
        ("   \n\n  ", ""),
        (ARTICLE, CLEANED),
        (ARTICLE.encode(), CLEANED),
        (b"\xef\xbb\xbf" + ARTICLE.encode(), CLEANED),
        ("\ufeff" + ARTICLE, CLEANED),
        (ARTICLE.replace("\n", "\r\n"), CLEANED),
        (bytearray(ARTICLE.encode()), CLEANED),
        ("Hello world", "Hello world"),
    ],
)
def test_clean_text_inputs(content: object, expected: str) -> None:
    assert unboil.clean_text(content) == expected  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "content",
    [b"caf\xe9 \xff\xfe broken bytes", b"\x00\x01\x02" * 100, "lone \udcff surrogate", "\x00" * 10],
)
def test_undecodable_input_is_cleaned_not_raised(content: object) -> None:
    assert isinstance(unboil.clean(content), str)  # type: ignore[arg-type]


@pytest.mark.parametrize("content", [None, 12, 1.5, ["text"], {"text": "x"}, object()])
def test_wrong_input_type(content: object) -> None:
    with pytest.raises(unboil.InputTypeError) as info:
        unboil.clean(content)  # type: ignore[arg-type]
    assert isinstance(info.value, TypeError)
    assert isinstance(info.value, unboil.UnboilError)


@pytest.mark.parametrize(
    "options",
    [
        {"nope": 1},
        {"keep_title": "yes"},
        {"type_profiles": 1},
        {"languages": ["xx"]},
        {"languages": []},
        {"languages": [1]},
        {"disable": ["nope"]},
        {"extra_patterns": ["(unclosed"]},
        {"extra_patterns": 5},
        {"extra_phrases": ["  "]},
        {"extra_patterns": ["\ud800"]},
        {"extra_phrases": ["lone \udcff"]},
        {"languages": ["e\ud800"]},
        {"options": "article"},
    ],
)
def test_bad_options(options: dict) -> None:
    with pytest.raises(unboil.OptionsError) as info:
        unboil.clean_text("text", **options)
    assert isinstance(info.value, ValueError)


def test_rust_panic_becomes_internal_error() -> None:
    with pytest.raises(unboil.InternalError, match="boom") as info:
        _core._debug_panic("boom")
    assert isinstance(info.value, unboil.UnboilError)
    assert isinstance(info.value, RuntimeError)
    # The core is still usable afterwards.
    assert unboil.clean_text(ARTICLE) == CLEANED


def test_explain_labels_every_line() -> None:
    text = "\n".join(
        [
            "icon bookmark-bicon bookmarkicon cameraicon checkicon chevron downicon",
            "17 Oct, 2025 01:54",
            "The council approved the new budget on Tuesday, after a debate that lasted most of the night.",
            "You can share this story on social media:",
            "Podcasts",
            "0:00",
            "We use cookies to improve your experience. Accept all",
            "Sign up for our newsletter",
            "Dear readers! Thank you for your vibrant engagement with our content. Please check our commenting policy",
            "The mayor said the plan would fund three new schools and repair the old bridge over the river.",
            "The council approved the new budget on Tuesday, after a debate that lasted most of the night.",
            "Read the full article hereicon bookmark-bicon bookmarkicon cameraicon",
        ]
    )
    rows = unboil.Cleaner().explain(text)
    assert [r.reason for r in rows] == [
        "icon-string",
        "dateline",
        "content",
        "share-prompt",
        "media-widget",
        "media-widget",
        "cookie-notice",
        "newsletter",
        "comment-notice",
        "content",
        # Article text keeps a sentence printed twice (bodies quote and repeat).
        "content",
        "share-prompt",
    ]
    assert rows.regime == "article"
    assert [r.line for r in rows] == list(range(1, 13))
    assert rows[2].decision == "keep" and rows[0].decision == "drop"
    assert rows[-1].kept is None


@pytest.mark.parametrize(
    "line, reason",
    [
        ("President Biden speaks in the Rose Garden on Monday. (AP Photo/Evan Vucci)", "caption"),
        ("The road to retiring early isn't easy. Kathrin Ziegler/Getty", "caption"),
        ("© 2024 Example Media. All rights reserved.", "copyright"),
        ("This website uses cookies to improve your experience while you navigate through the website.", "cookie-notice"),
        ("sign inicon sign upicon twicon fbicon", "icon-string"),
    ],
)
def test_explain_reason_of_one_line(line: str, reason: str) -> None:
    rows = unboil.Cleaner().explain(ARTICLE + "\n" + line)
    assert (rows[-1].reason, rows[-1].kept) == (reason, None)


@pytest.mark.parametrize(
    "text",
    [
        "Le conseil municipal a approuvé un nouveau budget.\nNégociations difficiles\n"
        "Le conseil municipal a approuvé le projet mardi.\nHausse des loyers\n"
        "Le conseil municipal a rejeté le projet mardi.\nNégociations difficiles dans la région\n"
        "Le conseil municipal a approuvé le plan tant attendu.",
        "Городской совет одобрил это предложение во вторник после долгих дебатов. "
        "Группа местных фермеров не поддержал поправки к закону.\nРост расходов в регионе\n"
        "Городской совет одобрил новый бюджет после долгих дебатов.\nРост расходов после выборов\n"
        "Городской совет одобрил это предложение после долгих дебатов.",
    ],
    ids=["fr", "ru"],
)
def test_short_sections_pass_through(text: str) -> None:
    # Regression: one-sentence sections under headings were cut at the
    # article's edge (each heading weighed more than a short paragraph).
    assert unboil.clean_text(text) == text


def test_disabled_comment_notice_keeps_comment_bylines() -> None:
    # Regression: comment bylines were dropped even with the family disabled.
    byline = "Maria on March 3, 2024 at 10:15 am said:"
    assert byline in unboil.clean_text(ARTICLE + "\n" + byline, disable=["comment-notice", "outside-article"])


def test_keep_title_off_gives_the_body_alone() -> None:
    page = "Council passes the budget\n" + CLEANED
    assert unboil.clean_text(page) == page
    assert unboil.clean_text(page, keep_title=False) == CLEANED


def test_explain_reports_a_trimmed_line() -> None:
    text = ARTICLE.replace("river.", "river.icon bookmark-bicon bookmarkicon cameraicon")
    last = unboil.Cleaner().explain(text)[-1]
    assert last.decision == "trim"
    assert last.kept is not None and last.kept.endswith("river.")


SHARE_BAR = '<div class="share-bar"><a href="#fb">Share on Facebook</a> <a href="#tw">Tweet</a></div>'
EXPLAINED_PAGE = (
    "<html><body><nav><a href='/'>Home</a> <a href='/n'>News</a></nav><article><h1>Budget</h1><p>By Jane</p>"
    "<div class='body'><p>The council met on Tuesday and voted to approve the new budget after a long debate.</p>"
    f"{SHARE_BAR}<p>It passed 7 to 2.</p><p>Share this article with a friend!</p></div></article>"
    "<div class='comments'><p>I have lived in this town for years and I think the plan is a sensible one.</p></div>"
    "<footer>© 2024 Example</footer></body></html>"
)
# (block text, decision, reason, innermost element) of every block.
EXPLAINED_BLOCKS = [
    ("Home News", "drop", "boilerplate-markup", "nav"),
    ("Budget", "drop", "headline", "h1"),
    ("By Jane", "drop", "article-edge", "p"),
    ("The council met on Tuesday and voted to approve the new budget after a long debate.", "keep", "content", "p"),
    ("Share on Facebook Tweet", "drop", "boilerplate-markup", "div.share-bar"),
    ("It passed 7 to 2.", "keep", "content", "p"),
    ("Share this article with a friend!", "drop", "share-prompt", "p"),
    ("I have lived in this town for years and I think the plan is a sensible one.", "drop", "comment-section", "p"),
    ("© 2024 Example", "drop", "boilerplate-markup", "footer"),
]


@pytest.mark.parametrize("as_bytes", [False, True], ids=["str", "bytes"])
def test_explain_a_page_lists_its_blocks_with_reasons_and_paths(as_bytes: bool) -> None:
    page = EXPLAINED_PAGE.encode() if as_bytes else EXPLAINED_PAGE
    explained = unboil.Cleaner().explain(page)
    assert isinstance(explained, unboil.PageExplanation)
    assert [(r.text, r.decision, r.reason, r.path.split(" > ")[-1]) for r in explained] == EXPLAINED_BLOCKS
    assert explained[3].path == "html > body > article > div.body > p"
    assert explained.document == unboil.extract(page)
    assert explained.summary == "page: 2 of 9 blocks kept"


def test_explain_a_page_without_its_tables() -> None:
    # The cells left out say so, and the blocks after them keep their own decisions.
    table = "<table><tr><td>Seats</td><td>7 to 2</td></tr></table>"
    page = EXPLAINED_PAGE.replace("<p>It passed 7 to 2.</p>", table + "<p>It passed 7 to 2.</p>")
    rows = [(r.text, r.decision, r.reason) for r in unboil.Cleaner(include_tables=False).explain(page)]
    assert ("Seats", "drop", "tables-left-out") in rows and ("7 to 2", "drop", "tables-left-out") in rows
    assert ("It passed 7 to 2.", "keep", "content") in rows
    assert "Seats" in unboil.clean_html(page) and "Seats" not in unboil.clean_html(page, include_tables=False)


def test_explain_a_page_with_comments_and_as_text() -> None:
    with_comments = unboil.Cleaner(include_comments=True).explain(EXPLAINED_PAGE)
    assert isinstance(with_comments, unboil.PageExplanation)
    assert [(r.decision, r.reason) for r in with_comments][7] == ("keep", "comment")
    assert isinstance(unboil.Cleaner().explain_text(EXPLAINED_PAGE), unboil.Explanation)


@pytest.mark.parametrize("name", sorted(p.stem for p in GOLDEN_HTML.glob("*.html")))
def test_explained_blocks_are_the_extracted_text(name: str) -> None:
    # What explain says is kept is what the extraction writes, in order.
    page = (GOLDEN_HTML / f"{name}.html").read_bytes()
    explained = unboil.Cleaner().explain_page(page)
    text, at = explained.document.text, 0
    for row in explained:
        for line in (row.kept or "").split("\n"):
            found = text.find(line.strip(), at)
            assert found >= 0, (row, text[at : at + 200])
            at = found + len(line.strip())
    assert any(row.reason == "content" for row in explained) == bool(text)


def test_options() -> None:
    page = "A headline here\n" + ARTICLE + "\nA headline here"
    assert unboil.clean_text(page).startswith("A headline here\n")
    assert "A headline here" not in unboil.clean_text(page, keep_title=False)
    assert "Share on Facebook" in unboil.clean_text(ARTICLE, disable=["share-prompt"])
    dropped = unboil.clean_text(ARTICLE, extra_patterns=[r"three new schools"])
    assert "mayor" not in dropped and "council" in dropped
    assert unboil.clean_text("Der Hund und die Katze.\nTeilen", languages=["de"]) == "Der Hund und die Katze."


def test_cleaner_is_picklable_and_reusable() -> None:
    cleaner = unboil.Cleaner(disable=["dateline"], extra_phrases=["house ad"])
    clone = pickle.loads(pickle.dumps(cleaner))
    assert clone.options == cleaner.options
    assert clone.clean(ARTICLE) == cleaner.clean(ARTICLE) == CLEANED
    assert "disable=('dateline',)" in repr(cleaner)


def test_cleaner_is_thread_safe() -> None:
    cleaner = unboil.Cleaner()
    texts = [ARTICLE + f"\nItem {i} of the list was sold for {i} dollars, the auction house said." for i in range(200)]
    expected = [cleaner.clean_text(t) for t in texts]
    with ThreadPoolExecutor(max_workers=4) as pool:
        assert list(pool.map(cleaner.clean_text, texts)) == expected


def test_html_is_detected_and_reduced_to_text() -> None:
    html = (
        "<!doctype html><html><head><title>t</title><script>var x = 1;</script></head><body>"
        "<nav><a href='/'>Home</a></nav><p>The council approved the new budget on Tuesday, after a debate "
        "that lasted most of the night.</p><div>Share on Facebook</div></body></html>"
    )
    out = unboil.clean(html)
    assert "council approved" in out
    assert "var x" not in out and "Share on Facebook" not in out
    # clean_text never parses HTML.
    assert "<p>" in unboil.clean_text(html, disable=["outside-article"])


@pytest.mark.parametrize(
    "content, is_html",
    [
        ("<!doctype html><p>x</p>", True),
        ("\ufeff  <!-- a --> <!-- b -->\n<HTML>", True),
        (b"<div class=a>x</div>", True),
        ("<!-- never closed <html>", False),
        ("a < b and <p> later", False),
        ("Plain text.", False),
        # Regression: comments were skipped by a backtracking regex that went
        # exponential on many empty comments.
        ("<!---->" * 2000 + "x", False),
    ],
)
def test_html_detection(content: object, is_html: bool) -> None:
    from unboil._input import looks_like_html

    assert looks_like_html(content) is is_html  # type: ignore[arg-type]


def test_version_is_exposed() -> None:
    assert unboil.__version__ == _core.__version__
    assert unboil.__version__.count(".") == 2


def test_dunder_all_is_the_public_surface() -> None:
    for name in unboil.__all__:
        assert hasattr(unboil, name), name


@pytest.mark.parametrize(("module", "framework"), [("scrapy", "scrapy"), ("spark", "pyspark"), ("datatrove", "datatrove")])
def test_an_integration_without_its_framework_says_what_to_install(module: str, framework: str) -> None:
    import subprocess
    import sys

    code = f"import sys; sys.modules[{framework!r}] = None; import unboil.integrations.{module}"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, timeout=60)
    assert done.returncode == 1
    assert f"pip install 'unboil[{module}]'" in done.stderr.decode()


# Regimes: article text keeps all but its residue, a page's text its content.
EXPORT_LINES = [
    "Riverside Gazette",
    *["Home", "News", "Sport", "Culture", "Weather", "Opinion", "Podcasts", "Newsletters"],
    "The city council approved the new budget on Tuesday, after a debate that lasted most of the night.",
    "The mayor said the plan would fund three new schools and repair the old bridge over the river.",
    "Opposition members said the cost of the bridge had been underestimated and asked for an audit.",
    *[f"Most read: story number {n} about the harbour" for n in range(1, 9)],
    *["About us", "Contact", "Careers", "Advertise", "Privacy", "Terms"],
    "© 2024 Riverside Gazette. All rights reserved.",
]


def test_regime_is_told_from_the_text_and_can_be_forced() -> None:
    body = "\n".join(EXPORT_LINES[9:12])
    short = unboil.Cleaner().explain(body)
    # Under page_min_lines lines the regime model is not asked.
    assert short.regime == "article" and short.page_probability is None
    assert "(too short to be a page)" in short.summary
    told = unboil.Cleaner().explain("\n".join(EXPORT_LINES))
    assert told.page_probability is not None and "page probability" in told.summary
    assert unboil.clean_text(body) == body
    forced = unboil.Cleaner(regime="page").explain("\n".join(EXPORT_LINES))
    assert forced.regime == "page" and forced.page_probability is None
    kept = [row.text for row in forced if row.kept is not None]
    assert EXPORT_LINES[9] in kept and "Careers" not in kept
    article = unboil.Cleaner(regime="article").explain("\n".join(EXPORT_LINES))
    assert article.regime == "article" and "regime article (asked for)" in article.summary
    # Disabling whole-page selection is the article regime.
    assert unboil.Cleaner(disable=["outside-article"]).explain("\n".join(EXPORT_LINES)).regime == "article"


@pytest.mark.parametrize("value", ["web", "", "Page", None, 1])
def test_bad_regime_is_an_options_error(value: object) -> None:
    with pytest.raises(unboil.OptionsError, match="regime"):
        unboil.Cleaner(regime=value)


# The residue of the issue that reported them, each between two paragraphs
# of an article, and sentences that merely mention sharing, subscribing or
# comments, which stay.
P1 = "The council approved the new budget on Tuesday, after a debate that lasted most of the night."
P2 = "The mayor said the plan would fund three new schools and repair the old bridge over the river."
P3 = "Opposition members said the cost of the bridge had been underestimated and asked for an audit."


@pytest.mark.parametrize(
    "line",
    [
        "Like this story? Share it with a friend!",
        "You have been successfully subscribed!",
        "Subscribe to WIRED...",
        "Sign up for The Water Coolest...",
        "ATENÇÃO: Comentários com textos ininteligíveis ou que faltem com respeito ao usuário não serão "
        "aprovados pelo moderador.",
    ],
)
def test_calls_form_messages_and_notices_go_mid_text(line: str) -> None:
    text = "\n\n".join([P1, P2, line, P3, P1.replace("Tuesday", "Monday")])
    assert line not in unboil.clean_text(text)


@pytest.mark.parametrize(
    "line",
    [
        "Shares in the company fell after it said fewer people would subscribe to its service this year.",
        "Readers who comment on the site must now register, the editor said in a note on Monday.",
        "Follow the instructions below to install the package.",
        "Thank you for reading this far into the story.",
    ],
)
def test_sentences_that_mention_residue_stay(line: str) -> None:
    text = "\n\n".join([P1, P2, line, P3])
    assert unboil.clean_text(text) == text


@pytest.mark.parametrize("text", ["", "\n\n \n", "\x00\x01 binary \xff", "word " * 200_000, "<" * 100_000])
def test_regime_and_model_features_on_odd_text(text: str) -> None:
    explained = unboil.Cleaner().explain(text)
    assert explained.regime in ("article", "page")
    numbers, columns, data = unboil.Cleaner()._native._model_features(text)
    assert columns == len(unboil._core.LINE_FEATURES) and len(data) == 4 * columns * len(numbers)


def test_model_features_refuse_scores_of_the_wrong_length() -> None:
    with pytest.raises(unboil.OptionsError, match="scores"):
        unboil.Cleaner()._native._model_features("one line\nanother line", [0.5])
    with pytest.raises(unboil.OptionsError, match="scores"):
        unboil.Cleaner()._native._regime_features("one line", [0.5, 0.5])


@pytest.mark.parametrize(
    "build",
    [
        lambda: unboil.Options(bogus=1),  # type: ignore[call-arg]
        lambda: unboil.Options(True, keep_title=False),  # type: ignore[misc]
        lambda: unboil.Options(*([None] * (len(dataclasses.fields(unboil.Options)) + 1))),
        lambda: unboil.Cleaner(bogus=1),
        lambda: unboil.clean("text", bogus=1),
    ],
)
def test_unknown_option_names_are_unboil_errors(build: object) -> None:
    with pytest.raises(unboil.UnknownOptionError, match="known: ") as info:
        build()  # type: ignore[operator]
    assert isinstance(info.value, TypeError) and isinstance(info.value, unboil.OptionsError)


def test_an_options_value_is_taken_where_keywords_are() -> None:
    article = unboil.Options(regime="article")
    assert unboil.clean(ARTICLE, options=article) == unboil.clean(ARTICLE, regime="article")
    assert unboil.clean_text(ARTICLE, options=article, disable=["share-prompt"]) == ARTICLE
    assert unboil.Cleaner(options=article).options == article


CAFE = "Le caf\u00e9 du coin ouvre \u00e0 sept heures, et tout le monde y prend un caf\u00e9 cr\u00e8me."


@pytest.mark.parametrize(
    "content, encoding, expected",
    [
        (CAFE.encode("latin-1"), "latin-1", CAFE),
        (CAFE.encode("latin-1"), "ISO-8859-1", CAFE),
        (CAFE.encode("latin-1"), "text/plain; charset=windows-1252", CAFE),
        (CAFE.encode("cp1252"), "cp1252", CAFE),
        (CAFE.encode(), "latin-1", CAFE),  # valid UTF-8 is UTF-8, whatever the label
        (CAFE.encode("utf-16"), None, CAFE),  # a UTF-16 BOM
        (CAFE.encode("utf-16"), "latin-1", CAFE),  # the BOM wins
        (CAFE.encode("latin-1"), None, CAFE.replace("\u00e9", "\ufffd").replace("\u00e0", "\ufffd").replace("\u00e8", "\ufffd")),
    ],
)
def test_text_bytes_are_read_in_their_encoding(content: bytes, encoding: str, expected: str) -> None:
    assert unboil.clean(content, encoding=encoding) == expected


@pytest.mark.parametrize("label", ["no-such-encoding", "rot13", "", "utf\ud800"])
def test_an_unknown_encoding_label_is_refused(label: str) -> None:
    for call in (unboil.clean, unboil.clean_html, unboil.extract):
        with pytest.raises(unboil.UnknownEncodingError) as info:
            call(b"<p>text</p>", encoding=label)
        assert isinstance(info.value, LookupError)


def test_a_utf16_page_is_read_as_a_page() -> None:
    page = "<html><body><p>The council approved the new budget on Tuesday, after a long debate.</p></body></html>"
    for content in (page.encode("utf-16"), "\ufeff".encode("utf-16") + page.encode("utf-16-le")):
        assert unboil.clean(content) == "The council approved the new budget on Tuesday, after a long debate."


@pytest.mark.parametrize(
    "text",
    [
        "\n\ufeff" + ARTICLE,
        "\ufeff\n\ufeff" + ARTICLE,
        "Share on Facebook\n\ufeff" + ARTICLE,
        ARTICLE + "\n\n\ufeffSecond text joined on, its own byte-order mark before it.",
    ],
)
def test_byte_order_marks_opening_lines_do_not_survive_to_a_second_clean(text: str) -> None:
    once = unboil.clean(text)
    assert not once.startswith("\ufeff") and "\n\ufeff" not in once
    assert unboil.clean(once) == once


# Limits: an input over max_input_bytes, or one that outlasts time_budget,
# is its call's error (a batch item's, a record's), never a crash or a hang.
OVER_LIMIT_CALLS = [
    ("clean", lambda c, x: c.clean(x)),
    ("clean_text", lambda c, x: c.clean_text(x)),
    ("clean_html", lambda c, x: c.clean_html(x)),
    ("extract", lambda c, x: c.extract(x)),
    ("explain", lambda c, x: c.explain(x)),
    ("explain_page", lambda c, x: c.explain_page(x)),
]


@pytest.mark.parametrize(("name", "call"), OVER_LIMIT_CALLS, ids=[n for n, _ in OVER_LIMIT_CALLS])
@pytest.mark.parametrize("as_bytes", [False, True], ids=["str", "bytes"])
def test_an_input_over_max_input_bytes_is_refused(name: str, call: Any, as_bytes: bool) -> None:
    cleaner = unboil.Cleaner(max_input_bytes=100)
    text = "é" * 60  # 60 characters, 120 bytes of UTF-8: the limit counts bytes
    content = text.encode() if as_bytes else text
    with pytest.raises(unboil.InputTooLargeError, match=r"120 bytes, over max_input_bytes \(100\)"):
        call(cleaner, content)
    assert isinstance(unboil.InputTooLargeError("x"), ValueError)
    call(cleaner, "é" * 50)  # at the limit: cleaned


def test_the_size_limit_is_a_batch_items_error_and_none_lifts_it() -> None:
    results = unboil.Cleaner(max_input_bytes=10).clean_batch(["short", "x" * 11, ("<p>" + "y" * 20, "http://e.org/")])
    assert results[0] == "short"
    assert all(isinstance(r, unboil.InputTooLargeError) for r in results[1:])
    assert unboil.Cleaner(max_input_bytes=None).clean_text("word " * 100)


def _slow_page() -> str:
    return "".join(f"<p>Paragraph {n} of a page that takes a while to read, with a sentence.</p>" for n in range(20000))


@pytest.mark.parametrize(("name", "call"), OVER_LIMIT_CALLS, ids=[n for n, _ in OVER_LIMIT_CALLS])
def test_an_input_that_outlasts_time_budget_is_a_time_budget_error(name: str, call: Any) -> None:
    cleaner = unboil.Cleaner(time_budget=1e-6)
    content = _slow_page() if name in ("clean", "clean_html", "extract") else "A line of the text, with words.\n" * 20000
    with pytest.raises(unboil.TimeBudgetError, match=r"longer than time_budget"):
        call(cleaner, content)
    assert isinstance(unboil.TimeBudgetError("x"), TimeoutError)
    assert unboil.Cleaner(time_budget=None).clean(content)


def test_time_budget_is_each_batch_items_error() -> None:
    # Each item runs against a clock of its own: none is spared, none is lost.
    items = [_slow_page(), "A line of text.\n" * 5000, _slow_page()]
    results = unboil.Cleaner(time_budget=1e-6).clean_batch(items, threads=2)
    assert len(results) == 3 and all(isinstance(r, unboil.TimeBudgetError) for r in results)


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("max_input_bytes", 0),
        ("max_input_bytes", -5),
        ("max_input_bytes", 1.5),
        ("max_input_bytes", True),
        ("max_input_bytes", "10"),
        ("max_warc_body_bytes", 0),
        ("time_budget", 0),
        ("time_budget", -1.0),
        ("time_budget", float("inf")),
        ("time_budget", float("nan")),
        ("time_budget", True),
        ("time_budget", "1"),
    ],
)
def test_bad_limits_are_options_errors(field: str, value: Any) -> None:
    with pytest.raises(unboil.OptionsError, match=field):
        unboil.Options(**{field: value})


def test_limits_have_safe_defaults() -> None:
    defaults = unboil.Options()
    assert defaults.max_input_bytes == defaults.max_warc_body_bytes == 64 * 1024 * 1024
    assert defaults.time_budget == 30.0
    assert unboil.Options(time_budget=2).time_budget == 2.0
