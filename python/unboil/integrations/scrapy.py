"""A Scrapy item pipeline that cleans pages into text.

Enable it in the project's settings::

    ITEM_PIPELINES = {"unboil.integrations.scrapy.UnboilPipeline": 300}
    UNBOIL_FIELDS = {"html": "text"}        # source field -> target field (the default)
    UNBOIL_OPTIONS = {"favor": "precision"} # options of unboil.Cleaner
    UNBOIL_DROP_EMPTY = True                # drop items whose text comes out empty
    UNBOIL_MIN_CHARS = 200                  # ... or shorter than this

A source field may hold a ``str`` (HTML or scraped text, told apart by how
it starts: ``response.text``), ``bytes`` (``response.body``) or the
response itself. Bytes are decoded by their BOM, else as UTF-8 when valid,
else by the item's ``encoding`` field when it has one (set it to
``response.encoding``, which knows the HTTP header; the field's name is
``UNBOIL_ENCODING_FIELD``), else by the page's ``<meta>`` charset, else as
windows-1252. A response brings its own encoding.
Items are anything ItemAdapter knows: dicts, ``scrapy.Item``, dataclass and
attrs objects; on a declared item class the target field must be declared.

Stats: ``unboil/cleaned``, ``unboil/emptied`` (cleaned to nothing),
``unboil/dropped`` and ``unboil/failed`` (a field that could not be cleaned:
the item goes on without its target, and the error is logged).
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any, Optional

from . import missing

try:
    from itemadapter import ItemAdapter
    from scrapy.crawler import Crawler
    from scrapy.exceptions import DropItem, NotConfigured
    from scrapy.http import Response, TextResponse
    from scrapy.statscollectors import StatsCollector
except ImportError as error:
    raise missing("scrapy", error) from error

from .._cleaner import Cleaner, cleaner_for
from ..errors import OptionsError, UnboilError
from ..options import Options

__all__ = ["UnboilPipeline"]

logger = logging.getLogger(__name__)

#: Source field -> target field, when ``UNBOIL_FIELDS`` is not set.
DEFAULT_FIELDS: Mapping[str, str] = {"html": "text"}
#: The item field naming the encoding of bytes fields.
DEFAULT_ENCODING_FIELD = "encoding"


class UnboilPipeline:
    """Cleans the source fields of every item into their target fields."""

    def __init__(
        self,
        fields: Mapping[str, str] = DEFAULT_FIELDS,
        options: Optional[Mapping[str, Any]] = None,
        *,
        drop_empty: bool = False,
        min_chars: int = 0,
        encoding_field: str = DEFAULT_ENCODING_FIELD,
        stats: Optional[StatsCollector] = None,
    ) -> None:
        if not fields or not all(isinstance(k, str) and isinstance(v, str) for k, v in fields.items()):
            raise OptionsError(f"UNBOIL_FIELDS: expected a mapping of field names to field names, got {fields!r}")
        if isinstance(min_chars, bool) or not isinstance(min_chars, int) or min_chars < 0:
            raise OptionsError(f"UNBOIL_MIN_CHARS: expected a whole number >= 0, got {min_chars!r}")
        self.fields = dict(fields)
        self.cleaner: Cleaner = cleaner_for(Options.from_kwargs(dict(options or {})))
        self.drop_empty = drop_empty
        self.min_chars = min_chars
        self.encoding_field = encoding_field
        self.stats = stats

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> UnboilPipeline:
        settings = crawler.settings
        if not settings.getbool("UNBOIL_ENABLED", True):
            raise NotConfigured("UNBOIL_ENABLED is off")
        return cls(
            settings.getdict("UNBOIL_FIELDS", dict(DEFAULT_FIELDS)),
            settings.getdict("UNBOIL_OPTIONS"),
            drop_empty=settings.getbool("UNBOIL_DROP_EMPTY"),
            min_chars=settings.getint("UNBOIL_MIN_CHARS"),
            encoding_field=settings.get("UNBOIL_ENCODING_FIELD", DEFAULT_ENCODING_FIELD),
            stats=crawler.stats,
        )

    def process_item(self, item: Any, spider: object = None) -> Any:
        """Cleans the item in place and returns it, or raises DropItem.
        ``spider`` is accepted for Scrapy releases that still pass it."""
        adapter = ItemAdapter(item)
        for source, target in self.fields.items():
            value = adapter.get(source)
            if value is None:
                continue
            try:
                text = self._clean(value, adapter.get(self.encoding_field))
                adapter[target] = text
            except (UnboilError, KeyError) as error:
                self._count("failed")
                reason = f"field {target!r} is not declared on {type(item).__name__}" if isinstance(error, KeyError) else error
                logger.error("unboil: cannot clean %r into %r: %s", source, target, reason)
                continue
            self._count("cleaned")
            if not text:
                self._count("emptied")
            if len(text) < self.min_chars:
                self._count("dropped")
                raise DropItem(f"unboil: {source!r} cleaned to {len(text)} characters, fewer than UNBOIL_MIN_CHARS")
            if self.drop_empty and not text:
                self._count("dropped")
                raise DropItem(f"unboil: {source!r} cleaned to nothing (UNBOIL_DROP_EMPTY)")
        return item

    def _clean(self, value: object, encoding: object) -> str:
        if isinstance(value, Response):
            encoding = value.encoding if isinstance(value, TextResponse) else None
            return self.cleaner.clean_html(value.body, value.url, encoding=encoding)
        # Another type raises InputTypeError.
        return self.cleaner.clean(value, encoding=encoding if isinstance(encoding, str) else None)  # type: ignore[arg-type]

    def _count(self, key: str) -> None:
        if self.stats is not None:
            self.stats.inc_value(f"unboil/{key}")
