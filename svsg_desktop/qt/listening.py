"""Listening and looking, wired into the main window from one place: the audio strip (a bottom dock), audio-only
playback of a line and of a group's sample, and the "same person?" hints (a tab beside the groups). The window
only creates this object; everything here reads the window's controller, views and actions."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QSettings, Qt, QTimer
from PySide6.QtWidgets import QDockWidget

from ..core import hints as core_hints
from ..core.listening import group_sample, strip_view
from ..core.media.waveform import TrackCache
from .audio import LinePlayer
from .hints_panel import HintsPanel
from .i18n import group_label, tr
from .jobs import JobRunner
from .waveform import WaveformStrip

log = logging.getLogger(__name__)
SPECTROGRAM_KEY = "listening/spectrogram"


class Listening(QObject):
    def __init__(self, window, audio_backend=None) -> None:
        super().__init__(window)
        self.w = window
        self.cache = TrackCache()
        self.decoder = JobRunner(self)         # the episode's audio, decoded once, off the UI thread
        self.hint_jobs = JobRunner(self)       # the hints' features (from the feature cache)
        self.basis: core_hints.HintBasis | None = None
        self._sample: tuple[str, list[str]] = ("", [])     # the group sample playing: group label, line ids
        self._hints_wanted = False                            # hints asked for while the window's job ran
        self.player = LinePlayer(audio_backend, self)
        self.strip = WaveformStrip()
        self.dock = QDockWidget(tr("Audio"), window)
        self.dock.setObjectName("audio_dock")
        self.dock.setWidget(self.strip)
        self.dock.setFeatures(QDockWidget.DockWidgetMovable | QDockWidget.DockWidgetFloatable)
        window.addDockWidget(Qt.BottomDockWidgetArea, self.dock)
        self.hints = HintsPanel()
        window.tabs.addTab(self.hints, tr("Same person?"))
        self._rerank = QTimer(self)
        self._rerank.setSingleShot(True)
        self._rerank.setInterval(150)
        self._rerank.timeout.connect(self.show_hints)
        self._connect()
        self.set_spectrogram(QSettings().value(SPECTROGRAM_KEY, False, type=bool))
        window.installEventFilter(self)

    def _connect(self) -> None:
        w, c, a = self.w, self.w.controller, self.w.actions
        for view in (w.line_view, w.review_view, w.tree):
            view.currentLineChanged.connect(self.show_line)
        c.projectReset.connect(self.on_project)
        c.changed.connect(self.on_changed)
        self.decoder.failed.connect(lambda exc: self.strip.set_track(None, tr("Cannot read the audio: %1").replace(
            "%1", str(exc))))
        self.hint_jobs.failed.connect(lambda exc: self.hints.set_note(tr("No hints: %1").replace("%1", str(exc))))
        self.strip.playRequested.connect(self.play_from)
        self.strip.lineRequested.connect(w.line_view.select_line)
        self.player.failed.connect(w.show_message)
        self.player.position.connect(self.strip.set_playhead)
        self.player.lineStarted.connect(self.on_sample_line)
        self.player.finished.connect(lambda: self.strip.set_playhead(None))
        w.video.positionChanged.connect(self.on_video_position)
        self.hints.mergeRequested.connect(c.merge_clusters)
        self.hints.refreshRequested.connect(self.find_hints)
        w.tabs.currentChanged.connect(self.on_tab)
        w.jobs.busyChanged.connect(lambda busy: None if busy or not self._hints_wanted else self.find_hints())
        a["play_line_audio"].triggered.connect(self.play_line)
        a["play_group_sample"].triggered.connect(self.play_group_sample)
        a["find_similar"].triggered.connect(self.show_hint_tab)
        a["spectrogram"].setCheckable(True)
        a["spectrogram"].toggled.connect(self.set_spectrogram)

    # -- the episode --------------------------------------------------------------------------------------------
    def on_project(self) -> None:
        self.player.stop()
        self.basis = None
        self.hints.show_pairs(self.w.controller.project, [])
        self.hints.set_note(tr("Groups that may be the same person appear here after grouping."))
        video = self.w.controller.project.video
        self.strip.set_view(None)
        if not video or not Path(video).is_file():
            self.strip.set_track(None, tr("No audio: the project has no video file"))
            return
        track = self.cache.cached(video)
        if track is not None:
            self.on_track(video, track)
            return
        self.strip.set_track(None, tr("Reading the audio…"))
        self.decoder.start(self.cache.get, video, name=tr("Reading the audio"),
                           on_finished=lambda t, v=video: self.on_track(v, t))

    def on_track(self, video: str, track) -> None:
        if video != self.w.controller.project.video:
            return                            # another episode was opened meanwhile
        self.strip.set_track(track, tr("No audio: %1").replace("%1", track.problem) if track.problem else "")
        if self.w.current_line:
            self.show_line(self.w.current_line)

    def show_line(self, line_id: str) -> None:
        """The strip around a line, each cue labelled with its words."""
        p = self.w.controller.project
        if line_id not in p.lines:
            self.strip.set_view(None)
            return
        view = strip_view(p, line_id)
        self.strip.set_view(view, {c.line_id: p.lines[c.line_id].text for c in view.cues})

    def on_changed(self, *_):
        if self.w.current_line:
            self.show_line(self.w.current_line)
        if self.basis is not None:
            self._rerank.start()

    # -- playback -----------------------------------------------------------------------------------------------
    def _play(self, spans: list[tuple[str, int, int]]) -> bool:
        video = self.w.controller.project.video
        if not video:
            self.w.show_message(tr("Open a video first."))
            return False
        if self.w.video.backend.is_playing():
            self.w.video.toggle()             # one sound at a time
        return self.player.play(video, spans)

    def play_line(self) -> None:
        self._sample = ("", [])
        lid = self.w.current_line
        if lid and lid in self.w.controller.project.lines:
            ln = self.w.controller.project.lines[lid]
            self._play([(lid, ln.start, ln.end)])

    def play_from(self, ms: int) -> None:
        """A click on the strip: from there to the end of the line under it (or of the window)."""
        view = self.strip.view
        cue = view.cue_at(ms) if view is not None else None
        end = cue.end if cue is not None else view.end
        self._sample = ("", [])
        self._play([(cue.line_id if cue else "", ms, end)])

    def current_group(self) -> int | None:
        w = self.w
        cid = w.tree.current_cluster() if w.tree.hasFocus() else None
        if cid is None and w.current_line in w.controller.project.lines:
            cid = w.controller.project.lines[w.current_line].cluster
        return cid

    def play_group_sample(self) -> None:
        p, cid = self.w.controller.project, self.current_group()
        if cid is None or cid not in p.clusters:
            self.w.show_message(tr("Select a line or a group first."))
            return
        ids = group_sample(p, cid)
        self._sample = (group_label(cid, p.clusters[cid].name), ids)
        self._play([(i, p.lines[i].start, p.lines[i].end) for i in ids])

    def on_sample_line(self, line_id: str) -> None:
        """While a group's sample plays: the strip follows the line playing, the status bar says which it is."""
        name, ids = self._sample
        p = self.w.controller.project
        if line_id in ids and len(ids) > 1 and line_id in p.lines:
            self.show_line(line_id)
            self.w.show_message(tr("Sample of %1: line %2 of %3 (most confident first) — %4").replace(
                "%1", name).replace("%2", str(ids.index(line_id) + 1)).replace("%3", str(len(ids))).replace(
                "%4", p.lines[line_id].text))

    def on_video_position(self, ms: int) -> None:
        if self.w.video.backend.is_playing():
            if self.player.is_playing():
                self.player.stop()            # the video took over: one sound at a time
            self.strip.set_playhead(ms)

    def set_spectrogram(self, on: bool) -> None:
        self.strip.set_spectrogram(on)
        act = self.w.actions["spectrogram"]
        if act.isChecked() != bool(on):
            act.setChecked(bool(on))
        QSettings().setValue(SPECTROGRAM_KEY, bool(on))

    # -- hints --------------------------------------------------------------------------------------------------
    def show_hint_tab(self) -> None:
        self.w.tabs.setCurrentWidget(self.hints)
        self.hints.list.setFocus()
        if self.basis is None:
            self.find_hints()

    def on_tab(self, _index: int) -> None:
        if self.w.tabs.currentWidget() is self.hints and self.basis is None and not self.hint_jobs.is_busy():
            self.find_hints()

    def find_hints(self) -> None:
        p = self.w.controller.project
        if self.w.jobs.is_busy():             # the grouping job writes the feature cache the hints read
            self._hints_wanted = True
            self.hints.set_note(tr("Waiting for the running job to finish…"))
            return
        self._hints_wanted = False
        if not any(ln.cluster is not None for ln in p.lines.values()):
            self.hints.set_note(tr("Group the speakers first (Tools ▸ Group speakers)."))
            return
        self.hints.set_note(tr("Comparing the groups…"))
        self.hint_jobs.start(core_hints.basis_job, p, device=self.w.settings.device, name=tr("Comparing groups"),
                             on_finished=lambda basis, proj=p: self.on_basis(proj, basis))

    def on_basis(self, project, basis) -> None:
        if project is not self.w.controller.project:
            return
        self.basis = basis
        if basis is None:
            self.hints.set_note(tr("No hints: the project has no video or no dialogue lines."))
            return
        self.show_hints()

    def show_hints(self) -> None:
        if self.basis is not None:
            p = self.w.controller.project
            self.hints.show_pairs(p, core_hints.project_hints(self.basis, p), self.basis.threshold)

    # -- closing ------------------------------------------------------------------------------------------------
    def eventFilter(self, obj, event) -> bool:  # noqa: N802 - Qt's name
        if obj is self.w and event.type() == QEvent.Close:
            self.shutdown()
        return False

    def shutdown(self) -> None:
        self.decoder.wait(5000)
        self.hint_jobs.wait(5000)
        self.player.close()
