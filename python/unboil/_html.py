"""HTML to text, provisional: the visible text of the page, one text node a
line, for the text cleaner to work on. A main-content extractor replaces it."""

from __future__ import annotations

from typing import Union

from selectolax.lexbor import LexborHTMLParser

__all__ = ["visible_text"]

_INVISIBLE = "script, style, noscript, template, svg, iframe, object, embed, head"


def visible_text(html: Union[str, bytes]) -> str:
    if isinstance(html, bytes):
        html = html.decode("utf-8", "replace")
    tree = LexborHTMLParser(html)
    for node in tree.css(_INVISIBLE):
        node.decompose()
    root = tree.body or tree.root
    if root is None:
        return ""
    return root.text(separator="\n", strip=True)
