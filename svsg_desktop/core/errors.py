"""Typed errors raised by the core. Each carries a stable ``code`` and parameters so that the Qt layer can
turn it into translated text; ``str(err)`` is a complete English message for the CLI and logs."""

from __future__ import annotations

from typing import Any


class SvsgError(Exception):
    """Base of every error the core raises on purpose. ``code`` is stable (used for translation)."""

    code = "svsg_error"

    def __init__(self, message: str, *, code: str | None = None, **params: Any) -> None:
        super().__init__(message)
        if code is not None:
            self.code = code
        self.params = params

    @property
    def message(self) -> str:
        return str(self.args[0]) if self.args else self.code


class InputError(SvsgError):
    """Bad user input: a file that cannot be read, parsed or trusted. Names the file and, when known, the line."""

    code = "input_error"

    def __init__(self, message: str, *, path: str | None = None, line: int | None = None,
                 code: str | None = None, **params: Any) -> None:
        where = ""
        if path is not None:
            where = f"{path}"
            if line is not None:
                where += f", line {line}"
            where += ": "
        super().__init__(where + message, code=code, path=path, line=line, **params)
        self.path = path
        self.line = line


class MediaError(InputError):
    """A video/audio file that cannot be decoded (broken, truncated, no such stream)."""

    code = "media_error"


class ModelError(SvsgError):
    """A missing, corrupt or incompatible model file. The message says what to run to fix it."""

    code = "model_error"


class Cancelled(SvsgError):
    """A long job was cancelled by the user. Nothing already saved is lost."""

    code = "cancelled"

    def __init__(self, message: str = "cancelled by the user") -> None:
        super().__init__(message)
