"""Trained heads (ONNX through onnxruntime), cluster_lines, human constraints, evaluation table."""

import json

import numpy as np
import pytest

from svsg_desktop.core import metrics
from svsg_desktop.core.commands import AssignClusters, MergeClusters, MoveLines, RenameCluster, SplitLines
from svsg_desktop.core.errors import ModelError
from svsg_desktop.core.grouping.engine import Constraints, cluster_lines
from svsg_desktop.core.training.evaluation import evaluate, format_table, seed_label_knn
from svsg_desktop.core.grouping.heads import METHODS, Heads
from svsg_desktop.core.training.training import export_onnx, fit_net, predict_net
from svsg_desktop.core.lines import Line
from svsg_desktop.core.project import Cluster, Project

from .conftest import synthetic_episode


def test_heads_written_and_loadable(tiny_heads):
    folder, meta = tiny_heads
    for name in ("confidence_voice.onnx", "confidence_image.onnx", "merge.onnx", "heads.json", "MODEL_CARD.md"):
        assert (folder / name).is_file()
    stored = json.loads((folder / "heads.json").read_text(encoding="utf-8"))
    assert set(stored["methods"]) == {"voice", "voice+image", "mlp"}
    assert stored["voice_model"] == "synthetic-voice" and stored["report"]["held_out_on"] == "validation"
    ep, _ = synthetic_episode(5)
    cv, ci = Heads.load(folder).confidence(ep.inputs)
    assert cv.shape == (100,) and np.all((0 <= cv) & (cv <= 1)) and np.all((0 <= ci) & (ci <= 1))


def test_onnx_matches_torch(tmp_path):
    rng = np.random.default_rng(0)
    x = rng.normal(size=(64, 6)).astype(np.float32)
    y = (x[:, 0] > 0).astype(np.float32)
    net = fit_net(x, y, objective="bce", epochs=20)
    export_onnx(net, 6, tmp_path / "m.onnx")
    import onnxruntime as ort
    sess = ort.InferenceSession((tmp_path / "m.onnx").read_bytes(), providers=["CPUExecutionProvider"])
    out = sess.run(None, {"x": x})[0].reshape(-1)
    assert np.allclose(out, predict_net(net, x), atol=1e-5)


@pytest.mark.parametrize("method", METHODS)
def test_cluster_lines_beats_chance_and_is_deterministic(tiny_heads, method):
    heads = Heads.load(tiny_heads[0])
    ep, feats = synthetic_episode(7)
    a = cluster_lines(feats, heads=heads, method=method)
    b = cluster_lines(feats, heads=heads, method=method)
    assert a.assignment == b.assignment
    s = metrics.score(list(feats.speakers), a.labels(feats.line_ids))
    assert s.edge_f1 > 0.4 and s.bcubed_f1 > 0.5
    assert set(a.confidences) == set(feats.line_ids)


def test_heads_refuse_other_encoders(tiny_heads):
    _, feats = synthetic_episode(8)
    feats.voice_model = "ecapa"
    with pytest.raises(ModelError, match="svsg train"):
        cluster_lines(feats, heads=Heads.load(tiny_heads[0]))
    with pytest.raises(ModelError, match="no trained grouping heads"):
        Heads.load(tiny_heads[0] / "nowhere")


@pytest.mark.parametrize("method", METHODS)
def test_reclustering_never_undoes_human_edits(tiny_heads, method):
    heads = Heads.load(tiny_heads[0])
    _, feats = synthetic_episode(9)
    project = Project.from_lines([Line(lid, 1000 * k, 1000 * k + 800, f"line {k}")
                                  for k, lid in enumerate(feats.line_ids)])
    r = cluster_lines(feats, heads=heads, method=method)
    AssignClusters(r.assignment, confidences=r.confidences).apply(project)
    ids = feats.line_ids
    # the annotator splits two lines into a named group, and moves two others into one group
    split = SplitLines((ids[0], ids[1]), name="Kyon")
    split.apply(project)
    target = project.lines[ids[5]].cluster
    MoveLines((ids[2], ids[3]), target).apply(project)
    before = {i: project.lines[i].cluster for i in ids[:6]}
    r2 = cluster_lines(feats, heads=heads, constraints=Constraints.from_project(project), method=method)
    assert r2.assignment[ids[0]] == r2.assignment[ids[1]] == split.new_id
    assert r2.names[split.new_id] == "Kyon"
    assert r2.assignment[ids[2]] == r2.assignment[ids[3]] == target
    assert r2.assignment[ids[0]] != r2.assignment[ids[2]]           # two human groups never merge
    AssignClusters(r2.assignment, names=r2.names, confidences=r2.confidences).apply(project)
    assert {i: project.lines[i].cluster for i in (ids[0], ids[1], ids[2], ids[3])} == \
        {i: before[i] for i in (ids[0], ids[1], ids[2], ids[3])}


