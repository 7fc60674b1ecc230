"""Property-based tests of ``unboil.clean_text`` (pytest + hypothesis).

The generators build articles the way news pages read once scraped to text:
paragraphs of prose (sentences built from subject, verb, object and
prepositional chunks of a real language, so function words come in at their
natural rate), headings directly above a paragraph, lists, quotations and
paragraphs full of figures, in English, German, French, Spanish and Russian.
Boilerplate lines are real-world examples of every rule family, each checked
(see ``test_every_boilerplate_example_is_removed_alone``) to be removed when it
stands alone between two paragraphs.

Words that the vocabularies list as a boilerplate phrase on their own
("more", "share", "menu", "weiter", "plus", "más", "новости", ...) are kept out
of headings and list items: a two-word heading made of them really is
indistinguishable from a menu entry. Prose may contain them.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

import pytest
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st

import unboil

# ---------------------------------------------------------------------------
# Settings
# ---------------------------------------------------------------------------

# database=None: no example database is written into the project directory.
ARTICLE_SETTINGS = settings(
    max_examples=150,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
TEXT_SETTINGS = settings(max_examples=300, deadline=None, database=None)
SMALL_SETTINGS = settings(max_examples=60, deadline=None, database=None)

# What Rust's `char::is_whitespace` (Unicode White_Space) strips; Python's
# str.isspace also counts \x1c-\x1f, which the core keeps.
UNICODE_WS = (
    "\t\n\x0b\x0c\r \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006"
    "\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
)
LINE_BREAK = re.compile(r"\r\n|\r|\n")


def rstrip_ws(line: str) -> str:
    return line.rstrip(UNICODE_WS)


def input_lines(text: str) -> list[str]:
    """The input's lines as the cleaner splits them, trailing white space stripped."""
    if text.startswith("\ufeff"):
        text = text[1:]
    return [rstrip_ws(line) for line in LINE_BREAK.split(text)]


def glue_prefix(rest: str, run: str) -> bool:
    """Whether ``rest`` is a leftover of the glued icon ``run``."""
    rest = rest.strip()
    return bool(rest) and run.startswith(rest)


def nonblank(text: str) -> list[str]:
    return [line for line in text.split("\n") if line.strip(UNICODE_WS)]


@functools.lru_cache(maxsize=None)
def _cleaner(**options) -> unboil.Cleaner:
    return unboil.Cleaner(**{k: list(v) if isinstance(v, tuple) else v for k, v in options.items()})


def cleaner(**options) -> unboil.Cleaner:
    """A cleaner for these options, built once (building compiles the vocabularies)."""
    return _cleaner(**{k: tuple(v) if isinstance(v, list) else v for k, v in options.items()})


def explain_dump(text: str, **options) -> str:
    """What explain() says of every line: the message of a failed assertion."""
    rows = cleaner(**options).explain(text)
    return "\n".join(f"{r.line:>3} {r.reason:<16} kept={r.kept!r:.60} text={r.text!r:.100}" for r in rows)


# ---------------------------------------------------------------------------
# Word pools
# ---------------------------------------------------------------------------
# Every pool entry is a chunk of real text; sentences are
#   Subject Verb Object {PP} [connector subject verb object {PP}] + mark.
# Each PP, most objects and every connector carry function words.


@dataclass(frozen=True)
class Lang:
    code: str
    subjects: tuple[str, ...]
    verbs: tuple[str, ...]
    objects: tuple[str, ...]
    pps: tuple[str, ...]
    connectors: tuple[str, ...]
    heading_heads: tuple[str, ...]
    heading_tails: tuple[str, ...]
    numbers: tuple[str, ...]
    thousands: str
    decimal: str


EN = Lang(
    code="en",
    subjects=(
        "The city council", "The regional government", "A group of local farmers",
        "The new mayor", "Her lawyer", "The finance minister", "Several hospitals in the area",
        "The university", "Our correspondent", "The committee", "The oldest bakery in town",
        "Most residents", "A spokeswoman for the airline", "The São Paulo office",
        "The union’s leadership", "Nobody on the board",
    ),
    verbs=(
        "approved", "rejected", "announced", "described", "questioned", "welcomed",
        "postponed", "criticised", "defended", "reviewed", "has studied", "will present",
        "did not expect", "quietly changed",
    ),
    objects=(
        "the proposal", "a new budget", "the long-awaited plan", "its annual figures",
        "the decision", "the changes to the law", "a small increase in fees",
        "the results of the survey", "their own version of the project", "the mayor’s offer",
        "what she called “a fair deal”", "the report on water quality", "the vote on the new bridge",
        "an agreement with the café owners", "the naïve idea of a free bus",
    ),
    pps=(
        "on Tuesday", "after a long debate", "in the capital", "for the second time",
        "with some reservations", "at the end of the month", "despite strong opposition",
        "during a brief meeting", "before the summer break", "in front of the town hall",
        "without any explanation", "over the past few years", "in the northern districts",
        "according to the minutes", "for the first time since 1998", "in Zürich and Kraków",
    ),
    connectors=(", and", ", but", " because", " although", " while", " —", ", so"),
    heading_heads=(
        "Rising costs", "Difficult talks", "Unexpected support", "Fragile truce",
        "Growing tensions", "Quiet reforms", "Farmers’ protest", "Rural schools",
        "Water shortages", "Higher rents", "Early elections", "Bridge repairs",
        "Hospital staff", "Energy prices",
    ),
    heading_tails=(
        "in the region", "after the election", "before winter", "for families",
        "in the north", "and their critics", "across Europe", "at the harbour",
        "— what changed", "under pressure", "on the coast", "and the budget",
    ),
    numbers=(
        "The company sold {n1} units in {year}, up {pct}% from {n2}.",
        "Prices rose by {pct}% in {year}, the highest level since {year2}.",
        "About {n1} people attended the event, compared with {n2} a year earlier.",
        "The project will cost €{m} million over {k} years, according to the plan.",
        "Turnout was {dec}%, the lowest figure in {k} elections.",
        "Of the {n1} households surveyed, {pct}% said they could not afford the increase.",
    ),
    thousands=",",
    decimal=".",
)

