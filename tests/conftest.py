import os
import sys
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def repo_root() -> Path:
    return ROOT


@pytest.fixture
def python_exe() -> str:
    return sys.executable


# Packages whose lazy modules raise ImportError on attribute access (speechbrain's LazyModule needs optional
# packages such as sentencepiece). Hypothesis scans sys.modules between examples, so once a test imports them
# every later property test fails. They are dropped from sys.modules after the test module that imported them.
_LAZY_PACKAGES = ("speechbrain",)


@pytest.fixture(autouse=True, scope="module")
def _forget_lazy_import_packages():
    before = set(sys.modules)
    yield
    for name in set(sys.modules) - before:
        if name.split(".")[0] in _LAZY_PACKAGES:
            del sys.modules[name]
