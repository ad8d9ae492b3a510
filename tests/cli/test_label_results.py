"""``svsg label`` says what happened instead of a silent empty result: no audio, every cue after the end of the
video, an absurd number of cues for the media length, an empty or cut-short media file."""

from __future__ import annotations

import logging
import shutil

import pytest

from svsg_desktop.cli import main

LATE = "1\n99:00:00,000 --> 99:00:01,000\nlate\n\n2\n99:00:02,000 --> 99:00:03,000\nlater\n"


@pytest.fixture
def demo(tmp_path, repo_root):
    for name in ("demo.mp4", "demo.srt"):
        shutil.copy2(repo_root / "resources" / "demo" / name, tmp_path / name)
    return tmp_path / "demo.mp4", tmp_path / "demo.srt"


def video_only(src, dst):
    """A copy of ``src`` without its audio stream (remuxed with PyAV, no re-encoding)."""
    import av

    with av.open(str(src)) as inp, av.open(str(dst), "w") as out:
        stream = out.add_stream_from_template(inp.streams.video[0])
        for pkt in inp.demux(inp.streams.video[0]):
            if pkt.dts is not None:
                pkt.stream = stream
                out.mux(pkt)
    return dst


def test_a_video_without_audio_is_an_error_not_zero_groups(demo, capsys):
    video, subs = demo
    silent = video_only(video, video.with_name("silent.mp4"))
    out = video.with_name("p.csv")
    assert main(["label", str(silent), "--subs", str(subs), "--out", str(out), "-q"]) == 1
    err = capsys.readouterr().err
    assert "no audio" in err
    assert not out.exists()


def test_every_cue_after_the_end_of_the_video_is_an_error(demo, capsys):
    video, _ = demo
    late = video.with_name("late.srt")
    late.write_text(LATE, encoding="utf-8")
    out = video.with_name("p.csv")
    assert main(["label", str(video), "--subs", str(late), "--out", str(out), "-q"]) == 1
    err = capsys.readouterr().err
    assert "all 2 dialogue line(s) start after the video ends at 0:01:30" in err and "wrong" in err
    assert not out.exists()


def test_an_absurd_number_of_cues_for_the_media_length_is_warned_before_the_slow_part(demo, capsys, caplog,
                                                                                      monkeypatch):
    import svsg_desktop.core.features as features

    video, _ = demo
    many = video.with_name("many.srt")
    many.write_text("".join(f"{i + 1}\n00:00:{i // 25 % 60:02d},{i % 25 * 40:03d} --> 00:00:{i // 25 % 60:02d},"
                            f"{i % 25 * 40 + 30:03d}\nline {i}\n\n" for i in range(2000)), encoding="utf-8")

    def stop(*a, **k):
        raise KeyboardInterrupt("stopped before feature extraction")
    monkeypatch.setattr(features, "extract_features", stop)
    with caplog.at_level(logging.WARNING), pytest.raises(KeyboardInterrupt):
        main(["label", str(video), "--subs", str(many), "--out", str(video.with_name("p.csv")), "-q"])
    assert "2000 dialogue lines for 0:01:30.005 of media" in caplog.text and "wrong subtitle file" in caplog.text


@pytest.mark.parametrize("kind", ["empty", "cut"])
def test_an_empty_or_cut_media_file_gets_a_clear_message(demo, capsys, kind):
    video, subs = demo
    bad = video.with_name(f"{kind}.mp4")
    bad.write_bytes(b"" if kind == "empty" else video.read_bytes()[:200_000])
    assert main(["label", str(bad), "--subs", str(subs), "--out", str(video.with_name("p.csv")), "-q"]) == 1
    err = capsys.readouterr().err
    assert "Errno" not in err and "Invalid data" not in err
    assert ("empty (0 bytes)" if kind == "empty" else "damaged or cut short") in err
    assert bad.name in err
