"""Group hints: a speaker split into two groups is the first pair offered, by the engine's own score."""

from __future__ import annotations

import csv
from pathlib import Path

import numpy as np
import pytest

from svsg_desktop.core.features import extract_features
from svsg_desktop.core.grouping.heads import Heads
from svsg_desktop.core.training.synthetic import make_synthetic
from svsg_desktop.core.hints import hint_basis, pair_hints, scoring_method
from svsg_desktop.core.io.subtitles import load_subtitles

DEMO = Path(__file__).resolve().parents[2] / "resources" / "demo"


def split_speaker(seed: int):
    """Synthetic features; every true speaker is one group, except speaker 0,
    whose lines are dealt alternately into groups 100 and 101 (a duplicated group)."""
    f = make_synthetic(240, 6, seed=seed)
    assignment, dealt = {}, 0
    for lid, s in zip(f.line_ids, f.speakers):
        k = sorted(set(f.speakers)).index(s)
        if k == 0:
            assignment[lid] = 100 + dealt % 2
            dealt += 1
        else:
            assignment[lid] = k + 1
    return f, assignment


@pytest.fixture(scope="module")
def heads():
    return Heads.load()


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    """The demo episode's real features (real ONNX encoders) and its true speakers."""
    lines = list(load_subtitles(DEMO / "demo.srt").lines)
    with open(DEMO / "demo_truth.csv", encoding="utf-8-sig") as fh:
        truth = [row["speaker"] for row in csv.DictReader(fh)]
    feats = extract_features(DEMO / "demo.mp4", lines, cache_dir=tmp_path_factory.mktemp("cache"))
    return lines, truth, feats


@pytest.mark.parametrize("split", ["Ben", "Dana", "Emil"])
def test_a_split_speaker_ranks_first_by_the_trained_heads_on_the_demo(demo, heads, split):
    """Trained on the heads' training episodes, tested on the demo episode: every true speaker is one group,
    except ``split``, whose lines are dealt into groups 100 and 101."""
    lines, truth, feats = demo
    names = sorted({s for s in truth if s})
    assignment, dealt = {}, 0
    for ln, who in zip(lines, truth):
        if who == split:
            assignment[ln.id] = 100 + dealt % 2
            dealt += 1
        elif who:
            assignment[ln.id] = names.index(who) + 1
    basis = hint_basis(feats, heads)
    assert basis.threshold == heads.params(scoring_method(heads)).merge_threshold
    hints = pair_hints(basis, assignment)
    assert (hints[0].a, hints[0].b) == (100, 101)
    assert hints[0].score > hints[1].score
    assert all(h.a < h.b for h in hints)


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_a_split_speaker_ranks_first_by_voice_cosine_on_synthetic_features(seed):
    f, assignment = split_speaker(seed)
    hints = pair_hints(hint_basis(f), assignment, top=3)
    assert (hints[0].a, hints[0].b) == (100, 101) and len(hints) == 3


def test_groups_a_human_named_apart_are_never_offered():
    f, assignment = split_speaker(0)
    basis = hint_basis(f)
    named = pair_hints(basis, assignment, {100: "Ben", 101: "Anna"}, top=100)
    assert (100, 101) not in {(h.a, h.b) for h in named}
    same = pair_hints(basis, assignment, {100: "Ben", 101: "Ben"}, top=1)
    assert (same[0].a, same[0].b) == (100, 101)


def test_nothing_to_pair():
    f, _ = split_speaker(0)
    basis = hint_basis(f)
    assert pair_hints(basis, {lid: 1 for lid in f.line_ids}) == []
    assert pair_hints(basis, {}) == []
    ids = np.asarray(f.line_ids)
    assert pair_hints(basis, {ids[0]: 1, ids[1]: 2})[0].score == pytest.approx(float(f.voice[0] @ f.voice[1]), abs=1e-4)


def test_pair_scores_are_kept_and_a_rerank_scores_only_new_pairs():
    f, assignment = split_speaker(0)
    basis = hint_basis(f)
    scored = []
    original = basis._score
    basis._score = lambda i, j: (scored.append(len(i)), original(i, j))[1]
    first = pair_hints(basis, assignment)
    again = pair_hints(basis, assignment)
    assert again == first and len(scored) == 1
    merged = {lid: (100 if g == 101 else g) for lid, g in assignment.items()}
    pair_hints(basis, merged)
    assert sum(scored[1:]) < scored[0] / 4                  # at most the merged group's new pairs
    fresh = hint_basis(f)
    assert [(h.a, h.b, round(h.score, 6)) for h in pair_hints(fresh, merged)] == \
        [(h.a, h.b, round(h.score, 6)) for h in pair_hints(basis, merged)]
