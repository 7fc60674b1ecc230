"""What the public functions accept, and telling HTML from text."""

from __future__ import annotations

import re
from typing import Union

from .errors import InputTypeError

__all__ = ["as_text_input", "looks_like_html"]

# A document that opens (after white space, a BOM or comments) with a
# doctype, <html>, or a tag only HTML pages open with.
_HTML_START = re.compile(
    rb"\A(?:\xef\xbb\xbf)?\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|meta|title|link|base|script|style|div|article|main|section|header|nav|p|table|h[1-6])[\s>/]",
    re.IGNORECASE | re.DOTALL,
)
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
    return _HTML_START.match(head) is not None
