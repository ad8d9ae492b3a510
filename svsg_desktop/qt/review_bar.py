"""Above the line list: which lines to show (all, unchecked, checked, without a name, low confidence), in which
order (time, least confident first), and what ✔ and italics mean. In the status bar: a "saved" indicator."""

from __future__ import annotations

import time

from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QWidget

from .i18n import tr
from .line_model import SHOW_STATES


def show_labels() -> dict[str, str]:
    return {"all": tr("All lines"), "unchecked": tr("Not checked yet"), "checked": tr("Checked (✔)"),
            "unnamed": tr("Without a speaker name"), "low": tr("Low confidence")}


class ReviewBar(QWidget):
    """Drives a :class:`~svsg_desktop.qt.line_model.LineListModel`'s ``set_view``."""

    def __init__(self, model, parent=None) -> None:
        super().__init__(parent)
        self.model = model
        self.show = QComboBox()
        labels = show_labels()
        for key in SHOW_STATES:
            self.show.addItem(labels[key], key)
        self.show.setToolTip(tr("Which lines the list shows"))
        self.order = QComboBox()
        self.order.addItem(tr("In time order"), False)
        self.order.addItem(tr("Least confident first"), True)
        self.legend = QLabel(tr("✔ = checked by you (placed or confirmed); italics in a group: checked"))
        self.legend.setStyleSheet("color: palette(mid);")
        box = QHBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(self.show)
        box.addWidget(self.order)
        box.addWidget(self.legend, 1)
        self.show.currentIndexChanged.connect(self._apply)
        self.order.currentIndexChanged.connect(self._apply)

    def set_show(self, key: str) -> None:
        self.show.setCurrentIndex(SHOW_STATES.index(key))

    def _apply(self) -> None:
        self.model.set_view(self.show.currentData(), bool(self.order.currentData()))


class SaveIndicator(QLabel):
    """"Saved 12:04:31" once the project file matches the last edit; "Saving…" in between; red when a write
    failed (the next edit tries again)."""

    def __init__(self, controller, parent=None) -> None:
        super().__init__(parent)
        self.state = "idle"
        controller.changed.connect(lambda *_: self._set("saving"))
        controller.saved.connect(lambda *_: self._set("saved"))
        controller.saveFailed.connect(lambda *_: self._set("failed"))
        controller.projectReset.connect(lambda: self._set("idle" if controller.path is None else "saved"))

    def _set(self, state: str) -> None:
        self.state = state
        if state == "saving":
            self.setText(tr("Saving…"))
            self.setStyleSheet("")
        elif state == "saved":
            self.setText(tr("✔ Saved %1").replace("%1", time.strftime("%H:%M:%S")))
            self.setStyleSheet("color: #27ae60;")
        elif state == "failed":
            self.setText(tr("Not saved!"))
            self.setStyleSheet("color: #e74c3c; font-weight: bold;")
        else:
            self.setText("")
