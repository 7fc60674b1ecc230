"""The datatrove extractor, in a real datatrove pipeline on the local executor."""

from __future__ import annotations

import gzip
import json
import pickle
from pathlib import Path

import pytest
from datatrove.executor import LocalPipelineExecutor
from datatrove.pipeline.readers import JsonlReader
from datatrove.pipeline.writers import JsonlWriter
from conftest import GOLDEN

import unboil
from unboil.integrations.datatrove import Unboil

#: A page of nothing but its navigation: it cleans to nothing.
MENU = "<html><body><nav><ul><li><a href='/'>Home</a></li><li><a href='/a'>About</a></li></ul></nav></body></html>"
PAGES = {name: (GOLDEN / "html" / f"{name}.html").read_text(encoding="utf-8") for name in ("share-bar", "podcast", "comments", "listing")}


def test_a_pipeline_extracts_every_page(tmp_path: Path) -> None:
    source = tmp_path / "in"
    source.mkdir()
    with open(source / "pages.jsonl", "w", encoding="utf-8") as handle:
        for name, page in PAGES.items():
            handle.write(json.dumps({"id": name, "text": page, "metadata": {"url": f"https://example.org/{name}"}}) + "\n")
        handle.write(json.dumps({"id": "empty", "text": ""}) + "\n")
        handle.write(json.dumps({"id": "menu", "text": MENU}) + "\n")
    out = tmp_path / "out"
    executor = LocalPipelineExecutor(
        pipeline=[JsonlReader(str(source)), Unboil(favor="balanced"), JsonlWriter(str(out))],
        tasks=1,
        workers=1,
        logging_dir=str(tmp_path / "logs"),
    )
    executor.run()
    docs = {}
    for path in sorted(out.glob("*.jsonl.gz")):
        for line in gzip.decompress(path.read_bytes()).decode("utf-8").splitlines():
            doc = json.loads(line)
            docs[doc["id"]] = doc
    # The reader skips the empty document; a listing's content is its cards;
    # a page that cleans to nothing (its menu) is dropped, as datatrove's extractors do.
    assert sorted(docs) == ["comments", "listing", "podcast", "share-bar"]
    for name, doc in docs.items():
        assert doc["text"] == unboil.clean_html(PAGES[name]), name
        assert doc["metadata"]["url"] == f"https://example.org/{name}"
    stats = json.loads((tmp_path / "logs" / "stats.json").read_text(encoding="utf-8"))
    extractor = next(step for step in stats if "unboil" in step["name"])
    assert (extractor["stats"]["extracted"], extractor["stats"]["forwarded"], extractor["stats"]["dropped"]) == (5, 4, 1)


def test_options_pass_through_and_it_pickles() -> None:
    step = Unboil(include_title=True, favor="precision")
    again = pickle.loads(pickle.dumps(step))
    page = PAGES["share-bar"]
    assert again.extract(page) == unboil.clean_html(page, include_title=True, favor="precision")
    assert again.extract("") == ""
    with pytest.raises(unboil.OptionsError):
        Unboil(favour_precision=True)


def test_selectors_pass_through_and_pickle() -> None:
    step = pickle.loads(pickle.dumps(Unboil(target=["div.grid"])))
    text = step.extract(PAGES["listing"])
    assert text == unboil.clean_html(PAGES["listing"], target=["div.grid"])
    assert "Council approves new housing plan" in text
    with pytest.raises(unboil.OptionsError):
        Unboil(prune=["div["])
