"""unboil as a datatrove extractor, in place of Trafilatura in a
FineWeb-style pipeline::

    from unboil.integrations.datatrove import Unboil

    pipeline = [WarcReader(...), Unboil(favor="precision"), ..., JsonlWriter(...)]

Each document's ``text`` (its HTML, as the readers leave it) becomes the
article text; documents that come out empty are dropped, as datatrove's
extractors do. The step pickles to its workers as its options alone, and
builds its cleaner once per process.
"""

from __future__ import annotations

from typing import Any

from . import missing

try:
    from datatrove.pipeline.extractors.base import BaseExtractor
except ImportError as error:
    raise missing("datatrove", error) from error

from .._cleaner import Cleaner, cleaner_for
from ..options import Options

__all__ = ["Unboil"]


class Unboil(BaseExtractor):
    """Extracts the article text of each document's HTML with unboil.

    ``timeout`` is datatrove's, per document, in seconds; ``options`` are
    those of :class:`unboil.Options`, checked here."""

    name = "🧹 unboil"
    _requires_dependencies = ["unboil"]

    def __init__(self, timeout: float = 1, **options: Any) -> None:
        super().__init__(timeout)
        self.options = Options.from_kwargs(options)

    @property
    def cleaner(self) -> Cleaner:
        return cleaner_for(self.options)

    def extract(self, text: str) -> str:
        """The article text of the page ``text`` (``""`` warms up cheaply)."""
        return self.cleaner.clean_html(text) if text else ""
