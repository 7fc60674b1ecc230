"""Trains the text cleaner's line and regime models (``rust/core/data/text/model.txt``).

The line model says which lines of a whole page's text are its main
content; the regime model whether a text is a whole page's at all
(DESIGN.md, "The line model"). The line model is two forests of
gradient-boosted oblivious trees (CatBoost's), the regime model an additive logistic
model over binned features. The core computes every feature
(``_model_features``, ``_regime_features``), so training and cleaning read
the same numbers, and the forests are scored here as the core scores them.

Training data: the text exports (``text/``, ``text-fragmented/``) of both
shared benches, each line labelled content when most of its 4-token
shingles (a short line: its words in a row) are in the page's truth body;
for the regime, those exports (pages) beside the truth bodies themselves
(article text). Folds are split by site (a bench's ``meta.json`` domain, or
the URL's host), so no site is scored by a model that saw it; the cut-offs
are chosen on the out-of-fold scores. Prints the out-of-fold (site-split)
figures and then, for the model written, the in-sample ones, scored with
``../shared/score.py``.

    pip install '.[train]'   # numpy, catboost: training only, the library needs neither
    python benches/train_text_model.py [--write] [--folds 5] [--page CUT]

The model compiled in was written with ``--write --page 0.98``: out of
fold, 0.98 (the cut-off chosen) leaves 12 truth bodies below 0.90 recall
and 0.99 seven, for 0.002 less of the exports' F1; on all data both
leave none, and fits that chose 0.99 lost 0.003-0.006 F1 on every export
in sample with it. The forests take about 30 minutes on two cores.

Rebuild (``maturin develop --release``) after ``--write`` to compile the new model in.
"""

from __future__ import annotations

import argparse
import collections
import json
import re
import sys
import tempfile
from pathlib import Path
from typing import Any

import numpy as np
from catboost import CatBoostClassifier

sys.path.insert(0, str(Path(__file__).resolve().parent))
import text_quality as tq  # noqa: E402

from unboil import Cleaner, _core  # noqa: E402

MODEL = tq.ROOT / "rust" / "core" / "data" / "text" / "model.txt"
WORD = re.compile(r"\w+")
BREAK = re.compile(r"\r\n|\r|\n")
#: Quantile bins per feature of the regime model (at most; fewer where values repeat).
BINS = 16
#: Newton sweeps over the features, and the ridge on each bin's step.
SWEEPS = 12
RIDGE = 20.0
#: A line weighs its words and the shingles it makes with its neighbours
#: (words + 3): the score counts shingles. A page's weights are scaled to
#: sum to (their sum) ** PAGE_POWER: 0, as the score averages over pages
#: (0.5 and 1 measured lower).
PAGE_POWER = 0.0
#: In the regime model's fit, a truth body weighs 1 + LOSS_WEIGHT x the
#: share of it a page's reading would lose: misreading a body costs what it loses.
LOSS_WEIGHT = 20.0


class Body:
    """A truth body's shingles, to tell whether a piece of text is in it."""

    def __init__(self, body: str) -> None:
        tokens = WORD.findall(body)
        self.shingles = {tuple(tokens[i : i + 4]) for i in range(len(tokens) - 3)}
        self.joined = " " + " ".join(tokens) + " "

    def covers(self, text: str) -> bool:
        """Half the text's shingles are in the body (a text of under 4
        words: its words in a row)."""
        words = WORD.findall(text)
        if len(words) >= 4:
            own = [tuple(words[i : i + 4]) for i in range(len(words) - 3)]
            return sum(s in self.shingles for s in own) >= 0.5 * len(own)
        return bool(words) and (" " + " ".join(words) + " ") in self.joined


def label_lines(text: str, body: str) -> dict[int, bool]:
    """Each non-blank line's label by number: content when the body covers it."""
    truth = Body(body)
    return {number: truth.covers(line) for number, line in enumerate(BREAK.split(text), 1) if line.strip()}


