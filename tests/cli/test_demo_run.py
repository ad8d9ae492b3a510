"""The README's first command, headless: labels the bundled demo, writes real files, prints real metrics."""

import re
import subprocess
import sys

from svsg_desktop.core.io.project_csv import load_project


def test_demo_run_headless_labels_the_demo(tmp_path, repo_root):
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "PYTHONPATH": str(repo_root)}
    res = subprocess.run([sys.executable, "-m", "svsg_desktop", "demo", "run", "--no-gui", "-q", "--out",
                          str(tmp_path / "demo")], capture_output=True, text=True, env=env, cwd=tmp_path,
                         timeout=600)
    assert res.returncode == 0, res.stdout + res.stderr
    project = load_project(tmp_path / "demo" / "demo.mp4.svsg.csv")
    dialogue = [ln for ln in project.ordered() if ln.is_dialogue]
    assert len(dialogue) >= 20
    assert all(ln.cluster is not None for ln in dialogue)
    assert (tmp_path / "demo" / "demo.labeled.ass").read_text(encoding="utf-8-sig").count("Dialogue:") == len(project)
    f1 = re.search(r"edge precision / recall / F1\s+([\d.]+) / ([\d.]+) / ([\d.]+)", res.stdout)
    assert f1, res.stdout
    assert all(0.0 <= float(v) <= 1.0 for v in f1.groups())
    ops = re.search(r"operations per 100 lines\s+([\d.]+)", res.stdout)
    assert ops and float(ops.group(1)) >= 0
