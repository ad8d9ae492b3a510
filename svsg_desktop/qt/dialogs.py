"""File choosers, the season (folder) picker and the export flow."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QFileDialog, QListWidget, QListWidgetItem, QVBoxLayout)

from ..core.errors import SvsgError
from ..core.workspace import VIDEO_EXTENSIONS, Episode
from .i18n import tr

log = logging.getLogger(__name__)


def _start_dir(window) -> str:
    recent = window.settings.recent_files()
    return str(Path(recent[0]).parent) if recent else str(Path.home())


def _patterns(extensions) -> str:
    return " ".join(f"*{e}" for e in extensions)


def ask_video(window) -> str:
    path, _ = QFileDialog.getOpenFileName(window, tr("Open video"), _start_dir(window),
                                          tr("Videos (%1)").replace("%1", _patterns(VIDEO_EXTENSIONS)) + ";;" + tr("All files (*)"))
    return path


def ask_subtitles(window, video: str) -> str:
    path, _ = QFileDialog.getOpenFileName(window, tr("Subtitles for this video"), str(Path(video).parent),
                                          tr("Subtitles (*.ass *.ssa *.srt *.vtt *.csv)") + ";;"
                                          + tr("All files (*)"))
    return path


def ask_project(window) -> str:
    path, _ = QFileDialog.getOpenFileName(window, tr("Open project CSV"), _start_dir(window),
                                          tr("Project or labeled CSV (*.csv)"))
    return path


def ask_folder(window, title: str = "") -> str:
    return QFileDialog.getExistingDirectory(window, title or tr("Open a season folder"), _start_dir(window))


class SeasonDialog(QDialog):
    """The episodes of a folder: which have subtitles, which already have a project."""

    def __init__(self, episodes: list[Episode], parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("Episodes"))
        self.episodes = episodes
        self.list = QListWidget()
        for ep in episodes:
            state = tr("project") if ep.project else (tr("subtitles") if ep.subtitles else tr("no subtitles"))
            state = tr("missing") if ep.missing else state
            item = QListWidgetItem(f"{ep.video.name}    [{state}]")
            item.setToolTip(str(ep.video))
            self.list.addItem(item)
        if episodes:
            self.list.setCurrentRow(0)
        self.list.itemDoubleClicked.connect(lambda *_: self.accept())
        buttons = QDialogButtonBox(QDialogButtonBox.Open | QDialogButtonBox.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        box = QVBoxLayout(self)
        box.addWidget(self.list)
        box.addWidget(buttons)
        self.resize(520, 420)

    def chosen(self) -> Episode | None:
        row = self.list.currentRow()
        return self.episodes[row] if 0 <= row < len(self.episodes) else None


def export_project_as(window, fmt: str, path: str | None = None) -> bool:
    """Ask where (unless ``path`` is given) and export. ``clips`` runs as a job (it decodes audio): the same
    dataset as ``svsg clips`` (``core/io/clips.py``)."""
    from ..core.io import export_project
    from ..core.io.clips import export_clips
    from ..core.io.exports import EXTENSIONS

    project = window.controller.project
    if not project.lines:
        window.show_message(tr("Nothing to export: open a video or a project first."))
        return False
    base = Path(project.video or window.controller.path or "export")
    if fmt == "clips":
        if path is None:
            path = QFileDialog.getExistingDirectory(window, tr("Folder for the clip dataset"), str(base.parent))
        if not path:
            return False
        def done(result) -> None:
            window.show_message(tr("Exported %1 lines to %2").replace("%1", str(result[0])).replace("%2", str(path)))

        window.jobs.start(export_clips, project.video, project, path, name=tr("Exporting clips"), on_finished=done)
        return True
    ext = EXTENSIONS.get(fmt, "." + fmt)
    tag = ".haruhi" if fmt.startswith("haruhi") else (".labels" if fmt == "csv" else ".speakers")
    suggestion = base.with_name(base.stem + tag + ext)   # never the project CSV nor the source subtitles
    if path is None:
        path, _ = QFileDialog.getSaveFileName(window, tr("Export"), str(suggestion), f"*{ext}")
    if not path:
        return False
    try:
        n = export_project(project, path, fmt)
    except (SvsgError, OSError) as exc:
        window.show_error(tr("Export failed"), str(exc))
        return False
    window.show_message(tr("Exported %1 lines to %2").replace("%1", str(n)).replace("%2", str(path)))
    return True