class Page:
    """One text of a bench with its features and line labels."""

    def __init__(self, bench: str, kind: str, doc: str, site: str, text: str, body: str, native: Any) -> None:
        self.bench, self.kind, self.doc, self.site, self.text = bench, kind, doc, site, text
        numbers = native._model_features(text)[0]
        self.x = features(native, text)
        labels = label_lines(text, body)
        self.y = np.array([labels.get(n, False) for n in numbers], dtype=np.float64)
        self.numbers = numbers

    def context(self, native: Any, p: np.ndarray) -> np.ndarray:
        return features(native, self.text, [float(v) for v in p])

    def kept(self, p: np.ndarray, keep: float) -> str:
        lines = BREAK.split(self.text)
        return "\n".join(lines[n - 1] for n, q in zip(self.numbers, p) if q > keep)


def site_of(info: dict[str, Any], url: str) -> str:
    return info.get("domain") or re.sub(r"^https?://(www\.)?", "", url).split("/")[0]


def load(native: Any) -> tuple[list[Page], dict[str, Any]]:
    pages, bodies = [], {}
    for bench in tq.BENCHES:
        truth = tq.load_truth(bench)
        meta_path = tq.BENCHES[bench] / "meta.json"
        meta = json.loads(meta_path.read_text(encoding="utf-8")) if meta_path.exists() else {}
        for kind in tq.SETS:
            texts = tq.load_set(kind, bench)
            for doc in sorted(truth):
                site = site_of(meta.get(doc, {}), truth[doc].get("url", ""))
                pages.append(Page(bench, kind, doc, site, texts[doc], truth[doc]["articleBody"], native))
        bodies[bench] = truth
    return pages, bodies


def folds_by_site(sites: list[str], folds: int) -> list[int]:
    """Each item's fold: whole sites, the largest first into the smallest fold."""
    sizes = collections.Counter(sites)
    load_of, fold_of = [0] * folds, {}
    for site, size in sorted(sizes.items(), key=lambda kv: (-kv[1], kv[0])):
        k = min(range(folds), key=lambda f: (load_of[f], f))
        fold_of[site], load_of[k] = k, load_of[k] + size
    return [fold_of[s] for s in sites]


class Additive:
    """An additive logistic model over quantile bins, fitted by Newton
    steps one feature at a time (each bin's weight its own step)."""

    def __init__(self, x: np.ndarray, y: np.ndarray, w: np.ndarray) -> None:
        qs = np.linspace(0, 1, BINS + 1)[1:-1]
        self.edges = [np.unique(np.quantile(x[:, j], qs)) for j in range(x.shape[1])]
        bins = self.bins(x)
        self.weights = [np.zeros(len(e) + 1) for e in self.edges]
        mean = np.clip(np.average(y, weights=w), 1e-6, 1 - 1e-6)
        self.bias = float(np.log(mean / (1 - mean)))
        z = np.full(len(y), self.bias)
        for _ in range(SWEEPS):
            for j, b in enumerate(bins):
                p = 1 / (1 + np.exp(-z))
                size = len(self.weights[j])
                g = np.bincount(b, weights=w * (p - y), minlength=size)
                h = np.bincount(b, weights=w * p * (1 - p), minlength=size)
                step = -g / (h + RIDGE * w.mean())
                self.weights[j] += step
                z += step[b]
            p = 1 / (1 + np.exp(-z))
            g, h = np.sum(w * (p - y)), np.sum(w * p * (1 - p))
            self.bias -= g / h
            z -= g / h

    def bins(self, x: np.ndarray) -> list[np.ndarray]:
        return [np.searchsorted(e, x[:, j], side="right") for j, e in enumerate(self.edges)]

    def predict(self, x: np.ndarray) -> np.ndarray:
        z = self.bias + sum(wj[b] for wj, b in zip(self.weights, self.bins(x)))
        return (1 / (1 + np.exp(-z))).astype(np.float64)

    def rows(self, names: list[str]) -> list[str]:
        out = [f"bias\t{self.bias:.6g}"]
        for name, e, wj in zip(names, self.edges, self.weights):
            out.append(f"{name}\t{' '.join(f'{v:.6g}' for v in e.astype(np.float32))}\t{' '.join(f'{v:.5g}' for v in wj)}")
        return out


#: The line forests: TREES oblivious trees of DEPTH levels, each step
#: shrunk by LEARNING_RATE, the features in at most SPLIT_BINS bins
#: (DESIGN.md, "The line model", says what each costs and gains).
TREES = 400
DEPTH = 6
LEARNING_RATE = 0.1
SPLIT_BINS = 64


