"""Every folder in one place (core/paths.py): each ``SVSG_*`` override, the heads inside the models folder, the
shipped files found in a frozen bundle (PyInstaller's ``sys._MEIPASS``) and in the source tree. GUI-free."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from svsg_desktop.core import paths


@pytest.mark.parametrize("env, fn, sub", [
    ("SVSG_MODELS_DIR", paths.models_dir, ""), ("SVSG_HEADS_DIR", paths.heads_dir, ""),
    ("SVSG_DEMO_DIR", paths.demo_dir, ""), ("SVSG_TRANSLATIONS", paths.translations_dir, ""),
    ("SVSG_CACHE_DIR", paths.cache_dir, ""), ("SVSG_DATA_DIR", paths.data_dir, ""),
    ("SVSG_LOG_DIR", paths.log_dir, ""), ("SVSG_MODELS_DIR", paths.heads_dir, "heads"),
    ("SVSG_DATA_DIR", paths.log_dir, "logs")])
def test_every_folder_has_its_override(tmp_path, monkeypatch, env, fn, sub):
    for name in ("SVSG_MODELS_DIR", "SVSG_HEADS_DIR", "SVSG_DATA_DIR", "SVSG_LOG_DIR"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv(env, str(tmp_path))
    assert fn() == (tmp_path / sub if sub else tmp_path)


def test_heads_follow_the_models_folder(tmp_path, monkeypatch):
    from svsg_desktop.core.grouping.heads import default_heads_dir

    monkeypatch.delenv("SVSG_HEADS_DIR", raising=False)
    monkeypatch.setenv("SVSG_MODELS_DIR", str(tmp_path))
    assert default_heads_dir() == tmp_path / "heads"


def test_shipped_files_are_found_in_a_frozen_bundle(tmp_path, monkeypatch):
    for name in ("SVSG_MODELS_DIR", "SVSG_HEADS_DIR", "SVSG_DEMO_DIR", "SVSG_TRANSLATIONS"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    assert paths.models_dir() == tmp_path / "models"
    assert paths.heads_dir() == tmp_path / "models" / "heads"
    assert paths.demo_dir() == tmp_path / "resources" / "demo"
    assert paths.translations_dir() == tmp_path / "resources" / "translations"


def test_source_tree_defaults():
    root = Path(__file__).resolve().parents[2]
    assert paths.bundle_root() == root
    assert (paths.models_dir() / "manifest.json").is_file()
    assert (paths.demo_dir() / "demo.mp4").is_file()