DE = Lang(
    code="de",
    subjects=(
        "Der Stadtrat", "Die Landesregierung", "Eine Gruppe von Landwirten",
        "Die neue Bürgermeisterin", "Der Finanzminister", "Die Universität",
        "Mehrere Krankenhäuser in der Region", "Der Ausschuss", "Die älteste Bäckerei der Stadt",
        "Viele Anwohner", "Eine Sprecherin der Fluggesellschaft", "Der Verband",
        "Die Gewerkschaft", "Niemand im Vorstand",
    ),
    verbs=(
        "genehmigte", "kritisierte", "verschob", "begrüßte", "prüfte", "verteidigte",
        "beschloss", "diskutierte", "veröffentlichte", "unterstützte", "hat gestern erklärt",
        "wollte nicht kommentieren",
    ),
    objects=(
        "den Vorschlag", "einen neuen Haushalt", "den lange erwarteten Plan",
        "die jährlichen Zahlen", "die Entscheidung", "die Änderungen am Gesetz",
        "eine kleine Erhöhung der Gebühren", "die Ergebnisse der Umfrage",
        "das Angebot des Bürgermeisters", "einen „fairen Kompromiss“",
        "den Bericht über die Wasserqualität", "die Pläne für die neue Brücke",
    ),
    pps=(
        "am Dienstag", "nach einer langen Debatte", "in der Hauptstadt", "zum zweiten Mal",
        "mit einigen Vorbehalten", "am Ende des Monats", "trotz heftiger Kritik",
        "während einer kurzen Sitzung", "vor der Sommerpause", "vor dem Rathaus",
        "ohne jede Erklärung", "in den vergangenen Jahren", "in den nördlichen Stadtteilen",
        "laut dem Protokoll", "zum ersten Mal seit 1998", "in Köln und Düsseldorf",
    ),
    connectors=(", und", ", aber", ", denn", " —", ", doch"),
    heading_heads=(
        "Steigende Kosten", "Schwierige Verhandlungen", "Unerwartete Unterstützung",
        "Brüchige Waffenruhe", "Wachsende Spannungen", "Leise Reformen", "Protest der Landwirte",
        "Schulen auf dem Land", "Knappes Wasser", "Höhere Mieten", "Vorgezogene Wahlen",
        "Marode Brücken", "Hohe Energiepreise",
    ),
    heading_tails=(
        "in der Region", "nach der Wahl", "vor dem Winter", "für Familien", "im Norden",
        "und ihre Kritiker", "in ganz Europa", "am Hafen", "— was sich ändert", "unter Druck",
    ),
    numbers=(
        "Das Unternehmen verkaufte im Jahr {year} rund {n1} Geräte, {pct} Prozent mehr als im Vorjahr.",
        "Die Preise stiegen {year} um {pct} Prozent und erreichten damit den höchsten Stand seit {year2}.",
        "Rund {n1} Menschen kamen zu der Veranstaltung, im Jahr davor waren es {n2}.",
        "Das Projekt soll in den nächsten {k} Jahren {m} Millionen Euro kosten.",
        "Die Wahlbeteiligung lag bei {dec} Prozent, so niedrig wie seit {k} Wahlen nicht.",
    ),
    thousands=".",
    decimal=",",
)

FR = Lang(
    code="fr",
    subjects=(
        "Le conseil municipal", "Le gouvernement régional", "Un groupe d’agriculteurs",
        "La nouvelle maire", "Le ministre des Finances", "L’université",
        "Plusieurs hôpitaux de la région", "La commission", "La boulangerie du quartier",
        "Beaucoup d’habitants", "Une porte-parole de la compagnie", "Le syndicat",
        "Personne au conseil",
    ),
    verbs=(
        "a approuvé", "a rejeté", "a annoncé", "a critiqué", "a défendu", "a reporté",
        "a salué", "a examiné", "a présenté", "a soutenu", "n’a pas commenté",
    ),
    objects=(
        "le projet", "un nouveau budget", "le plan tant attendu", "les chiffres annuels",
        "la décision", "les modifications de la loi", "une légère hausse des tarifs",
        "les résultats de l’enquête", "l’offre du maire", "ce qu’elle appelle « un accord équitable »",
        "le rapport sur la qualité de l’eau", "le vote sur le nouveau pont",
    ),
    pps=(
        "mardi", "après un long débat", "dans la capitale", "pour la deuxième fois",
        "avec quelques réserves", "à la fin du mois", "malgré une forte opposition",
        "lors d’une courte réunion", "avant la pause estivale", "devant l’hôtel de ville",
        "sans aucune explication", "au cours des dernières années", "dans les quartiers nord",
        "selon le procès-verbal", "pour la première fois depuis 1998", "à Nîmes et à Besançon",
    ),
    connectors=(", et", ", mais", " parce que", " alors que", " —", ", car"),
    heading_heads=(
        "Négociations difficiles", "Hausse des loyers", "Inquiétude des agriculteurs",
        "Réformes attendues", "Écoles rurales", "Tensions au conseil", "Récolte tardive",
        "Salaires en baisse", "Pénurie d’eau", "Élections anticipées", "Ponts fragiles",
    ),
    heading_tails=(
        "dans la région", "après les élections", "avant l’hiver", "pour les familles",
        "au nord", "et leurs critiques", "en Europe", "au port", "— ce qui change",
        "sous pression",
    ),
    numbers=(
        "L’entreprise a vendu {n1} appareils en {year}, soit {pct} % de mieux qu’en {year2}.",
        "Les prix ont augmenté de {pct} % en {year}, du jamais vu depuis {year2}.",
        "Environ {n1} personnes ont assisté à la réunion, contre {n2} l’an dernier.",
        "Le projet coûtera {m} millions d’euros sur {k} ans, selon la mairie.",
        "La participation a atteint {dec} %, le chiffre le plus bas depuis {k} scrutins.",
    ),
    thousands="\u202f",
    decimal=",",
)

ES = Lang(
    code="es",
    subjects=(
        "El ayuntamiento", "El gobierno regional", "Un grupo de agricultores",
        "La nueva alcaldesa", "El ministro de Hacienda", "La universidad",
        "Varios hospitales de la zona", "La comisión", "La panadería del barrio",
        "Muchos vecinos", "Una portavoz de la aerolínea", "El sindicato", "Nadie en la junta",
    ),
    verbs=(
        "aprobó", "rechazó", "anunció", "criticó", "defendió", "aplazó", "celebró",
        "examinó", "presentó", "apoyó", "no quiso comentar",
    ),
    objects=(
        "la propuesta", "un nuevo presupuesto", "el plan tan esperado", "las cifras anuales",
        "la decisión", "los cambios en la ley", "una pequeña subida de las tasas",
        "los resultados de la encuesta", "la oferta del alcalde", "lo que llamó «un acuerdo justo»",
        "el informe sobre la calidad del agua", "la votación sobre el nuevo puente",
    ),
    pps=(
        "el martes", "tras un largo debate", "en la capital", "por segunda vez",
        "con algunas reservas", "a finales de mes", "pese a una fuerte oposición",
        "durante una breve reunión", "antes del verano", "frente al ayuntamiento",
        "sin ninguna explicación", "en los últimos años", "en los barrios del norte",
        "según el acta", "por primera vez desde 1998", "en Cádiz y en Logroño",
    ),
    connectors=(", y", ", pero", " porque", " aunque", " mientras", " —"),
    heading_heads=(
        "Negociaciones difíciles", "Subida de los alquileres", "Inquietud entre los agricultores",
        "Reformas pendientes", "Escuelas rurales", "Tensiones en el pleno", "Cosecha tardía",
        "Salarios a la baja", "Escasez de agua", "Elecciones anticipadas", "Puentes frágiles",
    ),
    heading_tails=(
        "en la región", "tras las elecciones", "antes del invierno", "para las familias",
        "en el norte", "y sus críticos", "en Europa", "en el puerto", "— qué cambia",
        "bajo presión",
    ),
    numbers=(
        "La empresa vendió {n1} unidades en {year}, un {pct} % más que en {year2}.",
        "Los precios subieron un {pct} % en {year}, el nivel más alto desde {year2}.",
        "Unas {n1} personas asistieron al acto, frente a las {n2} del año anterior.",
        "El proyecto costará {m} millones de euros en {k} años, según el plan.",
        "La participación fue del {dec} %, la cifra más baja en {k} elecciones.",
    ),
    thousands=".",
    decimal=",",
)

