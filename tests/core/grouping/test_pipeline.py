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
