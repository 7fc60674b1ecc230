"""Property tests with texts shaped like the web's articles (hypothesis).

Real article bodies are not paragraphs of prose alone: they hold bullet and
numbered lists of short items, tables (tab or ``|`` cells), code, many
headings, one-line paragraphs, quotations, recipe ingredients, questions
and answers, and text in other scripts. The generators below build such
bodies in every language the prose generator knows, inject residue of
every family (lines of their own at random places, icon runs glued to line
ends), and check that cleaning gives back every body line verbatim and in
order, and none of the residue.
"""

from __future__ import annotations

import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import unboil
from test_properties import ICON_RUNS, LANGS, DEAR_READERS, capitalise, explain_dump, headings, nonblank, sentences

#: Texts of fewer non-blank lines are article text (Thresholds::page_min_lines).
PAGE_MIN_LINES = 25

SHAPE_SETTINGS = settings(
    max_examples=120,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

CODE = (
    "def area(radius):",
    "    return 3.14159 * radius ** 2",
    "for (let i = 0; i < items.length; i++) {",
    "  total += items[i].price;",
    "}",
    "$ pip install --upgrade requests",
    "SELECT name, price FROM products WHERE price > 10;",
    "console.log(result);",
    'config = {"timeout": 30, "retries": 3}',
)
UNITS = ("cups", "tbsp", "tsp", "g", "ml", "oz")
FOODS = ("flour", "sugar", "butter, softened", "whole milk", "baking powder", "sea salt", "dark chocolate")
OTHER_SCRIPTS = (
    "北京市政府周二宣布了新的交通计划，预计明年开始实施。",
    "東京都は火曜日、新しい交通計画を発表した。",
    "أعلنت الحكومة يوم الثلاثاء عن خطة جديدة للنقل العام في المدينة.",
    "Η κυβέρνηση ανακοίνωσε την Τρίτη ένα νέο σχέδιο για τις συγκοινωνίες.",
    "सरकार ने मंगलवार को शहर के लिए एक नई परिवहन योजना की घोषणा की।",
    "서울시는 화요일 새로운 교통 계획을 발표했다.",
)
# Residue that goes wherever it stands (one example or more of every family
# with lines that are residue on their own; a dateline needs company, see
# test_properties).
RESIDUE = (
    *ICON_RUNS[:2],
    DEAR_READERS,
    "Comments are closed.",
    "Listen to this article",
    "Share this article",
    "Like this story? Share it with a friend!",
    "We use cookies to improve your experience. Accept all",
    "Subscribe to our newsletter",
    "You have been successfully subscribed!",
    "Advertisement",
    "Skip to content",
    "© 2024 Example Media. All rights reserved.",
)


@st.composite
def shape(draw, lang) -> tuple[str, list[str]]:
    """One block of a body: its kind and lines."""
    kind = draw(
        st.sampled_from(
            ("paragraph", "one-line", "heading", "bullets", "steps", "table", "code", "quote", "recipe", "qa", "script")
        )
    )
    if kind == "paragraph":
        return kind, [" ".join(draw(st.lists(sentences(lang), min_size=2, max_size=4)))]
    if kind == "one-line":
        return kind, [draw(sentences(lang))]
    if kind == "heading":
        return kind, [draw(headings(lang))]
    if kind == "bullets":
        marker = draw(st.sampled_from(("- ", "• ", "* ")))
        items = draw(st.lists(st.sampled_from(lang.heading_heads + lang.objects), min_size=2, max_size=8, unique=True))
        return kind, [marker + capitalise(item) for item in items]
    if kind == "steps":
        steps = draw(st.lists(sentences(lang, max_words=12), min_size=2, max_size=6, unique=True))
        return kind, [f"{i}. {step}" for i, step in enumerate(steps, 1)]
    if kind == "table":
        sep = draw(st.sampled_from(("\t", " | ")))
        heads = draw(st.lists(st.sampled_from(lang.heading_heads), min_size=2, max_size=6, unique=True))
        rows = [sep.join(("Item", "2023", "2024"))]
        rows += [sep.join((head, str(draw(st.integers(1, 9999))), f"{draw(st.integers(1, 99))}%")) for head in heads]
        return kind, rows
    if kind == "code":
        start = draw(st.integers(0, len(CODE) - 2))
        return kind, list(CODE[start : start + draw(st.integers(2, 4))])
    if kind == "quote":
        return kind, ["“" + draw(sentences(lang)) + "”"]
    if kind == "recipe":
        foods = draw(st.lists(st.sampled_from(FOODS), min_size=2, max_size=6, unique=True))
        return kind, [f"{draw(st.integers(1, 500))} {draw(st.sampled_from(UNITS))} {food}" for food in foods]
    if kind == "qa":
        question = draw(sentences(lang, max_words=14)).rstrip(".") + "?"
        return kind, ["Q: " + question, "A: " + draw(sentences(lang))]
    return kind, [draw(st.sampled_from(OTHER_SCRIPTS))]


def _key(line: str) -> str:
    return re.sub(r"\W+", " ", line.lower()).strip()


@st.composite
def bodies(draw) -> tuple[list[str], str, list[str]]:
    """(body lines, the text with residue injected, the residue lines)."""
    lang = LANGS[draw(st.sampled_from(sorted(LANGS)))]
    blocks = [draw(shape(lang)) for _ in range(draw(st.integers(3, 10)))]
    # A body opens with prose (a body of a list alone is a list, not an article).
    blocks.insert(0, ("paragraph", [" ".join(draw(st.lists(sentences(lang), min_size=2, max_size=3)))]))
    seen: set[str] = set()
    entries: list[tuple[str, bool, bool]] = []  # (line, residue, opens a block)
    for _, lines in blocks:
        for i, line in enumerate(lines):
            if _key(line) not in seen:
                seen.add(_key(line))
                entries.append((line, False, i == 0))
    # Shorter than a page's text (page_min_lines): these are article texts,
    # whose lines only residue rules drop. Bodies long enough to be read as a
    # page's text are the benches' truth bodies (test_quality).
    residue = draw(st.lists(st.sampled_from(RESIDUE), min_size=1, max_size=4, unique=True))
    entries = entries[: PAGE_MIN_LINES - 1 - len(residue)]
    for line in residue:
        entries.insert(draw(st.integers(0, len(entries))), (line, True, draw(st.booleans())))
    body = [line for line, is_residue, _ in entries if not is_residue]
    glue = draw(st.sampled_from(("", "", " "))) + draw(st.sampled_from(ICON_RUNS))
    glued_at = draw(st.sampled_from([i for i, (line, r, _) in enumerate(entries) if not r and line.endswith(".")] or [-1]))
    parts = []
    for i, (line, _, opens) in enumerate(entries):
        if i:
            parts.append("\n\n" if opens and draw(st.booleans()) else "\n")
        parts.append(line + (glue if i == glued_at else ""))
    return body, "".join(parts), residue


@SHAPE_SETTINGS
@given(bodies())
def test_web_shaped_bodies_lose_their_residue_and_nothing_else(case: tuple[list[str], str, list[str]]) -> None:
    body, text, residue = case
    out = unboil.clean_text(text)
    assert nonblank(out) == body, explain_dump(text)
    for line in residue:
        assert line not in out, explain_dump(text)


@SHAPE_SETTINGS
@given(bodies())
def test_web_shaped_bodies_come_back_whole(case: tuple[list[str], str, list[str]]) -> None:
    body = "\n".join(case[0])
    assert unboil.clean_text(body) == body, explain_dump(body)
    assert unboil.Cleaner().explain(body).regime == "article"


def test_a_long_table_after_prose_stays_with_it() -> None:
    """Found by the property above: a body of four paragraphs and twenty
    table rows, read as a page's text, lost its table (the line model reads
    rows of figures as it reads a menu)."""
    prose = [
        "The city council approved the changes to the law. A group of local farmers approved the proposal.",
        "Q: The city council approved the proposal on Tuesday?",
        "A: The city council approved the proposal on Tuesday!",
        "The city council approved the proposal on Tuesday. The city council approved the changes to the law!",
    ]
    heads = ("Rising costs", "Difficult talks", "Unexpected support", "Fragile truce", "Growing tensions")
    rows = ["Item\t2023\t2024"] + [f"{head}\t{k}\t{k + 1}%" for k in range(1, 5) for head in heads]
    body = prose + ["Rising costs"] + rows
    text = "\n".join([ICON_RUNS[0], *body])
    rows_kept = [row.text for row in unboil.Cleaner(regime="page").explain(text) if row.kept is not None]
    assert rows_kept[-len(rows) - 1 :] == ["Rising costs", *rows], explain_dump(text, regime="page")