class Forest:
    """Gradient-boosted oblivious trees (CatBoost's: every node of a level
    splits on one feature at one threshold), each written out to ``DEPTH``
    levels (a tree the booster left shallower gets levels that never
    split) with float32 thresholds, so ``predict`` here and the core give
    the same numbers."""

    def __init__(self, x: np.ndarray, y: np.ndarray, w: np.ndarray, trees: int = TREES) -> None:
        assert np.isfinite(x).all(), "the core's features are finite"
        booster = CatBoostClassifier(
            iterations=trees,
            depth=DEPTH,
            learning_rate=LEARNING_RATE,
            border_count=SPLIT_BINS,
            random_seed=0,
            thread_count=-1,
            verbose=False,
            allow_writing_files=False,
        )
        booster.fit(x.astype(np.float32), y, sample_weight=w)
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "model.json"
            booster.save_model(str(path), format="json")
            saved = json.loads(path.read_text(encoding="utf-8"))
        scale, (bias,) = saved["scale_and_bias"]
        assert scale == 1, "a classifier's margins are not scaled"
        self.bias = np.float32(bias)
        trees = saved["oblivious_trees"]
        self.features = np.zeros((len(trees), DEPTH), dtype=np.int64)
        self.thresholds = np.full((len(trees), DEPTH), np.float32(np.inf), dtype=np.float32)
        self.leaves = np.zeros((len(trees), 2**DEPTH), dtype=np.float32)
        for t, tree in enumerate(trees):
            levels = len(tree["splits"])
            for level, split in enumerate(tree["splits"]):
                # The level's bit is set above the border: above the largest float32 at or below it.
                threshold = np.float32(split["border"])
                if threshold > split["border"]:
                    threshold = np.nextafter(threshold, np.float32(-np.inf))
                self.features[t, level], self.thresholds[t, level] = split["float_feature_index"], threshold
            # The levels added above the booster's never set their bit.
            self.leaves[t] = np.array(tree["leaf_values"], dtype=np.float32)[np.arange(2**DEPTH) % 2**levels]

    def predict(self, x: np.ndarray) -> np.ndarray:
        x32 = x.astype(np.float32)
        z = np.full(len(x), self.bias, dtype=np.float32)
        for features, thresholds, leaves in zip(self.features, self.thresholds, self.leaves):
            k = np.zeros(len(x), dtype=np.int64)
            for level, (feature, threshold) in enumerate(zip(features, thresholds)):
                k |= (x32[:, feature] > threshold).astype(np.int64) << level
            z += leaves[k]
        return (1 / (1 + np.exp(-z))).astype(np.float64)

    def rows(self, names: list[str]) -> list[str]:
        out = [f"bias\t{self.bias:.9g}", f"depth\t{DEPTH}", f"features\t{' '.join(names)}"]
        for features, thresholds, leaves in zip(self.features, self.thresholds, self.leaves):
            out.append(
                "tree\t"
                + " ".join(str(f) for f in features)
                + "\t"
                + " ".join(f"{v:.9g}" for v in thresholds)
                + "\t"
                + " ".join(f"{v:.9g}" for v in leaves)
            )
        return out


def line_weights(x: np.ndarray) -> np.ndarray:
    size = np.expm1(x[:, _core.LINE_FEATURES.index("words")]) + 3
    return size * max(size.sum(), 1.0) ** (PAGE_POWER - 1)


def fit(xs: list[np.ndarray], ys: list[np.ndarray]) -> Forest:
    w = np.concatenate([line_weights(x) for x in xs])
    return Forest(np.vstack(xs), np.concatenate(ys), w / w.mean())


def out_of_fold(
    ys: list[np.ndarray], fold: list[int], folds: int, xs: list[np.ndarray]
) -> tuple[list[np.ndarray], list[Forest]]:
    """Each item's scores from the model fitted without its fold, and the fold models."""
    out: list[np.ndarray] = [np.zeros(0)] * len(ys)
    models = []
    for k in range(folds):
        train = [i for i, f in enumerate(fold) if f != k and len(xs[i])]
        model = fit([xs[i] for i in train], [ys[i] for i in train])
        models.append(model)
        for i, f in enumerate(fold):
            if f == k:
                out[i] = model.predict(xs[i]) if len(xs[i]) else np.zeros(0)
    return out, models