RU = Lang(
    code="ru",
    subjects=(
        "Городской совет", "Региональное правительство", "Группа местных фермеров",
        "Новый мэр", "Министр финансов", "Университет", "Несколько больниц региона",
        "Комиссия", "Старейшая пекарня города", "Многие жители", "Представитель авиакомпании",
        "Профсоюз", "Никто из членов совета",
    ),
    verbs=(
        "одобрил", "не поддержал", "объявил", "раскритиковал", "поддержал", "отложил",
        "представил", "обсудил", "уже рассмотрел", "так и не прокомментировал",
    ),
    objects=(
        "это предложение", "новый бюджет", "долгожданный план", "годовые показатели",
        "это решение", "поправки к закону", "небольшое повышение тарифов",
        "результаты опроса", "предложение мэра", "то, что назвал «справедливой сделкой»",
        "доклад о качестве воды", "план строительства нового моста",
    ),
    pps=(
        "во вторник", "после долгих дебатов", "в столице", "во второй раз",
        "с некоторыми оговорками", "в конце месяца", "несмотря на сильное сопротивление",
        "во время короткого заседания", "перед летним перерывом", "у здания мэрии",
        "без каких-либо объяснений", "за последние несколько лет", "в северных районах",
        "согласно протоколу", "впервые с 1998 года", "на этой неделе", "по словам его коллег",
        "для жителей города",
    ),
    connectors=(", и", ", но", ", потому что", ", хотя", " —", ", а"),
    heading_heads=(
        "Рост расходов", "Трудные переговоры", "Неожиданная поддержка", "Хрупкое перемирие",
        "Растущая напряжённость", "Тихие реформы", "Протест фермеров", "Сельские школы",
        "Нехватка воды", "Высокая арендная плата", "Досрочные выборы", "Ремонт мостов",
    ),
    heading_tails=(
        "в регионе", "после выборов", "перед зимой", "для семей", "на севере",
        "и их критики", "в Европе", "в порту", "— что изменилось", "под давлением",
    ),
    numbers=(
        "В {year} году компания продала {n1} устройств, что на {pct}% больше, чем в {year2} году.",
        "Цены выросли на {pct}% за {year} год, это самый высокий уровень с {year2} года.",
        "На мероприятие пришли около {n1} человек, а год назад их было {n2}.",
        "Проект обойдётся в {m} млн рублей за {k} лет, как сообщили в мэрии.",
        "Явка составила {dec}%, это самый низкий показатель за {k} выборов.",
    ),
    thousands="\u00a0",
    decimal=",",
)

LANGS = {lang.code: lang for lang in (EN, DE, FR, ES, RU)}

LIST_MARKERS = ("- ", "• ", "1. ")


# ---------------------------------------------------------------------------
# Article strategies
# ---------------------------------------------------------------------------


def capitalise(text: str) -> str:
    return text[:1].upper() + text[1:]


def decapitalise_subject(subject: str) -> str:
    # "The city council" -> "the city council"; proper names would keep their
    # capital, but every subject in the pools opens with an ordinary word.
    return subject[:1].lower() + subject[1:]


@st.composite
def sentences(draw, lang: Lang, min_words: int = 8, max_words: int = 30) -> str:
    target = draw(st.integers(min_words, max_words - 4))
    words: list[str] = []
    used: set[str] = set()

    def add(pool: tuple[str, ...], lower: bool = False) -> None:
        # No chunk twice in one sentence ("on Tuesday on Tuesday").
        chunk = draw(st.sampled_from([c for c in pool if c not in used]))
        used.add(chunk)
        words.extend((decapitalise_subject(chunk) if lower else chunk).split())

    add(lang.subjects)
    add(lang.verbs)
    add(lang.objects)
    clauses = 1
    while len(words) < target:
        if clauses < 2 and len(words) + 6 < target and draw(st.booleans()):
            connector = draw(st.sampled_from(lang.connectors))
            if connector.startswith(","):
                words[-1] += ","
                connector = connector[1:]
            words.extend(connector.split())
            add(lang.subjects, lower=True)
            add(lang.verbs)
            add(lang.objects)
            clauses += 1
        else:
            add(lang.pps)
    words = words[:max_words]
    text = " ".join(words).rstrip(",—– ")
    mark = draw(st.sampled_from(".....!?"))
    if lang.code == "es" and mark in "!?":
        return ("¡" if mark == "!" else "¿") + capitalise(text) + mark
    return capitalise(text) + mark


def fmt_int(value: int, sep: str) -> str:
    return f"{value:,}".replace(",", sep)


@st.composite
def number_sentences(draw, lang: Lang) -> str:
    template = draw(st.sampled_from(lang.numbers))
    year = draw(st.integers(1990, 2025))
    values = dict(
        n1=fmt_int(draw(st.integers(1_000, 250_000)), lang.thousands),
        n2=fmt_int(draw(st.integers(1_000, 250_000)), lang.thousands),
        year=str(year),
        year2=str(year - draw(st.integers(1, 30))),
        pct=str(draw(st.integers(2, 95))),
        dec=f"{draw(st.integers(10, 89))}{lang.decimal}{draw(st.integers(0, 9))}",
        m=str(draw(st.integers(2, 900))),
        k=str(draw(st.integers(2, 12))),
    )
    return template.format(**values)


@st.composite
def paragraphs(draw, lang: Lang) -> str:
    return " ".join(draw(st.lists(sentences(lang), min_size=1, max_size=4)))


@st.composite
def number_paragraphs(draw, lang: Lang) -> str:
    parts = draw(st.lists(number_sentences(lang), min_size=1, max_size=2))
    parts += draw(st.lists(sentences(lang), max_size=2))
    return " ".join(parts)


