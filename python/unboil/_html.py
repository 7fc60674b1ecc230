"""What an HTML page gives: its article and what it says of itself."""

from __future__ import annotations

import dataclasses
from typing import Optional

__all__ = ["Document"]


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
