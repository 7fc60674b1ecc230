"""HTML in: the page parsed by selectolax (Lexbor), whose serialisation of
the repaired tree goes to the core in one call."""

from __future__ import annotations

import dataclasses
from typing import Optional, Union

from selectolax.lexbor import LexborHTMLParser

from . import _core

__all__ = ["Document", "serialized"]


@dataclasses.dataclass(frozen=True)
class Document:
    """The article of a page and what the page says of itself.

    Metadata fields are ``None`` when the page does not state them.
    """

    text: str
    """The article body (with the headline first under ``include_title``)."""
    title: Optional[str] = None
    author: Optional[str] = None
    date: Optional[str] = None
    """The publication date as the page writes it (often ISO 8601)."""
    url: Optional[str] = None
    """The canonical address, else the ``url`` given by the caller."""
    sitename: Optional[str] = None
    language: Optional[str] = None
    """As the page declares it (``<html lang>`` or a meta tag)."""


def serialized(content: Union[str, bytes], encoding: Optional[str] = None) -> str:
    """The page as Lexbor parses it (HTML5 error recovery, as a browser with
    scripting on: ``<noscript>`` holds text), serialised.

    Bytes are decoded in the core: a byte-order mark, then valid UTF-8, then
    ``encoding`` (a label or a ``Content-Type`` value, e.g. from HTTP
    headers), then the page's ``<meta>`` declaration, then windows-1252;
    bytes that are no text at all give an empty page. Markup nested deeper
    than the parser handles in linear time, or tags with thousands of
    attributes, are bounded first (the text stays).
    """
    prepared = _core.prepare_html(content, encoding)
    page = content if prepared is None else prepared
    if not page:
        return ""
    return LexborHTMLParser(page, scripting=True).html or ""
