"""Trains the HTML extractor's block model (``rust/core/data/html/block_model.txt``).

The block model says which blocks of a page are its main content
(DESIGN.md, "HTML: the block model"): a forest of gradient-boosted
oblivious trees (CatBoost's, as the text cleaner's line model) over
features the core computes for every block after its region choice and
type judgement (``_block_features``), so training and extraction read the
same numbers, and the forest is scored here as the core scores it.

Training data: the HTML pages of both shared benches, each block labelled
content when the page's truth body covers it (half its 4-token shingles
in the body; a short block: its words in a row), weighted by its shingles
(words + 3), each page's weights summing to one (the score averages over
pages). Folds are split by site (a bench's ``meta.json`` domain, or the
URL's host), so no site is scored by a model that saw it; the cut-offs
are chosen on the out-of-fold scores: ``keep`` the best mean F1 of the
two benches, ``precision`` and ``recall`` the highest and the lowest cut
within ``FAVOR_SLACK`` of it. The F1 printed is of the kept blocks'
text (``../shared/score.py``), where the core then also runs the text
cleaner over them; ``benches/html_bench.py`` measures the extractor itself.

    pip install '.[train]'   # numpy, catboost: training only, the library needs neither
    python benches/train_block_model.py [--write] [--folds 5]

Rebuild (``maturin develop --release``) after ``--write`` to compile the new model in.
"""

from __future__ import annotations

import argparse
import collections
import gzip
import json
import sys
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
import text_quality as tq  # noqa: E402
from train_text_model import Body, Forest, folds_by_site, site_of  # noqa: E402

from unboil import Cleaner, _core  # noqa: E402

MODEL = tq.ROOT / "rust" / "core" / "data" / "html" / "block_model.txt"
#: Trees of the block forest (200 and 400 measured: DESIGN.md).
TREES = 400
#: The precision and recall cut-offs give up at most this much of the
#: out-of-fold F1 that the balanced one reaches.
FAVOR_SLACK = 0.01
CUTS = np.round(np.arange(0.2, 0.81, 0.05), 2)


class Page:
    """One page of a bench: its blocks' text, features and labels."""

    def __init__(self, bench: str, doc: str, site: str, kind: str, html: bytes, body: str, native: Any) -> None:
        self.bench, self.doc, self.site, self.kind = bench, doc, site, kind
        texts, columns, data = native._block_features(html)
        self.texts = texts
        self.x = np.frombuffer(data, dtype=np.float32).reshape(len(texts), columns).astype(np.float64)
        truth = Body(body)
        self.y = np.array([truth.covers(t) for t in self.texts], dtype=np.float64)
        size = np.array([len(t.split()) + 3.0 for t in self.texts])
        self.w = size / max(size.sum(), 1.0)
        names = list(_core.BLOCK_FEATURES)
        self.chosen = self.x[:, names.index("chosen")] > 0 if len(self.texts) else np.zeros(0, dtype=bool)
        self.headline = self.x[:, names.index("headline")] > 0 if len(self.texts) else np.zeros(0, dtype=bool)

    def kept(self, p: np.ndarray, cut: float) -> str:
        """The text of the blocks scored above ``cut`` times the page's best
        score, where that is above ``cut`` (else the region choice's, as the
        core falls back), without the headline."""
        best = p.max() if len(p) else 0.0
        keep = (p > cut * best) & ~self.headline if best > cut else np.zeros(len(p), dtype=bool)
        if not keep.any():
            keep = self.chosen
        return "\n\n".join(t for t, k in zip(self.texts, keep) if k)


def load(native: Any) -> tuple[list[Page], dict[str, Any]]:
    pages, bodies = [], {}
    for bench, root in tq.BENCHES.items():
        truth = tq.load_truth(bench)
        meta_path = root / "meta.json"
        meta = json.loads(meta_path.read_text(encoding="utf-8")) if meta_path.exists() else {}
        for doc in sorted(truth):
            info = meta.get(doc, {})
            html = gzip.decompress((root / "html" / f"{doc}.html.gz").read_bytes())
            site = site_of(info, truth[doc].get("url", ""))
            pages.append(Page(bench, doc, site, info.get("type", "article"), html, truth[doc]["articleBody"], native))
        bodies[bench] = truth
    return pages, bodies


