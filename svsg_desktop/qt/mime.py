"""Drag-and-drop payloads: ids only (JSON), never Python objects. The drag source removes nothing; the drop
target turns the payload into a core command through the controller."""

from __future__ import annotations

import json
from typing import Iterable

from PySide6.QtCore import QMimeData

LINE_IDS_MIME = "application/x-svsg-line-ids"
CLUSTER_ID_MIME = "application/x-svsg-cluster-id"


def line_ids_mime(line_ids: Iterable[str], mime: QMimeData | None = None) -> QMimeData:
    mime = mime or QMimeData()
    ids = list(dict.fromkeys(str(i) for i in line_ids))
    mime.setData(LINE_IDS_MIME, json.dumps(ids).encode("utf-8"))
    return mime


def cluster_id_mime(cluster_id: int, mime: QMimeData | None = None) -> QMimeData:
    mime = mime or QMimeData()
    mime.setData(CLUSTER_ID_MIME, json.dumps(int(cluster_id)).encode("utf-8"))
    return mime


def decode_line_ids(mime: QMimeData | None) -> list[str] | None:
    """The line ids carried by ``mime``, or None when it carries none (or something malformed)."""
    if mime is None or not mime.hasFormat(LINE_IDS_MIME):
        return None
    try:
        ids = json.loads(bytes(mime.data(LINE_IDS_MIME).data()).decode("utf-8"))
    except (ValueError, UnicodeDecodeError):
        return None
    if not isinstance(ids, list) or not ids or not all(isinstance(i, str) for i in ids):
        return None
    return ids


def decode_cluster_id(mime: QMimeData | None) -> int | None:
    if mime is None or not mime.hasFormat(CLUSTER_ID_MIME):
        return None
    try:
        cid = json.loads(bytes(mime.data(CLUSTER_ID_MIME).data()).decode("utf-8"))
    except (ValueError, UnicodeDecodeError):
        return None
    return cid if isinstance(cid, int) and not isinstance(cid, bool) else None
