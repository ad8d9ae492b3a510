"""Encoding detection: BOMs, BOM-less UTF-16, UTF-8, GB18030/GBK, Big5, Shift-JIS, EUC-JP; binary and empty."""

from __future__ import annotations

import codecs

import pytest

from svsg_desktop.core.errors import InputError
from svsg_desktop.core.io import load_labeled_csv, load_subtitles
from svsg_desktop.core.io.encoding import decode_bytes

ZH_S = ["凉宫春日：我对普通的人类没有兴趣。", "阿虚：真是的，这家伙到底在想什么啊", "朝比奈：对不起，我迟到了"]
ZH_T = ["涼宮春日：我對普通的人類沒有興趣。", "阿虛：真是的，這傢伙到底在想什麼啊", "朝比奈：對不起，我遲到了"]
JA = ["ハルヒ：ただの人間には興味ありません。", "キョン：やれやれ、何を考えているんだ", "みくる：遅れてごめんなさい"]


def srt(lines):
    return "".join(f"{i + 1}\r\n00:00:0{i},000 --> 00:00:0{i},900\r\n{t}\r\n\r\n" for i, t in enumerate(lines))


@pytest.mark.parametrize("lines, data_encoding, reported", [
    (ZH_S, "utf-8", "utf-8"),
    (JA, "utf-8-sig", "utf-8-sig"),
    (JA, "utf-16", "utf-16"),            # Python writes a BOM (little-endian here)
    (ZH_S, "utf-16-be-bom", "utf-16"),
    (ZH_S, "utf-16-le", "utf-16-le"),    # no BOM
    (JA, "utf-16-be", "utf-16-be"),      # no BOM
    (ZH_S, "gbk", "gb18030"),
    (ZH_S, "gb18030", "gb18030"),
    (ZH_T, "big5", "big5"),
    (JA, "shift_jis", "cp932"),
    (JA, "cp932", "cp932"),
    (JA, "euc_jp", "euc_jp"),
])
def test_subtitle_encodings(tmp_path, lines, data_encoding, reported):
    lines = lines * 2          # each speaker speaks twice: their prefixes are a convention, not chance
    text = srt(lines)
    data = (codecs.BOM_UTF16_BE + text.encode("utf-16-be") if data_encoding == "utf-16-be-bom"
            else text.encode(data_encoding))
    p = tmp_path / "ep.srt"
    p.write_bytes(data)
    r = load_subtitles(p)
    assert r.encoding == reported
    assert [ln.text for ln in r.lines] == [t.split("：", 1)[1] for t in lines]
    assert [ln.speaker for ln in r.lines] == [t.split("：", 1)[0] for t in lines]


@pytest.mark.parametrize("encoding, expect", [("gbk", "gb18030"), ("shift_jis", "cp932"), ("utf-8-sig", "utf-8-sig")])
def test_haruhi_csv_encodings(tmp_path, encoding, expect):
    rows = [("春日", "ただの人間には興味ありません" if encoding == "shift_jis" else "我对普通的人类没有兴趣"),
            ("阿虚" if encoding != "shift_jis" else "キョン", "やれやれ" if encoding == "shift_jis" else "真是的")]
    text = "人物,人物台词,开始时间,结束时间\r\n" if encoding != "shift_jis" else "start,end,speaker,text\r\n"
    for k, (who, what) in enumerate(rows):
        if encoding == "shift_jis":
            text += f"0:00:0{k}.500,0:00:0{k + 1}.000,{who},{what}\r\n"
        else:
            text += f"{who},{what},0:00:0{k}.50,0:00:0{k + 1}.00\r\n"
    p = tmp_path / "labels.csv"
    p.write_bytes(text.encode(encoding))
    r = load_labeled_csv(p)
    assert r.encoding == expect
    assert [(ln.speaker, ln.text) for ln in r.lines] == rows


def test_empty_and_whitespace_files(tmp_path):
    for data in (b"", b"\r\n \n", codecs.BOM_UTF8, codecs.BOM_UTF16_LE + "\n".encode("utf-16-le")):
        with pytest.raises(InputError, match="empty"):
            decode_bytes(data, "x.srt")


def test_binary_data_refused():
    png = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4
    with pytest.raises(InputError, match="binary"):
        decode_bytes(png, "x.srt")
    noisy = bytes((i * 37 + 11) % 256 for i in range(4000) if (i * 37 + 11) % 256)   # no NULs
    with pytest.raises(InputError) as exc:
        decode_bytes(noisy, "x.srt")
    assert exc.value.code in ("binary_file", "unknown_encoding", "bad_encoding")


def test_broken_utf16_names_the_problem():
    with pytest.raises(InputError, match="not valid utf-16"):
        decode_bytes(codecs.BOM_UTF16_LE + b"\x00\xd8a\x00", "x.srt")   # lone surrogate


def test_huge_file_refused_without_reading_it(tmp_path, monkeypatch):
    from svsg_desktop.core.io import encoding

    monkeypatch.setattr(encoding, "MAX_TEXT_BYTES", 1000)
    video = tmp_path / "episode.srt"
    video.write_bytes(b"\x00\x00\x00\x18ftypmp42" + b"\x00" * 5000)
    with pytest.raises(InputError, match="binary file") as exc:
        load_subtitles(video)
    assert exc.value.code == "binary_file"
    text = tmp_path / "long.srt"
    text.write_bytes(b"1\n00:00:01,000 --> 00:00:02,000\nx\n\n" * 100)
    with pytest.raises(InputError, match="far too large"):
        load_subtitles(text)
