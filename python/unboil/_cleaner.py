"""The Cleaner: options compiled once into the native core."""

from __future__ import annotations

import codecs
import functools
from collections.abc import Iterable, Iterator
from typing import Any, NamedTuple, Optional, Union

from . import _core
from ._batch import Result, native_map
from ._html import Document, Selectors, document_of
from .errors import UnknownEncodingError
from .options import Options

__all__ = ["BlockDecision", "Cleaner", "Document", "Explanation", "LineDecision", "PageExplanation", "cleaner_for"]

Content = Union[str, bytes]


class LineDecision(NamedTuple):
    """What :meth:`Cleaner.explain` says of one non-blank input line."""

    line: int
    """1-based line number in the input."""
    text: str
    """The line as it was."""
    kept: Optional[str]
    """What of it is kept: the whole line, the part before a glued icon run, or None."""
    reason: str
    """``content`` for kept lines, else the rule family that dropped (or trimmed) it."""

    @property
    def decision(self) -> str:
        """``keep``, ``trim`` (a glued icon run cut off the end) or ``drop``."""
        return _decision(self.text, self.kept)


def _decision(text: str, kept: Optional[str]) -> str:
    if kept is None:
        return "drop"
    return "keep" if kept == text else "trim"


class BlockDecision(NamedTuple):
    """What :meth:`Cleaner.explain` says of one block of a page: the text
    between two block-level boundaries (a paragraph, a heading, a list
    item, a table cell)."""

    path: str
    """The block's element path, innermost last (``body > main > div.story > p``)."""
    text: str
    """The block's text as the page shows it."""
    kept: Optional[str]
    """What of it is kept: all of it, the lines the text cleaner kept, or None."""
    reason: str
    """``content`` (or ``comment``) for kept blocks; else why it went: the
    markup (``boilerplate-markup``, ``comment-section``), ``link-list``,
    ``headline``, ``outside-region`` (not in the element chosen as the
    content's), ``article-edge`` (a byline or label at the article's edge),
    or the text cleaner's rule for the lines it dropped."""

    @property
    def decision(self) -> str:
        """``keep``, ``trim`` (the text cleaner dropped some of its lines) or ``drop``."""
        return _decision(self.text, self.kept)


class Explanation(list[LineDecision]):
    """What :meth:`Cleaner.explain` says of a text: a :class:`LineDecision`
    for every non-blank line, and the regime the text was cleaned in."""

    regime: str
    """``article`` (only residue goes) or ``page`` (a whole page's text:
    what lies outside its main content goes too)."""
    page_probability: Optional[float]
    """How sure the cleaner is that the text is a whole page's (it cleans
    it as one above the model's cut-off); ``None`` when the options chose
    the regime or the text is too short to be a page's (then it is not
    asked)."""
    forced: bool
    """The options chose the regime."""

    def __init__(
        self, rows: Iterable[LineDecision], regime: str, page_probability: Optional[float], forced: bool
    ) -> None:
        super().__init__(rows)
        self.regime = regime
        self.page_probability = page_probability
        self.forced = forced

    @property
    def summary(self) -> str:
        """One line: the regime, why, and how many lines were kept."""
        kept = sum(row.kept is not None for row in self)
        if self.forced:
            why = "asked for"
        elif self.page_probability is None:
            why = "too short to be a page"
        else:
            why = f"page probability {self.page_probability:.2f}"
        return f"regime {self.regime} ({why}): {kept} of {len(self)} lines kept"


class PageExplanation(list[BlockDecision]):
    """What :meth:`Cleaner.explain` says of a page: a :class:`BlockDecision`
    for every block, in page order, and the :class:`Document` extracted."""

    document: Document

    def __init__(self, rows: Iterable[BlockDecision], document: Document) -> None:
        super().__init__(rows)
        self.document = document

    @property
    def summary(self) -> str:
        """One line: how many blocks were kept."""
        kept = sum(row.kept is not None for row in self)
        return f"page: {kept} of {len(self)} blocks kept"


