"""How well unboil reads a page's metadata on the shared benches.

- Language: ``Document.language`` (its language subtag) against the label
  ``../shared/bench/wcxb-dev/meta.json`` gives each page (``und`` pages
  left out), and how many pages get a language on ``bench/scrapinghub``
  (which has no labels), by language.
- Date: how many pages state a date (``date_raw``), and how many of those
  read as one (``date``, ISO 8601); the strings that do not, counted.

    python benches/metadata_bench.py
"""

from __future__ import annotations

import collections
import gzip
import json
import sys
from pathlib import Path

import unboil

BENCH = Path(__file__).resolve().parents[1].parent / "shared" / "bench"


def main() -> int:
    cleaner = unboil.Cleaner()
    labels = {k: v["lang"] for k, v in json.loads((BENCH / "wcxb-dev" / "meta.json").read_text()).items()}
    unread: collections.Counter[str] = collections.Counter()
    for bench in ("wcxb-dev", "scrapinghub"):
        right = labelled = 0
        wrong: collections.Counter[tuple[str, str]] = collections.Counter()
        found: collections.Counter[str] = collections.Counter()
        stated = read = 0
        for path in sorted((BENCH / bench / "html").glob("*.html.gz")):
            document = cleaner.extract(gzip.decompress(path.read_bytes()))
            language = (document.language or "none").split("-")[0]
            found[language] += 1
            label = labels.get(path.name.removesuffix(".html.gz"), "und") if bench == "wcxb-dev" else "und"
            if label != "und":
                labelled += 1
                right += language == label
                if language != label:
                    wrong[(label, language)] += 1
            if document.date_raw is not None:
                stated += 1
                read += document.date is not None
                if document.date is None:
                    unread[document.date_raw] += 1
        print(f"{bench}: languages {dict(found.most_common())}")
        if labelled:
            print(f"  against the labels: {right} of {labelled} ({right / labelled:.3f}); wrong {dict(wrong)}")
        print(f"  dates: {stated} pages state one, {read} read as ISO 8601")
    print(f"date strings not read: {dict(unread.most_common())}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
