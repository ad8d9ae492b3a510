"""The clip dataset (``svsg clips`` and the app's Export ▸ Clip dataset): per-speaker folders of 16 kHz mono wav
clips plus a list file ``path|speaker|language|text`` (the layout GPT-SoVITS-style tools read), optionally the
midpoint frame of each. Every dialogue line with a speaker — its name, or its group's ``Speaker N`` — gets a clip.
Each file is written under a temporary name and renamed; ``list.txt`` is written last, so a cancelled or failed
export never leaves an index pointing at missing or half-written clips."""

from __future__ import annotations

import logging
import re
import threading
from pathlib import Path

import numpy as np

from ..errors import InputError
from .atomic import atomic_write_text
from ..media import FrameTarget, decode_audio, grab_frames
from ..progress import ProgressFn, check_cancel, no_progress
from ..project import Project

log = logging.getLogger(__name__)
_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f]+')


def safe_name(name: str) -> str:
    s = _UNSAFE.sub("_", name).strip(" .")
    return s or "_"


def guess_language(text: str) -> str:
    """EN / JA / ZH / KO from the script of the text (kana → JA before Han → ZH)."""
    if re.search(r"[\u3040-\u30ff]", text):
        return "JA"
    if re.search(r"[\uac00-\ud7af]", text):
        return "KO"
    if re.search(r"[\u4e00-\u9fff]", text):
        return "ZH"
    return "EN"


def clip_speaker(project: Project, line_id: str) -> str:
    """The speaker a clip is filed under: the line's speaker name, else its group's label, else ""."""
    name = project.speaker_of(line_id)
    if name:
        return name
    cluster = project.clusters.get(project.lines[line_id].cluster)
    return cluster.label() if cluster is not None else ""


def _write_wav(path: Path, clip: np.ndarray, sample_rate: int) -> None:
    import soundfile as sf

    tmp = path.with_name(path.name + ".part")
    sf.write(tmp, np.clip(clip, -1, 1), sample_rate, subtype="PCM_16", format="WAV")
    tmp.replace(path)


def export_clips(video: str | Path, project: Project, out_dir: str | Path, *, language: str | None = None,
                 frames: bool = False, min_seconds: float = 0.3, progress: ProgressFn = no_progress,
                 cancel: threading.Event | None = None) -> tuple[int, list[str]]:
    """Write the clips of every labeled or grouped dialogue line; returns ``(clips written, skipped reasons)``."""
    if not video:
        raise InputError("the project has no video to cut clips from", code="no_video")
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    progress(0.0, "decoding audio")
    track = decode_audio(video)
    todo = [ln for ln in project.ordered() if ln.is_dialogue and clip_speaker(project, ln.id)]
    rows, skipped, frame_for = [], [], []
    for n, ln in enumerate(todo):
        check_cancel(cancel)
        if n % 10 == 0:
            progress(0.1 + 0.7 * n / max(1, len(todo)), "writing clips")
        clip, why = track.clip(ln.start, ln.end)
        if clip is None or len(clip) < min_seconds * track.sample_rate:
            skipped.append(f"{ln.id}: {why or 'shorter than %.1f s' % min_seconds}")
            continue
        spk = clip_speaker(project, ln.id)
        folder = out / safe_name(spk)
        folder.mkdir(exist_ok=True)
        wav = folder / f"{ln.id}.wav"
        _write_wav(wav, clip, track.sample_rate)
        text = " ".join(ln.text.split()).replace("|", "/")
        lang = language or guess_language(ln.text)
        rows.append(f"{wav.relative_to(out).as_posix()}|{spk}|{lang}|{text}")
        frame_for.append(ln)
    if frames and frame_for:
        from PIL import Image

        progress(0.8, "frames")
        g = grab_frames(video, [FrameTarget((ln.start + ln.end) // 2, ln.start, ln.end) for ln in frame_for],
                        max_side=1280, cancel=cancel)
        for k, ln in enumerate(frame_for):
            if k in g.frames:
                Image.fromarray(g.frames[k]).save(out / safe_name(clip_speaker(project, ln.id)) / f"{ln.id}.jpg",
                                                  quality=90)
    atomic_write_text(out / "list.txt", "\n".join(rows) + ("\n" if rows else ""), encoding="utf-8")
    progress(1.0, "clips written")
    return len(rows), skipped
