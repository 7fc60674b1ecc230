"""Type stubs of the native module (Rust, PyO3)."""

from typing import Any, Optional, Union

__version__: str
LANGUAGES: list[str]
RULES: list[str]
LINE_FEATURES: list[str]
CONTEXT_FEATURES: list[str]
REGIME_FEATURES: list[str]
BLOCK_FEATURES: list[str]

Content = Union[str, bytes, bytearray, memoryview]
# The text, the metadata fields in Document's order, the page type and the confidence.
DocumentRow = tuple[str, list[Optional[str]], str, float]

class NativeCleaner:
    def __init__(
        self,
        *,
        keep_title: bool,
        languages: Optional[list[str]],
        extra_patterns: list[str],
        extra_phrases: list[str],
        disable: list[str],
        regime: str,
        include_title: bool,
        include_comments: bool,
        favor: str,
        output_format: str,
        include_links: bool,
        include_images: bool,
        include_tables: bool,
        include_formatting: bool,
        type_profiles: bool,
        max_input_bytes: Optional[int],
        time_budget: Optional[float],
    ) -> None: ...
    def clean(self, content: Content, encoding: Optional[str] = None) -> str: ...
    def extract(
        self, page: Content, url: Optional[str] = None, encoding: Optional[str] = None, target: bool = False
    ) -> DocumentRow: ...
    def clean_html(
        self, page: Content, url: Optional[str] = None, encoding: Optional[str] = None, target: bool = False
    ) -> str: ...
    def clean_text(self, text: Content, encoding: Optional[str] = None) -> str: ...
    def explain(
        self, text: Content, encoding: Optional[str] = None
    ) -> tuple[list[tuple[int, str, Optional[str], str]], str, Optional[float]]: ...
    def explain_page(
        self, page: Content, url: Optional[str] = None, encoding: Optional[str] = None, target: bool = False
    ) -> tuple[DocumentRow, list[tuple[str, str, Optional[str], str]]]: ...
    def _model_features(
        self, text: Content, scores: Optional[list[float]] = None
    ) -> tuple[list[int], int, bytes]: ...
    def _regime_features(self, text: Content, scores: Optional[list[float]] = None) -> list[float]: ...
    def _page_features(self, page: Content, profile: Optional[str] = None) -> tuple[str, list[float], list[float]]: ...
    def _block_features(self, page: Content) -> tuple[list[str], int, bytes]: ...
    def batch(self, items: list[Any], threads: int, mode: str, targets: Optional[list[bool]] = None) -> list[Any]: ...

def sniff(content: Content) -> str: ...
def encoding_name(label: str) -> Optional[str]: ...
def declared_label(declared: str) -> Optional[str]: ...
def page_html(page: Content, encoding: Optional[str] = None) -> Optional[bytes]: ...
def _debug_tree(page: Content) -> list[tuple[int, str]]: ...
def _debug_panic(message: str) -> None: ...
