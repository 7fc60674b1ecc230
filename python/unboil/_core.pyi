"""Type stubs of the native module (Rust, PyO3)."""

from typing import Optional

__version__: str
LANGUAGES: list[str]
RULES: list[str]

class NativeCleaner:
    def __init__(
        self,
        *,
        keep_title: bool,
        languages: Optional[list[str]],
        extra_patterns: list[str],
        extra_phrases: list[str],
        disable: list[str],
        include_title: bool,
        include_comments: bool,
        favor: str,
        output_format: str,
    ) -> None: ...
    def clean_text(self, text: str | bytes) -> str: ...
    def explain(self, text: str | bytes) -> list[tuple[int, str, Optional[str], str]]: ...
    def extract_html(
        self, page: str | bytes, url: Optional[str] = None
    ) -> tuple[
        str, Optional[str], Optional[str], Optional[str], Optional[str], Optional[str], Optional[str]
    ]: ...

def is_binary(data: bytes) -> bool: ...
def prepare_html(page: str | bytes, encoding: Optional[str] = None) -> Optional[bytes]: ...

def _debug_panic(message: str) -> None: ...
