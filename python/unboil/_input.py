"""What the public functions accept, and telling HTML from text."""

from __future__ import annotations

import re
from typing import Union

from .errors import InputTypeError

__all__ = ["as_text_input", "looks_like_html"]

# A document opens (after white space, a BOM or comments) with a doctype,
# <html>, or a tag only HTML pages open with.
_HTML_START = re.compile(
    rb"<(?:!doctype\s+html|html|head|body|meta|title|link|base|script|style|div|article|main|section|header|nav|p|table|h[1-6])[\s>/]",
    re.IGNORECASE,
)
_SPACE = re.compile(rb"\s*")
_SNIFF_BYTES = 4096


def as_text_input(content: object) -> Union[str, bytes]:
    """``content`` as ``str`` or ``bytes``, or :class:`InputTypeError`."""
    if isinstance(content, (str, bytes)):
        return content
    if isinstance(content, (bytearray, memoryview)):
        return bytes(content)
    raise InputTypeError(f"expected str or bytes, got {type(content).__name__}")


def looks_like_html(content: Union[str, bytes]) -> bool:
    """Whether ``content`` starts like an HTML document or fragment."""
    head = content[:_SNIFF_BYTES]
    if isinstance(head, str):
        head = head.encode("utf-8", "replace")
    head = head.removeprefix(b"\xef\xbb\xbf")
    at = _SPACE.match(head).end()
    # Skip leading comments, one find each: linear however many there are.
    while head.startswith(b"<!--", at):
        end = head.find(b"-->", at + 4)
        if end < 0:
            return False
        at = _SPACE.match(head, end + 3).end()
    return _HTML_START.match(head, at) is not None
