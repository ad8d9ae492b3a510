"""What the Edit menu says it will undo or redo: a translated sentence for each core command (the core's own
``describe()`` is English, for logs)."""

from __future__ import annotations

from ..core import commands as C
from .i18n import group_label, tr


def _n(text: str, n: int) -> str:
    return text.replace("%1", str(n))


def undo_text(command, project=None) -> str:
    """``project`` (after the command ran) gives the groups' names where they have one."""
    def group(cid: int) -> str:
        c = project.clusters.get(cid) if project is not None else None
        return group_label(cid, c.name if c is not None else "")

    if isinstance(command, C.Batch):
        return command.label or (undo_text(command.commands[0], project) if command.commands else "")
    if isinstance(command, C.MoveLines):
        return _n(tr("Move %1 line(s) to %2"), len(command.line_ids)).replace("%2", group(command.cluster))
    if isinstance(command, C.SplitLines):
        return _n(tr("New group from %1 line(s)"), len(command.line_ids))
    if isinstance(command, C.MergeClusters):
        return tr("Merge %1 into %2").replace("%1", group(command.source)).replace(
            "%2", group(command.target))
    if isinstance(command, C.RenameCluster):
        return tr("Rename to “%1”").replace("%1", command.name.strip())
    if isinstance(command, C.SetFlag):
        return _n(tr("Mark %1 line(s)") if command.on else tr("Unmark %1 line(s)"), len(command.line_ids))
    if isinstance(command, C.SetLineSpeaker):
        return tr("Set a line's speaker to “%1”").replace("%1", command.speaker.strip())
    if isinstance(command, C.AssignClusters):
        return tr("Group speakers")
    return command.describe()


def undo_label(base: str, text: str) -> str:
    """The Edit menu's entry: "&Undo Merge 3 groups" (just "&Undo" when there is nothing to undo)."""
    return f"{base} {text}" if text else base
