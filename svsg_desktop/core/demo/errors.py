"""Errors of the demo generator."""

from __future__ import annotations

from ..errors import SvsgError


class DemoSettingsError(SvsgError, ValueError):
    """Settings that cannot make an episode (too many lines for the length, odd frame size, …)."""

    code = "demo_settings_error"


class SynthesisError(SvsgError):
    """espeak-ng is missing or failed on a line."""

    code = "demo_synthesis_error"
