"""User settings (QSettings) and the settings dialog: device, grouping method, review threshold, language, playback."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import (QCheckBox, QComboBox, QDialog, QDialogButtonBox, QDoubleSpinBox, QFormLayout,
                               QLabel, QVBoxLayout)

from ..core.workspace import AUTO, DEVICES, METHOD_CHOICES
from .i18n import LANGUAGES, tr

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
    def method(self) -> str:
        m = self._get("engine/method", AUTO, str)    # auto: the method the grouping heads were validated with
        return m if m in METHOD_CHOICES else AUTO

    @method.setter
    def method(self, value: str) -> None:
        if value not in METHOD_CHOICES:
            raise ValueError(f"method must be one of {METHOD_CHOICES}, not {value!r}")
        self.q.setValue("engine/method", value)

    @property
    def group_on_open(self) -> bool:
        """Group an episode's speakers as soon as it opens (when it has no groups yet)."""
        return self._get("engine/group_on_open", True, bool)

    @group_on_open.setter
    def group_on_open(self, value: bool) -> None:
        self.q.setValue("engine/group_on_open", bool(value))

    @property
    def review_below(self) -> float:
        """Lines below this confidence get a red badge (amber up to halfway to 1)."""
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
        self.device.setCurrentIndex(self.device.findData(settings.device))
        form.addRow(tr("Device:"), self.device)
        self.method = QComboBox()
        for code, label in ((AUTO, tr("Automatic (the method the models were validated with)")),
                            ("adaptive", tr("Adapted to each episode (speakers counted per episode)")),
                            ("mlp", tr("Learned merge model (voice, image, confidence)")),
                            ("voice+image", tr("Voice and image similarity")), ("voice", tr("Voice only"))):
            self.method.addItem(label, code)
        self.method.setCurrentIndex(self.method.findData(settings.method))
        form.addRow(tr("Grouping:"), self.method)
        self.group_on_open = QCheckBox(tr("Group an episode as soon as it opens"))
        self.group_on_open.setChecked(settings.group_on_open)
        form.addRow("", self.group_on_open)
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
        s.method = self.method.currentData()
        s.review_below = self.review.value()
        s.autoplay = self.autoplay.isChecked()
        s.group_on_open = self.group_on_open.isChecked()
        s.language = self.language.currentData()
        s.sync()
        super().accept()
