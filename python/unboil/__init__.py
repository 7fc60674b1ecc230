"""unboil: strip boilerplate from web pages and scraped text.

>>> import unboil
>>> unboil.clean("Share on Facebook\\nThe vote passed on Tuesday after a long debate.")
'The vote passed on Tuesday after a long debate.'
"""

from __future__ import annotations

from typing import Any, Union

from ._core import __version__
from ._cleaner import Cleaner, LineDecision, cleaner_for
from .errors import InputTypeError, InternalError, OptionsError, UnboilError
from .options import LANGUAGES, RULES, Options

__all__ = [
    "__version__",
    "clean",
    "clean_text",
    "Cleaner",
    "LineDecision",
    "Options",
    "LANGUAGES",
    "RULES",
    "UnboilError",
    "OptionsError",
    "InputTypeError",
    "InternalError",
]


def clean(content: Union[str, bytes], **options: Any) -> str:
    """The main text of ``content``.

    Scraped text comes back minus its boilerplate, kept lines verbatim and
    paragraph breaks as they were. HTML (detected by its opening) is reduced
    to its visible text first (provisional until the HTML extractor lands).
    ``bytes`` are read as UTF-8 (a BOM is dropped, bad bytes become U+FFFD).
    Options: see :class:`Options`.
    """
    return cleaner_for(Options.from_kwargs(options)).clean(content)


def clean_text(content: Union[str, bytes], **options: Any) -> str:
    """``content`` read as plain text, minus its boilerplate."""
    return cleaner_for(Options.from_kwargs(options)).clean_text(content)
