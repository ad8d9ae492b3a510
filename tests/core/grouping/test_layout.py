"""Issue 12: core/grouping holds only what runs when a user labels; training-time code lives in core/training and
the inference side never imports it (nor private names across modules)."""

import ast
from pathlib import Path

import svsg_desktop.core.grouping as grouping
import svsg_desktop.core.training as training


def _imports(pkg) -> list[tuple[str, str, list[str]]]:
    out = []
    for path in sorted(Path(pkg.__file__).parent.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom):
                out.append((path.name, "." * node.level + (node.module or ""), [a.name for a in node.names]))
    return out


def test_inference_package_does_not_import_training_code():
    bad = [(f, m) for f, m, _ in _imports(grouping) if "training" in m.split(".")]
    assert bad == []


def test_training_modules_moved_out_of_grouping():
    here = {p.stem for p in Path(grouping.__file__).parent.glob("*.py")}
    assert not here & {"trainer", "training", "evaluation", "plots", "episodes", "synthetic"}
    assert {"trainer", "training", "evaluation", "plots", "episodes", "synthetic"} <= {
        p.stem for p in Path(training.__file__).parent.glob("*.py")}


def test_no_private_names_imported_across_modules():
    bad = [(f, m, n) for pkg in (grouping, training) for f, m, names in _imports(pkg) for n in names
           if n.startswith("_") and m != "__future__"]
    assert bad == []
