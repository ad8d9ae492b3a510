"""Fixtures for the features tests: the real default models (exported once if missing) and small real media made
with espeak-ng + PyAV in a temporary folder (no downloads)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import numpy as np
import pytest

from svsg_desktop.core.models.registry import Registry


@pytest.fixture(scope="session")
def registry() -> Registry:
    from svsg_desktop.core.models.export import export_defaults

    reg = Registry()
    export_defaults(if_missing=True, registry=reg)
    return reg


def espeak(text: str, voice: str, out: Path, pitch: int = 50, speed: int = 160) -> np.ndarray:
    """16 kHz mono float32 speech from espeak-ng (resampled with PyAV's swresample)."""
    if shutil.which("espeak-ng") is None:
        pytest.skip("espeak-ng is not installed (apt-get install espeak-ng)")
    subprocess.run(["espeak-ng", "-v", voice, "-p", str(pitch), "-s", str(speed), "-w", str(out), text],
                   check=True, capture_output=True)
    from svsg_desktop.core.media.audio import decode_audio

    return decode_audio(out).samples


@pytest.fixture(scope="session")
def voices(tmp_path_factory) -> dict[str, list[np.ndarray]]:
    """Three synthetic speakers × three sentences."""
    d = tmp_path_factory.mktemp("voices")
    sents = ["The weather is lovely today and I want to go outside.",
             "Have you seen my keys anywhere in the kitchen?",
             "We should leave early tomorrow to catch the train."]
    spk = {"a": ("en-gb-scotland", 70), "b": ("en+f3", 50), "c": ("en-us+m7", 40)}
    return {name: [espeak(s, v, d / f"{name}{i}.wav", pitch=p) for i, s in enumerate(sents)]
            for name, (v, p) in spk.items()}


def write_video(path: Path, audio: np.ndarray | None, seconds: float, *, fps: int = 10, size=(320, 180),
                colour_at=None, gop: int = 25, faststart: bool = False, preset: str = "ultrafast",
                x264_params: str = "") -> Path:
    """An H.264 (+ AAC when ``audio`` is given) mp4 made with PyAV; ``colour_at(t)`` gives each frame's RGB.
    ``preset="ultrafast"``: no B-frames, no loop filter; e.g. ``"veryfast"`` with ``x264_params="bframes=3"``: a
    release-like stream with non-reference B-frames and the loop filter on."""
    import av

    w, h = size
    with av.open(str(path), "w", options={"movflags": "faststart"} if faststart else {}) as c:
        vs = c.add_stream("libx264", rate=fps)
        vs.width, vs.height, vs.pix_fmt = w, h, "yuv420p"
        vs.options = {"preset": preset, "g": str(gop), **({"x264-params": x264_params} if x264_params else {})}
        as_ = None
        if audio is not None:
            as_ = c.add_stream("aac", rate=16000)
            as_.layout = "mono"
        for k in range(int(seconds * fps)):
            img = np.zeros((h, w, 3), np.uint8)
            img[:] = colour_at(k / fps) if colour_at else (40, 80, 120)
            img[h // 3: 2 * h // 3, (k * 3) % (w - 40):(k * 3) % (w - 40) + 40] = (250, 250, 250)
            for p in vs.encode(av.VideoFrame.from_ndarray(img, format="rgb24")):
                c.mux(p)
        for p in vs.encode():
            c.mux(p)
        if as_ is not None:
            fr = as_.frame_size or 1024
            pcm = audio.astype(np.float32)
            for s in range(0, len(pcm), fr):
                f = av.AudioFrame.from_ndarray(pcm[None, s:s + fr], format="flt", layout="mono")
                f.sample_rate = 16000
                f.pts = s
                for p in as_.encode(f):
                    c.mux(p)
            for p in as_.encode():
                c.mux(p)
    return path


@pytest.fixture(scope="session")
def episode(tmp_path_factory, voices):
    """A 14 s episode: six lines by three speakers (1 s gaps), frames change colour per speaker."""
    d = tmp_path_factory.mktemp("episode")
    order = ["a", "b", "c", "a", "b", "c"]
    sr = 16000
    pcm, spans, t = [np.zeros(sr // 2, np.float32)], [], 0.5
    for k, who in enumerate(order):
        clip = voices[who][k // 3][: int(1.8 * sr)]
        spans.append((int(t * 1000), int((t + len(clip) / sr) * 1000), who))
        pcm += [clip, np.zeros(sr, np.float32)]
        t += len(clip) / sr + 1.0
    audio = np.concatenate(pcm)
    cols = {"a": (200, 60, 60), "b": (60, 200, 60), "c": (60, 60, 200)}

    def colour_at(tt):
        for a, b, who in spans:
            if a / 1000 - 0.5 <= tt <= b / 1000 + 0.5:
                return cols[who]
        return (128, 128, 128)

    video = write_video(d / "ep.mp4", audio, len(audio) / sr, colour_at=colour_at)
    from svsg_desktop.core.lines import Line

    lines = [Line(f"L{i + 1:05d}", a, b, f"line {i}", speaker=who) for i, (a, b, who) in enumerate(spans)]
    return video, lines, audio


@pytest.fixture(scope="session")
def make_video():
    return write_video
