"""Who speaks how often, and in which order: Zipf line counts with minor characters, and a speaker sequence in
scenes of a few participants (as in the demo generator, simpler)."""

from __future__ import annotations

import numpy as np

MINOR_LINES = (1, 5)       # a minor character speaks 1..5 lines


def zipf_counts(rng: np.random.Generator, n_speakers: int, n_lines: int, n_minor: int = 0,
                exponent: float = 1.0, min_main: int = 6) -> list[int]:
    """Line counts per speaker summing to ``n_lines``: ``n_minor`` minor characters with 1..5 lines each (last in
    the list), the main cast with Zipf shares ∝ 1/rank^exponent (at least ``min_main`` lines each)."""
    if not 0 <= n_minor < n_speakers:
        raise ValueError(f"need at least one main character: {n_speakers} speakers, {n_minor} minor")
    minor = [int(rng.integers(MINOR_LINES[0], MINOR_LINES[1] + 1)) for _ in range(n_minor)]
    n_main = n_speakers - n_minor
    rest = n_lines - sum(minor)
    if rest < n_main * min_main:
        raise ValueError(f"{n_lines} lines are too few for {n_main} main characters with {min_main}+ lines")
    w = 1.0 / np.arange(1, n_main + 1) ** exponent
    extra = rest - n_main * min_main
    main = min_main + np.floor(extra * w / w.sum()).astype(int)
    main[: rest - int(main.sum())] += 1          # hand out the rounding remainder to the largest parts
    return [int(c) for c in main] + minor


def speaker_sequence(rng: np.random.Generator, counts: list[int], scene: tuple[int, int] = (6, 16)) -> list[int]:
    """An order of speaker indices with exactly ``counts[k]`` lines of speaker ``k``: scenes of 2..4 participants
    drawn in proportion to their remaining lines; no one speaks twice in a row when another participant can."""
    left = np.array(counts, dtype=int)
    out: list[int] = []
    while left.sum() > 0:
        alive = np.flatnonzero(left > 0)
        k = min(alive.size, int(rng.integers(2, 5)))
        members = rng.choice(alive, size=k, replace=False, p=left[alive] / left[alive].sum())
        for _ in range(int(rng.integers(*scene))):
            cand = [m for m in members if left[m] > 0]
            if not cand:
                break
            if len(cand) > 1 and out and out[-1] in cand:
                cand.remove(out[-1])
            p = left[cand] / left[cand].sum()
            s = int(rng.choice(cand, p=p))
            out.append(s)
            left[s] -= 1
    return out


def scenes(sequence_len: int, rng: np.random.Generator, size: tuple[int, int] = (6, 16)) -> list[range]:
    """Consecutive line ranges (scenes) covering ``range(sequence_len)``."""
    out, a = [], 0
    while a < sequence_len:
        b = min(sequence_len, a + int(rng.integers(*size)))
        out.append(range(a, b))
        a = b
    return out
