"""The GUI-free core of svsg. Nothing under this package may import PySide6, vlc or the Qt/CLI layers.

Enforced by the import-linter contract in pyproject.toml and by tests/core/test_core_is_gui_free.py.
"""
