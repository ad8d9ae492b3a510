"""Group thumbnails: a frame from each group's most confident line, grabbed off the UI thread (its own job
runner, so it never cancels the pipeline). Only groups whose representative line changed are grabbed again."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QObject, QSize, Qt
from PySide6.QtGui import QImage, QPixmap

from . import flows
from .jobs import JobRunner


class ThumbnailLoader(QObject):
    def __init__(self, controller, clusters, size: QSize, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.controller, self.clusters, self.size = controller, clusters, size
        self.jobs = JobRunner(self)
        self._done: dict[int, str] = {}       # group -> line whose frame it shows
        self._asked: dict[int, str] = {}
        self._video: str | None = None

    def schedule(self) -> None:
        video = self.controller.project.video
        if not video or not Path(video).is_file():
            return
        if video != self._video:
            self._video, self._done = video, {}
        times, asked = {}, {}
        for cid in self.clusters.groups():
            lid = self.clusters.representative_line(cid) if cid >= 0 else None
            if lid is not None and self._done.get(cid) != lid:
                ln = self.controller.project.lines[lid]
                times[cid] = (ln.start + ln.end) // 2
                asked[cid] = lid
        if times:
            self._asked = asked
            self.jobs.start(flows.grab_thumbnails, video, times, name="thumbnails", on_finished=self._on_frames)

    def _on_frames(self, frames: dict) -> None:
        for cid, rgb in frames.items():
            h, w, _ = rgb.shape
            img = QImage(QByteArray(rgb.tobytes()), w, h, 3 * w, QImage.Format_RGB888).copy()
            pix = QPixmap.fromImage(img).scaled(self.size, Qt.KeepAspectRatio, Qt.SmoothTransformation)
            self.clusters.set_thumbnail(cid, pix)
            if cid in self._asked:
                self._done[cid] = self._asked[cid]

    def wait(self, timeout_ms: int = 5000) -> bool:
        return self.jobs.wait(timeout_ms)
