"""What a first start shows instead of empty panels: three ways in."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget

from .i18n import tr


class WelcomePane(QWidget):
    def __init__(self, window, parent=None) -> None:
        super().__init__(parent)
        title = QLabel(tr("Give every subtitle line its speaker"))
        title.setStyleSheet("font-size: 20px; font-weight: bold;")
        text = QLabel(tr("Open an episode: its lines are grouped by voice and look at once, and you name and fix "
                         "the groups. Every correction is saved as you go."))
        text.setWordWrap(True)
        text.setFixedWidth(520)
        text.setAlignment(Qt.AlignCenter)
        self.buttons = {}
        box = QVBoxLayout(self)
        box.addStretch(1)
        box.addWidget(title, 0, Qt.AlignHCenter)
        box.addWidget(text, 0, Qt.AlignHCenter)
        for key, label, slot in (("video", tr("Open a video…"), window.ask_open_video),
                                 ("folder", tr("Open a season folder…"), window.ask_open_folder),
                                 ("demo", tr("Open the demo episode"), window.open_demo)):
            b = QPushButton(label)
            b.setMinimumWidth(280)
            b.setMinimumHeight(36)
            b.clicked.connect(lambda *_, s=slot: s())
            box.addWidget(b, 0, Qt.AlignHCenter)
            self.buttons[key] = b
        box.addStretch(2)
