"""The script of a demo episode: the cast (voices and looks), the scenes (location + participants) and, per line,
who speaks, in which language, what is on screen, and whether music plays under it. Everything here is drawn from
one ``numpy.random.Generator``: the same seed gives the same script."""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np

from . import corpus
from .errors import DemoSettingsError

VARIANTS_MALE = ("m1", "m2", "m3", "m4", "m5", "m6", "m7")
VARIANTS_FEMALE = ("f1", "f2", "f3", "f4", "f5")

# Per difficulty: pitch range of the cast, per-line jitter (pitch, speed), short-line ratio, music level
# (dB relative to speech), noise level (dBFS), share of lines with music under them, share of zh / ja lines.
DIFFICULTY = {
    "easy": dict(pitch=(15, 85), speed=(130, 200), jitter_p=3, jitter_s=5, short=0.25, music_db=-30.0,
                 noise_db=-62.0, music_share=0.15, zh=0.06, ja=0.04, same_gender=False),
    "normal": dict(pitch=(25, 75), speed=(140, 190), jitter_p=6, jitter_s=10, short=0.30, music_db=-21.0,
                   noise_db=-52.0, music_share=0.20, zh=0.07, ja=0.05, same_gender=False),
    "hard": dict(pitch=(38, 62), speed=(150, 180), jitter_p=9, jitter_s=15, short=0.36, music_db=-14.0,
                 noise_db=-44.0, music_share=0.25, zh=0.08, ja=0.06, same_gender=True),
}

HAIR_COLOURS = ((30, 25, 25), (235, 200, 70), (200, 60, 40), (60, 90, 200), (240, 240, 240), (150, 80, 200),
                (110, 70, 35), (40, 160, 90), (250, 130, 180), (90, 90, 95), (255, 140, 20), (20, 200, 220))
HAIR_STYLES = ("short", "long", "spiky", "bun", "bob", "mohawk")
EYE_COLOURS = ((40, 110, 220), (40, 150, 60), (120, 70, 30), (200, 40, 60), (140, 60, 200), (20, 20, 20),
               (230, 170, 20), (20, 170, 170))
SKIN = ((250, 220, 190), (235, 190, 150), (200, 150, 110), (150, 100, 70), (255, 235, 215), (225, 180, 140))
FACES = ("round", "oval", "wide", "long")
BODIES = ("slim", "broad", "dress", "stocky")
CLOTHES = ((210, 40, 40), (40, 80, 200), (240, 200, 30), (40, 160, 60), (140, 40, 160), (250, 120, 20),
           (30, 30, 30), (230, 230, 235), (20, 170, 170), (240, 110, 160), (120, 80, 50), (100, 110, 120))
PATTERNS = ("plain", "stripes", "dots")


@dataclass(frozen=True)
class Character:
    name: str
    variant: str          # espeak-ng voice variant, e.g. "m3"
    pitch: int            # espeak-ng -p (0..99)
    speed: int            # espeak-ng -s (words per minute)
    hair_colour: tuple[int, int, int]
    hair_style: str
    eye_colour: tuple[int, int, int]
    skin: tuple[int, int, int]
    face: str
    body: str
    clothes: tuple[int, int, int]
    pattern: str
    height: float         # relative body height (0.9..1.1)
    glasses: bool


@dataclass(frozen=True)
class PlannedLine:
    """One dialogue line before timing: who says what, how, and what the camera shows."""

    speaker: int               # index into the cast
    text: str
    lang: str                  # "en", "zh", "ja"
    short: bool
    pitch: int
    speed: int
    scene: int
    location: int              # index into draw.LOCATIONS
    shown: tuple[int, ...]     # cast indices on screen (speaker first when shown); empty = nobody
    music: bool


