"""Trains the page type and confidence models (``rust/core/data/html/page_model.txt``).

Both read the page features the core computes after choosing a page's
content (``_page_features``; DESIGN.md, "Page type and confidence"), so
training and extraction read the same numbers. The type model is a
softmax regression over the seven page types of ``bench/wcxb-dev``'s
``meta.json`` (the scrapinghub pages are articles), read off the content
chosen as an article's. The judged type then picks the page's profile
(``type_profiles``: a listing chosen as with ``favor="recall"``;
collections, products, docs and service pages whole, less their
boilerplate; a page judged a forum thread with its comment posts), and
the confidence model, a logistic regression over the features of the
content so chosen and the type probabilities, tells whether that text is
right: its F1 against the hand-made body
(``../shared/score.py``) 0.9 or more. Every page is extracted once per
profile, so the profiles a model picks are scored without the core.

Folds are split by site (a bench's ``meta.json`` domain, or the URL's
host), so no site is scored by a model that saw it. Prints, out of fold
and then in sample: the type accuracy overall and per type, the
confusion matrix, F1 per bench and type without and with the profiles,
and the confidence bins against the mean F1 of their pages.

    pip install '.[train]'   # numpy: training only, the library does not need it
    python benches/train_page_model.py [--write] [--folds 5]

Rebuild (``maturin develop --release``) after ``--write`` to compile the new model in.
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
import text_quality as tq  # noqa: E402
from train_text_model import folds_by_site, site_of  # noqa: E402

from unboil import Cleaner  # noqa: E402

MODEL = tq.ROOT / "rust" / "core" / "data" / "html" / "page_model.txt"
#: In the order of the core's PAGE_TYPES.
TYPES = ("article", "collection", "documentation", "forum", "listing", "product", "service")
#: Extracted text is right when its F1 is at least this.
RIGHT = 0.9
#: The core's profiles (html/assess.rs), in the order ``profile_of``
#: numbers them; and the core's HtmlThresholds for choosing them.
PROFILES = ("article", "recall", "thread", "whole-page")
WHOLE_PAGE_TYPES = ("collection", "documentation", "product", "service")
RECALL_TYPES = ("listing",)
THREAD_MIN_PROBABILITY = 0.5
#: ... where the block model reads the page (it has BLOCK_MODEL_MIN_BLOCKS
#: blocks or more, which the features hold as ln(1 + blocks) in column
#: BLOCKS); where it does not, the region choice keeps every comment, and
#: the type model must be sure.
THREAD_MIN_PROBABILITY_UNSCORED = 0.95
BLOCK_MODEL_MIN_BLOCKS = 30
BLOCKS = 8
#: ... and the prose its comment sections hold, at least (guard_min_letters),
#: which the features hold as ln(1 + letters) just before the six
#: declared-type flags.
THREAD_MIN_PROSE = 250.0
COMMENT_PROSE = -7
#: Ridge on the weights (not the biases), per page.
RIDGE = 1e-2
#: Each page weighs 1 / (its type's page count) ** CLASS_POWER.
CLASS_POWER = 0.25
STEPS = 3000
#: Confidence bins reported.
BINS = (0.0, 0.2, 0.4, 0.6, 0.8, 0.9, 1.0001)


class Pages:
    """Every page of both benches: features, type, site, F1 of the extraction."""

    def __init__(self) -> None:
        native = Cleaner()._native
        score = tq.load_scorer()
        xs, judged, types, sites, f1s, names, texts, bodies = [], [], [], [], [], [], [], []
        for bench, root in tq.BENCHES.items():
            truth = tq.load_truth(bench)
            meta_path = root / "meta.json"
            meta = json.loads(meta_path.read_text(encoding="utf-8")) if meta_path.exists() else {}
            for doc in sorted(truth):
                page = gzip.decompress((root / "html" / f"{doc}.html.gz").read_bytes())
                row_x, row_f1, row_text = [], [], []
                for profile in PROFILES:
                    text, judged_on, chosen = native._page_features(page, profile)
                    row_x.append(chosen)
                    row_f1.append(score.f1_table({doc: truth[doc]}, {doc: {"articleBody": text}})["f1"])
                    row_text.append(text)
                texts.append(row_text)
                judged.append(judged_on)
                info = meta.get(doc, {})
                bodies.append(truth[doc]["articleBody"])
                xs.append(row_x)
                types.append(TYPES.index(info.get("type", "article")))
                sites.append(site_of(info, truth[doc].get("url", "")))
                f1s.append(row_f1)
                names.append(f"{bench}/{doc}")
        #: [page, profile, feature]: the features of each profile's content.
        self.xs = np.array(xs, dtype=np.float64)
        #: [page, feature]: those of the region choice, the type is judged on
        #: (whatever the profile: it comes after).
        self.x = np.array(judged, dtype=np.float64)
        self.types = np.array(types)
        self.sites = sites
        #: [page, profile]
        self.f1s = np.array(f1s)
        self.texts = texts
        self.bodies = bodies
        self.names = names

    def profiled(self, probabilities: np.ndarray, idx: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """The features and F1 of pages ``idx`` under the profile their type
        ``probabilities`` pick."""
        chosen = profile_of(probabilities, self.x[idx])
        return self.xs[idx, chosen], self.f1s[idx, chosen]

    def table(self, profile: np.ndarray, rows: list[int]) -> float:
        """``../shared/score.py``'s F1 of pages ``rows``, each under its ``profile``."""
        truth = {self.names[i]: {"articleBody": self.bodies[i]} for i in rows}
        pred = {self.names[i]: {"articleBody": self.texts[i][profile[i]]} for i in rows}
        return float(tq.load_scorer().f1_table(truth, pred)["f1"])


