"""Time stamps in the forms the readers meet, parsed exactly into integer milliseconds.

Accepted: ``H:MM:SS.mmm`` / ``HH:MM:SS,mmm`` / ``MM:SS.mmm`` (any number of fraction digits, read as a decimal
fraction and rounded to the nearest millisecond: ``0:03:21.08`` is 201 080 ms), and plain seconds ``12.5``.
Negative or malformed values raise :class:`ValueError` with a short reason (callers turn it into an InputError
naming file and line).
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from ..lines import format_ms

_CLOCK = re.compile(r"^(?:(\d{1,6}):)?(\d{1,2}):(\d{1,2})(?:[.,](\d{1,9}))?$")
_SECONDS = re.compile(r"^\d{1,9}(?:\.\d{1,9})?$")


def parse_time(text: str) -> int:
    """Parse one time stamp into milliseconds (see module docstring)."""
    s = (text or "").strip()
    if not s:
        raise ValueError("empty time")
    if s.startswith("-"):
        raise ValueError(f"negative time {s!r}")
    m = _CLOCK.match(s)
    if m:
        h, mi, se, frac = m.groups()
        if int(mi) >= 60 or int(se) >= 60:
            raise ValueError(f"minutes/seconds out of range in {s!r}")
        ms = (int(h or 0) * 3600 + int(mi) * 60 + int(se)) * 1000
        if frac and len(frac) <= 3:
            ms += int(frac.ljust(3, "0"))          # exact, the usual case
        elif frac:
            ms += int((Decimal("0." + frac) * 1000).quantize(Decimal(1), rounding=ROUND_HALF_UP))
        return ms
    if _SECONDS.match(s):
        try:
            return int((Decimal(s) * 1000).quantize(Decimal(1), rounding=ROUND_HALF_UP))
        except InvalidOperation:  # pragma: no cover - the regex already guarantees a number
            raise ValueError(f"not a time: {s!r}") from None
    raise ValueError(f"not a time: {s!r} (expected H:MM:SS.mmm or seconds)")


def format_time(ms: int) -> str:
    """Exact, readable form used in every CSV we write: ``H:MM:SS.mmm``."""
    if ms < 0:
        raise ValueError("negative time")
    return format_ms(ms)


def format_seconds(ms: int) -> str:
    """Seconds with millisecond precision (RTTM): ``12.345``."""
    return f"{ms // 1000}.{ms % 1000:03d}"
