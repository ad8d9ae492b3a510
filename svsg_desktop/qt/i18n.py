"""UI translation: Qt ``.ts``/``.qm`` files in resources/translations (English is the source language).

Every user-visible string goes through :func:`tr` (one empty context, so ``pyside6-lupdate`` finds each call
wherever it is). Update the catalogues with ``python resources/translations/update.py``.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from ..core.paths import resources_dir, translations_dir  # noqa: F401 - re-exported for the app

log = logging.getLogger(__name__)

LANGUAGES = {"en": "English", "zh_CN": "简体中文", "ja_JP": "日本語"}
_installed: list[QTranslator] = []


def tr(text: str) -> str:
    return QCoreApplication.translate("", text)


def group_label(cluster_id: int, name: str = "") -> str:
    """What the UI shows for a group: its name, or a translated ``Speaker N``."""
    return name or tr("Speaker %1").replace("%1", str(cluster_id))


def pick_language(setting: str = "", locale: QLocale | None = None) -> str:
    """The language code to use: the setting when it names a known language, else the system locale's."""
    if setting in LANGUAGES:
        return setting
    name = (locale or QLocale.system()).name()   # e.g. zh_CN, ja_JP, en_US
    if name.startswith("zh"):
        return "zh_CN"
    if name.startswith("ja"):
        return "ja_JP"
    return "en"


def install_language(code: str) -> bool:
    """Install the translator for ``code`` (removing any previous one). English needs none."""
    app = QCoreApplication.instance()
    for t in _installed:
        app.removeTranslator(t)
    _installed.clear()
    if code == "en":
        return True
    qm = translations_dir() / f"svsg_{code}.qm"
    t = QTranslator()
    if not t.load(str(qm)):
        log.warning("no translation file %s; the UI stays in English", qm)
        return False
    app.installTranslator(t)
    _installed.append(t)
    _install_qt_own(app, code)
    log.info("UI language: %s", code)
    return True


def qt_translations_dirs() -> list[Path]:
    """Where Qt's own catalogues (``qtbase_xx.qm``: standard buttons, file dialogs) are: beside ours in a frozen
    app, else in the Qt that PySide6 ships."""
    return [translations_dir(), Path(QLibraryInfo.path(QLibraryInfo.TranslationsPath))]


def _install_qt_own(app, code: str) -> None:
    lang = code.split("_")[0]
    for name in (f"qtbase_{code}", f"qtbase_{lang}"):
        for folder in qt_translations_dirs():
            t = QTranslator()
            if (folder / f"{name}.qm").is_file() and t.load(str(folder / f"{name}.qm")):
                app.installTranslator(t)
                _installed.append(t)
                return
    log.warning("Qt's own %s translation was not found; standard buttons stay in English", code)
