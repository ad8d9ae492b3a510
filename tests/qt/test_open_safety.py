"""Opening never destroys work: other subtitles for a video whose project has corrections → the app asks and keeps
a backup of the replaced project; a project another svsg holds opens read-only, with a clear message."""

from __future__ import annotations

import os

import pytest
from PySide6.QtWidgets import QMessageBox

from svsg_desktop.core.io import load_project

from ..core.io.lock_child import held_by_another_process
from .test_window import episode, make_window  # noqa: F401  (fixture)


def named(project, name: str):
    """The group called ``name`` (None when there is none)."""
    return next((c for c in project.clusters.values() if c.name == name), None)

OTHER_SRT = "1\n00:00:01,000 --> 00:00:02,000\nother subtitles\n\n2\n00:00:03,000 --> 00:00:04,000\nsecond\n"


def _corrected(w, episode):
    assert w.open_video(episode)
    c = w.controller
    d = [i for i in c.project.order if c.project.lines[i].is_dialogue]
    assert c.split_lines(d[:2], "Kyon")
    assert c.flush(10)
    return episode.with_name(episode.name + ".svsg.csv")


def _answer(monkeypatch, answer):
    asked = []

    def question(parent, title, text, *a, **k):
        asked.append(text)
        return answer
    monkeypatch.setattr(QMessageBox, "question", staticmethod(question))
    return asked


def _open_other_subtitles(qtbot, monkeypatch, tmp_path, episode, answer):
    """A corrected project, then File ▸ Open subtitles… with other subtitles; the question answered ``answer``."""
    w = make_window(qtbot, monkeypatch, tmp_path)
    path = _corrected(w, episode)
    other = episode.with_name("other.srt")
    other.write_text(OTHER_SRT, encoding="utf-8")
    asked = _answer(monkeypatch, answer)
    opened = w.open_video(episode, other)
    assert asked and "1 correction" in asked[0]
    return w, path, opened


def test_other_subtitles_ask_first_and_no_keeps_the_project(qtbot, monkeypatch, tmp_path, episode):
    w, path, opened = _open_other_subtitles(qtbot, monkeypatch, tmp_path, episode, QMessageBox.No)
    assert not opened
    assert named(w.controller.project, "Kyon") is not None        # still the corrected project
    w.controller.rename_cluster(named(w.controller.project, "Kyon").id, "Kyon 2")
    w.close()
    assert named(load_project(path), "Kyon 2") is not None
    assert not list(path.parent.glob(path.stem + ".backup-*"))


def test_other_subtitles_yes_replaces_the_project_and_keeps_a_backup(qtbot, monkeypatch, tmp_path, episode):
    w, path, opened = _open_other_subtitles(qtbot, monkeypatch, tmp_path, episode, QMessageBox.Yes)
    assert opened
    assert len(w.controller.project.lines) == 2
    w.controller.split_lines(["L00001"], "new")                            # the first edit of the new project
    w.close()
    assert len(load_project(path)) == 2
    backups = sorted(path.parent.glob(path.stem + ".backup-*.csv"))
    assert len(backups) == 1
    old = load_project(backups[0])
    assert len(old) == 25 and named(old, "Kyon") is not None and len(old.corrections) == 1
    assert "backup" in w.message.text()


def test_a_project_open_in_another_svsg_opens_read_only(qtbot, monkeypatch, tmp_path, episode):
    w = make_window(qtbot, monkeypatch, tmp_path)
    path = _corrected(w, episode)
    w.controller.set_project(type(w.controller.project)())                 # close it in this window
    before = path.read_bytes()
    with held_by_another_process(path) as pid:
        assert w.open_project(path)
        c = w.controller
        assert c.read_only and str(pid) in c.read_only
        assert "read-only" in w.message.text()
        failed = []
        c.commandFailed.connect(failed.append)
        kyon = named(c.project, "Kyon").id
        assert not c.rename_cluster(kyon, "Haruhi")
        assert failed and "read-only" in failed[0]
        assert named(c.project, "Kyon") is not None
        c.flush(5)
    assert path.read_bytes() == before
    w.close()