@st.composite
def quotations(draw, lang: Lang) -> str:
    parts = draw(st.lists(sentences(lang), min_size=1, max_size=3))
    if not parts[-1].endswith("."):
        parts[-1] = parts[-1].rstrip("!?") + "."
    if parts[0].startswith(("¿", "¡")) and not parts[0].endswith(("?", "!")):
        parts[0] = parts[0][1:]
    text = " ".join(parts)
    return "\u201c" + text + "\u201d"


@st.composite
def headings(draw, lang: Lang) -> str:
    head = draw(st.sampled_from(lang.heading_heads))
    if draw(st.booleans()):
        return head
    return f"{head} {draw(st.sampled_from(lang.heading_tails))}"


@st.composite
def list_items(draw, lang: Lang) -> str:
    kind = draw(st.integers(0, 2))
    if kind == 0:
        return draw(headings(lang))
    if kind == 1:
        return draw(sentences(lang, max_words=14))
    return capitalise(draw(st.sampled_from(lang.objects))) + " " + draw(st.sampled_from(lang.pps)) + ";"


@st.composite
def lists(draw, lang: Lang) -> list[str]:
    marker = draw(st.sampled_from(LIST_MARKERS))
    items = draw(st.lists(list_items(lang), min_size=2, max_size=5))
    out = []
    for i, item in enumerate(items, 1):
        prefix = f"{i}. " if marker == "1. " else marker
        out.append(prefix + item)
    return out


@dataclass
class Article:
    lang: str
    blocks: list[tuple[str, list[str]]]  # (kind, lines)

    @property
    def lines(self) -> list[str]:
        return [line for _, block in self.blocks for line in block]


def _key(line: str) -> str:
    # How the cleaner compares lines for repeats: lower case, curly quotes
    # and dashes folded, white space collapsed.
    table = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u2014": "-", "\u2013": "-"})
    return " ".join(line.translate(table).lower().split())


def _title_prefixes(key: str) -> set[str]:
    # A first line "Title - Site" makes a later line "Title" the headline
    # (the page title repeated): the part before each separator.
    return {key[: key.rfind(sep)] for sep in (" | ", " - ", " :: ", " · ") if sep in key}


class _Lines:
    """The lines of one article so far. A page repeats no line of its article
    (a repeat is dropped as a duplicate by design), and no line of it equals
    another's part before a " — " (that reads as the page title repeated as
    the headline: "Rising costs — what changed" ... "Rising costs")."""

    def __init__(self) -> None:
        self.full: set[str] = set()
        self.prefixes: set[str] = set()

    def add(self, line: str) -> bool:
        key = _key(line)
        prefixes = _title_prefixes(key)
        if key in self.full or key in self.prefixes or prefixes & self.full:
            return False
        self.full.add(key)
        self.prefixes |= prefixes
        return True


@st.composite
def articles(draw, langs=tuple(LANGS)) -> Article:
    lang = LANGS[draw(st.sampled_from(langs))]
    kinds = draw(
        st.lists(st.sampled_from(["paragraph", "paragraph", "section", "list", "quote", "numbers"]), min_size=1, max_size=8)
    )
    if not any(k in ("paragraph", "section") for k in kinds):
        kinds[draw(st.integers(0, len(kinds) - 1))] = "paragraph"
    seen = _Lines()
    blocks: list[tuple[str, list[str]]] = []

    def fresh(strategy) -> str:
        # Draw again on the rare collision (see _Lines).
        for _ in range(4):
            line = draw(strategy)
            if seen.add(line):
                return line
        assume(False)
        raise AssertionError("unreachable")

    for kind in kinds:
        if kind == "section":
            blocks.append(("heading", [fresh(headings(lang))]))
            blocks.append(("paragraph", [fresh(paragraphs(lang))]))
        elif kind == "paragraph":
            blocks.append(("paragraph", [fresh(paragraphs(lang))]))
        elif kind == "quote":
            blocks.append(("quote", [fresh(quotations(lang))]))
        elif kind == "numbers":
            blocks.append(("numbers", [fresh(number_paragraphs(lang))]))
        else:
            items = draw(lists(lang))
            unique = [item for item in items if seen.add(item)]
            if len(unique) < 2:
                assume(False)
            blocks.append(("list", unique))
    return Article(lang.code, blocks)


# ---------------------------------------------------------------------------
# Boilerplate examples
# ---------------------------------------------------------------------------

DEAR_READERS = (
    "Dear readers! Thank you for your vibrant engagement with our content and for sharing your "
    "points of view. Please note that we have switched to a new commenting system. To leave comments, "
    "you will need to register. We are working on some adjustments so if you have questions or "
    "suggestions feel free to send them to [email protected]. Please check our commenting policy"
)

SEED_ICON_RUN = (
    "icon bookmark-bicon bookmarkicon cameraicon checkicon chevron downicon chevron lefticon chevron "
    "righticon chevron upicon closeicon v-compressicon downloadicon editicon v-expandicon fbicon fileicon "
    "filtericon flag ruicon full chevron downicon full chevron lefticon full chevron righticon full chevron "
    "upicon gpicon insicon mailicon moveicon-musicicon mutedicon nomutedicon okicon v-pauseicon v-playicon "
    "searchicon shareicon sign inicon sign upicon stepbackicon stepforicon swipe downicon tagicon tagsicon "
    "tgicon trashicon twicon vkicon yticon wticon fm"
)

ICON_RUNS = (
    "icon bookmark-bicon bookmarkicon cameraicon checkicon chevron downicon closeicon",
    "icon bookmark-bicon bookmarkicon cameraicon",
    "bookmarkicon closeicon searchicon",
    SEED_ICON_RUN,
)

BOILERPLATE: dict[str, tuple[str, ...]] = {
    "icon-string": ICON_RUNS,
    "comment-notice": (
        "Leave a comment", "Comments are closed.", "12 comments", "Join the discussion", DEAR_READERS,
        "Kommentare", "Laisser un commentaire", "Deja un comentario", "Комментарии",
    ),
    "media-widget": (
        "Podcasts", "0:00", "29:41", "29:9", "1:02:33", "0:00 / 3:12", "Listen to this article",
        "1x 1.5x 2x", "Artikel anhören",
    ),
    "share-prompt": (
        "You can share this story on social media:", "Share this article", "Share on Facebook",
        "Follow us on Twitter", "Read the full article here", "Read more", "3.2K shares",
        "Partager cet article", "Compartir en Facebook", "Поделиться",
    ),
    "cookie-notice": (
        "We use cookies to improve your experience. Accept all", "Wir verwenden Cookies",
    ),
    "newsletter": ("Sign up for our newsletter", "Subscribe to our newsletter", "Newsletter abonnieren"),
    "advertisement": ("Advertisement", "Anzeige", "Publicidad", "Реклама"),
    "navigation": ("Skip to content", "Home > World > Europe", "Читайте также"),
    "copyright": ("© 2024 Example Media. All rights reserved.",),
    "dateline": ("17 Oct, 2025 01:54", "Updated 5 minutes ago", "Nov 19, 2019, 10:31 pm CST", "3 min read"),
}

