"""The video area: a native surface the backend draws into (or a message saying why video is off), transport
controls, and "play this line" (seek to its start, pause at its end)."""

from __future__ import annotations

import logging
import time

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (QFrame, QHBoxLayout, QLabel, QSizePolicy, QSlider, QStackedLayout, QStyle,
                               QToolButton, QVBoxLayout, QWidget)

from ..core.lines import format_ms
from .compat import emit
from .i18n import tr
from .video import NullBackend, VideoBackend

log = logging.getLogger(__name__)


class VideoSurface(QFrame):
    """A plain native child window with a black background: VLC draws into its window id."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setAttribute(Qt.WA_DontCreateNativeAncestors, True)   # winId() makes only this one native
        self.setAutoFillBackground(True)
        pal = self.palette()
        pal.setColor(QPalette.Window, Qt.black)
        self.setPalette(pal)
        self.setMinimumSize(320, 180)
        self.setSizePolicy(QSizePolicy.Expanding, QSizePolicy.Expanding)


class VideoPanel(QWidget):
    positionChanged = Signal(int)

    def __init__(self, backend: VideoBackend | None = None, parent=None) -> None:
        super().__init__(parent)
        self.backend: VideoBackend = backend or NullBackend(tr("no video backend"))
        self.surface = VideoSurface()
        self.message = QLabel()
        self.message.setAlignment(Qt.AlignCenter)
        self.message.setWordWrap(True)
        self.message.setMinimumSize(320, 180)
        self.message.setStyleSheet("background:#202225; color:#c8c8c8; padding:12px;")
        self._stack = QStackedLayout()
        self._stack.addWidget(self.surface)
        self._stack.addWidget(self.message)
        stage = QWidget()
        stage.setLayout(self._stack)

        self.play_button = QToolButton()
        self.play_button.setIcon(self.style().standardIcon(QStyle.SP_MediaPlay))
        self.play_button.setToolTip(tr("Play / pause (Space)"))
        self.play_button.clicked.connect(self.toggle)
        self.line_button = QToolButton()
        self.line_button.setIcon(self.style().standardIcon(QStyle.SP_MediaSeekForward))
        self.line_button.setToolTip(tr("Play the current line (R, F5)"))
        self.slider = QSlider(Qt.Horizontal)
        self.slider.setRange(0, 0)
        self.slider.sliderMoved.connect(self.seek)
        self.slider.setFocusPolicy(Qt.NoFocus)
        self.time_label = QLabel(format_ms(0))
        controls = QHBoxLayout()
        controls.setContentsMargins(4, 2, 4, 2)
        for w in (self.play_button, self.line_button):
            w.setFocusPolicy(Qt.NoFocus)
            controls.addWidget(w)
        controls.addWidget(self.slider, 1)
        controls.addWidget(self.time_label)
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(0)
        box.addWidget(stage, 1)
        box.addLayout(controls)

        self._stop_at: int | None = None
        self._want_playing: bool | None = None   # what the user asked for, until the backend agrees
        self._asked_at = 0.0
        self._last_pos: tuple[int, float] | None = None   # the backend's last new position and when it came
        self.showing_pause = False               # the button shows ⏸ (playing) or ▶ (paused)
        self._loaded: str | None = None
        self._load_when_exposed = False        # load() came before the window was on screen
        self._seek_when_loaded: int | None = None
        self._attached = False
        self._timer = QTimer(self)
        self._timer.setInterval(20)
        self._timer.timeout.connect(self._tick)
        self._timer.start()
        self._show_state()

    # -- state --------------------------------------------------------------------------------------------------
    def video_status(self) -> str:
        if self.backend.available:
            return tr("Video: VLC")
        return tr("Video off: %1").replace("%1", self.backend.reason)

    def _show_state(self) -> None:
        if self.backend.available:
            self._stack.setCurrentWidget(self.surface)
        else:
            text = tr("Video is off") + "\n\n" + self.backend.reason
            if self._loaded:
                text += "\n\n" + self._loaded
            self.message.setText(text)
            self._stack.setCurrentWidget(self.message)

    def load(self, path: str) -> None:
        self._loaded = str(path)
        if self.backend.available and not self._attached:
            self.backend.attach(int(self.surface.winId()))
            self._attached = True
        self._stop_at = None
        self._show_state()
        if self.backend.available and not self._exposed():
            self._load_when_exposed = True      # libVLC draws nothing into a window not yet on screen
            return
        self._load_when_exposed = False
        self.backend.load(str(path))
        self.backend.show_first_frame()
        if self._seek_when_loaded is not None:
            self.backend.seek(self._seek_when_loaded)
            self._seek_when_loaded = None

    def loaded(self) -> str | None:
        return self._loaded

    # -- transport ----------------------------------------------------------------------------------------------
    def toggle(self) -> None:
        if self._loaded is None:
            return
        if self.playing():
            self.backend.pause()
            self._asked(False)
        else:
            self._stop_at = None
            self.backend.play()
            self._asked(True)

    def seek(self, ms: int) -> None:
        if self._load_when_exposed:
            self._seek_when_loaded = int(ms)
        elif self._loaded is not None:
            self.backend.seek(int(ms))

    def play_range(self, start_ms: int, end_ms: int) -> None:
        """Play one line: from its start, pausing at its end."""
        if self._loaded is None:
            return
        self.backend.seek(int(start_ms))
        self.backend.play()
        self._last_pos = None
        self._stop_at = int(end_ms)
        self._asked(True)

    def stop_at(self) -> int | None:
        return self._stop_at

    def playing(self) -> bool:
        """Playing as the user sees it: libVLC reports a play or pause only some time after it was asked for, so
        the request counts until the backend agrees (or half a second has passed)."""
        actual = self.backend.is_playing()
        if self._want_playing is None or actual == self._want_playing \
                or time.monotonic() - self._asked_at > 0.5:
            self._want_playing = None
            return actual
        return self._want_playing

    def _asked(self, playing: bool) -> None:
        self._want_playing, self._asked_at = playing, time.monotonic()
        self._update_icon()

    def _update_icon(self) -> None:
        pause = self.playing()
        if pause != self.showing_pause or self.play_button.icon().isNull():
            self.showing_pause = pause
            icon = QStyle.SP_MediaPause if pause else QStyle.SP_MediaPlay
            self.play_button.setIcon(self.style().standardIcon(icon))

    def _position(self) -> int:
        """The playing position, between the backend's coarse updates (libVLC's time advances in steps of up to
        a quarter second) carried on by the wall clock."""
        pos, now = self.backend.position(), time.monotonic()
        if not self.backend.is_playing():
            self._last_pos = None
            return pos
        if self._last_pos is None or pos != self._last_pos[0]:
            self._last_pos = (pos, now)
            return pos
        return pos + int(1000 * (now - self._last_pos[1]))

    def _exposed(self) -> bool:
        handle = self.window().windowHandle()
        return handle is not None and handle.isExposed() and self.surface.isVisible()

    def _tick(self) -> None:
        if self._loaded is None:
            return
        if self._load_when_exposed:
            if self._exposed():
                self.load(self._loaded)
            return
        self.backend.poll()
        pos = self._position()
        self._update_icon()
        if self._stop_at is not None and self.backend.is_playing() and pos >= self._stop_at:
            self.backend.pause()
            self._stop_at = None
            self._asked(False)
        dur = self.backend.duration()
        if dur and self.slider.maximum() != dur:
            self.slider.setRange(0, dur)
        if not self.slider.isSliderDown():
            self.slider.setValue(pos)
        self.time_label.setText(format_ms(pos))
        emit(self.positionChanged, pos)

    def shutdown(self) -> None:
        self._timer.stop()
        self.backend.release()
