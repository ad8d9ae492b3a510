"""Opening episodes, projects, season folders and the demo: the main window's File actions (a mixin of
:class:`~svsg_desktop.qt.main_window.MainWindow`; every file decision is made by ``core/workspace.py``)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QMessageBox

from ..core import workspace
from ..core.errors import SvsgError
from . import flows
from .i18n import tr


class Opening:
    """Needs the window's ``controller``, ``jobs``, ``settings``, ``recent_menu``, ``season``, ``show_message``
    and ``show_error``."""

    def ask_open_video(self) -> None:
        from .dialogs import ask_video
        path = ask_video(self)
        if path:
            self.open_video(path)

    def ask_open_subtitles(self) -> None:
        from .dialogs import ask_subtitles
        video = self.controller.project.video
        if not video:
            self.show_message(tr("Open a video first."))
            return
        path = ask_subtitles(self, video)
        if path:
            self.open_video(video, path)

    def ask_open_project(self) -> None:
        from .dialogs import ask_project
        path = ask_project(self)
        if path:
            self.open_project(path)

    def ask_open_folder(self) -> None:
        from .dialogs import SeasonDialog, ask_folder
        folder = ask_folder(self)
        if folder:
            try:
                episodes = workspace.season(folder)
            except SvsgError as exc:
                self.show_error(tr("Cannot open the folder"), str(exc))
                return
            dlg = SeasonDialog(episodes, self)
            if dlg.exec() and dlg.chosen() is not None:
                self.open_video(dlg.chosen().video)

    def ask_add_to_season(self) -> None:
        from .dialogs import ask_folder
        if not self.controller.project.video:
            self.show_message(tr("Open a video first."))
            return
        folder = ask_folder(self, tr("The season folder this episode belongs to"))
        if folder:
            self.add_to_season(folder)

    def add_to_season(self, folder: str | Path) -> bool:
        """List the open episode in the season file of ``folder``; the Season tab then shows that season."""
        try:
            workspace.add_to_season(folder, self.controller.project.video)
        except SvsgError as exc:
            self.show_error(tr("Cannot add the episode to the season"), str(exc))
            return False
        self.season.refresh()
        self.show_message(tr("This episode belongs to the season of %1 now.").replace("%1", Path(folder).name))
        return True

    def open_demo(self) -> None:
        try:
            self.open_video(flows.demo_copy())
        except (SvsgError, OSError) as exc:
            self.show_error(tr("The demo episode is missing"), str(exc))

    def open_path(self, path: str | Path) -> bool:
        """Command line and recent files: a video, a project CSV, or a folder."""
        p = Path(path)
        if p.is_dir():
            eps = workspace.season(p)
            return self.open_video(eps[0].video) if eps else False
        if p.suffix.lower() == ".csv":
            return self.open_project(p)
        return self.open_video(p)

    def open_video(self, video: str | Path, subtitles: str | Path | None = None) -> bool:
        backup = None
        if subtitles is not None:
            ok, backup = self._confirm_replace(video)
            if not ok:
                return False
        try:
            project, path, warnings = flows.project_from_video(video, subtitles)
        except SvsgError as exc:
            if getattr(exc, "code", "") == "no_subtitles":
                self.show_message(tr("No subtitles found: finding speech in the audio…"))
                self.jobs.start(flows.vad_project, str(video), name=tr("Finding speech"),
                                on_finished=self._adopt_found_speech)
                return True
            self.show_error(tr("Cannot open the video"), str(exc))
            return False
        ok = self._adopt(project, path, warnings)
        if backup is not None:
            self.show_message(tr("The previous project was kept as %1").replace("%1", str(backup)))
        return ok

    def _adopt_found_speech(self, opened) -> None:
        """Lines from voice detection for a video without subtitles; none found → say so, adopt nothing."""
        if not opened.project.lines:
            from ..core.preflight import empty_result
            self.show_error(tr("Nothing to label"), empty_result(opened.project))
            return
        self._adopt(opened.project, opened.path, opened.warnings)

    def _confirm_replace(self, video: str | Path) -> tuple[bool, Path | None]:
        """Other subtitles for a video that already has a project: ask when it holds corrections, and keep a
        backup of it before it is replaced. Returns (go on, backup)."""
        from ..core.safety import backup_project
        path = workspace.project_path(video)
        n = flows.corrections_in(path)
        if n is None:
            return True, None
        if n > 0 and QMessageBox.question(
                self, tr("Replace the project?"),
                tr("%1 already holds %2 correction(s). Start a new project from these subtitles? The current "
                   "project will be kept as a backup beside it.").replace("%1", path.name).replace("%2", str(n)),
                QMessageBox.Yes | QMessageBox.No, QMessageBox.No) != QMessageBox.Yes:
            return False, None
        self.controller.flush()
        try:
            return True, backup_project(path)
        except SvsgError as exc:
            self.show_error(tr("Cannot open the video"), str(exc))
            return False, None

    def open_project(self, path: str | Path) -> bool:
        try:
            project, target = flows.project_from_csv(path)    # a labeled CSV is a source: never rewritten
            self.controller.flush()
            self.controller.set_project(project, target, save=not target.is_file())
        except (SvsgError, OSError) as exc:
            self.show_error(tr("Cannot open the project"), str(exc))
            return False
        self._report_read_only()
        self.settings.add_recent(path)
        self.recent_menu.refresh()
        return True

    def _adopt(self, project, path: Path, warnings: list[str]) -> bool:
        existed = path.is_file()
        self.controller.set_project(project, path, save=not existed)
        self._report_read_only()
        self.settings.add_recent(project.video or path)
        self.recent_menu.refresh()
        if warnings:
            self.show_message(tr("Imported with notes: %1").replace("%1", "; ".join(warnings[:3])))
        return True

    def _report_read_only(self) -> None:
        if self.controller.read_only:
            self.show_error(tr("Opened read-only"), self.controller.read_only)

