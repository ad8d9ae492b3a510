"""The benchmark's table code on tiny fake results."""

from __future__ import annotations

from types import SimpleNamespace

import numpy as np
import pytest

from benchmarks.corpus.table import Result, markdown, read_csv, summarise, summary, target_misses, write_csv

TRUTH = ["a", "a", "a", "b", "b", "", "c"]


def test_summarise_counts_speakers_groups_and_operations():
    pred = [0, 0, 1, 1, 1, 7, None]           # one a-line in b's group; c unassigned; the unlabeled line ignored
    r = summarise("leave-one-domain-out", "ours", "x+y", "z", [(TRUTH, pred), (["a", "b"], [0, 1])])
    assert (r.episodes, r.lines, r.true_speakers) == (2, 8, 5)
    assert r.groups_found == 3 + 2             # {0, 1, unassigned c} + {0, 1}
    assert (r.deletes, r.adds, r.joins) == (1, 2, 0)
    assert r.ops_per_100 == pytest.approx(100 * 3 / 8)
    assert r.edge_f1 == pytest.approx((0.5 + 1.0) / 2)   # episode 1: P = R = 2/4; episode 2 perfect


def test_edge_scores_are_means_over_episodes():
    perfect = summarise("s", "m", "t", "u", [(["a", "a", "b"], [1, 1, 2])])
    assert perfect.edge_f1 == 1.0 and perfect.ops_per_100 == 0.0 and perfect.groups_found == 2
    lumped = summarise("s", "m", "t", "u", [(["a", "a", "b"], [1, 1, 1])])
    assert lumped.edge_p == pytest.approx(1 / 3) and lumped.edge_r == 1.0 and lumped.joins == 0


def _row(method, tested, f1, ops, setting="leave-one-domain-out"):
    return Result(setting, method, "others", tested, 1, 100, 4, 4, f1, f1, f1, f1, 0, 0, 0, ops)


def test_targets_flag_low_f1_many_ops_dutch_and_a_better_baseline():
    ours = "ours, default (voice)"
    rows = [_row(ours, "espeak", 0.97, 3.0), _row("avg-link, tuned cut 0.5", "espeak", 0.90, 9.0),
            _row(ours, "sound", 0.91, 9.5), _row(ours, "dutch", 0.94, 4.0),
            _row("avg-link, tuned cut 0.6", "dutch", 0.96, 3.0), _row(ours, "demo", 0.97, 2.0, "in-domain")]
    misses = target_misses(rows, "ours, default")
    assert not any(m.startswith("espeak") for m in misses)
    assert "sound: edge F1 0.910 < 0.93" in misses and "sound: 9.5 ops/100 > 8" in misses
    assert "dutch: edge F1 0.940 < 0.95" in misses
    assert any(m.startswith("dutch: tuned average linkage is better") for m in misses)
    assert "in-domain demo: edge F1 0.970 < 0.98" in misses


def test_markdown_and_csv_round_trip(tmp_path):
    rows = [_row("ours, default (voice)", "espeak", 0.97, 3.0), _row("avg-link, seed cut 0.3", "espeak", 0.5, 40.0)]
    md = markdown(rows).splitlines()
    assert len(md) == 4 and md[0].count("|") == md[1].count("|") == md[2].count("|")
    assert "| ours, default (voice) | others | espeak |" in md[2] and "4 → 4" in md[2]
    back = read_csv(write_csv(rows, tmp_path / "r" / "grouping.csv"))
    assert back == rows



class _Inputs:
    def __init__(self, vectors):
        v = np.asarray(vectors, dtype=np.float32)
        self.voice = v / np.linalg.norm(v, axis=1, keepdims=True)
        self.valid_voice = np.ones(len(v), bool)

    def __len__(self):
        return len(self.voice)


def test_baseline_rows_and_the_train_validation_split():
    from benchmarks import bench_grouping as bg
    ep = SimpleNamespace(name="d/e1", labels=np.array(["a", "a", "b", "b"], dtype=object),
                         inputs=_Inputs([[1, 0], [0.995, 0.1], [0.6, 0.8], [0.55, 0.835]]))
    rows = bg.rows_for("leave-one-domain-out", "x", "d", [ep], None, 0.9)
    assert [r.method for r in rows] == ["avg-link, seed cut 0.3", "avg-link, tuned cut 0.900"]
    assert rows[0].groups_found == 1 and rows[1].groups_found == 2 and rows[1].edge_f1 == 1.0
    eps = ["e1", "e2", "e3", "e4"]
    assert bg.split_train_val(eps) == (["e1", "e2"], ["e3", "e4"])          # two validation episodes by default
    assert bg.split_train_val(eps[:2]) == (eps[:2], [])
    assert bg.split_train_val(eps[:3]) == (["e1", "e2"], ["e3"])             # two always stay for training
    seven = [f"e{k}" for k in range(1, 8)]
    assert bg.split_train_val(seven, 3) == (seven[:3], ["e4", "e5"])         # --train-episodes 3
    assert bg.split_train_val(seven, 3, 1) == (seven[:3], ["e4"])
    assert bg.split_train_val(seven, 6) == (seven[:5], ["e6", "e7"])


def test_pick_table_shows_the_pick_and_the_held_out_best():
    from benchmarks import bench_grouping as bg
    rows = [_row("ours, default (mlp)", "sound", 0.13, 76.9), _row("ours: mlp", "sound", 0.13, 76.9),
            _row("ours: adaptive", "sound", 0.65, 39.7), _row("ours: voice", "sound", 0.18, 65.8)]
    heads = SimpleNamespace(meta={"default_method": "mlp", "report": {"default_pick": {"pooled_pick": "voice"}}})
    table = bg.pick_table(rows, {"sound": heads}).splitlines()
    assert table[2] == "| sound | mlp | voice | adaptive | 0.130 / 76.9 | 0.650 / 39.7 |"


def test_summary_has_one_line_per_setting_and_domain_with_the_verdict():
    ours = "ours, default (mlp)"
    rows = [_row("avg-link, tuned cut 0.800", "espeak", 0.6, 30.0), _row(ours, "espeak", 0.95, 4.0),
            _row("avg-link, tuned cut 0.825", "sound", 0.2, 50.0), _row(ours, "sound", 0.5, 30.0),
            _row(ours, "dutch", 0.9, 5.0, "today's heads")]
    lines = summary(rows, "ours, default").splitlines()
    assert lines[0].startswith("| setting | tested on | trained on | avg-link, tuned cut: F1 / ops | ours, default")
    assert len(lines) == 2 + 3
    assert lines[2].endswith("| 0.600 / 30.0 | 0.950 / 4.0 (mlp) | met |")
    assert lines[3].endswith("| missed |") and lines[4].endswith("| – |")
