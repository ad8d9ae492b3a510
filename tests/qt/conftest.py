"""Qt test fixtures: offscreen platform (tests/conftest.py), QSettings redirected to a temp folder per test,
small real projects built from core objects."""

from __future__ import annotations

import pytest

from svsg_desktop.core.lines import Line
from svsg_desktop.core.project import Project


def make_project(n: int = 12, k: int = 3, names: dict[int, str] | None = None) -> Project:
    lines = [Line(id=f"L{i + 1:05d}", start=i * 1500, end=i * 1500 + 1200, text=f"台詞 number {i}",
                  cluster=i % k + 1, confidence=round(((i * 37) % 100) / 100, 2))
             for i in range(n)]
    p = Project.from_lines(lines, video="ep01.mp4")
    for cid, name in (names or {1: "春日"}).items():
        p.clusters[cid].name = name
    return p


@pytest.fixture
def project() -> Project:
    return make_project()


@pytest.fixture(autouse=True)
def isolated_settings(tmp_path, monkeypatch):
    """Every test gets its own QSettings store (never the user's)."""
    from PySide6.QtCore import QCoreApplication, QSettings

    QSettings.setDefaultFormat(QSettings.IniFormat)
    for scope in (QSettings.UserScope, QSettings.SystemScope):
        QSettings.setPath(QSettings.IniFormat, scope, str(tmp_path / "settings"))
    QCoreApplication.setOrganizationName("svsg-test")
    QCoreApplication.setApplicationName("svsg-test")
    monkeypatch.setenv("SVSG_LOG_DIR", str(tmp_path / "logs"))
    # opening an episode groups it at once (a real pipeline run); tests that want it turn it back on
    QSettings().setValue("engine/group_on_open", False)
    yield tmp_path / "settings"


@pytest.fixture
def controller(qapp, project, tmp_path):
    from svsg_desktop.qt.controller import Controller

    c = Controller(project, tmp_path / "project.csv")
    yield c
    c.close()
