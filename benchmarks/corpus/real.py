"""Real recorded speech from Debian packages, fetched with ``apt-get download`` and unpacked with ``dpkg -x`` into
the cache (no root needed, nothing installed):

- ``dutch``     Fish Fillets NG's Dutch voice acting (``fillets-ng-data-nl``; speaker = the dialogue's font, text =
  ``dialogStr`` in ``fillets-ng-data``'s ``script/<level>/dialogs_nl.lua``): two main voices, ~760 lines each;
- ``hedgewars`` the ``hedgewars-data`` voice packs: 15 character voices, ~40–67 short exclamations each;
- ``pyannote``  pyannote-audio's ``sample.wav`` (a real 30 s two-speaker phone call, 13 transcribed lines in
  ``sample.stm``), taken from the PyPI wheel with ``pip download``: one episode, test only.

Episodes are lines of these recordings placed one after the other with gaps (see :mod:`.episode`)."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import zipfile
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from .cast import speaker_sequence, zipf_counts
from svsg_desktop.core.demo.files import TruthLine

from .episode import Layout, Utterance, build_episode, write_files
from .voices import read_audio

PACKAGES = {"dutch": ("fillets-ng-data-nl", "fillets-ng-data"), "hedgewars": ("hedgewars-data",)}
PYANNOTE_WHEEL = "pyannote-audio==4.0.7"
PYANNOTE_SAMPLE = "pyannote/audio/sample/"
FILLETS = "usr/share/games/fillets-ng"
HEDGEWARS_VOICES = "usr/share/games/hedgewars/Data/Sounds/voices"
FONT_SPEAKER = {"font_small": "small fish", "font_big": "big fish"}
_DIALOG = re.compile(r'dialogId\(\s*"([^"]+)"\s*,\s*"([^"]+)"\s*,\s*"((?:[^"\\]|\\.)*)"\s*\)\s*'
                     r'(?:dialogStr\(\s*"((?:[^"\\]|\\.)*)"\s*\))?')


def fetch(packages: tuple[str, ...], root: Path) -> Path:
    """``apt-get download`` + ``dpkg -x`` each package into ``root/_pkgs/<package>`` (skipped when present)."""
    debs, pkgs = root / "_debs", root / "_pkgs"
    debs.mkdir(parents=True, exist_ok=True)
    pkgs.mkdir(parents=True, exist_ok=True)   # dpkg -x creates the last folder only
    for p in packages:
        if (pkgs / p).is_dir():
            continue
        if not list(debs.glob(f"{p}_*.deb")):
            subprocess.run(["apt-get", "download", p], cwd=debs, check=True)
        deb = sorted(debs.glob(f"{p}_*.deb"))[-1]
        part = pkgs / f"{p}.part"   # a cut extraction is never taken for a finished one
        shutil.rmtree(part, ignore_errors=True)
        subprocess.run(["dpkg", "-x", str(deb), str(part)], check=True)
        part.rename(pkgs / p)
    return pkgs


@dataclass(frozen=True)
class Clip:
    speaker: str
    text: str
    path: Path
    group: str = ""          # level / pack: episodes take whole groups


def parse_dialogs(text: str) -> list[tuple[str, str, str]]:
    """(dialogue id, font, Dutch text — the English when there is no ``dialogStr``) per ``dialogId`` of a
    ``dialogs_nl.lua``."""
    out = []
    for m in _DIALOG.finditer(text):
        did, font, english, local = m.groups()
        out.append((did, font, (local if local is not None else english).replace('\\"', '"')))
    return out


def fillets_clips(pkgs: Path) -> list[Clip]:
    """Every Dutch line with a recording and a known speaker, in level order then script order."""
    script = pkgs / "fillets-ng-data" / FILLETS / "script"
    sounds = pkgs / "fillets-ng-data-nl" / FILLETS / "sound"
    out = []
    for lua in sorted(script.glob("*/dialogs_nl.lua")):
        level = lua.parent.name
        for did, font, text in parse_dialogs(lua.read_text(encoding="utf-8", errors="replace")):
            ogg = sounds / level / "nl" / f"{did}.ogg"
            if font in FONT_SPEAKER and ogg.is_file():
                out.append(Clip(FONT_SPEAKER[font], text, ogg, level))
    return out


def hedgewars_clips(pkgs: Path) -> dict[str, list[Clip]]:
    root = pkgs / "hedgewars-data" / HEDGEWARS_VOICES
    return {d.name: [Clip(d.name, p.stem, p, d.name) for p in sorted(d.glob("*.ogg"))]
            for d in sorted(root.iterdir()) if d.is_dir()}


def dutch_episodes(clips: list[Clip], sizes: list[int]) -> list[list[Clip]]:
    """Consecutive whole levels until each episode has at least its size in lines (levels are never split, so
    no level is in two episodes)."""
    levels: dict[str, list[Clip]] = {}
    for c in clips:
        levels.setdefault(c.group, []).append(c)
    out, cur, k = [], [], 0
    for lv in levels.values():
        if k >= len(sizes):
            break
        cur += lv
        if len(cur) >= sizes[k]:
            out.append(cur)
            cur, k = [], k + 1
    return out


def hedgewars_episode(rng: np.random.Generator, packs: dict[str, list[Clip]], n_speakers: int,
                      n_lines: int, n_minor: int) -> list[Clip]:
    """Lines of ``n_speakers`` randomly chosen packs with Zipf line counts (capped by the pack's size)."""
    names = [str(n) for n in rng.choice(sorted(packs), size=n_speakers, replace=False)]
    counts = zipf_counts(rng, n_speakers, n_lines, n_minor, exponent=0.7, min_main=8)
    counts = [min(c, len(packs[n])) for c, n in zip(counts, names)]
    chosen = {n: [packs[n][int(i)] for i in rng.permutation(len(packs[n]))[:c]] for n, c in zip(names, counts)}
    return [chosen[names[s]].pop() for s in speaker_sequence(rng, counts)]


def write_clips(folder: Path, clips: list[Clip], seed: int, meta: dict) -> None:
    rng = np.random.default_rng(seed)
    utts = [Utterance(c.speaker, c.text, read_audio(c.path), lang=meta.get("lang", "en")) for c in clips]
    noise = 10 ** (-60 / 20)

    def mix(track, spans):
        track += (noise * rng.standard_normal(len(track))).astype(np.float32)
        return track
    build_episode(folder, utts, rng, Layout(gap_s=(0.3, 1.2)), mix=mix,
                  meta={**meta, "seed": seed, "sources": sorted({c.group for c in clips})})


def make_domain(domain: str, root: Path, out: Path, quick: bool = False) -> list[Path]:
    """Build every episode of a real-speech domain under ``out``; returns the episode folders."""
    if domain == "pyannote":
        return [pyannote_episode(root, out / "sample")]
    pkgs = fetch(PACKAGES[domain], root)
    folders = []
    if domain == "dutch":
        sizes = [40, 40] if quick else [110, 110, 110, 110, 110, 110, 330]
        for k, eps in enumerate(dutch_episodes(fillets_clips(pkgs), sizes)):
            f = out / f"dutch{k + 1}"
            write_clips(f, eps, 600 + k, {"domain": domain, "lang": "nl"})
            folders.append(f)
        return folders
    packs = hedgewars_clips(pkgs)
    shape = [(3, 40, 0), (4, 50, 1)] if quick else [(4, 60, 0), (5, 70, 1), (6, 80, 1), (8, 100, 2), (5, 60, 1),
                                                     (7, 90, 2), (10, 140, 3)]
    for k, (n_spk, n_lines, n_minor) in enumerate(shape):
        rng = np.random.default_rng(700 + k)
        f = out / f"hedgewars{k + 1}"
        write_clips(f, hedgewars_episode(rng, packs, n_spk, n_lines, n_minor), 700 + k, {"domain": domain})
        folders.append(f)
    return folders


def parse_stm(text: str) -> list[tuple[str, float, float, str]]:
    """(speaker, start s, end s, text) per line of an STM transcript (``file channel speaker start end text``)."""
    out = []
    for row in text.splitlines():
        parts = row.split(maxsplit=5)
        if len(parts) >= 5 and not row.startswith(";;"):
            out.append((parts[2], float(parts[3]), float(parts[4]), parts[5] if len(parts) > 5 else ""))
    return out


def pyannote_episode(root: Path, folder: Path) -> Path:
    """The pyannote sample as one episode: the recording as is, one cue per STM line (speaker = STM name)."""
    wheels = root / "_pypi"
    if not list(wheels.glob("pyannote_audio-*.whl")):
        subprocess.run([sys.executable, "-m", "pip", "download", PYANNOTE_WHEEL, "--no-deps", "-d", str(wheels)],
                       check=True)
    with zipfile.ZipFile(sorted(wheels.glob("pyannote_audio-*.whl"))[-1]) as z:
        stm = z.read(PYANNOTE_SAMPLE + "sample.stm").decode("utf-8")
        wav = wheels / "sample.wav"
        wav.write_bytes(z.read(PYANNOTE_SAMPLE + "sample.wav"))
    import soundfile as sf

    from .voices import to_rate
    x, sr = sf.read(wav, dtype="float32", always_2d=True)
    lines = [TruthLine(start=int(round(a * 100)) * 10, end=int(round(b * 100)) * 10, speaker=spk, text=text,
                       location="", visible=(), lang="en", music=False, speech_start=int(a * 1000),
                       speech_end=int(b * 1000)) for spk, a, b, text in parse_stm(stm)]
    write_files(folder, to_rate(x.mean(axis=1), sr), lines, {"domain": "pyannote", "source": PYANNOTE_WHEEL})
    return folder
