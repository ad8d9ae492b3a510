"""File choosers, the season (folder) picker and the export flow."""

from __future__ import annotations

import csv
import logging
from pathlib import Path

from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QFileDialog, QListWidget, QListWidgetItem, QVBoxLayout)

from ..core.errors import SvsgError
from ..core.lines import format_ms
from ..core.progress import check_cancel, no_progress
from .flows import VIDEO_EXTENSIONS, Episode
from .i18n import tr

log = logging.getLogger(__name__)


def _start_dir(window) -> str:
    recent = window.settings.recent_files()
    return str(Path(recent[0]).parent) if recent else str(Path.home())


def ask_video(window) -> str:
    pattern = " ".join(f"*{e}" for e in VIDEO_EXTENSIONS)
    path, _ = QFileDialog.getOpenFileName(window, tr("Open video"), _start_dir(window),
                                          tr("Videos (%1)").replace("%1", pattern) + ";;" + tr("All files (*)"))
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


def ask_folder(window) -> str:
    return QFileDialog.getExistingDirectory(window, tr("Open a season folder"), _start_dir(window))


class SeasonDialog(QDialog):
    """The episodes of a folder: which have subtitles, which already have a project."""

    def __init__(self, episodes: list[Episode], parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("Episodes"))
        self.episodes = episodes
        self.list = QListWidget()
        for ep in episodes:
            state = tr("project") if ep.project else (tr("subtitles") if ep.subtitles else tr("no subtitles"))
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


def export_clips(project, out_dir: str | Path, *, progress=no_progress, cancel=None) -> int:
    """The clip dataset: one 16 kHz mono WAV per labeled or grouped dialogue line plus ``clips.csv``
    (file, id, start, end, speaker, text; an unnamed group's lines carry its ``Speaker N`` label).
    Returns the number of clips written."""
    import soundfile as sf

    from ..core.media.audio import decode_audio

    if not project.video:
        raise SvsgError("the project has no video to cut clips from", code="no_video")
    out = Path(out_dir)
    (out / "wav").mkdir(parents=True, exist_ok=True)
    progress(0.0, tr("Decoding audio"))
    track = decode_audio(project.video)
    rows = []
    def label(lid: str) -> str:
        c = project.clusters.get(project.lines[lid].cluster)
        return project.speaker_of(lid) or (c.label() if c is not None else "")

    ids = [i for i in project.order if project.lines[i].is_dialogue and label(i)]
    for k, lid in enumerate(ids):
        check_cancel(cancel)
        ln = project.lines[lid]
        clip, _why = track.clip(ln.start, ln.end)
        if clip is None:
            continue
        name = f"wav/{lid}.wav"
        sf.write(out / name, clip, track.sample_rate, subtype="PCM_16")
        rows.append([name, lid, format_ms(ln.start), format_ms(ln.end), label(lid), ln.text])
        progress((k + 1) / max(1, len(ids)), tr("Writing clips"))
    with open(out / "clips.csv", "w", encoding="utf-8-sig", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["file", "id", "start", "end", "speaker", "text"])
        w.writerows(rows)
    return len(rows)


def export_project_as(window, fmt: str, path: str | None = None) -> bool:
    """Ask where (unless ``path`` is given) and export. ``clips`` runs as a job (it decodes audio)."""
    from ..core.io import export_project
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
        window.jobs.start(export_clips, project, path, name=tr("Exporting clips"))
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
