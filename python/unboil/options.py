"""The options of a :class:`~unboil.Cleaner`, validated once."""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Iterable
from typing import Any, Optional

from . import _core
from .errors import OptionsError, UnknownOptionError

__all__ = ["Options", "LANGUAGES", "RULES", "FAVOR", "FORMATS", "REGIMES"]

#: Languages with built-in vocabularies (ISO 639-1 codes).
LANGUAGES: tuple[str, ...] = tuple(_core.LANGUAGES)

#: Rule families that ``disable`` accepts; each is also a reason label of
#: :meth:`~unboil.Cleaner.explain`.
RULES: tuple[str, ...] = tuple(_core.RULES)

#: What ``favor`` accepts: how HTML extraction trades precision for recall.
FAVOR: tuple[str, ...] = ("precision", "balanced", "recall")

#: What ``regime`` accepts: what kind of text the input is.
REGIMES: tuple[str, ...] = ("auto", "article", "page")

#: What ``output_format`` accepts.
FORMATS: tuple[str, ...] = ("text", "markdown", "html")


def _strings(name: str, value: Any) -> tuple[str, ...]:
    if isinstance(value, str):
        value = (value,)
    if not isinstance(value, Iterable):
        raise OptionsError(f"{name}: expected a list of strings, got {type(value).__name__}")
    items = tuple(value)
    for item in items:
        if not isinstance(item, str):
            raise OptionsError(f"{name}: expected strings, got {type(item).__name__} {item!r}")
        if not item.isascii():
            try:
                item.encode("utf-8")
            except UnicodeEncodeError:
                raise OptionsError(f"{name}: {item!r} holds a lone surrogate, which is no text") from None
    return items


def _selectors(name: str, value: Any) -> tuple[str, ...]:
    """CSS selectors, each checked by the parser that will run it."""
    selectors = _strings(name, value)
    if selectors:
        from ._html import check_selector

        for selector in selectors:
            check_selector(name, selector)
    return selectors


