"""The main window: wiring only. Video on the top left, the line list below it, the cluster panel (groups, review
queue) on the right, the job and engine state in the status bar. Every edit goes through the controller."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QLabel, QLineEdit, QMainWindow, QMessageBox, QSplitter, QStackedWidget, QTabWidget,
                               QVBoxLayout, QWidget)

from ..core.lines import Flag
from .actions import ShortcutsDialog, build_actions
from .cluster_model import ClusterTreeModel
from .controller import Controller
from .editing import Editing
from .i18n import group_label, tr
from .jobs import JobRunner
from .line_model import SPEAKER, LineListModel, ReviewQueueModel
from .listening import Listening
from .menus import MenuBuilder
from .opening import Opening
from .review_bar import ReviewBar, SaveIndicator
from .season_panel import SeasonPanel, season_label_job
from .undo_text import undo_label
from .settings import AppSettings, SettingsDialog
from .status_widgets import JobStatus, engine_text
from .thumbnails import ThumbnailLoader
from .video import make_backend
from .video_panel import VideoPanel
from .views import ClusterTreeView, LineTableView, NameDelegate
from .welcome import WelcomePane

log = logging.getLogger(__name__)


class MainWindow(Opening, QMainWindow):
    def __init__(self, settings: AppSettings | None = None, backend=None) -> None:
        super().__init__()
        self.settings = settings or AppSettings()
        self.controller = Controller(parent=self)
        self.jobs = JobRunner(self)            # the pipeline (one job at a time)
        self.current_line: str | None = None

        self.video = VideoPanel(backend if backend is not None else make_backend())
        self.lines = LineListModel(self.controller, self)
        self.line_view = LineTableView()
        self.line_view.setModel(self.lines)
        self.filter_edit = QLineEdit()
        self.filter_edit.setPlaceholderText(tr("Filter lines (text, speaker, group) — Ctrl+F"))
        self.filter_edit.setClearButtonEnabled(True)
        self.clusters = ClusterTreeModel(self.controller, self)
        self.tree = ClusterTreeView()
        self.tree.setModel(self.clusters)
        self.tree.setItemDelegateForColumn(0, NameDelegate(self.known_names, self.tree))
        self.thumbs = ThumbnailLoader(self.controller, self.clusters, self.tree.iconSize(), self)
        self.review = ReviewQueueModel(self.controller, self)
        self.review_view = LineTableView()
        self.review_view.setModel(self.review)
        self.review_bar = ReviewBar(self.lines)
        self._layout()
        self.apply_review_threshold()
        self.editing = Editing(self)
        self.actions = build_actions(self)
        self.recent_menu = MenuBuilder(self).build()
        self._connect()
        self.listening = Listening(self)      # audio strip, audio-only playback, "same person?" hints
        self._refresh_title()
        self.resize(1280, 800)

    # -- layout -------------------------------------------------------------------------------------------------
    def _layout(self) -> None:
        left = QWidget()
        lbox = QVBoxLayout(left)
        lbox.setContentsMargins(0, 0, 0, 0)
        vsplit = QSplitter(Qt.Vertical)
        vsplit.addWidget(self.video)
        lines_box = QWidget()
        lb = QVBoxLayout(lines_box)
        lb.setContentsMargins(0, 0, 0, 0)
        lb.addWidget(self.filter_edit)
        lb.addWidget(self.review_bar)
        lb.addWidget(self.line_view)
        vsplit.addWidget(lines_box)
        vsplit.setStretchFactor(0, 3)
        vsplit.setStretchFactor(1, 2)
        lbox.addWidget(vsplit)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.tree, tr("Groups"))
        self.tabs.addTab(self.review_view, tr("Review queue"))
        self.season = SeasonPanel(self.controller)
        self.tabs.addTab(self.season, tr("Season"))
        split = QSplitter(Qt.Horizontal)
        split.addWidget(left)
        split.addWidget(self.tabs)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        self.welcome = WelcomePane(self)
        self.pages = QStackedWidget()
        self.pages.addWidget(self.welcome)     # a first start: three ways in
        self.pages.addWidget(split)
        self.setCentralWidget(self.pages)
        self.job_status = JobStatus(self.jobs)
        self.engine_label = QLabel(engine_text(self.settings.device))
        self.video_label = QLabel(self.video.video_status())
        self.message = QLabel()
        sb = self.statusBar()
        sb.addWidget(self.message, 1)
        self.save_indicator = SaveIndicator(self.controller)
        sb.addPermanentWidget(self.save_indicator)
        sb.addPermanentWidget(self.job_status)
        sb.addPermanentWidget(self.engine_label)
        sb.addPermanentWidget(self.video_label)
        self.line_view.setFocus()

    def _connect(self) -> None:
        a, c, ed = self.actions, self.controller, self.editing
        stack = c.undo_stack
        a["undo"].triggered.connect(stack.undo)
        a["redo"].triggered.connect(stack.redo)
        stack.undoTextChanged.connect(lambda t: a["undo"].setText(undo_label(tr("&Undo"), t)))
        stack.redoTextChanged.connect(lambda t: a["redo"].setText(undo_label(tr("&Redo"), t)))
        stack.canUndoChanged.connect(a["undo"].setEnabled)
        stack.canRedoChanged.connect(a["redo"].setEnabled)
        a["undo"].setEnabled(False)
        a["redo"].setEnabled(False)
        slots = {
            "open_video": self.ask_open_video, "open_subtitles": self.ask_open_subtitles,
            "open_project": self.ask_open_project, "open_folder": self.ask_open_folder,
            "add_to_season": self.ask_add_to_season,
            "open_demo": self.open_demo, "quit": self.close,
            "filter": self.focus_filter, "new_group": ed.new_group, "rename": ed.rename_group,
            "merge_selected": ed.merge_selected, "group_lines": self.toggle_group_lines,
            "flag_non_dialogue": lambda: ed.flag(Flag.NON_DIALOGUE), "flag_unknown": lambda: ed.flag(Flag.UNKNOWN),
            "flag_several": lambda: ed.flag(Flag.SEVERAL), "clear_flags": ed.clear_flags,
            "line_speaker": ed.edit_line_speaker,
            "play_pause": self.video.toggle, "play_line": self.play_line,
            "prev_line": lambda: self.step(-1), "next_line": lambda: self.step(1),
            "group_speakers": self.group_speakers, "next_review": self.next_review,
            "settings": self.open_settings, "help": self.show_help, "about": self.show_about,
        }
        for name, slot in slots.items():
            a[name].triggered.connect(lambda *_, s=slot: s())
        for k in range(1, 10):
            a[f"assign_{k}"].triggered.connect(lambda *_, r=k - 1: ed.assign_rank(r))
        self.filter_edit.textChanged.connect(self.on_filter)
        self.filter_edit.returnPressed.connect(self.line_view.setFocus)
        for view in (self.line_view, self.review_view, self.tree):
            view.currentLineChanged.connect(self.on_current_line)
            view.renameRequested.connect(ed.rename_group)
        for view in (self.line_view, self.review_view):
            view.doubleClicked.connect(lambda *_: self.play_line())
            view.setItemDelegateForColumn(SPEAKER, NameDelegate(self.known_names, view))
        self.season.openEpisode.connect(self.open_video)
        self.video.line_button.clicked.connect(self.play_line)
        c.commandFailed.connect(self.show_message)
        c.saveFailed.connect(lambda msg: self.show_error(tr("Could not save the project"), msg))
        c.saved.connect(lambda p: self._refresh_title())
        c.projectReset.connect(self.on_project_reset)
        c.changed.connect(lambda *_: self.thumbs.schedule())
        self.jobs.failed.connect(lambda exc: self.show_error(tr("The job failed"), str(exc)))
        self.jobs.cancelled.connect(lambda: self.show_message(tr("Cancelled; nothing was changed.")))

    # -- focus helpers ------------------------------------------------------------------------------------------
    def _focused_ids(self) -> list[str]:
        if self.tree.hasFocus() or self.tabs.currentWidget() is self.tree and not self.line_view.hasFocus() \
                and not self.review_view.hasFocus():
            ids = self.tree.selected_line_ids()
            if ids:
                return ids
        view = self.review_view if self.review_view.hasFocus() else self.line_view
        ids = view.selected_ids()
        if not ids and self.current_line:
            ids = [self.current_line]
        return ids

    def show_message(self, text: str) -> None:
        self.message.setText(text)
        log.info("status: %s", text)

    def show_error(self, title: str, text: str) -> None:
        log.error("%s: %s", title, text)
        self.message.setText(f"{title}: {text}")
        if self.isVisible() and not getattr(self, "quiet_errors", False):
            QMessageBox.warning(self, title, text)

    def _refresh_title(self) -> None:
        p = self.controller.path
        name = p.name if p else tr("no project")
        self.setWindowTitle(f"{name} — svsg")

    def known_names(self) -> list[str]:
        """Completion: every name this episode knows and the season's characters."""
        return sorted(set(self.controller.known_names()) | set(self.season.names()))

    def on_project_reset(self) -> None:
        p = self.controller.project
        self.pages.setCurrentIndex(1 if p.lines else 0)
        if p.video and self.video.loaded() != p.video and Path(p.video).is_file():
            self.video.load(p.video)
        self.video_label.setText(self.video.video_status())
        self._refresh_title()
        n = len(p.lines)
        grouped = sum(1 for ln in p.lines.values() if ln.cluster is not None)
        self.show_message(tr("%1 lines, %2 grouped, %3 groups").replace("%1", str(n)).replace(
            "%2", str(grouped)).replace("%3", str(len(p.clusters))))
        if self.lines.rowCount():
            self.line_view.select_line(self.lines.line_id(0))
        first = next((ln for ln in p.ordered() if ln.is_dialogue), None)
        if first is not None and self.video.loaded():
            self.video.seek(first.start)          # show a real frame, not a black area, until Play
        self.thumbs.schedule()
        # a new episode: group (and name from the season) at once; it replaces the grouping of an episode opened
        # before (its result would be dropped), never another job such as a clip export
        idle = not self.jobs.is_busy() or self.jobs.is_running(season_label_job)
        if p.lines and not p.clusters and self.settings.group_on_open and idle:
            self.group_speakers()

    # -- jobs ---------------------------------------------------------------------------------------------------
    def group_speakers(self) -> None:
        if not self.controller.project.lines:
            self.show_message(tr("Open a video first."))
            return
        project = self.controller.project
        self.jobs.start(season_label_job, project, self.season.labeled(), device=self.settings.device,
                        method=self.settings.method, name=tr("Grouping speakers"),
                        on_finished=lambda command: self.on_grouped(command, project))

    def on_grouped(self, command, project) -> None:
        """The label job's grouping command, executed as one undoable step (pinned and kept lines never move);
        dropped when another project was opened meanwhile. A grouping that grouped nothing says so (never a silent
        "0 groups")."""
        from ..core.preflight import empty_result
        if project is not self.controller.project:
            return
        had_corrections = any(ln.pinned or ln.kept for ln in self.controller.project.lines.values())
        self.controller.apply_grouping(command)
        problem = empty_result(self.controller.project)
        self.clusters.reset()                 # a new grouping: largest group first again
        n = str(len(self.controller.project.clusters))
        self.show_message(tr("Grouped: %1 groups. Your corrections were kept.").replace("%1", n) if had_corrections
                          else tr("Grouped: %1 groups.").replace("%1", n))
        if problem:
            self.show_error(tr("Nothing to label"), problem)

    # -- navigation and playback --------------------------------------------------------------------------------
    def on_filter(self, text: str) -> None:
        self.lines.set_filter(text)
        if self.current_line:
            self.line_view.select_line(self.current_line)

    def toggle_group_lines(self) -> None:
        """Ctrl+L: the line list shows only the current group's lines (again: every line)."""
        if self.lines.only_group() is not None:
            self.lines.set_filter(cluster=None)
            self.show_message(tr("All lines are listed."))
        else:
            cid = self.tree.current_cluster() if self.tree.hasFocus() else None
            if cid is None and self.current_line:
                cid = self.controller.project.lines[self.current_line].cluster
            if cid is None:
                return
            self.lines.set_filter(cluster=cid)
            self.show_message(tr("Only the lines of %1 are listed (Ctrl+L: all lines).").replace(
                "%1", group_label(cid, self.controller.project.clusters[cid].name)))
        if self.current_line:
            self.line_view.select_line(self.current_line)

    def focus_filter(self) -> None:
        self.filter_edit.setFocus()
        self.filter_edit.selectAll()

    def on_current_line(self, line_id: str) -> None:
        self.current_line = line_id
        if self.settings.autoplay and self.sender() is not self.tree:
            self.play_line()

    def step(self, delta: int) -> None:
        view = self.review_view if self.review_view.hasFocus() else self.line_view
        view.step(delta)

    def play_line(self) -> None:
        if self.current_line and self.current_line in self.controller.project.lines:
            ln = self.controller.project.lines[self.current_line]
            self.video.play_range(ln.start, ln.end)

    def next_review(self) -> None:
        self.editing.next_review()

    # -- dialogs ------------------------------------------------------------------------------------------------
    def open_settings(self) -> None:
        if SettingsDialog(self.settings, self).exec():
            self.engine_label.setText(engine_text(self.settings.device))
            self.apply_review_threshold()

    def apply_review_threshold(self) -> None:
        for model in (self.lines, self.review):
            model.set_review_below(self.settings.review_below)

    def show_help(self) -> None:
        ShortcutsDialog(self).exec()

    def show_about(self) -> None:
        QMessageBox.about(self, tr("About svsg"), tr(
            "svsg gives a speaker label to every subtitle line: voice and image features, learned confidence, "
            "confidence-aware grouping, and your corrections by drag and drop."))

    def closeEvent(self, event) -> None:
        self.jobs.wait(5000)
        self.thumbs.wait(5000)
        self.season.wait(5000)
        self.video.shutdown()
        self.controller.close()              # waits for the last edit to be on disk
        self.settings.sync()
        super().closeEvent(event)
