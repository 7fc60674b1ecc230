"""The user's CSS selectors: ``prune`` removes elements before extraction,
``target`` names the main content; selectolax runs them, only when given."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from conftest import GOLDEN

import unboil

LISTING = (GOLDEN / "html" / "listing.html").read_text(encoding="utf-8")
HEADLINES = ["Council approves new housing plan", "Mayor faces questions over budget", "River clean-up draws hundreds"]

BODY = "The council voted on Tuesday to approve the new budget, which pays for schools, roads and a library."
RELATED = "A related story teaser that runs long enough to read like a paragraph of prose about the weather."
PAGE = f"""<!DOCTYPE html><html lang="en"><head><title>Budget passes</title>
<meta property="og:site_name" content="City News"></head><body>
<nav><a href="/">Home</a> <a href="/news">News</a></nav>
<article class="post"><h1>Budget passes</h1><p>{BODY}</p>
<div class="share">Share on Facebook</div><p>It passed by seven votes to two.</p></article>
<section class="related"><p>{RELATED}</p><p>{RELATED.replace("weather", "harbour")}</p></section>
<footer>Copyright City News</footer></body></html>"""


def test_prune_removes_what_it_matches() -> None:
    assert RELATED not in unboil.clean_html(PAGE, favor="recall", prune=["section.related"])
    assert BODY in unboil.clean_html(PAGE, prune=["section.related"])
    assert BODY not in unboil.clean_html(PAGE, prune=["article"])


def test_target_is_the_content_whatever_the_region_choice_says() -> None:
    text = unboil.clean_html(LISTING, target=["div.grid"])
    position = 0
    for headline in HEADLINES:
        position = text.index(headline, position)
    for boilerplate in ("Politics\nBusiness", "Privacy notice", "Next page"):
        assert boilerplate not in text


def test_target_keeps_page_order_and_the_outermost_match() -> None:
    text = unboil.clean_html(PAGE, target=["section.related p", "article.post", "article.post p"])
    assert text.index(BODY) < text.index("seven votes") < text.index(RELATED)
    assert text.count(BODY) == 1 and text.count(RELATED) == 1 and text.count("harbour") == 1
    assert "Share on Facebook" not in text  # boilerplate inside a target still goes


def test_a_target_that_matches_nothing_leaves_the_page_as_it_was() -> None:
    assert unboil.clean_html(PAGE, target=["div.no-such-thing"]) == unboil.clean_html(PAGE)


def test_metadata_survives_the_selectors() -> None:
    document = unboil.extract(PAGE, "https://example.org/budget", target=["article.post"], include_title=True)
    assert (document.title, document.sitename, document.language) == ("Budget passes", "City News", "en")
    assert document.url == "https://example.org/budget"
    assert document.text.startswith("Budget passes\n\n" + BODY)


def test_bytes_are_decoded_as_without_selectors() -> None:
    page = PAGE.replace("new budget", "new caf\u00e9 budget")
    for data, encoding in ((page.encode("latin-1"), "iso-8859-1"), (page.encode("utf-8"), None), (b"\xef\xbb\xbf" + page.encode("utf-8"), None)):
        plain = unboil.clean_html(data, encoding=encoding)
        assert "caf\u00e9" in plain
        assert unboil.clean_html(data, encoding=encoding, prune=["section.related"]) == plain
        assert "caf\u00e9" in unboil.clean_html(data, encoding=encoding, target=["article.post"])


def test_every_entry_point_applies_them() -> None:
    options = {"target": ["section.related"]}
    want = unboil.clean_html(PAGE, **options)
    assert RELATED in want and RELATED not in unboil.clean_html(PAGE)
    cleaner = unboil.Cleaner(**options)
    assert unboil.clean(PAGE, **options) == cleaner.clean(PAGE.encode()) == cleaner.extract(PAGE).text == want
    batch = unboil.clean_batch([PAGE, PAGE.encode(), (PAGE, "https://example.org/a"), "Share on Facebook\nPlain text stays text."], **options)
    assert batch == [want, want, want, unboil.clean("Share on Facebook\nPlain text stays text.")]
    assert list(unboil.clean_many(iter([PAGE, 7]), **options))[0] == want


def test_binary_and_bad_items_keep_their_results() -> None:
    results = unboil.clean_batch([b"%PDF-1.4\n\x00\x01", 5, PAGE], prune=["nav"])
    assert results[0] == "" and isinstance(results[1], unboil.InputTypeError)
    assert results[2] == unboil.clean_html(PAGE, prune=["nav"])


@pytest.mark.parametrize("option", ["prune", "target"])
@pytest.mark.parametrize("selector", ["div[", "", "!!", "a >", 5])
def test_invalid_selectors_are_options_errors_when_the_cleaner_is_built(option: str, selector: object) -> None:
    with pytest.raises(unboil.OptionsError, match=option):
        unboil.Cleaner(**{option: [selector]})
    with pytest.raises(ValueError):
        unboil.Options(**{option: [selector]})


def test_without_selectors_selectolax_is_not_imported() -> None:
    done = subprocess.run(
        [sys.executable, "-c", "import sys, unboil; unboil.clean_html('<p>x</p>'); unboil.Cleaner(favor='recall'); print('selectolax' in sys.modules)"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert done.stdout.strip() == "False"


def test_command_line(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_text(PAGE, encoding="utf-8")

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "unboil.cli", *args], capture_output=True, text=True, timeout=60)

    done = run("--target", "article.post", "--target", "section.related", str(page))
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == unboil.clean_html(PAGE, target=["article.post", "section.related"])
    done = run("--prune", "article", str(page))
    assert done.returncode == 0 and BODY not in done.stdout
    done = run("--prune", "div[", str(page))
    assert done.returncode == 2 and "invalid CSS selector" in done.stderr


def test_a_failure_inside_selectolax_is_an_internal_error(monkeypatch: pytest.MonkeyPatch) -> None:
    # It escaped as SelectolaxError, outside UnboilError (and past the Scrapy pipeline).
    import selectolax.lexbor

    def failing(*args: object, **kwargs: object) -> None:
        raise selectolax.lexbor.SelectolaxError("out of memory")

    cleaner = unboil.Cleaner(prune=["nav"])
    monkeypatch.setattr(selectolax.lexbor, "LexborHTMLParser", failing)
    with pytest.raises(unboil.InternalError, match="selectolax: out of memory"):
        cleaner.clean_html("<p>The council met on Tuesday.</p>")