def make_cast(rng: np.random.Generator, n: int, difficulty: str) -> list[Character]:
    if not 2 <= n <= len(corpus.NAMES):
        raise DemoSettingsError(f"n_speakers must be between 2 and {len(corpus.NAMES)}, got {n}")
    d = DIFFICULTY[difficulty]
    if d["same_gender"]:
        pool = list(VARIANTS_MALE if rng.random() < 0.5 else VARIANTS_FEMALE)
        variants = [pool[i % len(pool)] for i in rng.permutation(max(n, len(pool)))[:n]]
    else:
        mixed = [v for pair in zip(VARIANTS_MALE, VARIANTS_FEMALE) for v in pair] + list(VARIANTS_MALE[5:])
        start = int(rng.integers(2))
        variants = [mixed[(start + i) % len(mixed)] for i in range(n)]
        variants = [variants[i] for i in rng.permutation(n)]
    lo, hi = d["pitch"]
    pitches = np.linspace(lo, hi, n)[rng.permutation(n)] + rng.integers(-2, 3, n)
    slo, shi = d["speed"]
    speeds = np.linspace(slo, shi, n)[rng.permutation(n)]

    def distinct(options, count):
        idx = rng.permutation(len(options))
        return [options[int(idx[i % len(options)])] for i in range(count)]

    hair_c, eye_c, clothes = distinct(HAIR_COLOURS, n), distinct(EYE_COLOURS, n), distinct(CLOTHES, n)
    styles, faces, bodies = distinct(HAIR_STYLES, n), distinct(FACES, n), distinct(BODIES, n)
    skins, patterns = distinct(SKIN, n), distinct(PATTERNS, n)
    return [Character(name=corpus.NAMES[i], variant=variants[i], pitch=int(np.clip(pitches[i], 0, 99)),
                      speed=int(speeds[i]), hair_colour=hair_c[i], hair_style=styles[i], eye_colour=eye_c[i],
                      skin=skins[i], face=faces[i], body=bodies[i], clothes=clothes[i], pattern=patterns[i],
                      height=float(rng.uniform(0.9, 1.1)), glasses=bool(rng.random() < 0.3))
            for i in range(n)]


def plan_lines(rng: np.random.Generator, cast: list[Character], n_lines: int, n_locations: int,
               difficulty: str) -> list[PlannedLine]:
    """Scenes of 4..16 lines in changing locations; 2..4 participants per scene, every cast member speaks;
    main characters speak more. Camera: speaker ~65 % (15 % of those with the listener too), listener ~20 %,
    nobody ~15 %. Music runs in cues of a few consecutive lines covering ~20 % of the lines."""
    d = DIFFICULTY[difficulty]
    n = len(cast)
    weight = 1.0 / np.arange(1, n + 1) ** 0.6
    weight = weight[rng.permutation(n)]
    weight /= weight.sum()
    unseen = list(rng.permutation(n))
    deck = corpus.TextDeck(rng)
    lines: list[PlannedLine] = []
    scene, prev_loc = 0, -1
    while len(lines) < n_lines:
        size = int(min(n_lines - len(lines), rng.integers(4, 17)))
        k = int(min(n, max(rng.integers(2, 5), min(3, len(unseen)))))
        forced = [int(unseen.pop(0)) for _ in range(min(len(unseen), k, 3))]
        rest = [i for i in range(n) if i not in forced]
        p = weight[rest] / weight[rest].sum()
        extra = list(rng.choice(rest, size=k - len(forced), replace=False, p=p)) if k > len(forced) else []
        members = forced + [int(e) for e in extra]
        loc = int(rng.integers(n_locations))
        if loc == prev_loc:
            loc = (loc + 1) % n_locations
        prev_loc = loc
        order = list(rng.permutation(members))
        last = -1
        for j in range(size):
            if j < len(order):
                spk = int(order[j])
            else:
                cand = [m for m in members if m != last] if rng.random() < 0.85 else members
                pm = weight[cand] / weight[cand].sum()
                spk = int(rng.choice(cand, p=pm))
            others = [m for m in members if m != spk]
            listener = last if last in others else int(rng.choice(others))
            r = rng.random()
            if r < 0.65:
                shown = (spk, listener) if rng.random() < 0.15 else (spk,)
            elif r < 0.85:
                shown = (listener,)
            else:
                shown = ()
            u = rng.random()
            lang = "zh" if u < d["zh"] else "ja" if u < d["zh"] + d["ja"] else "en"
            short = bool(rng.random() < d["short"])
            ch = cast[spk]
            pitch = int(np.clip(ch.pitch + rng.integers(-d["jitter_p"], d["jitter_p"] + 1), 0, 99))
            speed = int(ch.speed + rng.integers(-d["jitter_s"], d["jitter_s"] + 1))
            lines.append(PlannedLine(speaker=spk, text=deck.pick(lang, short), lang=lang, short=short,
                                     pitch=pitch, speed=speed, scene=scene, location=loc, shown=shown,
                                     music=False))
            last = spk
        scene += 1
    # Music cues: runs of 2..6 consecutive lines until ~music_share of the lines are covered.
    music = np.zeros(len(lines), bool)
    target = int(round(d["music_share"] * len(lines)))
    guard = 0
    while music.sum() < target and guard < 1000:
        guard += 1
        start = int(rng.integers(len(lines)))
        music[start:start + int(rng.integers(2, 7))] = True
    return [replace(ln, music=True) if music[i] else ln for i, ln in enumerate(lines)]
