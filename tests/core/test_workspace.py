"""The episode workspace (core/workspace.py): one rule for subtitles beside a video, the project CSV's name (the
old app name still read), seasons, lines from subtitles or voice detection, method and device choices. GUI-free."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from svsg_desktop.core import workspace
from svsg_desktop.core.errors import InputError
from svsg_desktop.core.io.project_csv import save_project
from svsg_desktop.core.lines import Line
from svsg_desktop.core.project import Project

DEMO = Path(__file__).resolve().parents[2] / "resources" / "demo"


def touch(folder: Path, *names: str) -> None:
    for n in names:
        (folder / n).write_text("x", encoding="utf-8")


def test_subtitles_found_beside_the_video_by_name(tmp_path):
    v = tmp_path / "ep01.mkv"
    touch(tmp_path, "ep01.mkv", "ep01.mkv.svsg.csv", "ep01.speakers.csv", "ep01.labels.csv", "ep02.ass")
    assert workspace.find_subtitles(v) is None          # project CSVs and exports are never subtitles
    touch(tmp_path, "ep01.zh.srt")
    assert workspace.find_subtitles(v).name == "ep01.zh.srt"
    touch(tmp_path, "ep01.csv")
    assert workspace.find_subtitles(v).name == "ep01.csv"
    touch(tmp_path, "ep01.SRT")
    assert workspace.find_subtitles(v).name == "ep01.SRT"
    touch(tmp_path, "ep01.ass")
    assert workspace.find_subtitles(v).name == "ep01.ass"


def test_one_project_csv_name_and_the_old_name_is_still_read(tmp_path):
    v = tmp_path / "ep01.mkv"
    touch(tmp_path, "ep01.mkv")
    assert workspace.project_path(v) == tmp_path / "ep01.mkv.svsg.csv"
    assert workspace.saved_project(v) is None
    touch(tmp_path, "ep01.speakers.csv")
    assert workspace.saved_project(v) == tmp_path / "ep01.speakers.csv"
    touch(tmp_path, "ep01.mkv.svsg.csv")
    same = 1_700_000_000_000_000_000
    for name in ("ep01.speakers.csv", "ep01.mkv.svsg.csv"):
        os.utime(tmp_path / name, ns=(same, same))
    assert workspace.saved_project(v) == tmp_path / "ep01.mkv.svsg.csv"     # a tie: the one name
    os.utime(tmp_path / "ep01.speakers.csv", ns=(same + 10**9, same + 10**9))
    assert workspace.saved_project(v) == tmp_path / "ep01.speakers.csv"     # the app was used last: its work




def test_reopening_an_old_app_project_keeps_the_work_and_saves_under_the_one_name(tmp_path):
    video = tmp_path / "demo.mp4"
    shutil.copy2(DEMO / "demo.mp4", video)
    old = Project.from_lines([Line(id="L00001", start=0, end=900, text="hi", cluster=1)], video=str(video))
    old.clusters[1].name = "Haruhi"
    save_project(old, tmp_path / "demo.speakers.csv")
    opened = workspace.open_episode(video)
    assert opened.reopened == tmp_path / "demo.speakers.csv"
    assert opened.path == tmp_path / "demo.mp4.svsg.csv"
    assert opened.project.clusters[1].name == "Haruhi"


def test_read_only_folder_writes_the_project_in_the_data_folder(tmp_path, monkeypatch):
    monkeypatch.setenv("SVSG_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setattr(workspace.os, "access", lambda *_: False)
    v = tmp_path / "dvd" / "ep.mpg"
    assert workspace.project_path(v) == tmp_path / "data" / "projects" / "ep.mpg.svsg.csv"


def test_season_lists_every_video_kind(tmp_path):
    touch(tmp_path, "ep03.wmv", "ep02.mpg", "ep01.mkv", "notes.txt", "ep01.ass", "ep02.mpg.svsg.csv")
    eps = workspace.season(tmp_path)
    assert [e.video.name for e in eps] == ["ep01.mkv", "ep02.mpg", "ep03.wmv"]
    assert eps[0].subtitles.name == "ep01.ass" and eps[1].subtitles is None
    assert eps[1].project == tmp_path / "ep02.mpg.svsg.csv" and eps[0].project is None
    with pytest.raises(InputError):
        workspace.season(tmp_path / "nope")


def test_lines_come_from_subtitles_beside_the_video_or_ask_for_voice_detection(tmp_path):
    video = tmp_path / "demo.mp4"
    shutil.copy2(DEMO / "demo.mp4", video)
    with pytest.raises(InputError) as err:
        workspace.open_episode(video, vad=False)
    assert err.value.code == "no_subtitles"
    shutil.copy2(DEMO / "demo.srt", tmp_path / "demo.srt")
    got = workspace.episode_lines(video)
    assert got.subtitles == tmp_path / "demo.srt" and len(got.lines) == 25
    opened = workspace.open_episode(video, vad=False)
    assert opened.reopened is None and opened.project.subtitles == str(tmp_path / "demo.srt")


def test_method_and_device_choices():
    from svsg_desktop.core.grouping.heads import METHODS

    assert workspace.METHOD_CHOICES == ("auto", *METHODS)
    assert workspace.method_arg("auto") is None and workspace.method_arg(None) is None
    assert workspace.method_arg("voice") == "voice"
    with pytest.raises(InputError):
        workspace.method_arg("kmeans")
    assert workspace.DEVICES == ("auto", "cpu", "cuda")


def test_label_job_needs_a_video(tmp_path):
    with pytest.raises(InputError) as err:
        workspace.label_job(Project())
    assert err.value.code == "no_video"


@settings(max_examples=40, deadline=None)
@given(stem=st.text(st.characters(codec="utf-8", exclude_characters='\\/:*?"<>|\x00.', exclude_categories=("Cs",)),
                    min_size=1, max_size=12).filter(lambda s: s.strip() == s and s),
       ext=st.sampled_from(workspace.VIDEO_EXTENSIONS))
def test_project_csv_of_any_video_is_never_taken_for_subtitles(tmp_path_factory, stem, ext):
    d = tmp_path_factory.mktemp("ep")
    video = d / (stem + ext)
    try:
        touch(d, video.name, stem + workspace.LEGACY_PROJECT_SUFFIX, video.name + workspace.PROJECT_SUFFIX)
        for p in d.iterdir():
            os.utime(p, ns=(1_700_000_000_000_000_000,) * 2)
    except OSError:
        return                                            # a name this file system refuses
    assert workspace.is_video(video)
    assert workspace.find_subtitles(video) is None
    assert workspace.saved_project(video) == d / (video.name + workspace.PROJECT_SUFFIX)


@pytest.fixture
def season_dirs(tmp_path, monkeypatch):
    """A season folder with two episodes and a special in a folder beside it; the data folder in tmp."""
    monkeypatch.setenv("SVSG_DATA_DIR", str(tmp_path / "data"))
    s1, sp = tmp_path / "Season1", tmp_path / "Specials"
    s1.mkdir()
    sp.mkdir()
    touch(s1, "ep01.mkv", "ep02.mkv")
    touch(sp, "sp01.mkv", "sp01.ass")
    return s1, sp


def test_an_episode_of_another_folder_added_to_a_season(season_dirs):
    from svsg_desktop.core import season_file

    s1, sp = season_dirs
    special = sp / "sp01.mkv"
    assert workspace.season_of(special) == sp                 # before: the season of its own folder
    assert workspace.add_to_season(s1, special) is True
    assert json.loads((s1 / season_file.SEASON_FILE).read_text(encoding="utf-8")) == \
        {"format": 1, "episodes": ["../Specials/sp01.mkv"]}   # relative to the season folder
    eps = workspace.season(s1)
    assert [e.video.name for e in eps] == ["ep01.mkv", "ep02.mkv", "sp01.mkv"]
    assert eps[2].video == special and eps[2].subtitles == sp / "sp01.ass" and not eps[2].missing
    assert workspace.season_of(special) == s1
    assert workspace.season_of(s1 / "ep01.mkv") == s1
    assert workspace.add_to_season(s1, sp / ".." / "Specials" / "sp01.mkv") is False   # the same file: once
    assert workspace.add_to_season(s1, s1 / "ep02.mkv") is False                       # its own episodes
    assert len(workspace.season(s1)) == 3
    assert json.loads((s1 / season_file.SEASON_FILE).read_text(encoding="utf-8"))["episodes"] == \
        ["../Specials/sp01.mkv"]


def test_the_season_moves_with_its_neighbours(season_dirs, tmp_path):
    s1, sp = season_dirs
    workspace.add_to_season(s1, sp / "sp01.mkv")
    moved = tmp_path / "moved"
    moved.mkdir()
    shutil.move(str(s1), moved / "Season1")
    shutil.move(str(sp), moved / "Specials")
    assert [e.video for e in workspace.season(moved / "Season1")][-1] == moved / "Specials" / "sp01.mkv"


def test_a_missing_or_duplicate_listed_episode(season_dirs):
    from svsg_desktop.core import season_file

    s1, sp = season_dirs
    (s1 / season_file.SEASON_FILE).write_text(json.dumps(
        {"format": 1, "episodes": ["../Specials/sp01.mkv", "ep01.mkv", "../Specials/./sp01.mkv",
                                   str(sp / "gone.mkv")]}), encoding="utf-8")
    eps = workspace.season(s1)
    assert [e.video.name for e in eps] == ["ep01.mkv", "ep02.mkv", "gone.mkv", "sp01.mkv"]
    gone = eps[2]
    assert gone.missing and gone.video == sp / "gone.mkv" and gone.project is None and gone.subtitles is None
    with pytest.raises(InputError):
        workspace.add_to_season(s1, sp / "nope.mkv")           # only a video file on disk is added
    with pytest.raises(InputError):
        workspace.add_to_season(sp / "sp01.ass", sp / "sp01.mkv")


@pytest.mark.parametrize("text", ["{not json", '{"format": 2, "episodes": []}', '["a.mkv"]',
                                  '{"format": 1, "episodes": "a.mkv"}', '{"format": 1, "episodes": [3]}'])
def test_a_damaged_season_file_is_reported_and_the_folder_still_opens(season_dirs, text):
    from svsg_desktop.core import season_file

    s1, sp = season_dirs
    bad = s1 / season_file.SEASON_FILE
    bad.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as err:
        season_file.read_listed(s1)
    assert err.value.code == "bad_season_file" and "season file" in str(err.value)
    problems: list = []
    assert [e.video.name for e in workspace.season(s1, problems)] == ["ep01.mkv", "ep02.mkv"]
    assert len(problems) == 1 and problems[0].code == "bad_season_file"
    with pytest.raises(InputError):
        workspace.add_to_season(s1, sp / "sp01.mkv")         # never overwrites what the user wrote
    assert bad.read_text(encoding="utf-8") == text
    assert workspace.season_of(sp / "sp01.mkv") == sp


def test_a_damaged_list_of_seasons_reads_as_empty(season_dirs, tmp_path):
    s1, sp = season_dirs
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "seasons.json").write_text("garbage", encoding="utf-8")
    assert workspace.season_of(sp / "sp01.mkv") == sp
    assert workspace.add_to_season(s1, sp / "sp01.mkv")
    assert workspace.season_of(sp / "sp01.mkv") == s1