class Cleaner:
    """A configured cleaner. Build once, use from any number of threads.

    >>> Cleaner(keep_title=False).clean_text("Share on Facebook\\nThe vote passed on Tuesday after a long debate.")
    'The vote passed on Tuesday after a long debate.'
    """

    __slots__ = ("_native", "_selectors", "options")

    def __init__(self, options: Optional[Options] = None, /, **kwargs: Any) -> None:
        options = Options.from_kwargs(kwargs if options is None else {**kwargs, "options": options})
        self.options: Options = options
        self._native = _core.NativeCleaner(
            keep_title=options.keep_title,
            languages=None if options.languages is None else list(options.languages),
            extra_patterns=list(options.extra_patterns),
            extra_phrases=list(options.extra_phrases),
            disable=list(options.disable),
            regime=options.regime,
            include_title=options.include_title,
            include_comments=options.include_comments,
            favor=options.favor,
            output_format=options.output_format,
            include_links=options.include_links,
            include_images=options.include_images,
            include_tables=options.include_tables,
            include_formatting=options.include_formatting,
            type_profiles=options.type_profiles,
            max_input_bytes=options.max_input_bytes,
            time_budget=options.time_budget,
        )
        self._selectors = Selectors(options.prune, options.target) if options.prune or options.target else None

    def clean(self, content: Content, *, encoding: Optional[str] = None) -> str:
        """The main text of ``content``: for HTML (detected by its opening),
        the article of the page; for scraped text, the text minus its
        boilerplate; for bytes that are no text at all (a PDF, an image: a
        NUL or many control bytes in the first kilobyte), ``""``.
        ``encoding`` is what the bytes were declared to be (an HTTP
        charset: see :meth:`extract`; text's bytes are read by their BOM,
        else as UTF-8 when valid, else by it); a label no decoder knows is
        an :class:`UnknownEncodingError`. One call into the core, which
        reads the input once (twice with ``prune`` or ``target``: selectolax
        runs the selectors first)."""
        encoding = encoding_label(encoding)
        if self._selectors is not None and _core.sniff(content) == "html":
            return self._clean_html(content, None, encoding)
        return self._native.clean(content, encoding)

    def clean_html(self, content: Content, url: Optional[str] = None, *, encoding: Optional[str] = None) -> str:
        """The article text of the HTML page ``content`` (see :meth:`extract`;
        the metadata is not worked out)."""
        return self._clean_html(content, url, encoding_label(encoding))

    def _clean_html(self, content: Content, url: Optional[str], declared: Optional[str]) -> str:
        """:meth:`clean_html` of bytes declared ``declared`` (a label, checked)."""
        if self._selectors is not None:
            page, target = self._selectors.prepare(content, declared)
            return self._native.clean_html(page, url, None, target)
        return self._native.clean_html(content, url, declared)

    def extract(self, content: Content, url: Optional[str] = None, *, encoding: Optional[str] = None) -> Document:
        """The article of the HTML page ``content`` and its metadata.

        ``bytes`` are decoded by their byte-order mark, else as UTF-8 when
        they are valid UTF-8, else by ``encoding`` (a label or a
        ``Content-Type`` value), else by the page's ``<meta>`` charset, else
        as windows-1252. The page is parsed as a browser parses it (HTML5
        error recovery, scripting on: ``<noscript>`` holds text). ``url`` is
        reported when the page names no canonical address.
        """
        return self._extract(content, url, encoding_label(encoding))

    def _extract(self, content: Content, url: Optional[str], declared: Optional[str]) -> Document:
        """:meth:`extract` with ``declared`` as a server declared it (a WARC
        record's charset): a label no decoder knows is ignored, not refused."""
        if self._selectors is not None:
            page, target = self._selectors.prepare(content, declared)
            return document_of(self._native.extract(page, url, None, target))
        return document_of(self._native.extract(content, url, declared))

    def clean_text(self, content: Content, *, encoding: Optional[str] = None) -> str:
        """``content`` as plain text minus its boilerplate, lines verbatim
        (``bytes``: read as :meth:`clean` reads text's)."""
        return self._native.clean_text(content, encoding_label(encoding))

    def explain(
        self, content: Content, url: Optional[str] = None, *, encoding: Optional[str] = None
    ) -> Union[Explanation, PageExplanation]:
        """What :meth:`clean` decides, and why. For HTML (told as :meth:`clean`
        tells it), a :class:`PageExplanation`: every block of the page with
        its decision, the reason and its element path, and the
        :class:`Document`. For text, an :class:`Explanation`: the decision
        and its reason for every non-blank line, and the regime it was
        cleaned in (``.regime``, ``.summary``); ``bytes`` are read as
        :meth:`clean_text` reads them."""
        if _core.sniff(content) == "html":
            return self.explain_page(content, url, encoding=encoding)
        return self.explain_text(content, encoding=encoding)

    def explain_text(self, content: Content, *, encoding: Optional[str] = None) -> Explanation:
        """:meth:`explain` of ``content`` read as text (see :meth:`clean_text`)."""
        rows, regime, page_probability = self._native.explain(content, encoding_label(encoding))
        decisions = (LineDecision(*row) for row in rows)
        return Explanation(decisions, regime, page_probability, forced=self.options.regime != "auto")

    def explain_page(self, content: Content, url: Optional[str] = None, *, encoding: Optional[str] = None) -> PageExplanation:
        """:meth:`explain` of ``content`` read as the HTML page it is (see
        :meth:`extract`)."""
        declared = encoding_label(encoding)
        if self._selectors is not None:
            page, target = self._selectors.prepare(content, declared)
            document, rows = self._native.explain_page(page, url, None, target)
        else:
            document, rows = self._native.explain_page(content, url, declared)
        return PageExplanation((BlockDecision(*row) for row in rows), document_of(document))

    def clean_many(self, items: Iterable[object], *, threads: Optional[int] = None) -> Iterator[Result]:
        """Cleans every item, in the core's threads, yielding results in input order.

        An item is a ``str`` or ``bytes`` (cleaned as :meth:`clean` does) or a
        ``(page, url)`` pair (cleaned as :meth:`clean_html`). Items are read
        as results are taken, a few per thread ahead, so an endless iterable
        works; a list is cleaned in one call. An item that fails yields its
        error (an :class:`UnboilError`, e.g. :class:`InputTypeError` for an
        int) in place of its text; the batch goes on. ``threads``: default
        all cores.
        """
        return self.map(items, threads, "auto")

    def clean_batch(self, items: Iterable[object], *, threads: Optional[int] = None) -> list[Result]:
        """:meth:`clean_many` collected into a list."""
        return list(self.clean_many(items, threads=threads))

    def map(self, items: Iterable[Any], threads: Optional[int], mode: str) -> Iterator[Any]:
        """Items cleaned in the core's threads, in input order (see
        :func:`unboil._batch.native_map`): ``mode`` is ``auto``, ``html``,
        ``text`` or ``document`` (document rows); an item may also be a
        ``(page, url, encoding)`` triple."""
        prepare = self._prepare_item if self._selectors is not None else None
        return native_map(self._native, items, threads, mode, prepare)

    def _prepare_item(self, item: Any, mode: str) -> tuple[Any, bool]:
        """A batch item for the core, with ``prune`` and ``target`` applied
        when it is a page (see :meth:`Selectors.prepare`), and whether its
        body is the targets' content. ``None`` without selectors."""
        assert self._selectors is not None
        content, url, encoding = (tuple(item) + (None, None))[:3] if isinstance(item, tuple) else (item, None, None)
        if not isinstance(content, (str, bytes, bytearray, memoryview)) or mode == "text":
            return item, False  # the core says what is wrong with it, or reads it as text
        if mode == "auto" and url is None and _core.sniff(content) != "html":
            return item, False
        page, target = self._selectors.prepare(bytes(content) if not isinstance(content, (str, bytes)) else content, encoding)
        return (page if not isinstance(item, tuple) else (page, url)), target

    def __reduce__(self) -> tuple[Any, ...]:
        return (Cleaner, (self.options,))

    def __repr__(self) -> str:
        return f"Cleaner({self.options!r})"


