"""The menu bar, built from the action table; the recent-files and export menus."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QAction

from .i18n import tr


def export_labels() -> dict[str, str]:
    return {
        "csv": tr("&CSV (start, end, speaker, text)…"), "haruhi-csv": tr("Chat-&Haruhi CSV (人物, 人物台词 …)…"),
        "haruhi-txt": tr("Chat-Haruhi &text (人物:「台词」)…"), "ass": tr("&ASS subtitles (speaker as Name)…"),
        "srt": tr("&SRT subtitles (speaker prefix)…"), "vtt": tr("&WebVTT (voice tags)…"),
        "rttm": tr("&RTTM (diarization)…"),
    }


class MenuBuilder:
    def __init__(self, window) -> None:
        self.w = window
        self.recent = None

    def build(self) -> "MenuBuilder":
        w, a = self.w, self.w.actions
        mb = w.menuBar()
        file = mb.addMenu(tr("&File"))
        for name in ("open_video", "open_subtitles", "open_project", "open_folder", "add_to_season",
                     "open_demo"):
            file.addAction(a[name])
        self.recent = file.addMenu(tr("Open &recent"))
        self.export = file.addMenu(tr("&Export"))
        self._fill_export()
        file.addSeparator()
        file.addAction(a["quit"])
        edit = mb.addMenu(tr("&Edit"))
        for name in ("undo", "redo", None, "filter", "group_lines", None, "new_group", "rename", "merge_selected",
                     "line_speaker", None, "flag_non_dialogue", "flag_unknown", "flag_several", "clear_flags"):
            edit.addSeparator() if name is None else edit.addAction(a[name])
        assign = edit.addMenu(tr("&Assign to group"))
        for k in range(1, 10):
            assign.addAction(a[f"assign_{k}"])
        play = mb.addMenu(tr("&Playback"))
        for name in ("play_pause", "play_line", "prev_line", "next_line", None, "play_line_audio",
                     "play_group_sample", "spectrogram"):
            play.addSeparator() if name is None else play.addAction(a[name])
        tools = mb.addMenu(tr("&Tools"))
        for name in ("group_speakers", "next_review", "find_similar", None, "settings"):
            tools.addSeparator() if name is None else tools.addAction(a[name])
        helpm = mb.addMenu(tr("&Help"))
        helpm.addAction(a["help"])
        helpm.addAction(a["about"])
        self.refresh()
        return self

    def _fill_export(self) -> None:
        from ..core.io import EXPORT_FORMATS
        labels = export_labels()
        for fmt in EXPORT_FORMATS:
            act = QAction(labels.get(fmt, fmt), self.w)
            act.setObjectName(f"export_{fmt}")
            act.triggered.connect(lambda *_, f=fmt: self._export(f))
            self.export.addAction(act)
        self.export.addSeparator()
        self.export.addAction(self.w.actions["export_clips"])
        self.w.actions["export_clips"].triggered.connect(lambda *_: self._export("clips"))

    def _export(self, fmt: str) -> None:
        from .dialogs import export_project_as
        export_project_as(self.w, fmt)

    def refresh(self) -> None:
        if self.recent is None:
            return
        self.recent.clear()
        files = self.w.settings.recent_files()
        for path in files:
            act = self.recent.addAction(Path(path).name)
            act.setToolTip(path)
            act.setData(path)
            act.triggered.connect(lambda *_, p=path: self.w.open_path(p))
        if files:
            self.recent.addSeparator()
            self.recent.addAction(tr("Clear the list"), self._clear)
        self.recent.setEnabled(bool(files))

    def _clear(self) -> None:
        self.w.settings.clear_recent()
        self.refresh()