ALL_BOILERPLATE = tuple(line for lines in BOILERPLATE.values() for line in lines)
# Weak evidence: in article text these go only in company of other residue
# or at the text's edges (a dateline only in company): a lone "Read more",
# clock or date in the middle of a text may be the text's own.
WEAK = frozenset({
    "12 comments", "Kommentare", "Комментарии", "Podcasts", "0:00", "29:41", "29:9", "1:02:33", "0:00 / 3:12",
    "1x 1.5x 2x", "Read more", "3.2K shares", "Поделиться", "Home > World > Europe", "Читайте также",
    *BOILERPLATE["dateline"],
})
STRONG_BOILERPLATE = tuple(line for line in ALL_BOILERPLATE if line not in WEAK)
WEAK_BOILERPLATE = tuple(line for line in ALL_BOILERPLATE if line in WEAK)
# Icon runs are also glued to the end of a paragraph's last line.
GLUED_ICON_RUNS = ICON_RUNS

FILLER_BEFORE = (
    "The city council approved the new budget on Tuesday after a long debate that lasted well into "
    "the evening, and several members said they were relieved that the process was finally over."
)
FILLER_AFTER = (
    "Officials expect the first projects to begin in the spring, although some residents have raised "
    "concerns about the cost of the plan and the time it will take to finish."
)


@pytest.mark.parametrize("sep", ["\n\n", "\n"], ids=["blank", "newline"])
@pytest.mark.parametrize("line", ALL_BOILERPLATE, ids=lambda s: s[:40])
def test_every_boilerplate_example_is_removed_alone(line: str, sep: str) -> None:
    # A dateline needs company: beside a share prompt.
    company = [sep, "Share this article"] if line in BOILERPLATE["dateline"] else []
    text = FILLER_BEFORE + sep + line + "".join(company) + sep + FILLER_AFTER
    out = unboil.clean_text(text)
    assert nonblank(out) == [FILLER_BEFORE, FILLER_AFTER], explain_dump(text)
    decision = cleaner().explain(text)[1]
    assert decision.kept is None and decision.reason != "content", decision


@pytest.mark.parametrize("line", BOILERPLATE["dateline"])
def test_a_lone_dateline_in_article_text_stays(line: str) -> None:
    """A date on a line of its own is the text's own (a post's date) unless residue is beside it."""
    text = FILLER_BEFORE + "\n\n" + line + "\n\n" + FILLER_AFTER
    assert nonblank(unboil.clean_text(text)) == [FILLER_BEFORE, line, FILLER_AFTER], explain_dump(text)


FAMILY_OF = [(family, line) for family, lines in BOILERPLATE.items() for line in lines]


@pytest.mark.parametrize(("family", "line"), FAMILY_OF, ids=lambda v: v[:40])
def test_boilerplate_examples_are_dropped_by_their_family(family: str, line: str) -> None:
    """explain() names the family the example belongs to (it is also what
    `disable=[family]` switches off)."""
    company = "\n\nShare this article" if family == "dateline" else ""
    text = FILLER_BEFORE + "\n\n" + line + company + "\n\n" + FILLER_AFTER
    decision = cleaner().explain(text)[1]
    assert decision.reason == family, decision


@pytest.mark.parametrize("run", GLUED_ICON_RUNS, ids=lambda s: s[:30])
@pytest.mark.parametrize("glue", ["", " "], ids=["glued", "spaced"])
def test_glued_icon_run_is_cut_off(run: str, glue: str) -> None:
    text = FILLER_BEFORE + "\n\n" + FILLER_AFTER + glue + run
    assert unboil.clean_text(text) == FILLER_BEFORE + "\n\n" + FILLER_AFTER, explain_dump(text)


# ---------------------------------------------------------------------------
# Documents: articles with boilerplate injected, rendered to text
# ---------------------------------------------------------------------------


@dataclass
class Document:
    article: Article
    text: str
    newline: str
    injected: list[str]  # boilerplate lines of their own
    glued: list[tuple[str, str]]  # (paragraph, icon run glued to its end)


@st.composite
def documents(draw, inject: bool = True, langs=tuple(LANGS)) -> Document:
    article = draw(articles(langs))
    # [line, kind ("boilerplate" for injected lines), glued tail, starts a block]
    entries: list[list] = []
    for kind, block in article.blocks:
        for i, line in enumerate(block):
            entries.append([line, kind, "", i == 0])
    injected: list[str] = []
    glued: list[tuple[str, str]] = []
    if inject:
        # Groups of residue lines between article lines; weak evidence comes
        # with a strong line beside it (a share bar, a player's clocks), and
        # no group splits another.
        groups: list[tuple[int, list[str]]] = []
        for _ in range(draw(st.integers(1, 6))):
            lines = [draw(st.sampled_from(STRONG_BOILERPLATE))]
            if draw(st.booleans()):
                lines.insert(draw(st.integers(0, 1)), draw(st.sampled_from(WEAK_BOILERPLATE)))
            groups.append((draw(st.integers(0, len(entries))), lines))  # first and last included
        for at, lines in sorted(groups, key=lambda group: -group[0]):
            starts = draw(st.booleans())
            for k, line in enumerate(lines):
                entries.insert(at + k, [line, "boilerplate", "", starts and k == 0])
                injected.append(line)
        prose = [e for e in entries if e[1] in ("paragraph", "quote", "numbers")]
        if draw(st.booleans()):
            target = draw(st.sampled_from(prose))
            run = draw(st.sampled_from(GLUED_ICON_RUNS))
            target[2] = draw(st.sampled_from(["", " "])) + run
            glued.append((target[0], run))
    newline = draw(st.sampled_from(["\n", "\n", "\r\n", "\r"]))
    parts = []
    for i, (line, _, glue, block_start) in enumerate(entries):
        trailing = draw(st.sampled_from(["", "", "", " ", "\t", "  \u00a0"]))
        if i > 0:
            parts.append(newline)
            if block_start and draw(st.booleans()):
                parts.append(draw(st.sampled_from(["", "", " ", "\t"])) + newline)
        parts.append(line + glue + trailing)
    if draw(st.booleans()):
        parts.append(newline)
    return Document(article, "".join(parts), newline, injected, glued)


def replace_lines(doc: Document, lines: list[str], by: str = "Advertisement") -> str:
    """doc.text with every line that is one of `lines` (trailing white space
    aside) replaced by `by`: a line that a built-in rule drops in any context."""
    wanted = set(lines)
    source = LINE_BREAK.split(doc.text)
    return doc.newline.join(by if rstrip_ws(line) in wanted else line for line in source)


