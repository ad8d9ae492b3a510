"""Every folder svsg reads or writes, in one place. Each has an ``SVSG_*`` environment override; shipped files
(models, heads, demo, translations) are found next to a frozen app (PyInstaller's ``sys._MEIPASS``) or in the
source tree; user folders follow the platform's conventions without Qt (``QStandardPaths``'s
``AppLocalDataLocation`` for organisation ``svsg`` and application ``svsg-desktop``, so existing app data stays
where it was).

=========================  ====================  ===================================================
folder                     override              default
=========================  ====================  ===================================================
:func:`models_dir`         ``SVSG_MODELS_DIR``   ``<bundle>/models``
:func:`heads_dir`          ``SVSG_HEADS_DIR``    :func:`models_dir` ``/heads``
:func:`demo_dir`           ``SVSG_DEMO_DIR``     ``<bundle>/resources/demo``
:func:`translations_dir`   ``SVSG_TRANSLATIONS`` ``<bundle>/resources/translations``
:func:`cache_dir`          ``SVSG_CACHE_DIR``    user cache ``/svsg/features`` (feature cache)
:func:`data_dir`           ``SVSG_DATA_DIR``     user app-data folder ``/svsg/svsg-desktop``
:func:`log_dir`            ``SVSG_LOG_DIR``      :func:`data_dir` ``/logs``
=========================  ====================  ===================================================
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

ORGANIZATION = "svsg"
APPLICATION = "svsg-desktop"
_SOURCE_ROOT = Path(__file__).resolve().parent.parent.parent   # svsg_desktop/core/paths.py → the checkout


def _env(name: str) -> Path | None:
    value = os.environ.get(name)
    return Path(value) if value else None


def bundle_root() -> Path:
    """Where the shipped files live: the frozen app's folder (``sys._MEIPASS``) or the source checkout."""
    frozen = getattr(sys, "_MEIPASS", None)
    if getattr(sys, "frozen", False) or frozen:
        return Path(frozen) if frozen else Path(sys.executable).resolve().parent
    return _SOURCE_ROOT


def resources_dir() -> Path:
    return bundle_root() / "resources"


def models_dir() -> Path:
    """The model manifest and the encoder ONNX files."""
    return _env("SVSG_MODELS_DIR") or bundle_root() / "models"


def heads_dir() -> Path:
    """The trained grouping heads (``heads.json`` + ONNX); inside :func:`models_dir`, so ``SVSG_MODELS_DIR``
    moves them too."""
    return _env("SVSG_HEADS_DIR") or models_dir() / "heads"


def demo_dir() -> Path:
    return _env("SVSG_DEMO_DIR") or resources_dir() / "demo"


def translations_dir() -> Path:
    return _env("SVSG_TRANSLATIONS") or resources_dir() / "translations"


def cache_dir() -> Path:
    """The one feature cache every command and the app use by default (``$XDG_CACHE_HOME``, ``%LOCALAPPDATA%``
    or ``~/.cache``, then ``svsg/features``)."""
    base = os.environ.get("XDG_CACHE_HOME") or os.environ.get("LOCALAPPDATA") or str(Path.home() / ".cache")
    return _env("SVSG_CACHE_DIR") or Path(base) / "svsg" / "features"


def _user_data_base() -> Path:
    if sys.platform == "win32":
        return Path(os.environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local")
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Application Support"
    return Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")


def data_dir() -> Path:
    """The app's own writable folder: projects of read-only videos, the demo copy."""
    return _env("SVSG_DATA_DIR") or _user_data_base() / ORGANIZATION / APPLICATION


def log_dir() -> Path:
    return _env("SVSG_LOG_DIR") or data_dir() / "logs"
