"""User settings (QSettings) and the settings dialog: device, thresholds, language, playback habits."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import (QCheckBox, QComboBox, QDialog, QDialogButtonBox, QDoubleSpinBox, QFormLayout,
                               QLabel, QVBoxLayout)

from .i18n import LANGUAGES, tr

DEVICES = ("auto", "cuda", "cpu")
MAX_RECENT = 10


class AppSettings:
    """Typed access to the app's QSettings (tests redirect QSettings to a temp folder)."""

    def __init__(self, qsettings: QSettings | None = None) -> None:
        self.q = qsettings or QSettings()

    def _get(self, key: str, default, kind):
        value = self.q.value(key, default)
        try:
            if kind is bool:
                return value if isinstance(value, bool) else str(value).lower() in ("1", "true", "yes")
            return kind(value)
        except (TypeError, ValueError):
            return default

    # -- engine -------------------------------------------------------------------------------------------------
    @property
    def device(self) -> str:
        d = self._get("engine/device", "auto", str)
        return d if d in DEVICES else "auto"

    @device.setter
    def device(self, value: str) -> None:
        if value not in DEVICES:
            raise ValueError(f"device must be one of {DEVICES}, not {value!r}")
        self.q.setValue("engine/device", value)

    @property
    def confidence_threshold(self) -> float:
        return min(1.0, max(0.0, self._get("engine/confidence_threshold", 0.5, float)))

    @confidence_threshold.setter
    def confidence_threshold(self, value: float) -> None:
        self.q.setValue("engine/confidence_threshold", float(value))

    @property
    def review_below(self) -> float:
        """Lines below this confidence are shown in red and come first in the review queue."""
        return min(1.0, max(0.0, self._get("review/below", 0.5, float)))

    @review_below.setter
    def review_below(self, value: float) -> None:
        self.q.setValue("review/below", float(value))

    # -- UI -----------------------------------------------------------------------------------------------------
    @property
    def autoplay(self) -> bool:
        return self._get("ui/autoplay", False, bool)

    @autoplay.setter
    def autoplay(self, value: bool) -> None:
        self.q.setValue("ui/autoplay", bool(value))

    @property
    def language(self) -> str:
        lang = self._get("ui/language", "", str)
        return lang if lang in LANGUAGES else ""

    @language.setter
    def language(self, value: str) -> None:
        self.q.setValue("ui/language", value if value in LANGUAGES else "")

    # -- recent files -------------------------------------------------------------------------------------------
    def recent_files(self) -> list[str]:
        value = self.q.value("recent/files", [])
        if isinstance(value, str):
            value = [value]
        return [str(v) for v in (value or []) if v]

    def add_recent(self, path: str | Path) -> list[str]:
        p = str(Path(path).resolve())
        files = [p] + [f for f in self.recent_files() if f != p]
        files = files[:MAX_RECENT]
        self.q.setValue("recent/files", files)
        return files

    def clear_recent(self) -> None:
        self.q.setValue("recent/files", [])

    def sync(self) -> None:
        self.q.sync()


class SettingsDialog(QDialog):
    def __init__(self, settings: AppSettings, parent=None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.setWindowTitle(tr("Settings"))
        form = QFormLayout()
        self.device = QComboBox()
        for code, label in (("auto", tr("Automatic (GPU when available)")), ("cuda", tr("GPU (CUDA)")),
                            ("cpu", tr("CPU"))):
            self.device.addItem(label, code)
        self.device.setCurrentIndex(DEVICES.index(settings.device))
        form.addRow(tr("Device:"), self.device)
        self.threshold = QDoubleSpinBox()
        self.threshold.setRange(0.0, 1.0)
        self.threshold.setSingleStep(0.05)
        self.threshold.setValue(settings.confidence_threshold)
        self.threshold.setToolTip(tr("Lines below this confidence may join a group but never merge two groups."))
        form.addRow(tr("Confidence threshold:"), self.threshold)
        self.review = QDoubleSpinBox()
        self.review.setRange(0.0, 1.0)
        self.review.setSingleStep(0.05)
        self.review.setValue(settings.review_below)
        form.addRow(tr("Review lines below:"), self.review)
        self.autoplay = QCheckBox(tr("Play each line when moving with Up/Down"))
        self.autoplay.setChecked(settings.autoplay)
        form.addRow("", self.autoplay)
        self.language = QComboBox()
        self.language.addItem(tr("System language"), "")
        for code, label in LANGUAGES.items():
            self.language.addItem(label, code)
        self.language.setCurrentIndex(max(0, self.language.findData(settings.language)))
        form.addRow(tr("Language:"), self.language)
        note = QLabel(tr("A new language applies after a restart."))
        note.setEnabled(False)
        form.addRow("", note)
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        box = QVBoxLayout(self)
        box.addLayout(form)
        box.addWidget(buttons)

    def accept(self) -> None:
        s = self.settings
        s.device = self.device.currentData()
        s.confidence_threshold = self.threshold.value()
        s.review_below = self.review.value()
        s.autoplay = self.autoplay.isChecked()
        s.language = self.language.currentData()
        s.sync()
        super().accept()
