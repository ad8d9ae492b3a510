"""CSV reading shared by the labeled-CSV and project-CSV readers: encoding detection, header, line numbers."""

from __future__ import annotations

import csv
import io
import os
from dataclasses import dataclass, field

from ..errors import InputError
from .encoding import read_text


@dataclass
class CsvTable:
    path: str
    encoding: str
    header: list[str]                       # as written (stripped)
    rows: list[tuple[int, dict[str, str]]]  # (1-based line where the record starts, column → value)
    short_rows: list[tuple[int, int]] = field(default_factory=list)   # (line, values) of rows with fewer values

    def has(self, *names: str) -> bool:
        return all(n in self.header for n in names)


def read_csv_table(path: str | os.PathLike) -> CsvTable:
    p = os.fspath(path)
    text, encoding = read_text(p)
    text = text.lstrip("\ufeff")
    first = text.split("\n", 1)[0]
    delimiter = max(",\t;", key=first.count) if first.count(",") == 0 else ","   # Excel: ";" in some locales
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows: list[tuple[int, dict[str, str]]] = []
    header: list[str] | None = None
    short: list[tuple[int, int]] = []
    start = 1
    try:
        for record in reader:
            lineno, start = start, reader.line_num + 1
            if not any(cell.strip() for cell in record):
                continue
            if header is None:
                header = [h.strip().lstrip("\ufeff") for h in record]
                dup = sorted({h for h in header if h and header.count(h) > 1})
                if dup:
                    raise InputError(f"column {dup[0]!r} appears twice in the header", path=p, line=lineno,
                                     code="bad_header")
                continue
            if len(record) > len(header) and any(c.strip() for c in record[len(header):]):
                raise InputError(f"{len(record)} values but the header has {len(header)} columns",
                                 path=p, line=lineno, code="bad_row")
            if len(record) < len(header):
                short.append((lineno, len(record)))
            values = {h: (record[k] if k < len(record) else "") for k, h in enumerate(header) if h}
            rows.append((lineno, values))
    except csv.Error as err:
        raise InputError(f"not a valid CSV file ({err})", path=p, line=reader.line_num, code="bad_csv") from None
    if header is None:
        raise InputError("the file is empty", path=p, code="empty_file")
    return CsvTable(path=p, encoding=encoding, header=header, rows=rows, short_rows=short)