def test_evaluate_table_has_every_method(tiny_heads):
    heads = Heads.load(tiny_heads[0])
    train = [synthetic_episode(s)[0] for s in (0, 1)]
    test = [synthetic_episode(11)[0]]
    rows, info = evaluate(train, test, heads)
    assert len(rows) == 7 and 0 < info["tuned_cut"] < 1
    table = format_table(rows)
    assert table.count("\n") == 8 and "episode-adaptive" in table and "ours: + merge MLP" in table and "cut 0.3" in table


def test_seed_label_knn_keeps_seeds():
    ep, _ = synthetic_episode(12)
    pred = seed_label_knn(ep, k_seed=3)
    assert all(p is not None for p in pred)
    assert len(set(pred)) <= 4


def test_plots_are_written(tiny_heads, tmp_path):
    from svsg_desktop.core.training.plots import write_plots
    eps = [synthetic_episode(13)[0]]
    paths = write_plots(tmp_path / "fig", eps, Heads.load(tiny_heads[0]), {})
    assert len(paths) == 3
    for p in paths:
        assert p.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def _grouped_project(feats, heads, method):
    project = Project.from_lines([Line(lid, 1000 * k, 1000 * k + 800, f"line {k}")
                                  for k, lid in enumerate(feats.line_ids)])
    r = cluster_lines(feats, heads=heads, method=method)
    AssignClusters(r.assignment, confidences=r.confidences).apply(project)
    return project


def _regroup(project, feats, heads, method):
    r = cluster_lines(feats, heads=heads, constraints=Constraints.from_project(project), method=method)
    AssignClusters(r.assignment, names=r.names, confidences=r.confidences).apply(project)


@pytest.mark.parametrize("method", METHODS)
def test_regrouping_keeps_a_merge_together_without_checking_its_lines(tiny_heads, method):
    heads = Heads.load(tiny_heads[0])
    _, feats = synthetic_episode(9)
    project = _grouped_project(feats, heads, method)
    big = sorted(project.cluster_sizes().items(), key=lambda kv: -kv[1])
    (a, _), (b, _) = big[:2]            # two different voices the engine keeps apart
    merged = set(project.line_ids_in(a)) | set(project.line_ids_in(b))
    MergeClusters(a, b).apply(project)
    _regroup(project, feats, heads, method)
    assert {project.lines[i].cluster for i in merged} == {b}
    assert not any(project.lines[i].pinned for i in merged)        # still in the review queue
    # a line the annotator moves out of the merged group leaves it; the rest stays together
    out = sorted(merged)[0]
    SplitLines((out,)).apply(project)
    _regroup(project, feats, heads, method)
    assert {project.lines[i].cluster for i in merged - {out}} == {b}
    assert project.lines[out].cluster != b


@pytest.mark.parametrize("method", METHODS)
def test_regrouping_keeps_a_named_group_and_its_id(tiny_heads, method):
    heads = Heads.load(tiny_heads[0])
    _, feats = synthetic_episode(9)
    project = _grouped_project(feats, heads, method)
    cid = max(project.cluster_sizes().items(), key=lambda kv: kv[1])[0]
    members = set(project.line_ids_in(cid))
    RenameCluster(cid, "Ben").apply(project)
    _regroup(project, feats, heads, method)
    assert set(project.line_ids_in(cid)) >= members and project.clusters[cid].name == "Ben"
    assert not any(project.lines[i].pinned for i in members)
    assert [c.id for c in project.clusters.values() if c.name == "Ben"] == [cid]


def test_named_groups_reserve_their_ids(tiny_heads):
    """A fresh engine group never takes the id of a named group, even one that holds no line yet (a name the
    annotator created in advance): its lines would silently carry that name."""
    heads = Heads.load(tiny_heads[0])
    _, feats = synthetic_episode(9)
    project = Project.from_lines([Line(lid, 1000 * k, 1000 * k + 800, f"line {k}")
                                  for k, lid in enumerate(feats.line_ids)])
    project.clusters[1] = Cluster(1, "Ben")
    r = cluster_lines(feats, heads=heads, constraints=Constraints.from_project(project))
    assert 1 not in set(r.assignment.values()) and r.names == {}


def test_adaptive_grouping_gets_the_line_durations(tiny_heads, monkeypatch):
    """The sequence step weighs short lines by the episode's own short-line spread: cluster_lines must hand the
    lines' durations (the features' duration_s) to the adaptive method, in line order."""
    from svsg_desktop.core.grouping import engine

    folder, _ = tiny_heads
    _, f = synthetic_episode(7)
    seen = {}
    real = engine.adaptive_groups

    def spy(*a, **k):
        seen["duration"] = k.get("duration")
        return real(*a, **k)

    monkeypatch.setattr(engine, "adaptive_groups", spy)
    cluster_lines(f, heads=Heads.load(folder), method="adaptive")
    assert seen["duration"] is not None
    assert np.allclose(seen["duration"], f.stats["duration_s"], rtol=1e-5)
