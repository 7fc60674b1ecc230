"""Quality of the text cleaner on the benchmark's text exports.

Runs ``clean_text`` over ``../shared/bench/scrapinghub/text/*.txt`` and
``text-fragmented/*.txt``, scores each set with ``../shared/score.py``
against ``ground-truth.json``, and prints F1 / precision / recall beside
the do-nothing baseline (the input itself), with the default options and
with ``keep_title=False`` (the article body alone, as the ground truth has it).

    python benches/text_quality.py [--per-doc SET] [--save DIR]
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import sys
from pathlib import Path
from typing import Any, Callable

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("UNBOIL_SHARED", ROOT.parent / "shared"))
#: The shared benches: pages (html/), their text exports and the truth.
BENCHES = {name: SHARED / "bench" / name for name in ("scrapinghub", "wcxb-dev")}
BENCH = BENCHES["scrapinghub"]
SETS = ("text", "text-fragmented")


def load_scorer() -> Any:
    spec = importlib.util.spec_from_file_location("unboil_bench_score", SHARED / "score.py")
    if spec is None or spec.loader is None:
        raise FileNotFoundError(SHARED / "score.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def load_truth(bench: str = "scrapinghub") -> dict[str, dict[str, str]]:
    with open(BENCHES[bench] / "ground-truth.json", encoding="utf-8") as handle:
        return json.load(handle)


def load_types(bench: str) -> dict[str, str]:
    """Each page's type (article, forum, ...), for benches that say (``meta.json``)."""
    meta = BENCHES[bench] / "meta.json"
    if not meta.exists():
        return {}
    with open(meta, encoding="utf-8") as handle:
        return {doc: info["type"] for doc, info in json.load(handle).items()}


def load_set(name: str, bench: str = "scrapinghub") -> dict[str, str]:
    return {path.stem: path.read_text(encoding="utf-8") for path in sorted((BENCHES[bench] / name).glob("*.txt"))}


def predict(texts: dict[str, str], clean: Callable[[str], str]) -> dict[str, dict[str, str]]:
    return {doc: {"articleBody": clean(text)} for doc, text in texts.items()}


def score(name: str, clean: Callable[[str], str]) -> dict[str, Any]:
    """F1 table of ``clean`` over one text set."""
    return load_scorer().f1_table(load_truth(), predict(load_set(name), clean))


def main() -> int:
    import unboil

    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--per-doc", choices=SETS, help="also list the worst documents of this set")
    parser.add_argument("--save", type=Path, help="write each set's predictions as DIR/<set>.json")
    args = parser.parse_args()
    scorer, truth = load_scorer(), load_truth()
    print(f"{'set':<16} {'cleaner':<10} {'F1':>6} {'prec':>6} {'recall':>6}")
    for name in SETS:
        texts = load_set(name)
        cleaners = (
            ("do-nothing", lambda t: t),
            ("unboil", unboil.clean_text),
            ("body-only", lambda t: unboil.clean_text(t, keep_title=False)),
        )
        for label, clean in cleaners:
            pred = predict(texts, clean)
            table = scorer.f1_table(truth, pred)
            print(f"{name:<16} {label:<10} {table['f1']:6.3f} {table['precision']:6.3f} {table['recall']:6.3f}")
            if label == "unboil" and args.save:
                args.save.mkdir(parents=True, exist_ok=True)
                (args.save / f"{name}.json").write_text(json.dumps(pred, ensure_ascii=False), encoding="utf-8")
            if label == "unboil" and args.per_doc == name:
                worst = sorted(table["per_doc"].items(), key=lambda kv: kv[1][0])[:25]
                for doc, (tp, fp, fn) in worst:
                    print(f"    {doc[:16]} tp={tp:.2f} fp={fp:.2f} fn={fn:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
