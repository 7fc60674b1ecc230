"""The Scrapy pipeline, in a real crawl of pages served on 127.0.0.1."""

from __future__ import annotations

import json
import subprocess
import sys
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from conftest import GOLDEN
from itemadapter import ItemAdapter
from scrapy.exceptions import DropItem, NotConfigured
from scrapy.http import HtmlResponse
from scrapy.utils.test import get_crawler

import unboil
from unboil.integrations.scrapy import UnboilPipeline

ARTICLE = (GOLDEN / "html" / "share-bar.html").read_bytes()
LISTING = (GOLDEN / "html" / "listing.html").read_bytes()
RUSSIAN = "Городской совет утвердил новый бюджет во вторник после долгих споров о школах, дорогах и больницах."
CYRILLIC = f"<html><body><nav><a href='/'>Главная</a></nav><p>{RUSSIAN}</p></body></html>".encode("cp1251")

#: path -> (content type, body)
PAGES = {
    "/article": ("text/html; charset=utf-8", ARTICLE),
    "/listing": ("text/html; charset=utf-8", LISTING),
    "/cyrillic": ("text/html; charset=windows-1251", CYRILLIC),  # no <meta>: only the header tells
    "/empty": ("text/html", b""),
}


class Pages(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        content_type, body = PAGES.get(self.path, ("text/plain", b"not found"))
        self.send_response(200 if self.path in PAGES else 404)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture(scope="module")
def site() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), Pages)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def crawl(site: str, kind: str, tmp_path: Path, **settings: Any) -> dict[str, Any]:
    out = tmp_path / f"{kind}.json"
    script = Path(__file__).with_name("scrapy_crawl.py")
    done = subprocess.run(
        [sys.executable, str(script), site, kind, json.dumps(settings), str(out)],
        capture_output=True, timeout=120,
    )
    assert done.returncode == 0, done.stderr.decode()
    result: dict[str, Any] = json.loads(out.read_text(encoding="utf-8"))
    return result


@pytest.mark.parametrize("kind", ["dict", "item", "dataclass", "attrs"])
def test_a_real_crawl_cleans_every_item(site: str, kind: str, tmp_path: Path) -> None:
    result = crawl(site, kind, tmp_path)
    items = {item["url"].rsplit("/", 1)[1]: item for item in result["items"]}
    assert sorted(items) == ["article", "cyrillic", "empty", "listing"]
    for name, item in items.items():
        assert item["text"] == item["page_text"], name  # bytes with the response's encoding == response.text
    assert items["article"]["text"] == unboil.clean_html(ARTICLE)
    assert "Old railway station reopens" not in items["article"]["text"] and "Share" not in items["article"]["text"]
    assert items["cyrillic"]["text"] == RUSSIAN
    assert items["empty"]["text"] == ""
    assert "Council approves new housing plan" in items["listing"]["text"]  # a listing's content: its cards
    assert result["stats"] == {"unboil/cleaned": 8, "unboil/emptied": 2}


def test_drop_empty_and_min_chars(site: str, tmp_path: Path) -> None:
    result = crawl(site, "dict", tmp_path, UNBOIL_DROP_EMPTY=True)
    assert sorted(i["url"].rsplit("/", 1)[1] for i in result["items"]) == ["article", "cyrillic", "listing"]
    assert result["stats"]["unboil/dropped"] == 1
    result = crawl(site, "dict", tmp_path, UNBOIL_MIN_CHARS=200, UNBOIL_OPTIONS={"include_title": True})
    items = {i["url"].rsplit("/", 1)[1]: i for i in result["items"]}  # pages arrive in any order
    assert sorted(items) == ["article", "listing"]
    assert items["article"]["text"].startswith("Old railway station reopens as a community library\n\n")
    assert result["stats"]["unboil/dropped"] == 2


def test_disabled_pipeline_is_not_configured() -> None:
    crawler = get_crawler(settings_dict={"UNBOIL_ENABLED": False})
    with pytest.raises(NotConfigured):
        UnboilPipeline.from_crawler(crawler)


@pytest.mark.parametrize(
    "settings",
    [{"UNBOIL_OPTIONS": {"favor": "fast"}}, {"UNBOIL_FIELDS": {"html": 3}}, {"UNBOIL_MIN_CHARS": -1}],
    ids=["bad-option", "bad-fields", "bad-min-chars"],
)
def test_bad_settings_raise_options_error(settings: dict[str, Any]) -> None:
    with pytest.raises(unboil.OptionsError):
        UnboilPipeline.from_crawler(get_crawler(settings_dict=settings))


def test_process_item_with_or_without_a_spider() -> None:
    pipeline = UnboilPipeline.from_crawler(get_crawler())
    for call in (lambda item: pipeline.process_item(item), lambda item: pipeline.process_item(item, object())):
        assert call({"html": ARTICLE})["text"] == unboil.clean_html(ARTICLE)


def test_a_response_field_brings_its_encoding_and_url() -> None:
    pipeline = UnboilPipeline()
    response = HtmlResponse("http://example.org/r", body=CYRILLIC, headers={"Content-Type": "text/html; charset=windows-1251"})
    assert pipeline.process_item({"html": response})["text"] == RUSSIAN


def test_a_field_that_cannot_be_cleaned_is_counted_and_the_item_goes_on() -> None:
    crawler = get_crawler()
    crawler.stats.open_spider()  # type: ignore[union-attr]
    pipeline = UnboilPipeline.from_crawler(crawler)
    item = pipeline.process_item({"html": 42, "url": "http://example.org"})
    assert item == {"html": 42, "url": "http://example.org"}
    assert crawler.stats.get_value("unboil/failed") == 1  # type: ignore[union-attr]
    assert pipeline.process_item({"other": "x"}) == {"other": "x"}  # no source field: untouched


def test_an_undeclared_target_on_an_item_class_is_a_failure_not_a_crash() -> None:
    import scrapy

    class Narrow(scrapy.Item):
        html = scrapy.Field()

    item = UnboilPipeline().process_item(Narrow(html=ARTICLE))
    assert "text" not in ItemAdapter(item)


def test_selectors_pass_through_the_settings() -> None:
    pipeline = UnboilPipeline.from_crawler(get_crawler(settings_dict={"UNBOIL_OPTIONS": {"target": ["div.grid"], "prune": ["nav"]}}))
    text = pipeline.process_item({"html": LISTING})["text"]
    assert text == unboil.clean_html(LISTING, target=["div.grid"], prune=["nav"])
    assert "Council approves new housing plan" in text
    with pytest.raises(unboil.OptionsError):
        UnboilPipeline.from_crawler(get_crawler(settings_dict={"UNBOIL_OPTIONS": {"target": ["div["]}}))


def test_drop_item_reason() -> None:
    with pytest.raises(DropItem, match="UNBOIL_MIN_CHARS"):
        UnboilPipeline(min_chars=10**6).process_item({"html": ARTICLE})
