"""svsg extract / batch / clips on small real media."""

from __future__ import annotations

import shutil

import numpy as np
import pysrt
import soundfile as sf

from svsg_desktop.cli import main
from svsg_desktop.core.features import FeatureSet


def write_srt(lines, path):
    subs = pysrt.SubRipFile()
    for i, ln in enumerate(lines, 1):
        subs.append(pysrt.SubRipItem(i, start=pysrt.SubRipTime(milliseconds=ln.start),
                                     end=pysrt.SubRipTime(milliseconds=ln.end), text=ln.text))
    subs.save(str(path), encoding="utf-8")
    return path


def test_extract_cli(episode, registry, tmp_path, capsys):
    video, lines, _ = episode
    srt = write_srt(lines, tmp_path / "ep.srt")
    out = tmp_path / "f.npz"
    assert main(["extract", str(video), "--subs", str(srt), "--out", str(out), "--cache", str(tmp_path / "c"),
                 "-q"]) == 0
    fs = FeatureSet.load(out)
    assert len(fs) == len(lines) and fs.valid_voice.all()
    assert "CPUExecutionProvider" in capsys.readouterr().out
    # without subtitles: lines from voice activity
    out2 = tmp_path / "vad.npz"
    assert main(["extract", str(video), "--out", str(out2), "--no-cache", "-q"]) == 0
    assert abs(len(FeatureSet.load(out2)) - len(lines)) <= 3


def test_batch_pairs_resumes_and_survives_a_broken_episode(episode, registry, tmp_path, capsys):
    video, lines, _ = episode
    season = tmp_path / "season"
    season.mkdir()
    for name in ("ep01", "ep02"):
        shutil.copy(video, season / f"{name}.mp4")
    write_srt(lines, season / "ep01.srt")
    write_srt(lines[:3], season / "ep02.zh.srt")
    (season / "ep03.mp4").write_bytes(b"\x00garbage" * 500)
    cache = str(tmp_path / "cache")
    assert main(["batch", str(season), "--cache", cache, "-q"]) == 1     # ep03 failed, reported
    out = capsys.readouterr()
    assert "ep03.mp4" in out.err and "done 2, already done 0, failed 1 of 3" in out.out
    assert len(FeatureSet.load(season / "features" / "ep01.npz")) == len(lines)
    assert len(FeatureSet.load(season / "features" / "ep02.npz")) == 3
    (season / "ep03.mp4").unlink()
    assert main(["batch", str(season), "--cache", cache, "-q"]) == 0
    assert "done 0, already done 2, failed 0 of 2" in capsys.readouterr().out


def test_clips_dataset(episode, tmp_path, capsys):
    video, lines, _ = episode
    csv = tmp_path / "labeled.csv"
    rows = ["start,end,speaker,text"] + [f"0:00:{ln.start / 1000:06.3f},0:00:{ln.end / 1000:06.3f},{ln.speaker},"
                                         f"{'こんにちは' if i == 0 else 'hello there'}" for i, ln in
                                         enumerate(lines)]
    csv.write_text("\n".join(rows) + "\n", encoding="utf-8")
    out = tmp_path / "clips"
    assert main(["clips", str(csv), "--video", str(video), "--out", str(out), "--frames", "-q"]) == 0
    listing = (out / "list.txt").read_text(encoding="utf-8").splitlines()
    assert len(listing) == len(lines)
    path, spk, lang, text = listing[0].split("|")
    assert spk == lines[0].speaker and lang == "JA" and text == "こんにちは"
    data, sr = sf.read(out / path)
    assert sr == 16000 and data.ndim == 1
    assert abs(len(data) / sr - lines[0].duration / 1000) < 0.05
    assert sorted(p.name for p in out.iterdir() if p.is_dir()) == ["a", "b", "c"]
    assert len(list(out.glob("*/*.jpg"))) == len(lines)
    assert np.abs(data).max() > 0.05


def test_extract_clips_and_batch_refuse_damaged_media_in_plain_words(episode, tmp_path, capsys):
    """FFmpeg's own text ("[Errno 1094995529] Invalid data found…") goes to the log, the user reads plain words
    naming the file — as `svsg label` and `svsg import` already did."""
    video, lines, _ = episode
    empty, cut = tmp_path / "empty.mp4", tmp_path / "cut.mp4"
    empty.write_bytes(b"")
    cut.write_bytes(b"\x00garbage" * 500)
    srt = write_srt(lines, tmp_path / "ep.srt")
    csv = tmp_path / "labeled.csv"
    csv.write_text("start,end,speaker,text\n0:00:01.000,0:00:02.000,a,hello\n", encoding="utf-8")
    for bad, words in ((empty, "empty (0 bytes)"), (cut, "damaged or cut short")):
        assert main(["extract", str(bad), "--subs", str(srt), "--no-cache", "-q"]) == 1
        err = capsys.readouterr().err
        assert words in err and bad.name in err and "Errno" not in err and "Invalid data" not in err
        assert main(["clips", str(csv), "--video", str(bad), "--out", str(tmp_path / "clips"), "-q"]) == 1
        err = capsys.readouterr().err
        assert words in err and bad.name in err and "Errno" not in err
    season = tmp_path / "season"
    season.mkdir()
    shutil.copy(cut, season / "ep03.mp4")
    assert main(["batch", str(season), "--cache", str(tmp_path / "c"), "-q"]) == 1
    err = capsys.readouterr().err
    assert "damaged or cut short" in err and "Errno" not in err