def profile_of(probabilities: np.ndarray, x: np.ndarray) -> np.ndarray:
    """Each page's profile (an index into PROFILES), as the core picks it
    from its type ``probabilities`` and features ``x``."""
    judged = probabilities.argmax(axis=1)
    forum = TYPES.index("forum")
    posts = np.expm1(x[:, COMMENT_PROSE])
    scored = np.expm1(x[:, BLOCKS]) >= BLOCK_MODEL_MIN_BLOCKS - 0.5
    floor = np.where(scored, THREAD_MIN_PROBABILITY, THREAD_MIN_PROBABILITY_UNSCORED)
    thread = (judged == forum) & (probabilities[:, forum] >= floor) & (posts >= THREAD_MIN_PROSE - 0.5)
    whole = np.isin(judged, [TYPES.index(t) for t in WHOLE_PAGE_TYPES])
    recall = np.isin(judged, [TYPES.index(t) for t in RECALL_TYPES])
    return np.where(thread, 2, np.where(whole, 3, np.where(recall, 1, 0)))


class Linear:
    """Standardised features, then one row of weights per output (bias first)."""

    def __init__(self, x: np.ndarray, outputs: int) -> None:
        self.mean = x.mean(axis=0)
        scale = x.std(axis=0)
        self.scale = np.where(scale > 1e-6, scale, 1.0)
        self.w = np.zeros((outputs, x.shape[1] + 1))

    def design(self, x: np.ndarray) -> np.ndarray:
        z = (x - self.mean) / self.scale
        return np.hstack([np.ones((len(x), 1)), z])

    def logits(self, x: np.ndarray) -> np.ndarray:
        return self.design(x) @ self.w.T

    def fit(self, x: np.ndarray, target: np.ndarray, weight: np.ndarray, softmax: bool) -> Linear:
        """Gradient descent (Adam) on the weighted log loss plus the ridge."""
        d = self.design(x)
        m, v = np.zeros_like(self.w), np.zeros_like(self.w)
        ridge = np.ones_like(self.w) * RIDGE
        ridge[:, 0] = 0.0
        for t in range(1, STEPS + 1):
            z = d @ self.w.T
            p = _softmax(z) if softmax else 1 / (1 + np.exp(-z))
            g = ((p - target) * weight[:, None]).T @ d / weight.sum() + ridge * self.w
            m = 0.9 * m + 0.1 * g
            v = 0.999 * v + 0.001 * g * g
            self.w -= 0.05 * (m / (1 - 0.9**t)) / (np.sqrt(v / (1 - 0.999**t)) + 1e-8)
        return self

    def rows(self, names: list[str]) -> list[str]:
        fmt = lambda values: "\t".join(f"{v:.6g}" for v in values)  # noqa: E731
        out = [f"mean\t{fmt(self.mean)}", f"scale\t{fmt(self.scale)}"]
        out += [f"weights {name}\t{fmt(row)}" for name, row in zip(names, self.w)]
        return out


def _softmax(z: np.ndarray) -> np.ndarray:
    e = np.exp(z - z.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)


def fit_models(pages: Pages, idx: np.ndarray) -> tuple[Linear, Linear]:
    x, y = pages.x[idx], pages.types[idx]
    onehot = np.eye(len(TYPES))[y]
    counts = np.bincount(y, minlength=len(TYPES)).astype(np.float64)
    weight = np.maximum(counts[y], 1) ** -CLASS_POWER  # rarer types weigh a little more
    types = Linear(x, len(TYPES)).fit(x, onehot, weight, softmax=True)
    probabilities = _softmax(types.logits(x))
    chosen_x, f1 = pages.profiled(probabilities, idx)
    xc = np.hstack([chosen_x, probabilities])
    right = (f1 >= RIGHT).astype(np.float64)[:, None]
    confidence = Linear(xc, 1).fit(xc, right, np.ones(len(idx)), softmax=False)
    return types, confidence


