"""The Season tab: the characters named in the other episodes of this episode's season (its folder, or the
season it was added to: ``workspace.season_of``) with portrait, name and line count, and every episode's review
progress (lines checked / dialogue lines). Grouping an episode names its groups from those characters (the
season's character library, :mod:`svsg_desktop.core.roster`)."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QByteArray, QSize, Qt, Signal
from PySide6.QtGui import QIcon, QImage, QPixmap
from PySide6.QtWidgets import QLabel, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from ..core import paths, roster, workspace
from ..core.errors import SvsgError
from ..core.progress import SubProgress, no_progress
from .compat import emit
from .i18n import tr
from .jobs import JobRunner

log = logging.getLogger(__name__)
PORTRAIT = QSize(72, 72)


def season_label_job(project, others, *, device: str = "auto", method: str | None = None, progress=no_progress,
                     cancel=None):
    """Group ``project``, naming its groups from the labeled ``others`` of its season (a job)."""
    library = None
    split = 0.3 if others else 0.0
    if others:
        progress(0.0, tr("Reading the season's characters"))
        library = roster.season_library(others, cache_dir=paths.cache_dir(), device=device,
                                        progress=SubProgress(progress, 0.0, split), cancel=cancel)
    return workspace.label_job(project, device=device, method=method, library=library,
                               progress=SubProgress(progress, split, 1.0), cancel=cancel)


def _pixmap(rgb) -> QPixmap:
    h, w, _ = rgb.shape
    img = QImage(QByteArray(rgb.tobytes()), w, h, 3 * w, QImage.Format_RGB888).copy()
    return QPixmap.fromImage(img).scaled(PORTRAIT, Qt.KeepAspectRatio, Qt.SmoothTransformation)


class SeasonPanel(QWidget):
    openEpisode = Signal(str)        # a video path (double-click on an episode)

    def __init__(self, controller, parent=None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.others: list = []                   # the other episodes' projects (labeled or not)
        self.characters: list[roster.Character] = []
        self.episodes: list[workspace.Episode] = []
        self.roster_list = QListWidget()
        self.roster_list.setIconSize(PORTRAIT)
        self.roster_list.setViewMode(QListWidget.IconMode)
        self.roster_list.setResizeMode(QListWidget.Adjust)
        self.roster_list.setMovement(QListWidget.Static)
        self.roster_list.setGridSize(QSize(PORTRAIT.width() + 48, PORTRAIT.height() + 44))
        self.roster_list.setWordWrap(True)
        self.episode_list = QListWidget()
        self.episode_list.itemDoubleClicked.connect(self._open)
        self.empty = QLabel(tr("Characters named in the other episodes of this folder appear here, and new "
                               "episodes' groups come back named from them."))
        self.empty.setWordWrap(True)
        self.problem = QLabel()                  # a damaged season file (the folder's own episodes still shown)
        self.problem.setWordWrap(True)
        self.problem.setVisible(False)
        box = QVBoxLayout(self)
        box.addWidget(QLabel(tr("Characters of the season")))
        box.addWidget(self.empty)
        box.addWidget(self.problem)
        box.addWidget(self.roster_list, 3)
        box.addWidget(QLabel(tr("Episodes (lines checked / dialogue lines)")))
        box.addWidget(self.episode_list, 2)
        self.jobs = JobRunner(self)              # portraits: their own runner, never cancels the pipeline
        self.jobs.finished.connect(self._on_portraits)
        controller.projectReset.connect(self.refresh)
        controller.changed.connect(lambda *_: self._show_episodes())

    # -- data ---------------------------------------------------------------------------------------------------
    def refresh(self) -> None:
        from ..core.io import load_project

        video = self.controller.project.video
        self.others, self.episodes, problems = [], [], []
        folder = workspace.season_of(video) if video else None
        if folder is not None and folder.is_dir():
            try:
                self.episodes = workspace.season(folder, problems)
            except SvsgError as exc:
                log.info("no season: %s", exc)
        for ep in self.episodes:
            if ep.project is None or ep.video == Path(video):
                continue
            try:
                other = load_project(ep.project)
            except (SvsgError, OSError) as exc:
                log.warning("season: cannot read %s: %s", ep.project, exc)
                continue
            other.video = other.video or str(ep.video)
            self.others.append(other)
        self.characters = roster.roster(self.others)
        self.problem.setText("\n".join(str(e) for e in problems))
        self.problem.setVisible(bool(problems))
        self._show_roster()
        self._show_episodes()
        if self.characters:
            self.jobs.start(roster.portraits, self.characters, self.others, name="portraits")

    def labeled(self) -> list:
        """The other episodes that have named lines (what the character library is built from)."""
        return [p for p in self.others if roster.named_lines(p)]

    def names(self) -> list[str]:
        return [c.name for c in self.characters]

    # -- display ------------------------------------------------------------------------------------------------
    def _show_roster(self) -> None:
        self.roster_list.clear()
        for c in self.characters:
            item = QListWidgetItem(f"{c.name}\n" + tr("%1 lines").replace("%1", str(c.lines)))
            item.setData(Qt.UserRole, c.name)
            item.setToolTip(tr("%1: %2 lines in %3 episode(s)").replace("%1", c.name).replace(
                "%2", str(c.lines)).replace("%3", str(c.episodes)))
            self.roster_list.addItem(item)
        self.empty.setVisible(not self.characters)

    def _on_portraits(self, faces: dict) -> None:
        for r in range(self.roster_list.count()):
            item = self.roster_list.item(r)
            rgb = faces.get(item.data(Qt.UserRole))
            if rgb is not None:
                item.setIcon(QIcon(_pixmap(rgb)))

    def _show_episodes(self) -> None:
        current = self.controller.project.video
        by_video = {p.video: p for p in self.others}
        self.episode_list.clear()
        for ep in self.episodes:
            if str(ep.video) == current:
                prog = roster.progress_of(self.controller.project)
            elif str(ep.video) in by_video:
                prog = roster.progress_of(by_video[str(ep.video)])
            else:
                prog = None
            state = tr("not opened yet") if prog is None else f"{prog.checked} / {prog.total}"
            state = tr("missing: %1").replace("%1", str(ep.video)) if ep.missing else state
            mark = "▶ " if str(ep.video) == current else ("✔ " if prog is not None and prog.done else "")
            item = QListWidgetItem(f"{mark}{ep.video.name}    {state}")
            item.setData(Qt.UserRole, str(ep.video))
            self.episode_list.addItem(item)

    def _open(self, item: QListWidgetItem) -> None:
        path = item.data(Qt.UserRole)
        if path and path != self.controller.project.video:
            emit(self.openEpisode, path)

    def wait(self, timeout_ms: int = 5000) -> bool:
        return self.jobs.wait(timeout_ms)
