"""unboil's Markdown beside the html-to-markdown package's, on the same blocks.

For every page of ``../shared/bench/scrapinghub``, unboil chooses the
article and writes it twice: as Markdown, and as HTML (the same blocks),
which html-to-markdown then converts. Both Markdowns are read back with
markdown-it (CommonMark, GFM tables and strikethrough) and compared: the
links, images and table cells each holds, and whether its visible text is
unboil's text output, word for word.

    pip install html-to-markdown markdown-it-py
    python benches/markdown_compare.py
"""

from __future__ import annotations

import gzip
import sys
from pathlib import Path

from html_to_markdown import convert
from markdown_it import MarkdownIt

import unboil

ROOT = Path(__file__).resolve().parents[1]
BENCH = ROOT.parent / "shared" / "bench" / "scrapinghub" / "html"
PARSER = MarkdownIt("commonmark").enable(["table", "strikethrough"])
URL = "https://example.com/dir/page.html"


def read_back(markdown: str) -> dict[str, object]:
    """What a reader gets from ``markdown``: links, images, table cells, words."""
    links = images = cells = 0
    words: list[str] = []
    for token in PARSER.parse(markdown):
        if token.type in ("th_open", "td_open"):
            cells += 1
        if token.type == "inline":
            shown = []
            for child in token.children or []:
                links += child.type == "link_open"
                images += child.type == "image"
                if child.type in ("text", "code_inline"):
                    shown.append(child.content)
                elif child.type in ("softbreak", "hardbreak"):
                    shown.append(" ")
            words.extend("".join(shown).split())
        elif token.type in ("fence", "code_block"):
            words.extend(token.content.split())
    return {"links": links, "images": images, "cells": cells, "words": words}


def main() -> int:
    pages = sorted(BENCH.glob("*.html.gz"))
    options = {"include_images": True}
    ours_md = unboil.Cleaner(output_format="markdown", **options)
    ours_html = unboil.Cleaner(output_format="html", **options)
    text = unboil.Cleaner()
    totals = {name: {"links": 0, "images": 0, "cells": 0, "same text": 0} for name in ("unboil", "html-to-markdown")}
    for path in pages:
        page = gzip.decompress(path.read_bytes())
        words = text.extract(page, URL).text.split()
        outputs = {
            "unboil": ours_md.extract(page, URL).text,
            "html-to-markdown": convert(ours_html.extract(page, URL).text).content or "",
        }
        for name, markdown in outputs.items():
            found = read_back(markdown)
            for key in ("links", "images", "cells"):
                totals[name][key] += int(found[key])  # type: ignore[call-overload]
            totals[name]["same text"] += found["words"] == words
    print(f"{len(pages)} pages of bench/scrapinghub, the same chosen blocks")
    print(f"{'':<18} {'links':>7} {'images':>7} {'cells':>7} {'text = text output':>19}")
    for name, t in totals.items():
        print(f"{name:<18} {t['links']:>7} {t['images']:>7} {t['cells']:>7} {t['same text']:>13} pages")
    return 0


if __name__ == "__main__":
    sys.exit(main())