# ---------------------------------------------------------------------------
# Properties
# ---------------------------------------------------------------------------

# Found by hypothesis (the minimal case it shrank to), kept as an explicit
# example so that every run checks it: an article whose last two sections are
# a heading over a one-sentence paragraph.
_SHORT_SECTIONS = Article(
    "en",
    [
        ("paragraph", ["The city council approved the proposal on Tuesday."]),
        ("heading", ["Rising costs in the region"]),
        ("paragraph", ["The city council approved the changes to the law."]),
        ("heading", ["Rising costs"]),
        ("paragraph", ["A group of local farmers approved the proposal."]),
    ],
)
SHORT_SECTIONS_DOC = Document(
    _SHORT_SECTIONS, "\n".join(["Advertisement", *_SHORT_SECTIONS.lines]), "\n", ["Advertisement"], []
)
SHORT_SECTIONS_CLEAN_DOC = Document(_SHORT_SECTIONS, "\n".join(_SHORT_SECTIONS.lines), "\n", [], [])


# Found by hypothesis: 25 lines, most of them short list items, under three
# icon runs and a comment notice, read as a whole page's text (regime
# probability 0.984 against the model's cut, 0.98), so the model took the
# first two items and the last for a menu's. Which regime such a text is in
# is the model's judgement; asked for as article text, every line stays.
_LIST_HEAVY = Article(
    "fr",
    [
        ("list", ['- Négociations difficiles', '- Négociations difficiles après les élections', '- Hausse des loyers avant l’hiver']),
        ("numbers", ['L’entreprise a vendu 1\u202f000 appareils en 1990, soit 2 % de mieux qu’en 1989.']),
        ("list", ['- Le projet après un long débat;', '- Le projet avec quelques réserves;', '- Le projet mardi;', '- Négociations difficiles dans la région', '- Le conseil municipal a approuvé le projet mardi.']),
        ("paragraph", ['Le conseil municipal a approuvé le projet mardi.']),
        ("list", ['- Négociations difficiles et leurs critiques', '- Le projet dans la capitale;', '- Le projet pour la deuxième fois;']),
        ("paragraph", ['Le conseil municipal a approuvé le projet mardi. Le conseil municipal a approuvé le projet mardi. Le conseil municipal a approuvé le rapport sur la qualité de l’eau. Plusieurs hôpitaux de la région a approuvé le plan tant attendu lors d’une courte réunion.']),
        ("list", ['- Un nouveau budget mardi;', '- Le plan tant attendu après un long débat;', '- Négociations difficiles avant l’hiver', '- Hausse des loyers dans la région']),
        ("list", ['- Négociations difficiles pour les familles', '- Négociations difficiles au nord', '- Hausse des loyers après les élections']),
    ],
)
LIST_HEAVY_DOC = Document(_LIST_HEAVY, 'icon bookmark-bicon bookmarkicon cameraicon checkicon chevron downicon closeicon\nicon bookmark-bicon bookmarkicon cameraicon checkicon chevron downicon closeicon\n- Négociations difficiles\n- Négociations difficiles après les élections\n12 comments\nicon bookmark-bicon bookmarkicon cameraicon checkicon chevron downicon closeicon\n- Hausse des loyers avant l’hiver\nL’entreprise a vendu 1\u202f000 appareils en 1990, soit 2 % de mieux qu’en 1989.\n- Le projet après un long débat;\n- Le projet avec quelques réserves;\n- Le projet mardi;\n- Négociations difficiles dans la région\n- Le conseil municipal a approuvé le projet mardi.\nLe conseil municipal a approuvé le projet mardi.\n- Négociations difficiles et leurs critiques\n- Le projet dans la capitale;\n- Le projet pour la deuxième fois;\nLe conseil municipal a approuvé le projet mardi. Le conseil municipal a approuvé le projet mardi. Le conseil municipal a approuvé le rapport sur la qualité de l’eau. Plusieurs hôpitaux de la région a approuvé le plan tant attendu lors d’une courte réunion.\n- Un nouveau budget mardi;\n- Le plan tant attendu après un long débat;\n- Négociations difficiles avant l’hiver\n- Hausse des loyers dans la région\n- Négociations difficiles pour les familles\n- Négociations difficiles au nord\n- Hausse des loyers après les élections', "\n", ['12 comments', 'icon bookmark-bicon bookmarkicon cameraicon checkicon chevron downicon closeicon', 'icon bookmark-bicon bookmarkicon cameraicon checkicon chevron downicon closeicon', 'icon bookmark-bicon bookmarkicon cameraicon checkicon chevron downicon closeicon'], [])


def check_boilerplate_goes(doc: Document, **options) -> None:
    """The injected boilerplate and glued icon runs go; the article's lines
    stay, verbatim and in order, and nothing else."""
    out = cleaner(**options).clean_text(doc.text)
    got = nonblank(out)
    dump = lambda: "\n--- explain ---\n" + explain_dump(doc.text, **options)  # noqa: E731
    for line in doc.injected:
        assert line not in got, f"boilerplate kept: {line!r}" + dump()
    for paragraph, run in doc.glued:
        assert run not in out, f"glued icon run kept: {run!r}" + dump()
        # The paragraph that carried a glued icon run comes out exactly, no
        # leftover of the run ("...on Tuesday.bookmark").
        # (Another paragraph may merely start with the same sentence.)
        residue = [
            line
            for line in got
            if line.startswith(paragraph) and line != paragraph and glue_prefix(line[len(paragraph) :], run)
        ]
        assert not residue, f"icon run residue: {residue!r}" + dump()
    assert got == doc.article.lines, dump()


@ARTICLE_SETTINGS
@given(documents())
@example(SHORT_SECTIONS_DOC)
def test_boilerplate_goes_and_the_article_stays_verbatim(doc: Document) -> None:
    check_boilerplate_goes(doc)


@ARTICLE_SETTINGS
@given(documents())
@example(LIST_HEAVY_DOC)
def test_boilerplate_goes_and_the_article_stays_verbatim_as_article_text(doc: Document) -> None:
    check_boilerplate_goes(doc, regime="article")


@ARTICLE_SETTINGS
@given(documents(inject=False))
@example(SHORT_SECTIONS_CLEAN_DOC)
def test_clean_article_passes_through_unchanged(doc: Document) -> None:
    expected = "\n".join(
        ("\n" if i and block_start else "") + line
        for i, (line, block_start) in enumerate(_layout(doc.text))
    )
    out = unboil.clean_text(doc.text)
    assert out == expected, "\n--- explain ---\n" + explain_dump(doc.text)


def _layout(text: str) -> list[tuple[str, bool]]:
    """Non-blank lines of the input and whether a blank line precedes each."""
    out, blank = [], False
    for line in input_lines(text):
        if not line.strip(UNICODE_WS):
            blank = True
            continue
        out.append((line, blank))
        blank = False
    return out


