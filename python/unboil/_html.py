"""What an HTML page gives (its article and what it says of itself), and
the user's CSS selectors, which selectolax (Lexbor) runs on a page before
the core reads it."""

from __future__ import annotations

import dataclasses
import html
from typing import Optional, Union

from . import _core
from .errors import InternalError, OptionsError

__all__ = ["Document", "Selectors", "check_selector", "document_of"]


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
    """The publication date in ISO 8601: ``2024-05-01``, or with the time
    (``2024-05-01T10:20:30+02:00``, the offset when the page gives one);
    ``None`` when no source the page offers reads as a date."""
    date_raw: Optional[str] = None
    """The date as the page wrote it (``Tue, 01 May 2024 08:20 GMT``)."""
    url: Optional[str] = None
    """The canonical address, else the ``url`` given by the caller."""
    sitename: Optional[str] = None
    language: Optional[str] = None
    """A language tag (``en``, ``pt-BR``): what the page declares
    (``<html lang>`` or a meta tag), unless its text is clearly in another
    language; told from the text when the page declares none."""
    image: Optional[str] = None
    """The page's image (``og:image``, JSON-LD), its URL resolved."""
    description: Optional[str] = None
    """The page's summary of itself (``og:description``, ``description``)."""
    page_type: str = "other"
    """What kind of page it is, as the extractor judged it: ``article``,
    ``forum``, ``product``, ``listing``, ``collection``, ``documentation``,
    ``service``, or ``other`` (no text to judge)."""
    confidence: float = 0.0
    """How likely ``text`` is the page's main content, in [0, 1]: the
    chance, as calibrated on the benchmarks, that it scores an F1 of 0.9 or
    more against a hand-made body. Low values mark pages to send elsewhere."""


def document_of(row: _core.DocumentRow) -> Document:
    """The :class:`Document` of a row the core returns."""
    text, fields, page_type, confidence = row
    title, author, date, date_raw, url, sitename, language, image, description = fields
    return Document(
        text, title, author, date, date_raw, url, sitename, language, image, description, page_type, confidence
    )


def check_selector(option: str, selector: str) -> None:
    """Raises :class:`OptionsError` unless selectolax can run ``selector``."""
    from selectolax.lexbor import LexborHTMLParser, SelectolaxError

    try:
        LexborHTMLParser(b"").css(selector)
    except (SelectolaxError, ValueError) as error:
        raise OptionsError(f"{option}: invalid CSS selector {selector!r} ({error})") from error


@dataclasses.dataclass(frozen=True)
class Selectors:
    """What ``prune`` and ``target`` do to a page, before the core reads it."""

    prune: tuple[str, ...]
    target: tuple[str, ...]

    def prepare(self, page: Union[str, bytes], encoding: Optional[str] = None) -> tuple[Union[str, bytes], bool]:
        """The page for the core, and whether its body is the content the
        targets chose. The page is decoded and parsed as the core parses it,
        and written back ([`_core.page_html`]: its recovery done, its
        nesting and attributes bounded, so that Lexbor reads it in linear
        time and sees the core's tree); then selectolax runs the selectors
        on it, prunes, and either rebuilds the page around the outermost
        targets (its head kept, for the metadata) or writes it back whole.
        Bytes that are no text at all come back as they are. A failure
        inside selectolax is an :class:`InternalError`."""
        from selectolax.lexbor import SelectolaxError

        data = _core.page_html(page, encoding)
        if data is None:
            return page, False
        try:
            return self._apply(data)
        except SelectolaxError as error:
            raise InternalError(f"selectolax: {error}") from error

    def _apply(self, data: bytes) -> tuple[str, bool]:
        """:meth:`prepare` on the page as the core wrote it back."""
        from selectolax.lexbor import LexborHTMLParser

        tree = LexborHTMLParser(data, scripting=True)
        for selector in self.prune:
            for node in tree.css(selector):
                node.decompose()
        if self.target:
            found = tree.css(", ".join(self.target))
            ids = {node.mem_id for node in found}
            outermost = [node for node in found if not _inside(node, ids)]
            if outermost:
                root = tree.root
                attrs = "".join(
                    f' {name}="{html.escape(value or "")}"' for name, value in (root.attributes if root is not None else {}).items()
                )
                head = tree.head.html if tree.head is not None else ""
                body = "".join(node.html or "" for node in outermost)
                return f"<html{attrs}>{head}<body>{body}</body></html>", True
        return tree.html or "", False


def _inside(node: object, ids: set[int]) -> bool:
    """Whether an ancestor of ``node`` is one of the nodes ``ids``."""
    parent = getattr(node, "parent", None)
    while parent is not None:
        if parent.mem_id in ids:
            return True
        parent = parent.parent
    return False
