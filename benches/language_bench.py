"""What a language's stop words are worth: each bench page in a built-in
language other than English, cleaned with every language, with its own
left out (its relatives' lists stay: Spanish for a Portuguese page), and
with English's alone, as a page in a language without a list of its own
or a relative's is cleaned.

The pages are those of both shared benches whose ``Document.language`` is
built in and not English (their HTML through ``extract``, their ``text``
export through ``clean_text``); F1 is ``../shared/score.py``'s over
those pages (of their mean precision and recall).
Prints one row per path: pages and the three F1; then the pages whose
judged type changes with the language left out and with English alone.

    python benches/language_bench.py
"""

from __future__ import annotations

import gzip
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
import text_quality as tq  # noqa: E402

import unboil  # noqa: E402


def main() -> int:
    scorer = tq.load_scorer()
    everything, english = unboil.Cleaner(), unboil.Cleaner(languages=("en",))
    without: dict[str, unboil.Cleaner] = {}
    truths: dict[str, dict[str, Any]] = {}
    # path -> predictions with all languages, with the page's own left out, with English's alone
    preds: dict[str, tuple[dict[str, Any], ...]] = {"html": ({}, {}, {}), "text": ({}, {}, {})}
    types_changed = [0, 0]
    for bench, root in tq.BENCHES.items():
        truth = tq.load_truth(bench)
        for doc in sorted(truth):
            html = gzip.decompress((root / "html" / f"{doc}.html.gz").read_bytes())
            document = everything.extract(html)
            code = (document.language or "").split("-")[0]
            if code not in unboil.LANGUAGES or code == "en":
                continue
            if code not in without:
                without[code] = unboil.Cleaner(languages=tuple(c for c in unboil.LANGUAGES if c != code))
            key = f"{bench}/{doc}"
            truths[key] = truth[doc]
            text = next((root / "text").glob(f"{doc}*")).read_text(encoding="utf-8")
            for i, cleaner in enumerate((everything, without[code], english)):
                page = document if i == 0 else cleaner.extract(html)
                if i:
                    types_changed[i - 1] += page.page_type != document.page_type
                preds["html"][i][key] = {"articleBody": page.text}
                preds["text"][i][key] = {"articleBody": cleaner.clean_text(text)}
    print("path  pages  all languages  its own left out  English alone")
    for path, runs in preds.items():
        f1 = [scorer.f1_table(truths, p)["f1"] for p in runs]
        print(f"{path:<5} {len(truths):>5}  {f1[0]:>13.3f}  {f1[1]:>16.3f}  {f1[2]:>13.3f}")
    print(f"judged type changed on {types_changed[0]} (its own left out) and {types_changed[1]} (English alone) of {len(truths)} pages")
    return 0


if __name__ == "__main__":
    sys.exit(main())
