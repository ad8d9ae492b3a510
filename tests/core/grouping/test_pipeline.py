"""The whole pipeline on the prebuilt demo episode: real video, real encoders, the shipped heads."""

import threading

import pytest

from svsg_desktop.core import metrics
from svsg_desktop.core.commands import SplitLines
from svsg_desktop.core.errors import Cancelled, InputError
from svsg_desktop.core.io.labeled_csv import load_labeled_csv


@pytest.fixture(scope="module")
def demo():
    from svsg_desktop.core.demo.prebuilt import demo_episode_path
    from svsg_desktop.core.models.registry import Registry

    reg = Registry()
    for kind in ("voice", "image"):
        try:
            reg.load(reg.active(kind).id)
        except Exception as err:  # models are build outputs: `svsg models export` makes them
            pytest.skip(f"encoders not exported ({err}); run `svsg models export`")
    return demo_episode_path()


def test_label_and_rerun_keeps_human_edits(demo, tmp_path):
    from svsg_desktop.core import workspace

    video = demo
    folder = video.parent
    stages = []
    project = workspace.label(video, folder / "demo.srt", cache_dir=tmp_path / "cache",
                              progress=lambda f, s: stages.append((f, s))).project
    assert stages[-1][0] == 1.0
    dialogue = [ln for ln in project.ordered() if ln.is_dialogue]
    assert dialogue and all(ln.cluster is not None and ln.confidence is not None for ln in dialogue)
    truth = {ln.start: ln.speaker for ln in load_labeled_csv(folder / "demo_truth.csv").lines}
    s = metrics.score([truth.get(ln.start, "") for ln in dialogue], [ln.cluster for ln in dialogue])
    assert s.n_lines > 10 and s.bcubed_f1 > 0.3
    # a human puts two lines of different engine groups into a new named group; a re-run keeps it
    a, b = dialogue[0].id, dialogue[-1].id
    split = SplitLines((a, b), name="Narrator")
    split.apply(project)
    workspace.label_job(project, cache_dir=tmp_path / "cache").apply(project)
    assert project.lines[a].cluster == project.lines[b].cluster == split.new_id
    assert project.clusters[split.new_id].name == "Narrator"
    ev = threading.Event()
    ev.set()
    with pytest.raises(Cancelled):
        workspace.label_job(project, cache_dir=tmp_path / "cache", cancel=ev)


def test_label_missing_video(tmp_path):
    from svsg_desktop.core import workspace

    with pytest.raises(InputError, match="no such video"):
        workspace.label(tmp_path / "nope.mp4")


def test_a_merge_survives_save_load_and_regrouping_without_checking_its_lines(demo, tmp_path):
    """The annotator merges two engine groups (journaled edit), the project is reopened from disk and re-grouped
    by the real pipeline: still one group, and its lines are still unchecked. Undoing the merge frees them."""
    from svsg_desktop.core import workspace
    from svsg_desktop.core.commands import MergeClusters
    from svsg_desktop.core.io.project_csv import load_project, save_project
    from svsg_desktop.core.journal import EditSession

    cache = tmp_path / "cache"
    project = workspace.label(demo, demo.parent / "demo.srt", cache_dir=cache).project
    sizes = sorted(project.cluster_sizes().items(), key=lambda kv: (-kv[1], kv[0]))
    (a, _), (b, _) = sizes[:2]
    merged = set(project.line_ids_in(a)) | set(project.line_ids_in(b))
    path = tmp_path / "demo.csv"
    save_project(project, path)
    session = EditSession(load_project(path), path)
    inverse = session.apply(MergeClusters(a, b))
    session.close(saved=False)                       # never saved: the journal holds the merge
    again = load_project(path)
    workspace.label_job(again, cache_dir=cache).apply(again)
    assert {again.lines[i].cluster for i in merged} == {b}
    assert not any(again.lines[i].pinned for i in merged)
    save_project(again, path)
    reread = load_project(path)
    assert {i for i, ln in reread.lines.items() if ln.kept} >= merged
    inverse.apply(reread)                            # undo the merge: the constraint goes with it
    assert not any(reread.lines[i].kept for i in merged)