@ARTICLE_SETTINGS
@given(documents())
def test_idempotent_on_articles(doc: Document) -> None:
    once = unboil.clean_text(doc.text)
    twice = unboil.clean_text(once)
    assert twice == once, "\n--- explain (first pass) ---\n" + explain_dump(doc.text) + (
        "\n--- explain (second pass) ---\n" + explain_dump(once)
    )


# Text shaped like scraped pages: lines of prose, headings, list items,
# boilerplate and noise in any order, with any separators.
noise_lines = st.one_of(
    st.sampled_from(ALL_BOILERPLATE),
    st.text(max_size=40),
    st.text(alphabet="ab .,!?:-•1\u201c\u201d", max_size=30),
)


@st.composite
def page_like_text(draw) -> str:
    lang = LANGS[draw(st.sampled_from(tuple(LANGS)))]
    pieces = draw(
        st.lists(
            st.one_of(paragraphs(lang), headings(lang), list_items(lang), quotations(lang), noise_lines),
            max_size=12,
        )
    )
    seps = st.sampled_from(["\n", "\n\n", "\r\n", "\n \n", "\r", "\n\n\n"])
    out = ""
    for i, piece in enumerate(pieces):
        if i:
            out += draw(seps)
        out += piece
    return out


@TEXT_SETTINGS
@given(st.one_of(st.text(), page_like_text()))
def test_idempotent_on_any_text(text: str) -> None:
    once = unboil.clean_text(text)
    twice = unboil.clean_text(once)
    assert twice == once, "\n--- explain (first pass) ---\n" + explain_dump(text) + (
        "\n--- explain (second pass) ---\n" + explain_dump(once)
    )


def assert_output_lines_come_from_input(text: str, out: str) -> None:
    """Every output line is an input line (trailing white space stripped) or a
    prefix of one, in input order; lines are separated by one "\\n", paragraphs
    by one blank line; no trailing newline or white space."""
    assert "\r" not in out
    assert not out.endswith("\n")
    assert "\n\n\n" not in out
    assert not out.startswith("\n")
    source = input_lines(text)
    at = 0
    for line in out.split("\n"):
        if line == "":
            continue
        assert line == rstrip_ws(line), f"trailing white space in {line!r}"
        while at < len(source) and not source[at].startswith(line):
            at += 1
        assert at < len(source), f"output line {line!r} is no input line (in order) nor a prefix of one"
        at += 1


@ARTICLE_SETTINGS
@given(documents())
def test_output_lines_are_input_lines_or_prefixes_on_articles(doc: Document) -> None:
    assert_output_lines_come_from_input(doc.text, unboil.clean_text(doc.text))


@TEXT_SETTINGS
@given(st.one_of(st.text(), page_like_text()))
def test_output_lines_are_input_lines_or_prefixes_on_any_text(text: str) -> None:
    assert_output_lines_come_from_input(text, unboil.clean_text(text))


@TEXT_SETTINGS
@given(st.text())
def test_any_text_never_raises(text: str) -> None:
    out = unboil.clean_text(text)
    assert isinstance(out, str)
    rows = cleaner().explain(text)
    assert all(isinstance(r, unboil.LineDecision) for r in rows)
    # explain() and clean_text() agree: the kept parts are the output's lines.
    assert [r.kept for r in rows if r.kept is not None] == [line for line in out.split("\n") if line]


@TEXT_SETTINGS
@given(st.binary())
def test_any_bytes_never_raise(data: bytes) -> None:
    out = unboil.clean_text(data)
    assert isinstance(out, str)
    # Bytes are read as UTF-8 (a BOM dropped, bad bytes replaced).
    text = data.decode("utf-8", "replace")
    if text.startswith("\ufeff"):
        text = text[1:]
    assert out == unboil.clean_text(text)


@SMALL_SETTINGS
@given(documents(inject=True))
def test_bytes_and_str_agree_on_articles(doc: Document) -> None:
    expected = unboil.clean_text(doc.text)
    assert unboil.clean_text(doc.text.encode("utf-8")) == expected
    assert unboil.clean_text(b"\xef\xbb\xbf" + doc.text.encode("utf-8")) == expected


NOT_TEXT = st.one_of(
    st.integers(),
    st.none(),
    st.lists(st.text(max_size=5), max_size=3),
    st.floats(allow_nan=False),
    st.dictionaries(st.text(max_size=3), st.integers(), max_size=2),
    st.tuples(st.text(max_size=5)),
    st.just(object()),
)


@SMALL_SETTINGS
@given(NOT_TEXT)
def test_non_text_input_raises_input_type_error(value: object) -> None:
    for call in (unboil.clean_text, cleaner().clean_text, cleaner().explain):
        with pytest.raises(unboil.InputTypeError) as info:
            call(value)  # type: ignore[arg-type]
        assert isinstance(info.value, TypeError)
        assert isinstance(info.value, unboil.UnboilError)


@pytest.mark.parametrize("value", [0, 12, None, [], ["text"], 1.5])
def test_non_text_input_examples(value: object) -> None:
    with pytest.raises(unboil.InputTypeError):
        unboil.clean_text(value)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        unboil.clean_text(value)  # type: ignore[arg-type]


# ---------------------------------------------------------------------------
# Option validation
# ---------------------------------------------------------------------------

OPTION_NAMES = {"keep_title", "languages", "extra_patterns", "extra_phrases", "disable"}

BAD_OPTIONS = [
    {"nope": 1},
    {"language": ["en"]},
    {"languages": ["xx"]},
    {"languages": ["en", "klingon"]},
    {"languages": []},
    {"languages": [1]},
    {"languages": 5},
    {"disable": ["nope"]},
    {"disable": ["share"]},
    {"disable": [None]},
    {"extra_patterns": ["(unclosed"]},
    {"extra_patterns": ["[z-a]"]},
    {"extra_patterns": ["*"]},
    {"extra_patterns": [r"(?=lookahead)"]},
    {"extra_patterns": [r"(a)\1"]},
    {"extra_patterns": [3]},
    {"extra_phrases": [""]},
    {"extra_phrases": ["   "]},
    {"extra_phrases": [b"bytes"]},
    {"keep_title": "yes"},
    {"keep_title": 1},
]


@pytest.mark.parametrize("options", BAD_OPTIONS, ids=repr)
def test_bad_options_raise_options_error(options: dict) -> None:
    with pytest.raises(unboil.OptionsError) as info:
        unboil.clean_text("x", **options)
    assert isinstance(info.value, ValueError)
    assert isinstance(info.value, unboil.UnboilError)
    with pytest.raises(unboil.OptionsError):
        unboil.Cleaner(**options)