@pytest.mark.skipif(not os.path.isdir("/proc/self/fd"), reason="needs /proc to tell the files apart")
def test_disk_full_while_saving_says_what_is_intact_and_where_the_edits_are(qtbot, monkeypatch, tmp_path, project):
    import errno

    from svsg_desktop.qt.controller import Controller

    path = tmp_path / "ep.csv"
    c = Controller(project, path)
    before = path.read_bytes()
    real = os.fsync

    def fsync(fd):            # the CSV's temporary file cannot be written; the journal (fdatasync) still can
        if ".ep.csv." in os.readlink(f"/proc/self/fd/{fd}"):
            raise OSError(errno.ENOSPC, "No space left on device")
        return real(fd)
    monkeypatch.setattr(os, "fsync", fsync)
    with qtbot.waitSignal(c.saveFailed, timeout=5000) as sig:
        c.rename_cluster(1, "Kyon")
    msg = sig.args[0]
    assert "disk is full" in msg and "previous ep.csv is intact" in msg and "ep.svsg.journal" in msg
    assert path.read_bytes() == before
    c.writer.close()
    c.session.lock.release()                    # the app is killed while the disk is still full
    monkeypatch.undo()
    assert load_project(path).clusters[1].name == "Kyon"


def test_a_job_that_found_nothing_says_so(qtbot, monkeypatch, tmp_path, episode):
    from svsg_desktop.core.project import Project

    w = make_window(qtbot, monkeypatch, tmp_path)
    assert w.open_video(episode)
    before = w.controller.project
    from svsg_desktop.core import workspace
    from svsg_desktop.core.commands import AssignClusters

    empty = workspace.Opened(Project(video=str(episode)), workspace.project_path(episode), [])
    w._adopt_found_speech(empty)                     # voice detection of a video without subtitles found nothing
    assert "no speech" in w.message.text() and w.controller.project is before
    nothing = AssignClusters({i: None for i in before.lines})
    w.on_grouped(nothing, before)                    # a grouping that grouped nothing
    assert "could be grouped" in w.message.text()
    w.close()


def test_voice_detection_on_an_empty_video_says_so_in_plain_words(tmp_path):
    from svsg_desktop.core.errors import MediaError
    from svsg_desktop.qt import flows

    video = tmp_path / "ep.mp4"
    video.write_bytes(b"")
    with pytest.raises(MediaError, match=r"empty \(0 bytes\)") as info:
        flows.vad_project(video)
    assert "Errno" not in str(info.value)


def test_opening_a_labeled_csv_never_rewrites_it(qtbot, monkeypatch, tmp_path):
    labeled = tmp_path / "ep01.csv"
    text = "人物,人物台词,开始时间,结束时间\n春日,你好,0:00:01.00,0:00:02.00\n阿虚,再见,0:00:03.00,0:00:04.00\n"
    labeled.write_text(text, encoding="utf-8")
    w = make_window(qtbot, monkeypatch, tmp_path)
    assert w.open_project(labeled)
    c = w.controller
    assert c.path == tmp_path / "ep01.svsg.csv"
    assert c.rename_cluster(named(c.project, "春日").id, "涼宮ハルヒ")
    w.close()
    assert labeled.read_text(encoding="utf-8") == text                  # the source is untouched
    w2 = make_window(qtbot, monkeypatch, tmp_path)
    assert w2.open_project(labeled)                                      # reopened: the corrected project
    assert named(w2.controller.project, "涼宮ハルヒ") is not None
    w2.close()


def test_an_unreadable_project_counts_no_corrections(tmp_path):
    """Asking before replacing a project must not crash on a damaged one: opening it reports the problem."""
    from svsg_desktop.qt import flows

    bad = tmp_path / "ep.mkv.svsg.csv"
    bad.write_bytes(b"\x00\x01not a csv at all")
    assert flows.corrections_in(bad) == 0
    assert flows.corrections_in(tmp_path / "none.csv") is None
