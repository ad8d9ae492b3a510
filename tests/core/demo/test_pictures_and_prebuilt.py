"""Characters look different from each other; the prebuilt demo in resources/demo is complete and consistent; the
CLI writes an episode."""

from __future__ import annotations

import itertools

import av
import numpy as np
import pysubs2

from svsg_desktop.cli import main
from svsg_desktop.core.demo import demo_episode_path, demo_files, draw, read_truth_csv
from svsg_desktop.core.demo.prebuilt import PREBUILT
from svsg_desktop.core.demo.script import make_cast

from .conftest import needs_espeak


def colour_histogram(pixels: np.ndarray, bins: int = 4) -> np.ndarray:
    q = (pixels.astype(int) * bins // 256)
    idx = q[:, 0] * bins * bins + q[:, 1] * bins + q[:, 2]
    h = np.bincount(idx, minlength=bins ** 3).astype(float)
    return h / max(1.0, h.sum())


def test_characters_have_distinct_pixel_statistics():
    cast = make_cast(np.random.default_rng(3), 8, "hard")
    bg = draw.background(draw.LOCATIONS[0], 320, 180)
    hists = []
    for i in range(len(cast)):
        img = draw.render_shot(bg, cast, (i,), [(160.0, 1.0, 0.0)], None, False)
        changed = np.any(img != bg, axis=2)
        assert changed.mean() > 0.05, "character not drawn"
        hists.append(colour_histogram(img[changed]))
    for a, b in itertools.combinations(range(len(cast)), 2):
        assert np.abs(hists[a] - hists[b]).sum() > 0.3, (cast[a].name, cast[b].name)


def test_same_character_looks_alike_across_locations_in_the_prebuilt_video():
    """Decoded frames: a character's own shots are closer (colour histogram of the centre, background removed)
    to each other than to other characters' shots."""
    files = demo_files()
    truth = read_truth_csv(files.truth_csv)
    wanted = {}
    for t in truth:
        if len(t.visible) == 1:
            wanted.setdefault(int((t.speech_start + t.speech_end) / 2 * PREBUILT["fps"] / 1000), t)
    shots: dict[str, list[np.ndarray]] = {}
    bgs = {loc.name: draw.background(loc, PREBUILT["width"], PREBUILT["height"]) for loc in draw.LOCATIONS}
    with av.open(str(files.video)) as c:
        for k, frame in enumerate(c.decode(video=0)):
            if k in wanted:
                t = wanted[k]
                img = frame.to_ndarray(format="rgb24")
                fg = np.abs(img.astype(int) - bgs[t.location].astype(int)).sum(axis=2) > 60
                shots.setdefault(t.visible[0], []).append(colour_histogram(img[fg]))
    assert len(shots) >= 3
    same, diff = [], []
    names = sorted(shots)
    for a, b in itertools.combinations_with_replacement(names, 2):
        for i, ha in enumerate(shots[a]):
            for j, hb in enumerate(shots[b]):
                if a == b and j <= i:
                    continue
                (same if a == b else diff).append(np.abs(ha - hb).sum())
    assert same and diff
    assert np.median(same) < 0.5 * np.median(diff)


def test_prebuilt_demo_is_complete():
    files = demo_files()
    assert demo_episode_path() == files.video
    truth = read_truth_csv(files.truth_csv)
    assert len(pysubs2.load(str(files.srt))) == len(pysubs2.load(str(files.ass))) == len(truth)
    assert len({t.speaker for t in truth if t.speaker}) == PREBUILT["n_speakers"]
    assert files.video.stat().st_size < 5_000_000
    with av.open(str(files.video)) as c:
        assert c.streams.video[0].codec_context.name == "h264"
        assert c.streams.audio[0].codec_context.name == "aac"
        assert abs(c.duration / 1e6 - PREBUILT["minutes"] * 60) < 0.2
    assert truth[-1].end <= PREBUILT["minutes"] * 60_000
    readme = files.readme.read_text(encoding="utf-8")
    assert "svsg demo make resources/demo --prebuilt" in readme


@needs_espeak
def test_cli_make_writes_an_episode(tmp_path, capsys):
    rc = main(["demo", "make", str(tmp_path / "ep"), "--minutes", "0.4", "--lines", "5", "--seed", "4",
               "--speakers", "3", "--width", "320", "--height", "180", "--difficulty", "hard", "-q"])
    out = capsys.readouterr().out
    assert rc == 0
    for name in ("episode.mp4", "episode.srt", "episode.ass", "episode_truth.csv"):
        assert (tmp_path / "ep" / name).is_file()
        assert name in out
    assert len(read_truth_csv(tmp_path / "ep" / "episode_truth.csv")) == 6


def test_cli_reports_bad_settings(tmp_path, capsys):
    rc = main(["demo", "make", str(tmp_path), "--width", "641"])
    assert rc == 1 and "even" in capsys.readouterr().err
