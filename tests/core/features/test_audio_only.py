"""An audio-only file (no video stream): voice features for every line, image marked invalid with a reason."""

import av
import numpy as np

from svsg_desktop.core.features import extract_features
from svsg_desktop.core.lines import Line


def _audio_only(path, seconds=6, rate=16000):
    sig = (np.random.default_rng(0).standard_normal(rate * seconds) * 0.1).astype(np.float32)
    with av.open(str(path), "w") as c:
        s = c.add_stream("aac", rate=rate)
        s.layout = "mono"
        for k in range(0, len(sig), 1024):
            fr = av.AudioFrame.from_ndarray(sig[None, k:k + 1024], format="fltp", layout="mono")
            fr.sample_rate = rate
            for p in s.encode(fr):
                c.mux(p)
        for p in s.encode(None):
            c.mux(p)
    return path


def test_audio_only_file_gives_voice_and_marks_image(tmp_path):
    media = _audio_only(tmp_path / "call.m4a")
    lines = [Line(f"L{i}", i * 1000, i * 1000 + 900, "x") for i in range(5)]
    fs = extract_features(media, lines, cache_dir=tmp_path / "cache")
    assert fs.valid_voice.all()
    assert not fs.valid_image.any()
    assert all("no video stream" in fs.problems[ln.id] for ln in lines)
    assert np.allclose(np.linalg.norm(fs.voice, axis=1), 1.0, atol=1e-4)