identifiers = st.from_regex(r"[a-z_][a-z0-9_]{0,15}", fullmatch=True).filter(lambda s: s not in OPTION_NAMES)


@SMALL_SETTINGS
@given(identifiers, st.one_of(st.integers(), st.text(max_size=5), st.none()))
def test_unknown_option_names_raise(name: str, value: object) -> None:
    with pytest.raises(unboil.OptionsError):
        unboil.clean_text("x", **{name: value})
    with pytest.raises(ValueError):
        unboil.Cleaner(**{name: value})


@SMALL_SETTINGS
@given(st.lists(st.text(max_size=6), min_size=1, max_size=3).filter(lambda ls: any(s not in unboil.LANGUAGES for s in ls)))
def test_unknown_languages_raise(languages: list[str]) -> None:
    with pytest.raises(unboil.OptionsError):
        unboil.clean_text("x", languages=languages)


@SMALL_SETTINGS
@given(st.lists(st.text(max_size=12), min_size=1, max_size=3).filter(lambda ls: any(s not in unboil.RULES for s in ls)))
def test_unknown_rules_raise(disable: list[str]) -> None:
    with pytest.raises(unboil.OptionsError):
        unboil.clean_text("x", disable=disable)


@SMALL_SETTINGS
@given(
    st.lists(st.sampled_from(unboil.LANGUAGES), min_size=1, max_size=3, unique=True),
    st.lists(st.sampled_from(unboil.RULES), max_size=3, unique=True),
)
def test_valid_options_are_accepted(languages: list[str], disable: list[str]) -> None:
    assert isinstance(unboil.clean_text("Some text here.", languages=languages, disable=disable), str)


# ---------------------------------------------------------------------------
# User rules
# ---------------------------------------------------------------------------

BRANDS = ("Northwind", "Contoso", "Fabrikam", "Globex", "Initech", "Umbrella")
PRODUCTS = ("Daily Briefing", "Weekly Digest", "Insider Club", "Deals Corner", "Morning Bulletin")


@st.composite
def user_phrase(draw) -> str:
    return f"{draw(st.sampled_from(BRANDS))} {draw(st.sampled_from(PRODUCTS))}"


def phrase_lines(phrase: str) -> st.SearchStrategy[str]:
    return st.sampled_from([phrase, phrase.upper(), phrase.lower(), phrase + ":", "» " + phrase, phrase + " →"])


@st.composite
def documents_with_user_lines(draw, make_lines) -> tuple[Document, list[str]]:
    """An article (no boilerplate) with site-specific lines of their own
    inserted anywhere."""
    doc = draw(documents(inject=False))
    lines = draw(st.lists(make_lines, min_size=1, max_size=4))
    source = LINE_BREAK.split(doc.text)
    for line in lines:
        source.insert(draw(st.integers(0, len(source))), line)
    return Document(doc.article, doc.newline.join(source), doc.newline, lines, []), lines


def assert_user_rule_drops_exactly(text: str, baseline: str, dropped: list[str], **options) -> None:
    """With the option, `dropped` lines go (reason user-rule) and every other
    line is decided as when those lines are dropped by a built-in rule
    (`baseline`: them replaced by "Advertisement") without the option."""
    out = cleaner(**options).clean_text(text)
    for row in cleaner(**options).explain(text):
        if row.text in dropped:
            assert row.kept is None and row.reason == "user-rule", (row, explain_dump(text, **options))
        elif row.kept is None:
            assert row.reason != "user-rule", (row, explain_dump(text, **options))
    assert out == unboil.clean_text(baseline), (
        "\n--- explain with the option ---\n" + explain_dump(text, **options)
        + "\n--- explain of the baseline ---\n" + explain_dump(baseline)
    )
    # The module function and a Cleaner agree.
    assert unboil.clean_text(text, **options) == out


@ARTICLE_SETTINGS
@given(st.data())
def test_extra_phrases_drop_their_lines_and_nothing_else(data) -> None:
    phrase = data.draw(user_phrase())
    doc, lines = data.draw(documents_with_user_lines(phrase_lines(phrase)))
    assert_user_rule_drops_exactly(doc.text, replace_lines(doc, lines), lines, extra_phrases=[phrase])


@ARTICLE_SETTINGS
@given(st.data())
def test_extra_phrase_inside_a_long_sentence_keeps_the_sentence(data) -> None:
    phrase = data.draw(user_phrase())
    doc = data.draw(documents(inject=True))
    long_sentence = data.draw(sentences(EN, min_words=20))
    host = (
        long_sentence.rstrip(".!?")
        + f", the editors of the {phrase} newsletter wrote in a note to their readers on Sunday."
    )
    # The host paragraph goes first, so it also opens the article.
    text = host + "\n\n" + doc.text
    out = unboil.clean_text(text, extra_phrases=[phrase])
    context = "\n--- explain ---\n" + explain_dump(text, extra_phrases=[phrase])
    assert nonblank(out)[:1] == [host], context
    # The phrase changes nothing at all here.
    assert out == unboil.clean_text(text), context


def pattern_lines() -> st.SearchStrategy[str]:
    return st.builds(
        lambda who, where: f"Photo: {who}/{where}",
        st.sampled_from(["Reuters", "AFP", "dpa", "EPA", "Getty Images", "ТАСС"]),
        st.sampled_from(["John Smith", "Anna Müller", "Jean Dupont", "María López", "Иван Петров"]),
    )


@ARTICLE_SETTINGS
@given(documents_with_user_lines(pattern_lines()))
def test_extra_patterns_drop_matching_lines_and_nothing_else(doc_lines) -> None:
    doc, lines = doc_lines
    pattern = r"^photo:\s"
    # The pattern matches no article line (case-insensitively, anywhere).
    assert not any(re.search(pattern, line, re.IGNORECASE) for line in doc.article.lines)
    assert_user_rule_drops_exactly(doc.text, replace_lines(doc, lines), lines, extra_patterns=[pattern])


@ARTICLE_SETTINGS
@given(st.data())
def test_extra_pattern_on_a_word_drops_exactly_the_lines_holding_it(data) -> None:
    """A pattern on a word of the article drops the lines holding that word
    (matched case-insensitively anywhere in a line), and only them."""
    doc = data.draw(documents(inject=True))
    line = data.draw(st.sampled_from(doc.article.lines))
    words = re.findall(r"\w{4,}", line)
    assume(words)
    word = data.draw(st.sampled_from(words))
    pattern = r"\b" + re.escape(word) + r"\b"
    hit = [x for x in input_lines(doc.text) if x and re.search(pattern, x, re.IGNORECASE)]
    assert any(x.startswith(line) for x in hit)  # (an icon run may be glued to it)
    assert_user_rule_drops_exactly(doc.text, replace_lines(doc, hit), hit, extra_patterns=[pattern])
