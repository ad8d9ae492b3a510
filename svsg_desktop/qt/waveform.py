"""The audio strip: the current line's audio with a few seconds on each side, every cue in that window drawn as a
band with its bounds (the current line highlighted), a play head, and an optional spectrogram. The numbers come
from the GUI-free :mod:`~svsg_desktop.core.media.waveform`; this widget only paints. Click = play from there;
double-click on a cue = go to that line."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QLineF, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QImage, QPainter, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from ..core.lines import format_ms
from ..core.listening import StripView
from ..core.media.audio import AudioTrack
from ..core.media.waveform import peaks, spectrogram
from .compat import emit
from .i18n import tr

BACKGROUND = QColor("#1e2023")
WAVE = QColor("#7fb0d8")
CUE = QColor(255, 255, 255, 28)
CUE_EDGE = QColor("#9aa0a6")
CURRENT = QColor(255, 196, 64, 70)
CURRENT_EDGE = QColor("#ffc440")
PLAYHEAD = QColor("#ff5a5a")
TEXT = QColor("#c8c8c8")
LABEL_BACKDROP = QColor(0, 0, 0, 150)
SPECTROGRAM_COLUMNS = 480      # FFT frames per window (~17 ms apart for 8 s), stretched to the strip's width


def _heat(level: np.ndarray) -> np.ndarray:
    """[0, 1] → RGB32 pixels (dark blue → magenta → yellow), for the spectrogram image."""
    r = np.clip(1.6 * level, 0, 1)
    g = np.clip(2.0 * level - 1.0, 0, 1)
    b = np.clip(0.35 + 0.9 * level - 1.4 * np.clip(level - 0.55, 0, 1), 0, 1)
    rgb = (np.stack([r, g, b], axis=-1) * 255).astype(np.uint32)
    return (0xFF << 24) | (rgb[..., 0] << 16) | (rgb[..., 1] << 8) | rgb[..., 2]


class WaveformStrip(QWidget):
    """``playRequested(ms)`` on a click; ``lineRequested(line id)`` on a double-click inside a cue."""

    playRequested = Signal(int)
    lineRequested = Signal(str)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.track: AudioTrack | None = None
        self.view: StripView | None = None
        self.note = tr("No audio yet")
        self.spectrogram = False
        self.playhead: int | None = None
        self._lines: dict[str, str] = {}
        self._cache: tuple | None = None       # (key, drawn data) for the last size/window/mode
        self.setMinimumHeight(70)
        self.setSizePolicy(QSizePolicy.Expanding, QSizePolicy.Preferred)
        self.setMouseTracking(True)
        self.setToolTip(tr("Click: play from there (audio only). Double-click a line: go to it."))

    def sizeHint(self) -> QSize:
        return QSize(600, 96)

    # -- state --------------------------------------------------------------------------------------------------
    def set_track(self, track: AudioTrack | None, note: str = "") -> None:
        self.track, self.note, self._cache = track, note, None
        self.update()

    def set_view(self, view: StripView | None, texts: dict[str, str] | None = None) -> None:
        """The window and cues to draw; ``texts``: line id → the words shown at the foot of its cue."""
        self.view, self._lines = view, texts or {}
        self.update()

    def set_spectrogram(self, on: bool) -> None:
        self.spectrogram = bool(on)
        self.update()

    def set_playhead(self, ms: int | None) -> None:
        self.playhead = ms
        self.update()

    # -- geometry -----------------------------------------------------------------------------------------------
    def x_of(self, ms: float) -> float:
        v = self.view
        if v is None or v.end <= v.start:
            return 0.0
        return (ms - v.start) * self.width() / (v.end - v.start)

    def ms_at(self, x: float) -> int:
        v = self.view
        if v is None or self.width() <= 0:
            return 0
        return int(round(v.start + x * (v.end - v.start) / self.width()))

    # -- painting -----------------------------------------------------------------------------------------------
    def _data(self):
        v, w, h = self.view, max(1, self.width()), max(1, self.height())
        key = (v.start, v.end, w, h, self.spectrogram, id(self.track))
        if self._cache is None or self._cache[0] != key:
            t = self.track
            if self.spectrogram:
                cols = min(w, SPECTROGRAM_COLUMNS)
                level = spectrogram(t.samples, t.sample_rate, v.start, v.end, cols, rows=64)[::-1]
                pixels = np.ascontiguousarray(_heat(level))
                img = QImage(pixels.data, cols, level.shape[0], cols * 4, QImage.Format_RGB32).copy()
                data = img.scaled(w, h)
            else:
                data = peaks(t.samples, t.sample_rate, v.start, v.end, w)
            self._cache = (key, data)
        return self._cache[1]

    def paintEvent(self, event) -> None:  # noqa: N802 - Qt's name
        p = QPainter(self)
        p.fillRect(self.rect(), BACKGROUND)
        if self.view is None or self.track is None or len(self.track.samples) == 0:
            p.setPen(TEXT)
            p.drawText(self.rect(), Qt.AlignCenter, self.note or tr("No audio"))
            p.end()
            return
        if self.spectrogram:                  # an opaque picture: the bands go over it
            self._paint_audio(p)
            self._paint_cue_bands(p)
        else:                                 # a thin trace: the bands go under it
            self._paint_cue_bands(p)
            self._paint_audio(p)
        self._paint_cue_bounds(p)
        if self.playhead is not None and self.view.start <= self.playhead <= self.view.end:
            p.setPen(QPen(PLAYHEAD, 2))
            x = self.x_of(self.playhead)
            p.drawLine(QPointF(x, 0), QPointF(x, self.height()))
        p.end()

    def _paint_audio(self, p: QPainter) -> None:
        data = self._data()
        if self.spectrogram:
            p.drawImage(0, 0, data)
            return
        low, high = data
        mid, half = self.height() / 2, self.height() / 2 - 2
        scale = half / max(0.05, float(np.abs(np.concatenate([low, high])).max()))   # quiet episodes stay visible
        p.setPen(QPen(WAVE, 1))
        p.drawLines([QLineF(x + 0.5, mid - high[x] * scale, x + 0.5, mid - low[x] * scale)
                     for x in np.flatnonzero(high > low).tolist()])

    def _cues(self):
        return sorted(self.view.cues, key=lambda c: c.current)         # the current one on top

    def cue_rect(self, cue) -> QRectF:
        x0, x1 = self.x_of(cue.start), self.x_of(cue.end)
        return QRectF(x0, 0, x1 - x0, self.height())

    def _paint_cue_bands(self, p: QPainter) -> None:
        for cue in self._cues():
            p.fillRect(self.cue_rect(cue), CURRENT if cue.current else CUE)

    def _paint_cue_bounds(self, p: QPainter) -> None:
        h, lines = self.height(), self._lines
        for cue in self._cues():
            r = self.cue_rect(cue)
            p.setPen(QPen(CURRENT_EDGE if cue.current else CUE_EDGE, 2 if cue.current else 1))
            p.drawLine(QPointF(r.left(), 0), QPointF(r.left(), h))
            p.drawLine(QPointF(r.right(), 0), QPointF(r.right(), h))
            text = lines.get(cue.line_id, "") if lines else ""
            left, right = max(r.left(), 0.0) + 4, min(r.right(), float(self.width())) - 4   # the visible part
            if text and right - left > 24:
                p.setPen(CURRENT_EDGE if cue.current else TEXT)
                label = p.fontMetrics().elidedText(text, Qt.ElideRight, int(right - left))
                box = QRectF(left - 2, h - 18, p.fontMetrics().horizontalAdvance(label) + 4, 17)
                p.fillRect(box, LABEL_BACKDROP)
                p.drawText(QRectF(left, h - 18, right - left, 16), Qt.AlignLeft | Qt.AlignBottom, label)
        p.setPen(TEXT)
        p.drawText(QRectF(4, 2, 200, 16), Qt.AlignLeft | Qt.AlignTop, format_ms(self.view.start))
        p.drawText(QRectF(self.width() - 204, 2, 200, 16), Qt.AlignRight | Qt.AlignTop, format_ms(self.view.end))

    # -- mouse --------------------------------------------------------------------------------------------------
    def mousePressEvent(self, event) -> None:  # noqa: N802
        if event.button() == Qt.LeftButton and self.view is not None:
            emit(self.playRequested, self.ms_at(event.position().x()))
        super().mousePressEvent(event)

    def mouseDoubleClickEvent(self, event) -> None:  # noqa: N802
        cue = self.view.cue_at(self.ms_at(event.position().x())) if self.view is not None else None
        if cue is not None:
            emit(self.lineRequested, cue.line_id)
        super().mouseDoubleClickEvent(event)
