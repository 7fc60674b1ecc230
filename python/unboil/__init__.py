"""unboil: strip boilerplate from web pages and scraped text.

>>> import unboil
>>> unboil.clean("Share on Facebook\\nThe vote passed on Tuesday after a long debate.")
'The vote passed on Tuesday after a long debate.'
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from typing import Any, Optional, Union

from ._core import __version__
from ._batch import Result
from ._cleaner import BlockDecision, Cleaner, Document, Explanation, LineDecision, PageExplanation, cleaner_for
from .errors import (
    InputReadError,
    InputTooLargeError,
    InputTypeError,
    InternalError,
    TimeBudgetError,
    OptionsError,
    UnboilError,
    UnknownEncodingError,
    UnknownOptionError,
)
from .options import FAVOR, FORMATS, LANGUAGES, REGIMES, RULES, Options

__all__ = [
    "__version__",
    "clean",
    "clean_text",
    "clean_html",
    "extract",
    "clean_many",
    "clean_batch",
    "iter_warc",
    "Cleaner",
    "Document",
    "Result",
    "LineDecision",
    "Explanation",
    "BlockDecision",
    "PageExplanation",
    "Options",
    "LANGUAGES",
    "RULES",
    "FAVOR",
    "FORMATS",
    "REGIMES",
    "UnboilError",
    "OptionsError",
    "UnknownOptionError",
    "UnknownEncodingError",
    "InputTypeError",
    "InputReadError",
    "InputTooLargeError",
    "TimeBudgetError",
    "InternalError",
]


def clean(content: Union[str, bytes], *, encoding: Optional[str] = None, **options: Any) -> str:
    """The main text of ``content``.

    HTML (detected by its opening) gives the article text of the page, as
    :func:`clean_html` (``encoding``: what the page's bytes were declared
    to be, e.g. the HTTP charset). Scraped text comes back minus its boilerplate, kept
    lines verbatim and paragraph breaks as they were; its ``bytes`` are read
    by their BOM, else as UTF-8 when valid, else by ``encoding``, else as
    UTF-8 with bad bytes as U+FFFD. An ``encoding`` no decoder knows is an
    :class:`UnknownEncodingError`.
    Options: see :class:`Options`.
    """
    return cleaner_for(Options.from_kwargs(options)).clean(content, encoding=encoding)


def clean_text(content: Union[str, bytes], *, encoding: Optional[str] = None, **options: Any) -> str:
    """``content`` read as plain text, minus its boilerplate (``bytes``: as :func:`clean` reads text's)."""
    return cleaner_for(Options.from_kwargs(options)).clean_text(content, encoding=encoding)


def clean_html(
    content: Union[str, bytes], url: Optional[str] = None, *, encoding: Optional[str] = None, **options: Any
) -> str:
    """The article text of an HTML page (see :func:`extract`)."""
    return cleaner_for(Options.from_kwargs(options)).clean_html(content, url, encoding=encoding)


def extract(
    content: Union[str, bytes], url: Optional[str] = None, *, encoding: Optional[str] = None, **options: Any
) -> Document:
    """The article of an HTML page and its metadata, as a :class:`Document`.

    ``bytes`` are decoded by their byte-order mark, else as UTF-8 when valid,
    else by ``encoding`` (e.g. from HTTP headers), else by the page's
    ``<meta>`` charset, else as windows-1252. Options: see :class:`Options`
    (``include_title``, ``include_comments`` and ``favor`` are for HTML).
    """
    return cleaner_for(Options.from_kwargs(options)).extract(content, url, encoding=encoding)


def clean_many(items: Iterable[object], *, threads: Optional[int] = None, **options: Any) -> Iterator[Result]:
    """Cleans every item in parallel threads, yielding results in input order
    (see :meth:`Cleaner.clean_many`): a ``str`` per item, or the
    :class:`UnboilError` that stopped it."""
    return cleaner_for(Options.from_kwargs(options)).clean_many(items, threads=threads)


def clean_batch(items: Iterable[object], *, threads: Optional[int] = None, **options: Any) -> list[Result]:
    """:func:`clean_many` collected into a list: a list in, a list out."""
    return cleaner_for(Options.from_kwargs(options)).clean_batch(items, threads=threads)


def iter_warc(path: Union[str, os.PathLike[str]], **kwargs: Any) -> Iterator[dict[str, Any]]:
    """The article of every HTML response of a WARC file (see :func:`unboil.warc.iter_warc`);
    FastWARC is imported on first use."""
    from .warc import iter_warc as iterate

    return iterate(path, **kwargs)
