"""A real Scrapy crawl with the unboil pipeline, run by test_scrapy.py in a
process of its own (a Twisted reactor starts once per process).

    python scrapy_crawl.py BASE_URL ITEM_KIND SETTINGS_JSON OUT_JSON

Crawls the pages under BASE_URL named in ``PATHS``, yields one item of
ITEM_KIND (dict, item, dataclass, attrs) per page with the page as
``html`` (``response.body``), ``page`` (``response.text``) and the
response's ``encoding``, and writes the collected items (bytes fields
dropped) and the crawl's ``unboil/`` stats to OUT_JSON.
"""

from __future__ import annotations

import dataclasses
import json
import sys
from typing import Any, Optional

import attrs
import scrapy
from scrapy import signals
from scrapy.crawler import CrawlerProcess

PATHS = ("article", "listing", "cyrillic", "empty")


class PageItem(scrapy.Item):
    url = scrapy.Field()
    html = scrapy.Field()
    page = scrapy.Field()
    encoding = scrapy.Field()
    text = scrapy.Field()
    page_text = scrapy.Field()


@dataclasses.dataclass
class PageData:
    url: str
    html: bytes
    page: str
    encoding: str
    text: Optional[str] = None
    page_text: Optional[str] = None


@attrs.define
class PageAttrs:
    url: str
    html: bytes
    page: str
    encoding: str
    text: Optional[str] = None
    page_text: Optional[str] = None


KINDS = {"dict": dict, "item": PageItem, "dataclass": PageData, "attrs": PageAttrs}


class PagesSpider(scrapy.Spider):
    name = "pages"

    def __init__(self, base: str, kind: str, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.start_urls = [f"{base}/{path}" for path in PATHS]
        self.kind = KINDS[kind]

    def parse(self, response: scrapy.http.Response) -> Any:
        yield self.kind(url=response.url, html=response.body, page=response.text, encoding=response.encoding)


def main() -> int:
    base, kind, settings, out = sys.argv[1:]
    items: list[dict[str, Any]] = []
    process = CrawlerProcess({
        "ITEM_PIPELINES": {"unboil.integrations.scrapy.UnboilPipeline": 300},
        "UNBOIL_FIELDS": {"html": "text", "page": "page_text"},
        "LOG_LEVEL": "WARNING",
        "ROBOTSTXT_OBEY": False,
        "TELNETCONSOLE_ENABLED": False,
        **json.loads(settings),
    })
    crawler = process.create_crawler(PagesSpider)

    def collect(item: Any) -> None:
        fields = dataclasses.asdict(item) if dataclasses.is_dataclass(item) else attrs.asdict(item) if attrs.has(type(item)) else dict(item)
        items.append({k: v for k, v in fields.items() if not isinstance(v, bytes)})

    crawler.signals.connect(collect, signal=signals.item_scraped)
    process.crawl(crawler, base=base, kind=kind)
    process.start()
    stats = {k: v for k, v in (crawler.stats.get_stats() or {}).items() if k.startswith("unboil/")}
    with open(out, "w", encoding="utf-8") as handle:
        json.dump({"items": items, "stats": stats}, handle)
    return 0


if __name__ == "__main__":
    sys.exit(main())
