"""What the public functions accept, and telling HTML from text."""

from __future__ import annotations

import re
from re import Match, Pattern
from typing import AnyStr, Optional, Union

from .errors import InputTypeError

__all__ = ["as_text_input", "looks_like_html"]

# A document opens (after white space, a BOM or comments) with a doctype,
# <html>, or a tag only HTML pages open with.
_HTML_START = re.compile(
    rb"<(?:!doctype\s+html|html|head|body|meta|title|link|base|script|style|div|article|main|section|header|nav|p|table|h[1-6])[\s>/]",
    re.IGNORECASE,
)
_HTML_START_TEXT = re.compile(_HTML_START.pattern.decode("ascii"), re.IGNORECASE)
_SPACE = re.compile(rb"\s*")
_SPACE_TEXT = re.compile(r"\s*")


def as_text_input(content: object) -> Union[str, bytes]:
    """``content`` as ``str`` or ``bytes``, or :class:`InputTypeError`."""
    if isinstance(content, (str, bytes)):
        return content
    if isinstance(content, (bytearray, memoryview)):
        return bytes(content)
    raise InputTypeError(f"expected str or bytes, got {type(content).__name__}")


def looks_like_html(content: Union[str, bytes]) -> bool:
    """Whether ``content`` starts like an HTML document or fragment."""
    if isinstance(content, str):
        return _starts_like_html(content.removeprefix("\ufeff"), "<!--", "-->", _SPACE_TEXT, _HTML_START_TEXT)
    return _starts_like_html(content.removeprefix(b"\xef\xbb\xbf"), b"<!--", b"-->", _SPACE, _HTML_START)


def _starts_like_html(doc: AnyStr, opens: AnyStr, closes: AnyStr, space: Pattern[AnyStr], start: Pattern[AnyStr]) -> bool:
    # Skip white space and leading comments, one find each: linear however
    # many comments there are, and no copy of the document.
    at = _end(space.match(doc))
    while doc.startswith(opens, at):
        end = doc.find(closes, at + len(opens))
        if end < 0:
            return False
        at = _end(space.match(doc, end + len(closes)))
    return start.match(doc, at) is not None


def _end(match: Optional[Match[AnyStr]]) -> int:
    assert match is not None  # \s* always matches
    return match.end()