def fit(pages: list[Page]) -> Forest:
    rows = [p for p in pages if len(p.texts)]
    w = np.concatenate([p.w for p in rows])
    return Forest(np.vstack([p.x for p in rows]), np.concatenate([p.y for p in rows]), w / w.mean(), trees=TREES)


def scores(model: Forest, page: Page) -> np.ndarray:
    return model.predict(page.x) if len(page.texts) else np.zeros(0)


def tables(pages: list[Page], p: list[np.ndarray], cut: float, bodies: dict[str, Any]) -> dict[str, dict[str, float]]:
    """F1, P and R of each bench, and F1 of each page type, at ``cut``."""
    scorer, out = tq.load_scorer(), {}
    for bench, truth in bodies.items():
        pred = {pg.doc: {"articleBody": pg.kept(s, cut)} for pg, s in zip(pages, p) if pg.bench == bench}
        t = scorer.f1_table(truth, pred)
        row = {"f1": t["f1"], "precision": t["precision"], "recall": t["recall"]}
        kinds = collections.defaultdict(list)
        for pg in pages:
            if pg.bench == bench:
                kinds[pg.kind].append(pg.doc)
        if len(kinds) > 1:
            for kind, docs in kinds.items():
                row[kind] = scorer.f1_table({d: truth[d] for d in docs}, {d: pred[d] for d in docs})["f1"]
        out[bench] = row
    return out


def report(label: str, pages: list[Page], p: list[np.ndarray], cut: float, bodies: dict[str, Any]) -> None:
    for bench, row in tables(pages, p, cut, bodies).items():
        rest = " ".join(f"{k[:5]} {v:.3f}" for k, v in row.items() if k not in ("f1", "precision", "recall"))
        print(f"{label:<11} {bench:<12} cut {cut:.2f} F1 {row['f1']:.3f} P {row['precision']:.3f} R {row['recall']:.3f}  {rest}", flush=True)


def choose(pages: list[Page], p: list[np.ndarray], bodies: dict[str, Any]) -> tuple[float, float, float]:
    """The balanced, precision and recall cut-offs (see the module's doc)."""
    f1 = {}
    for cut in CUTS:
        rows = tables(pages, p, float(cut), bodies)
        f1[float(cut)] = float(np.mean([r["f1"] for r in rows.values()]))
        print(f"cut {cut:.2f}: mean F1 {f1[float(cut)]:.4f}  " + "  ".join(f"{b} P {r['precision']:.3f} R {r['recall']:.3f}" for b, r in rows.items()), flush=True)
    keep = max(f1, key=lambda c: (f1[c], -abs(c - 0.5)))
    near = [c for c in f1 if f1[c] >= f1[keep] - FAVOR_SLACK]
    return keep, max(near), min(near)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--write", action="store_true", help=f"write the model to {MODEL.relative_to(tq.ROOT)}")
    args = parser.parse_args()
    native = Cleaner()._native
    pages, bodies = load(native)
    print(f"{len(pages)} pages, {sum(len(p.texts) for p in pages)} blocks, {len(_core.BLOCK_FEATURES)} features", flush=True)
    fold = folds_by_site([p.site for p in pages], args.folds)
    oof: list[np.ndarray] = [np.zeros(0)] * len(pages)
    for k in range(args.folds):
        model = fit([p for p, f in zip(pages, fold) if f != k])
        for i, f in enumerate(fold):
            if f == k:
                oof[i] = scores(model, pages[i])
        print(f"fold {k} fitted", flush=True)
    keep, precision, recall = choose(pages, oof, bodies)
    print(f"cut-offs chosen on the out-of-fold scores: keep > {keep}, precision > {precision}, recall > {recall}")
    for name, cut in (("site-split", keep), ("precision", precision), ("recall", recall)):
        report(name, pages, oof, cut, bodies)
    model = fit(pages)
    report("in-sample", pages, [scores(model, p) for p in pages], keep, bodies)
    if args.write:
        rows = ["# The block model: written by benches/train_block_model.py (DESIGN.md, \"HTML: the block model\")."]
        rows += ["[thresholds]", f"keep\t{keep}", f"precision\t{precision}", f"recall\t{recall}"]
        rows += ["[blocks]"] + model.rows(list(_core.BLOCK_FEATURES))
        MODEL.write_text("\n".join(rows) + "\n", encoding="utf-8")
        print(f"wrote {MODEL.relative_to(tq.ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