def predict(types: Linear, confidence: Linear, pages: Pages, idx: np.ndarray) -> tuple[np.ndarray, ...]:
    """Pages ``idx``: the judged type, the confidence, and the profile picked."""
    probabilities = _softmax(types.logits(pages.x[idx]))
    chosen_x, _ = pages.profiled(probabilities, idx)
    conf = 1 / (1 + np.exp(-confidence.logits(np.hstack([chosen_x, probabilities]))[:, 0]))
    return probabilities.argmax(axis=1), np.where(pages.x[idx, 0] > 0, conf, 0.0), profile_of(probabilities, pages.x[idx])


def report(pages: Pages, kind: np.ndarray, conf: np.ndarray, profile: np.ndarray, label: str) -> None:
    print(f"\n## {label}")
    accuracy = (kind == pages.types).mean()
    wcxb = np.array([n.startswith("wcxb-dev/") for n in pages.names])
    print(f"page type accuracy: all {accuracy:.3f}, wcxb-dev {(kind == pages.types)[wcxb].mean():.3f}")
    print("| type | pages | recall | precision |")
    print("| --- | --- | --- | --- |")
    for t, name in enumerate(TYPES):
        truth, said = pages.types == t, kind == t
        precision = (truth & said).sum() / max(said.sum(), 1)
        print(f"| {name} | {truth.sum()} | {(truth & said).sum() / max(truth.sum(), 1):.3f} | {precision:.3f} |")
    print("confusion (rows: truth, columns: judged, in TYPES order):")
    for t, name in enumerate(TYPES):
        print(f"  {name:<14}" + " ".join(f"{((pages.types == t) & (kind == u)).sum():4d}" for u in range(len(TYPES))))
    print("F1, every page as an article -> with type profiles:")
    article = np.zeros_like(profile)
    for bench in tq.BENCHES:
        groups = {"all": [i for i, n in enumerate(pages.names) if n.startswith(bench + "/")]}
        if bench == "wcxb-dev":
            groups |= {t: [i for i in groups["all"] if pages.types[i] == k] for k, t in enumerate(TYPES)}
        cells = [f"{name} {pages.table(article, rows):.4f} -> {pages.table(profile, rows):.4f}" for name, rows in groups.items()]
        print(f"  {bench}: " + ", ".join(cells))
    f1 = pages.f1s[np.arange(len(profile)), profile]
    print("| confidence | pages | mean confidence | mean F1 | F1 >= 0.9 |")
    print("| --- | --- | --- | --- | --- |")
    for lo, hi in zip(BINS, BINS[1:]):
        inside = (conf >= lo) & (conf < hi)
        if inside.any():
            print(f"| {lo:.1f}-{min(hi, 1):.1f} | {inside.sum()} | {conf[inside].mean():.3f} | "
                  f"{f1[inside].mean():.3f} | {(f1[inside] >= RIGHT).mean():.3f} |")
    high = conf >= 0.8
    print(f"confidence >= 0.8: {high.sum()} pages ({high.mean():.1%}), mean F1 {f1[high].mean():.3f}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--write", action="store_true", help=f"write {MODEL.relative_to(tq.ROOT)}")
    args = parser.parse_args()
    pages = Pages()
    fold = np.array(folds_by_site(pages.sites, args.folds))
    kind, conf, profile = np.zeros(len(fold), dtype=int), np.zeros(len(fold)), np.zeros(len(fold), dtype=int)
    for k in range(args.folds):
        train, test = np.flatnonzero(fold != k), np.flatnonzero(fold == k)
        types, confidence = fit_models(pages, train)
        kind[test], conf[test], profile[test] = predict(types, confidence, pages, test)
    report(pages, kind, conf, profile, f"out of fold ({args.folds} folds by site)")
    everything = np.arange(len(fold))
    types, confidence = fit_models(pages, everything)
    report(pages, *predict(types, confidence, pages, everything), "in sample (the model written)")
    if args.write:
        lines = [
            "# Page type and confidence models: written by benches/train_page_model.py (DESIGN.md).",
            "[types]", *types.rows(list(TYPES)),
            "[confidence]", *confidence.rows(["right"]),
        ]
        MODEL.write_text("\n".join(lines) + "\n", encoding="utf-8")
        print(f"\nwrote {MODEL}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
