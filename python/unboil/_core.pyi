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
    ) -> None: ...
    def clean_text(self, text: str | bytes) -> str: ...
    def explain(self, text: str | bytes) -> list[tuple[int, str, Optional[str], str]]: ...

def _debug_panic(message: str) -> None: ...
