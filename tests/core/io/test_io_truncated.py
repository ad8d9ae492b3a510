"""A project CSV cut short (an interrupted copy, a sync conflict, a full disk in another program) is never loaded
as a partial project: the sidecar's row count and hash, the final line end and the field count of every row
expose it, with a message that says what happened."""

from __future__ import annotations

import pytest

from svsg_desktop.core.errors import InputError
from svsg_desktop.core.io.project_csv import load_project, project_csv_bytes, save_project, sidecar_path
from svsg_desktop.core.lines import Line
from svsg_desktop.core.project import Project


def demo_project(n: int = 25) -> Project:
    lines = [Line(f"L{i:05d}", i * 3000, i * 3000 + 2500, f"We will laugh about this one day, line {i}",
                  cluster=i % 3 + 1) for i in range(1, n + 1)]
    return Project.from_lines(lines, video="ep.mkv")


@pytest.mark.parametrize("share", [0.6, 0.3, 0.97])
def test_a_csv_cut_at_any_byte_is_refused(tmp_path, share):
    path = tmp_path / "ep.csv"
    save_project(demo_project(), path)
    data = path.read_bytes()
    path.write_bytes(data[: int(len(data) * share)])
    with pytest.raises(InputError) as info:
        load_project(path)
    assert info.value.code in ("truncated", "short_row")
    assert "cut short" in str(info.value)


def test_a_csv_cut_at_a_row_boundary_is_refused_by_the_sidecar_row_count(tmp_path):
    path = tmp_path / "ep.csv"
    save_project(demo_project(), path)
    rows = path.read_bytes().split(b"\r\n")
    path.write_bytes(b"\r\n".join(rows[:16]) + b"\r\n")          # header + 15 complete rows
    with pytest.raises(InputError, match="15 lines but was last saved with 25") as info:
        load_project(path)
    assert info.value.code == "truncated" and sidecar_path(path).name in str(info.value)


def test_a_row_with_missing_fields_names_its_line(tmp_path):
    path = tmp_path / "ep.csv"
    text = project_csv_bytes(demo_project(3)).decode("utf-8-sig").split("\r\n")
    text[2] = ",".join(text[2].split(",")[:6])                      # 6 of the 14 fields
    path.write_text("\r\n".join(text), encoding="utf-8")
    with pytest.raises(InputError, match=r"line 3: .*6 of the 14 columns") as info:
        load_project(path)
    assert info.value.code == "short_row"


def test_a_hand_edit_that_keeps_every_row_still_opens(tmp_path, caplog):
    path = tmp_path / "ep.csv"
    save_project(demo_project(), path)
    text = path.read_bytes().decode("utf-8-sig").replace("line 7", "line seven")
    path.write_bytes(text.encode("utf-8-sig"))
    p = load_project(path)
    assert len(p) == 25 and "another version of the CSV" in caplog.text
