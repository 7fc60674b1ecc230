"""Quality of the text cleaner on the shared benches.

Whole-page text: runs ``clean_text`` over each bench's text exports
(``text/*.txt`` and ``text-fragmented/*.txt``: a page's text, menus and
all), scores each set with ``../shared/score.py`` against
``ground-truth.json`` and prints F1 / precision / recall (and F1 per page
type where the bench has ``meta.json``) beside the do-nothing baseline
(the input itself), with the regime told from the text (the default), the
page regime asked for, and ``keep_title=False``.

Preservation: ``clean_text`` on every truth body over 200 characters: mean
4-gram shingle recall, the share of bodies at 0.98 or more, the lowest,
and the share that comes back identical (white space at line ends aside).

    python benches/text_quality.py [--bench NAME] [--per-doc SET] [--save DIR]
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


def score(name: str, clean: Callable[[str], str], bench: str = "scrapinghub") -> dict[str, Any]:
    """F1 table of ``clean`` over one text set of ``bench``."""
    return load_scorer().f1_table(load_truth(bench), predict(load_set(name, bench), clean))


def by_type(scorer: Any, truth: dict[str, Any], pred: dict[str, Any], types: dict[str, str]) -> str:
    """F1 per page type, the most frequent first."""
    kinds: dict[str, list[str]] = {}
    for doc, kind in types.items():
        kinds.setdefault(kind, []).append(doc)
    parts = []
    for kind, docs in sorted(kinds.items(), key=lambda kv: -len(kv[1])):
        table = scorer.f1_table({d: truth[d] for d in docs}, {d: pred[d] for d in docs})
        parts.append(f"{kind} {table['f1']:.3f}")
    return ", ".join(parts)


def preservation(clean: Callable[[str], str], min_chars: int = 200) -> dict[str, Any]:
    """How much of each truth body over ``min_chars`` characters ``clean`` gives back."""
    scorer = load_scorer()
    recalls, identical = [], 0
    for bench in BENCHES:
        for doc, item in load_truth(bench).items():
            body = item["articleBody"]
            if len(body) <= min_chars:
                continue
            out = clean(body)
            tp, _, fn = scorer.doc_scores(body, out)
            recalls.append((tp / (tp + fn) if tp + fn else 1.0, f"{bench}/{doc}"))
            identical += [line.rstrip() for line in out.split("\n")] == [line.rstrip() for line in body.split("\n")]
    values = [r for r, _ in recalls]
    return {
        "bodies": len(values),
        "mean_recall": sum(values) / len(values),
        "at_least_098": sum(r >= 0.98 for r in values) / len(values),
        "lowest": min(recalls),
        "below_090": sorted(doc for r, doc in recalls if r < 0.9),
        "identical": identical / len(values),
    }


def main() -> int:
    import unboil

    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--bench", choices=sorted(BENCHES), action="append", help="only this bench (repeatable)")
    parser.add_argument("--per-doc", choices=SETS, help="also list the worst documents of this set")
    parser.add_argument("--save", type=Path, help="write each set's predictions as DIR/<bench>-<set>.json")
    args = parser.parse_args()
    scorer = load_scorer()
    page = unboil.Cleaner(regime="page")
    cleaners = (
        ("do-nothing", lambda t: t),
        ("unboil", unboil.clean_text),
        ("page", page.clean_text),
        ("body-only", lambda t: unboil.clean_text(t, keep_title=False)),
    )
    print(f"{'bench':<12} {'set':<16} {'cleaner':<10} {'F1':>6} {'prec':>6} {'recall':>6}  by page type (F1)")
    for bench in args.bench or sorted(BENCHES):
        truth, types = load_truth(bench), load_types(bench)
        for name in SETS:
            texts = load_set(name, bench)
            for label, clean in cleaners:
                pred = predict(texts, clean)
                table = scorer.f1_table(truth, pred)
                kinds = by_type(scorer, truth, pred, types) if types else ""
                print(
                    f"{bench:<12} {name:<16} {label:<10} {table['f1']:6.3f} {table['precision']:6.3f}"
                    f" {table['recall']:6.3f}  {kinds}",
                    flush=True,
                )
                if label == "unboil" and args.save:
                    args.save.mkdir(parents=True, exist_ok=True)
                    path = args.save / f"{bench}-{name}.json"
                    path.write_text(json.dumps(pred, ensure_ascii=False), encoding="utf-8")
                if label == "unboil" and args.per_doc == name:
                    worst = sorted(table["per_doc"].items(), key=lambda kv: kv[1][0])[:25]
                    for doc, (tp, fp, fn) in worst:
                        print(f"    {doc[:16]} tp={tp:.2f} fp={fp:.2f} fn={fn:.2f}")
    kept = preservation(unboil.clean_text)
    print(
        f"preservation ({kept['bodies']} truth bodies over 200 characters, both benches): mean recall"
        f" {kept['mean_recall']:.4f}, {kept['at_least_098']:.1%} at 0.98 or more, lowest {kept['lowest'][0]:.3f}"
        f" ({kept['lowest'][1]}), {len(kept['below_090'])} below 0.90, {kept['identical']:.1%} identical"
    )
    if kept["below_090"]:
        print("  below 0.90: " + ", ".join(kept["below_090"]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