def encoding_label(encoding: Optional[str]) -> Optional[str]:
    """The label the core is handed for an ``encoding`` argument: a WHATWG
    label (or a ``Content-Type`` value's charset) as it is, else the name of
    the Python codec it names (``latin-1``, ``utf_8``); a ``Content-Type``
    value without a charset declares nothing (``None``). A label that names
    no encoding the core decodes is an :class:`UnknownEncodingError`.
    Charsets a server declared go to the core as they are, which ignores
    unknown ones (batch items, WARC records). Not a str: handed on for the
    core to refuse."""
    if not isinstance(encoding, str):
        return encoding
    try:
        label = _core.declared_label(encoding)
        if label is None or _core.encoding_name(label) is not None:
            return label
        python_name = codecs.lookup(label).name
    except (UnicodeEncodeError, LookupError):
        python_name = ""
    for name in (python_name, python_name.replace("_", "-")):
        if name and _core.encoding_name(name) is not None:
            return name
    raise UnknownEncodingError(f"encoding: {encoding!r} names no encoding unboil decodes")


@functools.lru_cache(maxsize=32)
def cleaner_for(options: Options) -> Cleaner:
    """A shared cleaner for these options (compiling vocabularies takes a few ms)."""
    return Cleaner(options)



#: How an input is read: detected by how it starts, or as given.
INPUT_MODES = ("auto", "html", "text")


def clean_as(cleaner: Cleaner, content: Content, mode: str, encoding: Optional[str] = None) -> str:
    """``content`` cleaned as ``mode`` (one of :data:`INPUT_MODES`) says."""
    if mode == "text":
        return cleaner.clean_text(content, encoding=encoding)
    if mode == "html":
        return cleaner.clean_html(content, encoding=encoding)
    return cleaner.clean(content, encoding=encoding)


def explain_as(cleaner: Cleaner, content: Content, mode: str, encoding: Optional[str] = None) -> Union[Explanation, PageExplanation]:
    """``content`` explained as ``mode`` (one of :data:`INPUT_MODES`) says."""
    if mode == "text":
        return cleaner.explain_text(content, encoding=encoding)
    if mode == "html":
        return cleaner.explain_page(content, encoding=encoding)
    return cleaner.explain(content, encoding=encoding)
