"""Every window action in one table: name, text, shortcuts, menu. The help dialog lists the same table, so the
shortcut list can never drift from the real shortcuts."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QHeaderView, QTableWidget, QTableWidgetItem, QVBoxLayout

from .i18n import tr


@dataclass(frozen=True)
class Spec:
    name: str
    menu: str
    shortcuts: tuple[str, ...] = ()


def action_texts() -> dict[str, str]:
    """Translated texts, looked up when the window is built (after the translator is installed)."""
    t = {
        "open_video": tr("Open &video…"), "open_subtitles": tr("Open &subtitles for this video…"),
        "open_project": tr("Open &project CSV…"), "open_folder": tr("Open &folder (season)…"),
        "add_to_season": tr("&Add this episode to a season…"),
        "open_demo": tr("Open the &demo episode"), "quit": tr("&Quit"),
        "undo": tr("&Undo"), "redo": tr("&Redo"), "filter": tr("&Filter lines"),
        "new_group": tr("&New group from selection"), "rename": tr("Re&name group"),
        "merge_selected": tr("&Merge selected groups"),
        "line_speaker": tr("Set this line's &speaker (A/B: several)…"),
        "group_lines": tr("&List only this group's lines"),
        "flag_non_dialogue": tr("Mark as non-&dialogue"), "flag_unknown": tr("Mark as &unknown speaker"),
        "flag_several": tr("Mark as &several speakers"), "clear_flags": tr("&Clear marks"),
        "play_pause": tr("&Play / pause"), "play_line": tr("Play current &line"),
        "prev_line": tr("Previous line"), "next_line": tr("Next line"),
        "group_speakers": tr("&Group speakers (keeps your corrections)"), "next_review": tr("Next line to &check"),
        "settings": tr("&Settings…"), "help": tr("&Keyboard shortcuts"), "about": tr("&About svsg"),
        "export_clips": tr("C&lip dataset (one WAV per line + CSV)…"),
        "play_line_audio": tr("Play the line's &audio only"), "play_group_sample": tr("Play a &sample of this group"),
        "spectrogram": tr("Spectrogram in the audio strip"), "find_similar": tr("Groups that may be the &same person"),
    }
    for k in range(1, 10):
        t[f"assign_{k}"] = tr("Assign to group %1").replace("%1", str(k))
    return t


SPECS: tuple[Spec, ...] = (
    Spec("open_video", "file", ("Ctrl+O",)),
    Spec("open_subtitles", "file", ()),
    Spec("open_project", "file", ("Ctrl+Shift+O",)),
    Spec("open_folder", "file", ("Ctrl+Alt+O",)),
    Spec("add_to_season", "file", ()),
    Spec("open_demo", "file", ()),
    Spec("export_clips", "file", ()),
    Spec("quit", "file", ("Ctrl+Q",)),
    Spec("undo", "edit", ("Ctrl+Z",)),
    Spec("redo", "edit", ("Ctrl+Y", "Ctrl+Shift+Z")),
    Spec("filter", "edit", ("Ctrl+F",)),
    Spec("new_group", "edit", ("Ctrl+G",)),
    Spec("rename", "edit", ("Return", "F2")),
    Spec("merge_selected", "edit", ("Ctrl+M",)),
    Spec("line_speaker", "edit", ("Shift+F2",)),
    Spec("group_lines", "edit", ("Ctrl+L",)),
    Spec("flag_non_dialogue", "edit", ("Ctrl+D",)),
    Spec("flag_unknown", "edit", ("Ctrl+U",)),
    Spec("flag_several", "edit", ("Ctrl+E",)),
    Spec("clear_flags", "edit", ()),
    *(Spec(f"assign_{k}", "assign", (str(k),)) for k in range(1, 10)),
    Spec("play_pause", "play", ("Space",)),
    Spec("play_line", "play", ("R", "F5")),
    Spec("prev_line", "play", ("Up",)),
    Spec("next_line", "play", ("Down",)),
    Spec("play_line_audio", "play", ("Shift+R",)),
    Spec("play_group_sample", "play", ("Shift+G",)),
    Spec("spectrogram", "play", ()),
    Spec("group_speakers", "tools", ("Ctrl+R",)),
    Spec("next_review", "tools", ("F8",)),
    Spec("find_similar", "tools", ("Ctrl+Shift+H",)),
    Spec("settings", "tools", ("Ctrl+,",)),
    Spec("help", "help", ("F1",)),
    Spec("about", "help", ()),
)

#: Keys the line list handles itself (listed in help; not window-wide, so the tree and editors keep them).
VIEW_KEYS = ("prev_line", "next_line", "rename")


def build_actions(window) -> dict[str, QAction]:
    """Create the actions (parented to ``window``); slots are connected by the window."""
    texts = action_texts()
    actions = {}
    for spec in SPECS:
        a = QAction(texts[spec.name], window)
        a.setObjectName(spec.name)
        if spec.shortcuts:
            keys = [QKeySequence(s) for s in spec.shortcuts]
            if spec.name in VIEW_KEYS:
                # the list views handle these keys; the action shows them and answers only F2 window-wide
                keys = [k for k in keys if k.toString() not in ("Return", "Up", "Down")]
            a.setShortcuts(keys)
            a.setShortcutContext(Qt.WindowShortcut)
            a.setToolTip(f"{texts[spec.name].replace('&', '')} ({', '.join(spec.shortcuts)})")
        window.addAction(a)
        actions[spec.name] = a
    return actions


def shortcut_rows() -> list[tuple[str, str]]:
    texts = action_texts()
    rows = [(", ".join(QKeySequence(s).toString(QKeySequence.NativeText) for s in spec.shortcuts),
             texts[spec.name].replace("&", "").rstrip("…"))
            for spec in SPECS if spec.shortcuts]
    rows.append((tr("Drag lines onto a group"), tr("Move the lines to that group")))
    rows.append((tr("Drag a group onto a group"), tr("Merge the two groups")))
    rows.append((tr("Drag lines onto empty space"), tr("New group from those lines")))
    return rows


class ShortcutsDialog(QDialog):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("Keyboard shortcuts"))
        rows = shortcut_rows()
        table = QTableWidget(len(rows), 2)
        table.setHorizontalHeaderLabels([tr("Keys"), tr("Action")])
        for r, (keys, what) in enumerate(rows):
            table.setItem(r, 0, QTableWidgetItem(keys))
            table.setItem(r, 1, QTableWidgetItem(what))
        table.verticalHeader().setVisible(False)
        table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeToContents)
        table.horizontalHeader().setStretchLastSection(True)
        table.setEditTriggers(QTableWidget.NoEditTriggers)
        self.table = table
        buttons = QDialogButtonBox(QDialogButtonBox.Close)
        buttons.rejected.connect(self.reject)
        box = QVBoxLayout(self)
        box.addWidget(table)
        box.addWidget(buttons)
        self.resize(520, 560)
