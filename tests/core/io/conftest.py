"""Fixtures for the IO tests."""

from __future__ import annotations

import pytest


@pytest.fixture
def write(tmp_path):
    def _write(name: str, text: str, encoding: str = "utf-8"):
        p = tmp_path / name
        p.write_bytes(text.encode(encoding))
        return p
    return _write