def features(native: Any, text: str, scores: Any = None) -> np.ndarray:
    numbers, columns, data = native._model_features(text, scores)
    return np.frombuffer(data, dtype=np.float32).reshape(len(numbers), columns).astype(np.float64)


def scores_of(native: Any, text: str, lines: Forest, context: Forest) -> np.ndarray:
    """The two models' scores of every line of ``text``."""
    x = features(native, text)
    if not len(x):
        return np.zeros(0)
    return context.predict(features(native, text, [float(v) for v in lines.predict(x)]))


def report(pages: list[Page], scores: list[np.ndarray], keep: float, bodies: dict[str, Any], label: str) -> float:
    scorer, table = tq.load_scorer(), {}
    for bench, truth in bodies.items():
        types = tq.load_types(bench)
        for kind in tq.SETS:
            pred = {p.doc: {"articleBody": p.kept(s, keep)} for p, s in zip(pages, scores) if (p.bench, p.kind) == (bench, kind)}
            f1 = scorer.f1_table(truth, pred)
            line = f"{label:<12} {bench:<12} {kind:<16} F1 {f1['f1']:.3f} P {f1['precision']:.3f} R {f1['recall']:.3f}"
            by_type = collections.defaultdict(dict)
            for doc, t in types.items():
                by_type[t][doc] = truth[doc]
            parts = [f"{t[:5]} {scorer.f1_table(sub, {d: pred[d] for d in sub})['f1']:.3f}" for t, sub in sorted(by_type.items(), key=lambda kv: -len(kv[1]))]
            print(line + ("  " + " ".join(parts) if parts else ""), flush=True)
            table[(bench, kind)] = f1["f1"]
    return float(np.mean(list(table.values())))


def choose_keep(pages: list[Page], scores: list[np.ndarray], bodies: dict[str, Any]) -> float:
    """The cut-off with the best mean F1 over the four exports."""
    scorer = tq.load_scorer()
    best = (-1.0, 0.5)
    for keep in np.arange(0.3, 0.66, 0.05):
        f1s = []
        for bench, truth in bodies.items():
            for kind in tq.SETS:
                pred = {p.doc: {"articleBody": p.kept(s, keep)} for p, s in zip(pages, scores) if (p.bench, p.kind) == (bench, kind)}
                f1s.append(scorer.f1_table(truth, pred)["f1"])
        best = max(best, (float(np.mean(f1s)), round(float(keep), 2)))
    return best[1]


