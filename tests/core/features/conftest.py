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
