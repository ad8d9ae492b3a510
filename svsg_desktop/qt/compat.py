"""Work-arounds for bugs of the Qt binding in use, detected at run time (no-ops where the bug is absent).

PySide6 6.12.0 on CPython < 3.12: ``SignalInstance.emit()`` returns ``True`` without taking a reference, so every
emit made from Python drops one reference to ``True``; after a few hundred emits the interpreter aborts with
"Fatal Python error: bool_dealloc". (From 3.12 on ``True`` is immortal and nothing happens.) Every emit in this
package goes through :func:`emit`, which gives the reference back when — and only when — the leak is present.
"""

from __future__ import annotations

import ctypes
import sys

from PySide6.QtCore import QObject, Signal

_incref = ctypes.pythonapi.Py_IncRef
_incref.argtypes = [ctypes.py_object]
_incref.restype = None


class _Probe(QObject):
    ping = Signal()


def _emit_drops_true_ref() -> bool:
    probe = _Probe()
    before = sys.getrefcount(True)
    results = [probe.ping.emit() for _ in range(16)]   # the list holds 16 (real or not) references
    after = sys.getrefcount(True)
    leaked = after - before < len([r for r in results if r is True])
    for r in results:
        if r is True and leaked:
            _incref(True)   # give back what the probe itself took
    del results
    return leaked


EMIT_LEAKS_TRUE = _emit_drops_true_ref()


def emit(signal, *args):
    """``signal.emit(*args)``, repairing the reference PySide6 6.12 drops."""
    result = signal.emit(*args)
    if EMIT_LEAKS_TRUE and result is True:
        _incref(True)
    return result
