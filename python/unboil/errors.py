"""The exceptions unboil raises.

Every one is an :class:`UnboilError`, and each also inherits the standard
exception a caller would already catch for that kind of fault.
"""

from __future__ import annotations

__all__ = [
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


class UnboilError(Exception):
    """Base class of every error unboil raises."""


class OptionsError(UnboilError, ValueError):
    """An option has an unknown name or a value unboil cannot use
    (an unknown language or rule, an invalid regular expression)."""


class UnknownOptionError(OptionsError, TypeError):
    """An option name that does not exist (a ``TypeError`` too, as for any
    unknown keyword argument)."""


class UnknownEncodingError(OptionsError, LookupError):
    """An ``encoding`` label no decoder knows (a ``LookupError`` too, as
    :func:`codecs.lookup` raises)."""


class InputTypeError(UnboilError, TypeError):
    """The input is neither ``str`` nor ``bytes``."""


class InputReadError(UnboilError, OSError):
    """An input file cannot be read (missing, unreadable, broken gzip)."""


class InputTooLargeError(UnboilError, ValueError):
    """The input is over the ``max_input_bytes`` option."""


class TimeBudgetError(UnboilError, TimeoutError):
    """Cleaning the input took longer than the ``time_budget`` option allows."""


class InternalError(UnboilError, RuntimeError):
    """A bug inside unboil's native core (a Rust panic), caught and reported.

    The call that raised it had no effect; the process and other calls are
    unaffected."""
