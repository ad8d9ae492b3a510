"""Synthetic domains: the same episode recipe with different voices, casts and sound.

- ``espeak``   espeak-ng variants, mixed genders, 4–6 characters, clean sound (closest to the demo generator);
- ``festival`` Festival voices, each used by several characters told apart by sox pitch/formant/EQ colouring;
- ``colour``   one gender's espeak variants made distinct only by sox colouring (pitch, formant, EQ);
- ``cast``     2–12 characters with Zipf line counts and minor characters of 1–5 lines, 3- to 25-minute episodes;
- ``sound``    room reverb per scene, music beds and crowd babble at 0–20 dB SNR, a telephone character,
  subtitle jitter up to ±0.3 s and two-speaker cues.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np

from svsg_desktop.core.demo import corpus as texts
from svsg_desktop.core.demo.script import make_cast

from . import sound
from .cast import scenes, speaker_sequence, zipf_counts
from .episode import RATE, Layout, Utterance, build_episode
from .voices import Voice, festival_voices, formant, speak

LINES_PER_MINUTE = 22     # espeak/Festival lines are short: ~22 lines with gaps fill a minute
SHORT_SHARE = 0.3


@dataclass(frozen=True)
class Spec:
    """One episode of a synthetic domain."""

    name: str
    seed: int
    minutes: float
    speakers: int
    minor: int = 0


def _colour(rng: np.random.Generator, k: int, strength: float) -> tuple[str, ...]:
    """Distinct sox colouring for the ``k``-th character: a pitch step, a formant ratio and one EQ bump."""
    cents = [0, 300, -300, 550, -550, 150, -150, 420, -420, 700, -700, 220][k % 12] * strength
    ratio = 1.0 + [0.0, 0.07, -0.07, 0.12, -0.1, -0.04, 0.04, 0.1, -0.12, 0.02, -0.02, 0.15][k % 12] * strength
    eq = ("equalizer", str(int(rng.choice((400, 900, 1800, 3000)))), "1q", f"{rng.uniform(-6, 6) * strength:.1f}")
    fx: tuple[str, ...] = formant(ratio) if abs(ratio - 1) > 1e-3 else ()
    if abs(cents) > 1:
        fx += ("pitch", f"{cents:.0f}")
    return fx + eq


def voices_for(domain: str, rng: np.random.Generator, n: int) -> list[Voice]:
    """The cast's voices in ``domain``."""
    fest = festival_voices()
    if domain == "festival" and not fest:
        raise RuntimeError("the festival domain needs Festival: apt-get install festival festvox-kallpc16k "
                           "festvox-kdlpc16k festvox-us-slt-hts")
    if domain == "festival":
        return [Voice("festival", fest[k % len(fest)], colour=_colour(rng, k // len(fest) * 3 + k, 1.0))
                for k in range(n)]
    hard = domain == "colour"
    chars = make_cast(rng, n, "hard" if hard else "normal")
    out = [Voice("espeak", c.variant, c.pitch, c.speed) for c in chars]
    if hard:
        out = [replace(v, pitch=50, colour=_colour(rng, k, 0.8)) for k, v in enumerate(out)]
    elif domain in ("cast", "sound") and fest:    # a mixed cast: every third character a Festival voice
        out = [Voice("festival", fest[k % len(fest)], colour=_colour(rng, k, 0.7)) if k % 3 == 2 else v
               for k, v in enumerate(out)]
    return out


def _utterances(rng: np.random.Generator, voices: list[Voice], names: list[str], seq: list[int]) -> list[Utterance]:
    deck = texts.TextDeck(rng)
    return [Utterance(names[s], text, speak(voices[s], text, rng, jitter=4))
            for s in seq for text in [deck.pick("en", bool(rng.random() < SHORT_SHARE))]]


def _names(n: int) -> list[str]:
    return [texts.NAMES[k] if k < len(texts.NAMES) else f"Extra{k}" for k in range(n)]


def make_episode(domain: str, spec: Spec, folder: Path) -> None:
    rng = np.random.default_rng(spec.seed)
    n_lines = max(spec.speakers * 6 + spec.minor * 5, int(round(spec.minutes * LINES_PER_MINUTE)))
    counts = zipf_counts(rng, spec.speakers, n_lines, spec.minor, exponent=1.0 if domain == "cast" else 0.5)
    seq = speaker_sequence(rng, counts)
    names = _names(spec.speakers)
    voices = voices_for(domain, rng, spec.speakers)
    utts = _utterances(rng, voices, names, seq)
    meta = {"domain": domain, "seed": spec.seed, "voices": [v.__dict__ for v in voices]}
    if domain != "sound":
        build_episode(folder, utts, rng, Layout(), mix=_quiet_noise(rng), meta=meta)
        return
    utts, mix, cond = _sound_conditions(rng, utts, voices)
    build_episode(folder, utts, rng, Layout(jitter_s=0.3, two_speaker_share=0.08), mix=mix,
                  meta={**meta, "conditions": cond})


def _quiet_noise(rng: np.random.Generator):
    def mix(track: np.ndarray, spans) -> np.ndarray:
        track += (10 ** (-60 / 20) * rng.standard_normal(len(track))).astype(np.float32)
        return track
    return mix


def _sound_conditions(rng: np.random.Generator, utts: list[Utterance], voices: list[Voice]):
    """Per scene: a room (dry or RT60 0.3–0.9 s), a bed (none, music or babble at 0–20 dB SNR); one scene is a
    phone call (one participant through the telephone band)."""
    parts = scenes(len(utts), rng)
    phone_scene = int(rng.integers(len(parts)))
    babble_clips = [speak(Voice("espeak", str(rng.choice(("m1", "f2", "m4", "f4", "m7"))),
                                int(rng.integers(20, 80)), 170), t) for t in texts.ENGLISH[:12]]
    out, cond, beds = list(utts), [], []
    for k, sc in enumerate(parts):
        rt60 = 0.0 if rng.random() < 0.3 else float(rng.uniform(0.3, 0.9))
        ir = sound.room_ir(rng, rt60) if rt60 > 0 else None
        caller = out[sc.start].speaker if k == phone_scene else None
        for i in sc:
            x = out[i].audio
            x = sound.telephone(x) if out[i].speaker == caller else x
            x = sound.reverb(x, ir) if ir is not None else x
            out[i] = replace(out[i], audio=x)
        kind = str(rng.choice(("none", "music", "babble"), p=(0.3, 0.4, 0.3)))
        snr = float(rng.uniform(0, 20))
        beds.append((sc, kind, snr))
        cond.append({"lines": [sc.start, sc.stop], "rt60": round(rt60, 2), "bed": kind, "snr_db": round(snr, 1),
                     "phone": caller or ""})

    def mix(track: np.ndarray, spans) -> np.ndarray:
        for sc, kind, snr in beds:
            if kind == "none":
                continue
            a = max(0, int((spans[sc.start][0] - 0.5) * RATE))
            b = min(len(track), int((spans[sc.stop - 1][1] + 0.5) * RATE))
            bed = sound.music_bed(rng, b - a) if kind == "music" else sound.babble(rng, babble_clips, b - a)
            sound.add_bed(track, bed, a, snr)
        return track
    return out, mix, cond


DOMAINS = ("espeak", "festival", "colour", "cast", "sound")


def specs(domain: str, quick: bool = False) -> list[Spec]:
    """The episodes of ``domain`` (``quick``: two short ones)."""
    base = {"espeak": 100, "festival": 200, "colour": 300, "cast": 400, "sound": 500}[domain]
    if quick:
        return [Spec(f"{domain}{k}", base + k, 2.0, 3) for k in (1, 2)]
    if domain == "cast":
        shape = [(3, 2, 0), (6, 4, 1), (10, 8, 3), (4, 3, 1), (8, 6, 2), (14, 10, 4), (25, 12, 5)]
        return [Spec(f"cast{k + 1}", base + k + 1, m, s, mi) for k, (m, s, mi) in enumerate(shape)]
    return [Spec(f"{domain}{k + 1}", base + k + 1, m, s)
            for k, (m, s) in enumerate([(3, 4), (4, 5), (5, 6), (3, 5), (4, 4), (6, 6), (9, 5)])]