def regime(
    native: Any, pages: list[Page], p2: list[np.ndarray], keep: float, bodies: dict[str, Any], models: list[Any], folds: int
) -> tuple[Additive, float]:
    """Fits the regime model on the exports (pages) and the truth bodies
    (article text), each body weighted by what a page's reading would
    lose of it, and chooses its cut-off on out-of-fold scores: the best
    mean F1 over the exports (each cleaned in the regime it is read as)
    with the bodies kept (mean recall >= 0.995, 98% of them at 0.98 or
    more; a body read as a page keeps the lines the line model keeps)."""
    scorer = tq.load_scorer()
    fold_of = {p.site: f for p, f in zip(pages, folds_by_site([p.site for p in pages], folds))}
    rows, labels, fold, items = [], [], [], []
    for page, scores in zip(pages, p2):
        rows.append(native._regime_features(page.text, [float(v) for v in scores]))
        labels.append(1.0)
        fold.append(fold_of[page.site])
        items.append(("page", page, scores))
    sites = {(p.bench, p.doc): p.site for p in pages}
    for bench, truth in bodies.items():
        for doc, item in sorted(truth.items()):
            body = item["articleBody"]
            k = fold_of[sites[(bench, doc)]]
            scores = scores_of(native, body, *models[k])
            rows.append(native._regime_features(body, [float(v) for v in scores]))
            labels.append(0.0)
            fold.append(k)
            items.append(("body", (bench, body), scores))
    x, y = np.array(rows, dtype=np.float64), np.array(labels)
    # What a body read as a page keeps: the lines the line model keeps.
    recall_page = {}
    for i, (kind, item, scores) in enumerate(items):
        if kind == "body":
            bench, body = item
            lines = [line for line in BREAK.split(body) if line.strip()]
            kept = "\n".join(line for line, q in zip(lines, scores) if q > keep)
            tp, _, fn = scorer.doc_scores(body, kept)
            recall_page[i] = 1.0 if tp + fn == 0 else tp / (tp + fn)
    # Pages weigh half, bodies half; a body weighs more the more it would
    # lose read as a page (1 + LOSS_WEIGHT x its recall lost).
    cost = np.array([1.0 + LOSS_WEIGHT * (1.0 - recall_page[i]) if i in recall_page else 1.0 for i in range(len(y))])
    w = np.where(y == 1, 0.5 / y.sum(), 0.5 * cost / cost[y == 0].sum()) * len(y)
    prob = np.zeros(len(y))
    for k in range(folds):
        train, test = np.array(fold) != k, np.array(fold) == k
        prob[test] = Additive(x[train], y[train], w[train]).predict(x[test])
    article = Cleaner(regime="article")
    as_article = {id(page): article.clean_text(page.text) for kind, page, _ in items if kind == "page"}
    best = None
    print(f"{'page >':>7} {'export F1':>9} {'bodies as page':>14} {'mean recall':>11} {'>= 0.98':>7} {'< 0.90':>6}")
    for cut in (0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.85, 0.9, 0.93, 0.95, 0.97, 0.98, 0.99):
        f1s = []
        for bench, truth in bodies.items():
            for kind in tq.SETS:
                pred = {}
                for i, (what, page, scores) in enumerate(items):
                    if what == "page" and (page.bench, page.kind) == (bench, kind):
                        text = page.kept(scores, keep) if prob[i] > cut else as_article[id(page)]
                        pred[page.doc] = {"articleBody": text}
                f1s.append(scorer.f1_table(truth, pred)["f1"])
        recalls = [recall_page[i] if prob[i] > cut else 1.0 for i in recall_page]
        misread = np.mean([prob[i] > cut for i in recall_page])
        mean_recall, lost = float(np.mean(recalls)), sum(r < 0.9 for r in recalls)
        whole = float(np.mean([r >= 0.98 for r in recalls]))
        print(f"{cut:7.2f} {np.mean(f1s):9.3f} {misread:14.3f} {mean_recall:11.4f} {whole:7.3f} {lost:6d}")
        if mean_recall >= 0.995 and whole >= 0.98 and (best is None or np.mean(f1s) > best[0]):
            best = (float(np.mean(f1s)), round(float(cut), 2))
    cut = best[1] if best else 0.99
    return Additive(x, y, w), cut


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--write", action="store_true", help=f"write the models to {MODEL.relative_to(tq.ROOT)}")
    parser.add_argument("--page", type=float, help="write this regime cut-off instead of the chosen one")
    args = parser.parse_args()
    native = Cleaner()._native
    pages, bodies = load(native)
    fold = folds_by_site([p.site for p in pages], args.folds)
    ys = [p.y for p in pages]
    x1 = [p.x for p in pages]
    p1, models1 = out_of_fold(ys, fold, args.folds, x1)
    x2 = [p.context(native, s) for p, s in zip(pages, p1)]
    p2, models2 = out_of_fold(ys, fold, args.folds, x2)
    keep = choose_keep(pages, p2, bodies)
    print(f"line cut-off chosen on the out-of-fold scores: keep > {keep}")
    report(pages, p2, keep, bodies, "site-split")
    regime_model, page_cut = regime(native, pages, p2, keep, bodies, list(zip(models1, models2)), args.folds)
    print(f"regime cut-off chosen on the out-of-fold scores: page > {page_cut}")
    if args.page is not None:
        page_cut = args.page
        print(f"regime cut-off written: page > {page_cut}")
    lines = fit(x1, ys)
    context = fit(x2, ys)
    final = [context.predict(p.context(native, lines.predict(p.x))) for p in pages]
    report(pages, final, keep, bodies, "in-sample")
    if args.write:
        rows = ["# The text cleaner's line and regime models: written by benches/train_text_model.py."]
        rows += ["[lines]"] + lines.rows(list(_core.LINE_FEATURES))
        rows += ["[context]"] + context.rows(list(_core.CONTEXT_FEATURES))
        rows += ["[regime]"] + regime_model.rows(list(_core.REGIME_FEATURES))
        rows += ["[thresholds]", f"keep\t{keep}", f"page\t{page_cut}"]
        MODEL.write_text("\n".join(rows) + "\n", encoding="utf-8")
        print(f"wrote {MODEL}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
