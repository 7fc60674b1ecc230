"""Telling a page from text, as the core does."""

from __future__ import annotations

from typing import Union

from . import _core

__all__ = ["looks_like_html"]


def looks_like_html(content: Union[str, bytes]) -> bool:
    """Whether ``content`` opens as an HTML page or fragment does (after
    white space, a byte-order mark, comments and an XML declaration)."""
    return _core.sniff(content) == "html"