@dataclasses.dataclass(frozen=True)
class Options:
    """What a cleaner does. Every field has a safe default.

    keep_title:
        Keep the first occurrence of a headline that the text repeats
        (later ones always go). Off: a repeated headline goes everywhere.
    languages:
        Vocabularies to use, as codes from :data:`LANGUAGES`; ``None`` for all.
        Eight (en, de, fr, es, ru, it, pt, nl) bring boilerplate phrases;
        the others bring stop words and dates only, so name ``"en"`` (or
        another of the eight) beside them to keep the phrase rules.
    extra_patterns:
        Regular expressions (Rust ``regex`` syntax, matched case-insensitively
        anywhere in a line); a line where one matches is dropped (reason
        ``user-rule``). Matching is linear-time: no backtracking constructs.
    extra_phrases:
        Phrases added to the boilerplate vocabulary (reason ``user-rule``):
        a line made up mostly of such phrases is dropped, a sentence that
        merely contains one stays.
    disable:
        Rule families to turn off, by name from :data:`RULES`.
        ``outside-article`` means ``regime="article"``.
    regime:
        One of :data:`REGIMES`. ``article``: the text is content with
        residue (a scraped article, a feed item) and loses only its residue.
        ``page``: the text is a whole page's (menus and all): its main
        content is found and the rest goes. ``auto`` (the default): the
        cleaner tells from the text; :meth:`~unboil.Cleaner.explain` says
        which it chose.
    include_title:
        HTML only: put the page's headline before the article body.
    include_comments:
        HTML only: append the page's comment section after the body.
    favor:
        HTML only, one of :data:`FAVOR`. ``precision`` also runs the text
        cleaner's whole-page article selection over the extracted text;
        ``recall`` lets neighbouring sections join the article more easily
        and keeps link-heavy blocks inside it.
    type_profiles:
        HTML only: choose a page's content as the type it is judged to be
        (:attr:`Document.page_type`) asks: a product, service,
        documentation or collection page is its whole body less what its
        markup marks as boilerplate, a listing is chosen as with
        ``favor="recall"``, a thread surely judged a forum keeps its posts
        marked as comments. Off: every page as an article. Applies with
        ``favor="balanced"``, no ``target`` and no ``include_comments``.
    output_format:
        HTML only, one of :data:`FORMATS`. ``markdown`` writes the article
        as GitHub-flavoured Markdown: ``#`` headings, nested lists and
        quotes, pipe tables (the first row their header), fenced code with
        its language, and inline links, emphasis and code; text that would
        read as markup is escaped. ``html`` writes it as minimal HTML:
        headings, paragraphs, lists, tables, ``pre``/``code``,
        ``blockquote``, ``a``, ``img``, ``em``/``strong`` and ``br``, no
        attribute but ``href``, ``src`` and ``alt``, no script, style or
        ``javascript:`` URL. URLs are resolved against the page's
        ``<base>``, the ``url`` given, or its canonical address. Scraped
        text has no such structure and comes out as text either way.
    include_links:
        HTML only, in ``markdown`` and ``html`` output: links as links
        (``[text](url)``); off, their text alone. Links to ``javascript:``
        and other schemes than ``http``, ``https``, ``mailto`` and ``tel``
        are their text in any case.
    include_images:
        HTML only, in ``markdown`` and ``html`` output: the content's
        images (``![alt](src)``), including a figure's standing alone.
    include_tables:
        HTML only: the content's tables (in text, a line per row, the
        cells tab-separated; in Markdown, pipe tables). Off, they are left
        out in every format.
    include_formatting:
        HTML only, in ``markdown`` and ``html`` output: emphasis, strong,
        struck text and inline code.
    prune:
        HTML only: CSS selectors (as selectolax/Lexbor reads them) whose
        elements are removed before extraction (``["div.related",
        "#comments"]``).
    target:
        HTML only: CSS selectors whose elements are the main content: no
        region is chosen, the matching elements (the outermost, in page
        order) are the article, less what lies in boilerplate markup inside
        them. A page where none matches is extracted as usual.
        With ``prune`` or ``target``, a page goes through selectolax first
        (one more parse of it, and its serialisation).
    max_input_bytes:
        The largest input cleaned, in bytes (a ``str``: its UTF-8 length);
        a larger one is an :class:`~unboil.errors.InputTooLargeError`, in a
        batch or a JSON Lines or WARC record that item's error. ``None``:
        no limit. Default 64 MiB.
    max_warc_body_bytes:
        WARC only: the largest response body read, in bytes once its HTTP
        encodings are undone; a record over it is marked with an ``error``
        and read no further than the limit (a compressed body is not
        inflated whole). ``None``: no limit. Default 64 MiB.
    time_budget:
        Seconds one input may take in the core; one over it is a
        :class:`~unboil.errors.TimeBudgetError` (in a batch or a record,
        that item's error). ``None``: no budget. Default 30: cleaning is
        linear in the input, and the default ``max_input_bytes`` takes a
        few seconds at most; the budget is the guard against the input
        that is not.
    """

    keep_title: bool = True
    languages: Optional[tuple[str, ...]] = None
    extra_patterns: tuple[str, ...] = ()
    extra_phrases: tuple[str, ...] = ()
    disable: tuple[str, ...] = ()
    regime: str = "auto"
    include_title: bool = False
    include_comments: bool = False
    favor: str = "balanced"
    output_format: str = "text"
    include_links: bool = True
    include_images: bool = False
    include_tables: bool = True
    include_formatting: bool = True
    type_profiles: bool = True
    prune: tuple[str, ...] = ()
    target: tuple[str, ...] = ()
    max_input_bytes: Optional[int] = 64 * 1024 * 1024
    max_warc_body_bytes: Optional[int] = 64 * 1024 * 1024
    time_budget: Optional[float] = 30.0

    def __post_init__(self) -> None:
        flags = ("keep_title", "include_title", "include_comments", "type_profiles")
        for flag in flags + ("include_links", "include_images", "include_tables", "include_formatting"):
            value = getattr(self, flag)
            if not isinstance(value, bool):
                raise OptionsError(f"{flag}: expected a bool, got {type(value).__name__}")
        if self.favor not in FAVOR:
            raise OptionsError(f"favor: expected one of {', '.join(FAVOR)}, got {self.favor!r}")
        if self.regime not in REGIMES:
            raise OptionsError(f"regime: expected one of {', '.join(REGIMES)}, got {self.regime!r}")
        if self.output_format not in FORMATS:
            raise OptionsError(f"output_format: expected one of {', '.join(FORMATS)}, got {self.output_format!r}")
        for limit in ("max_input_bytes", "max_warc_body_bytes"):
            value = getattr(self, limit)
            if value is not None and (isinstance(value, bool) or not isinstance(value, int) or value < 1):
                raise OptionsError(f"{limit}: expected a whole number of bytes >= 1, or None, got {value!r}")
        budget = self.time_budget
        if budget is not None and (
            isinstance(budget, bool) or not isinstance(budget, (int, float)) or not 0 < budget < float("inf")
        ):
            raise OptionsError(f"time_budget: expected seconds > 0, or None, got {budget!r}")
        set_ = object.__setattr__
        if budget is not None:
            set_(self, "time_budget", float(budget))
        if self.languages is not None:
            languages = _strings("languages", self.languages)
            if not languages:
                raise OptionsError("languages: give at least one language, or None for all")
            unknown = [lang for lang in languages if lang not in LANGUAGES]
            if unknown:
                raise OptionsError(f"languages: unknown {unknown}; built-in: {', '.join(LANGUAGES)}")
            set_(self, "languages", languages)
        set_(self, "extra_patterns", _strings("extra_patterns", self.extra_patterns))
        set_(self, "extra_phrases", _strings("extra_phrases", self.extra_phrases))
        for name in ("prune", "target"):
            set_(self, name, _selectors(name, getattr(self, name)))
        disable = _strings("disable", self.disable)
        unknown = [rule for rule in disable if rule not in RULES]
        if unknown:
            raise OptionsError(f"disable: unknown rules {unknown}; known: {', '.join(RULES)}")
        set_(self, "disable", tuple(sorted(set(disable))))

    @classmethod
    def from_kwargs(cls, kwargs: dict[str, Any]) -> Options:
        """Builds options from keyword arguments, rejecting unknown names.
        ``options=`` (an :class:`Options`) is the starting point the other
        keywords change."""
        kwargs = dict(kwargs)
        base = kwargs.pop("options", None)
        if base is None:
            return cls(**kwargs)
        if not isinstance(base, Options):
            raise OptionsError(f"options: expected an Options, got {type(base).__name__}")
        return dataclasses.replace(base, **kwargs) if kwargs else base


_FIELDS = tuple(field.name for field in dataclasses.fields(Options))
_FIELD_SET = frozenset(_FIELDS)
_dataclass_init = Options.__init__


@functools.wraps(_dataclass_init)
def _checked_init(self: Options, *args: Any, **kwargs: Any) -> None:
    """The dataclass's ``__init__``, with an unknown or doubled option name
    (or too many positional values) an :class:`UnknownOptionError` that
    names the known ones."""
    unknown = sorted(kwargs.keys() - _FIELD_SET)
    if unknown or len(args) > len(_FIELDS) or (args and not kwargs.keys().isdisjoint(_FIELDS[: len(args)])):
        what = f"unknown option(s) {unknown}" if unknown else "options given twice or too many positional values"
        raise UnknownOptionError(f"{what}; known: {', '.join(sorted(_FIELDS))}")
    _dataclass_init(self, *args, **kwargs)


Options.__init__ = _checked_init  # type: ignore[method-assign]
