"""Season work in the window: a first start shows the welcome pane; opening an episode groups it at once (with
the job's progress and Cancel); the Season tab lists the characters named in the folder's other episodes with
portraits and line counts, and each episode's progress; a new episode's groups come back named from them, and
completion offers their names."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QLineEdit

from svsg_desktop.core import workspace
from svsg_desktop.core.commands import RenameCluster
from svsg_desktop.core.demo import espeak_available
from svsg_desktop.core.io import save_project

from ..season import majority_names, make_season, truth_names
from .test_window import episode, make_window, window  # noqa: F401 - fixtures


def test_a_first_start_shows_the_welcome_pane(window, monkeypatch):  # noqa: F811
    assert window.pages.currentWidget() is window.welcome
    opened = []
    monkeypatch.setattr(window, "open_video", lambda path, subs=None: opened.append(path) or True)
    window.welcome.buttons["demo"].click()
    assert opened and str(opened[0]).endswith("demo.mp4")
    assert set(window.welcome.buttons) == {"video", "folder", "demo"}


def test_opening_an_episode_groups_it_at_once(window, episode, qtbot):  # noqa: F811
    window.settings.group_on_open = True
    with qtbot.waitSignal(window.jobs.started, timeout=5000):
        assert window.open_video(episode)
    assert window.pages.currentIndex() == 1
    assert window.job_status.isVisible() and window.job_status.cancel.isEnabled()
    qtbot.waitUntil(lambda: len(window.controller.project.clusters) > 1, timeout=120_000)
    assert "corrections" not in window.message.text()
    assert window.controller.undo_stack.count() == 1        # the grouping is one undoable step


def test_an_episode_opened_while_another_groups_is_grouped_too(window, episode, qtbot):  # noqa: F811
    """Opening the next episode while the previous one is still being grouped replaced nothing before: the
    previous job's result was dropped and the new episode stayed ungrouped."""
    import shutil

    other = episode.with_name("other.mp4")
    shutil.copy2(episode, other)
    shutil.copy2(episode.with_suffix(".srt"), other.with_suffix(".srt"))
    window.settings.group_on_open = True
    with qtbot.waitSignal(window.jobs.started, timeout=5000):
        assert window.open_video(episode)
    assert window.jobs.is_busy()
    assert window.open_video(other)
    qtbot.waitUntil(lambda: len(window.controller.project.clusters) > 1, timeout=120_000)
    assert window.controller.project.video == str(other)


@pytest.fixture(scope="module")
def labeled_season(tmp_path_factory):
    """Three episodes of one cast; episode 1 grouped and named as a person would (saved as its project)."""
    if not espeak_available():
        pytest.fail("espeak-ng is needed to make the test season")

    folder = tmp_path_factory.mktemp("season")
    videos = make_season(folder, episodes=3)
    p1 = workspace.label(videos[0], videos[0].with_suffix(".srt")).project
    for cid, name in majority_names(p1, videos[0]).items():
        RenameCluster(cid, name).apply(p1)
    save_project(p1, workspace.project_path(videos[0]))
    return videos


def test_the_season_tab_and_names_from_the_roster(qtbot, monkeypatch, tmp_path, labeled_season):
    w = make_window(qtbot, monkeypatch, tmp_path)
    w.settings.group_on_open = True
    second = labeled_season[1]
    assert w.open_video(second)
    season = w.season
    names = {c.name for c in season.characters}
    assert len(names) >= 2 and names <= {"Aiko", "Ben", "Chen"}
    assert season.roster_list.count() == len(names)
    assert "lines" in season.roster_list.item(0).text()
    qtbot.waitUntil(lambda: not season.roster_list.item(0).icon().isNull(), timeout=30_000)   # portraits
    rows = [season.episode_list.item(r).text() for r in range(season.episode_list.count())]
    assert len(rows) == 3 and rows[0].startswith("ep01.mp4") and "/" in rows[0]
    assert rows[1].startswith("▶ ep02.mp4") and "not opened yet" in rows[2]
    p = w.controller.project
    qtbot.waitUntil(lambda: any(c.name for c in p.clusters.values()), timeout=120_000)
    truth = truth_names(second)
    named = [ln for ln in p.lines.values() if ln.is_dialogue and p.speaker_of(ln.id)]
    right = sum(p.speaker_of(ln.id) == truth.get((ln.start, ln.end)) for ln in named)
    assert right >= len(named) / 2
    assert names <= set(w.known_names())                    # completion offers the season's names
    w.line_view.setFocus()
    w.line_view.select_line(next(i for i in p.order if p.lines[i].cluster is not None))
    w.editing.rename_group()
    editor = w.tree.findChild(QLineEdit)
    model = editor.completer().model()
    assert names <= {model.index(r, 0).data() for r in range(model.rowCount())}
    w.close()


def test_an_episode_of_another_folder_added_to_the_season(qtbot, monkeypatch, tmp_path, labeled_season):
    """A special in another folder: File ▸ Add this episode to a season… and the Season tab, completion and the
    grouping's character library come from that season; the same on reopening it."""
    import shutil

    from svsg_desktop.core import season_file
    from svsg_desktop.qt import dialogs

    folder = labeled_season[0].parent
    specials = tmp_path / "Specials"
    specials.mkdir()
    special = specials / "sp01.mp4"
    shutil.copy2(labeled_season[2], special)
    shutil.copy2(labeled_season[2].with_suffix(".srt"), special.with_suffix(".srt"))
    w = make_window(qtbot, monkeypatch, tmp_path)
    w.settings.group_on_open = False
    try:
        assert w.open_video(special)
        assert w.season.characters == [] and not w.season.labeled()      # its own folder: no season yet
        monkeypatch.setattr(dialogs, "ask_folder", lambda *a: str(folder))
        w.actions["add_to_season"].trigger()
        names = {c.name for c in w.season.characters}
        assert len(names) >= 2 and names <= {"Aiko", "Ben", "Chen"}
        assert names <= set(w.known_names())                             # completion offers the season's names
        rows = [w.season.episode_list.item(r).text() for r in range(w.season.episode_list.count())]
        assert len(rows) == 4 and rows[3].startswith("▶ sp01.mp4")
        labeled = {p.video for p in w.season.labeled()}                 # what grouping names from
        assert str(labeled_season[0]) in labeled and labeled <= {str(v) for v in labeled_season}
        assert w.open_video(labeled_season[1]) and w.open_video(special)   # reopened later: the same season
        assert {c.name for c in w.season.characters} == names
    finally:
        w.close()
        season_file.season_file(folder).unlink(missing_ok=True)          # the module's season stays 3 episodes
