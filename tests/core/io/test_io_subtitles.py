"""Subtitle import: SRT, ASS, VTT — text cleaning, speakers, non-dialogue flags, line numbers in errors."""

from __future__ import annotations

import pytest

from svsg_desktop.core.errors import InputError
from svsg_desktop.core.io import check_against_duration, load_subtitles
from svsg_desktop.core.lines import Flag, Line

from .io_samples import ASS_EVENTS, ASS_HEADER, BILINGUAL, SRT, VTT


def test_srt_speakers_and_text(write):
    r = load_subtitles(write("ep.srt", SRT))
    assert r.format == "srt" and r.encoding == "utf-8"
    by = {ln.source_index: ln for ln in r.lines}
    assert (by[0].speaker, by[0].text) == ("キョン", "やれやれ\n真是的")          # bilingual cue kept whole
    assert (by[1].speaker, by[1].text) == ("ハルヒ", "ただの人間には興味ありません。")  # tag + full-width colon
    assert by[2].speaker == "" and by[2].text == "会议在10:30开始，详见 http://example.com"
    assert by[4].flags == {Flag.NON_DIALOGUE} and by[4].speaker == ""
    assert by[5].speaker == "" and by[5].text == "[laughs] okay"                # sound, not a name
    assert (by[6].speaker, by[6].text) == ("長門", "情報統合思念体")
    assert (by[7].speaker, by[7].text) == ("長門", "……")
    assert Flag.SEVERAL in by[8].flags and by[8].speaker == ""                 # two names in one cue
    assert [ln.id for ln in r.lines] == [f"L{i:05d}" for i in range(1, 10)]


def test_rare_prefix_is_left_in_text(write):
    srt = ("1\n00:00:01,000 --> 00:00:02,000\nTime: 10:30 is when we meet\n\n"
           "2\n00:00:03,000 --> 00:00:04,000\nWe go at dawn.\n\n3\n00:00:05,000 --> 00:00:06,000\nOkay.\n\n"
           "4\n00:00:07,000 --> 00:00:08,000\nNote: bring tea\n\n5\n00:00:09,000 --> 00:00:10,000\nWhy: who knows\n"
           "\n6\n00:00:11,000 --> 00:00:12,000\nSure.\n\n7\n00:00:13,000 --> 00:00:14,000\nFine.\n\n"
           "8\n00:00:15,000 --> 00:00:16,000\nLet us go.\n\n9\n00:00:17,000 --> 00:00:18,000\nNow.\n\n"
           "10\n00:00:19,000 --> 00:00:20,000\nAlready?\n")
    r = load_subtitles(write("rare.srt", srt))
    assert [ln.speaker for ln in r.lines] == [""] * 10
    assert r.lines[0].text == "Time: 10:30 is when we meet"
    assert any("seen only once" in w for w in r.warnings)


def test_ass_tags_styles_actors(write):
    r = load_subtitles(write("ep.ass", ASS_HEADER + ASS_EVENTS))
    assert r.format == "ass"
    texts = {ln.text: ln for ln in r.lines}
    first = r.lines[0]
    assert first.text == "我对普通的人类没有兴趣。\n普通の人間には興味ありません。"
    assert first.speaker == "春日" and first.style == "Default" and first.is_dialogue
    assert texts["やれやれだ な"].speaker == "キョン" and texts["やれやれだ な"].style == "Dial-JP"
    for t in ("ハレ晴レ", "北高", "冒険でしょでしょ", "ほんとうの気持ち"):
        assert Flag.NON_DIALOGUE in texts[t].flags, t
    assert texts["……"].speaker == "长门"
    assert len(r.lines) == 7          # comment and pure drawing are not lines
    assert [ln.source_index for ln in r.lines] == [0, 2, 3, 4, 6, 7, 8]
    assert any("Comment" in w for w in r.warnings)


def test_vtt_voices_and_escapes(write):
    r = load_subtitles(write("ep.vtt", VTT))
    assert r.format == "vtt"
    assert [(ln.start, ln.end) for ln in r.lines] == [(1000, 2500), (3000, 4000), (4500, 5000)]
    assert r.lines[0].speaker == "春日" and r.lines[0].text == "我对普通的人类没有兴趣 & 宇宙人"
    assert r.lines[1].speaker == "キョン" and r.lines[1].text == "やれやれ\n二行目"
    assert r.lines[2].speaker == "" and r.lines[2].text == "no voice here"


def test_format_sniffed_from_content(write):
    assert load_subtitles(write("x.txt", VTT)).format == "vtt"
    assert load_subtitles(write("x.srt", ASS_HEADER + ASS_EVENTS)).format == "ass"


@pytest.mark.parametrize("name, text, line, code", [
    ("e.srt", "", None, "empty_file"),
    ("b.srt", "1\n00:00:02,000 --> 00:00:01,000\nreversed\n", 2, "reversed_time"),
    ("n.srt", "1\n00:00:01,000 --> 00:00:02,000\nok\n\n2\n-00:00:01,000 --> 00:00:02,000\nneg\n", 6,
     "negative_time"),
    ("u.srt", "1\n00:00:01,000 --> 00:00:02,000\nok\n\n2\n00:00:0x,000 --> 00:00:02,000\nbad\n", 6, "bad_time"),
    ("g.srt", "hello\n\nworld\n", 1, "bad_cue"),
    ("r.ass", ASS_HEADER + "Dialogue: 0,0:00:03.00,0:00:01.00,Default,,0,0,0,,x\n", 18, "reversed_time"),
    ("t.ass", ASS_HEADER + "Dialogue: 0,0:00:01.00,0:0a:02.00,Default,,0,0,0,,x\n", 18, "bad_time"),
    ("f.ass", ASS_HEADER + "Dialogue: garbage\n", 18, "bad_event"),
    ("v.vtt", "WEBVTT\n\n00:00:01,000 --> 00:00:02,000\nx\n", 3, "bad_time"),
    ("h.vtt", "00:00:01.000 --> 00:00:02.000\nx\n", 1, "bad_header"),
])
def test_bad_input_names_file_and_line(write, name, text, line, code):
    p = write(name, text)
    with pytest.raises(InputError) as exc:
        load_subtitles(p)
    err = exc.value
    assert err.code == code and err.path == str(p) and err.line == line
    assert str(p) in str(err) and (line is None or f"line {line}" in str(err))


def test_binary_file_refused(tmp_path):
    p = tmp_path / "movie.srt"
    p.write_bytes(bytes(range(256)) * 20)
    with pytest.raises(InputError, match="binary"):
        load_subtitles(p)


def test_overlaps_warned_not_refused(write):
    srt = ("1\n00:00:01,000 --> 00:00:03,000\nA: 一\n\n2\n00:00:02,000 --> 00:00:04,000\nB: 二\n\n"
           "3\n00:00:05,000 --> 00:00:06,000\nA: 三\n\n4\n00:00:05,000 --> 00:00:06,000\nB: 四\n")
    r = load_subtitles(write("o.srt", srt))
    assert len(r.lines) == 4
    assert any("2 dialogue cue(s) overlap" in w for w in r.warnings)
    assert any("exactly the same times" in w for w in r.warnings)


def test_check_against_duration():
    lines = [Line("L1", 0, 1000, "a"), Line("L2", 9000, 11000, "b"), Line("L3", 12000, 13000, "c")]
    w = check_against_duration(lines, 10_000)
    assert len(w) == 2 and "L3" in w[0] and "start after" in w[0] and "L2" in w[1]
    assert check_against_duration(lines, 20_000) == []


def test_to_project_groups_labels(write):
    r = load_subtitles(write("ep.ass", ASS_HEADER + ASS_EVENTS))
    p = r.to_project(video="ep01.mkv")
    assert p.subtitles == str(write("ep.ass", ASS_HEADER + ASS_EVENTS)) and p.video == "ep01.mkv"
    assert {c.name for c in p.clusters.values()} == {"春日", "キョン", "长门"}


def test_one_event_per_language_becomes_one_line(write):
    r = load_subtitles(write("bi.ass", ASS_HEADER + BILINGUAL))
    got = [(ln.start, ln.text, ln.speaker, ln.style) for ln in r.lines]
    assert got == [(1000, "我对普通的人类没有兴趣\n普通の人間には興味ありません", "", "CN"),
                   (3000, "真是的\nやれやれ", "", "CN"),
                   (3000, "同じ時間、同じスタイル", "", "JP"),         # same style: someone else at once
                   (5000, "走吧", "春日", "CN"), (5000, "はいはい", "キョン", "JP")]   # different actors
    assert any("joined" in w for w in r.warnings)


def test_vtt_cue_with_two_voices_is_flagged(write):
    vtt = "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n<v 春日>走吧\n<v キョン>はいはい\n"
    ln = load_subtitles(write("two.vtt", vtt)).lines[0]
    assert ln.speaker == "" and Flag.SEVERAL in ln.flags and ln.text == "走吧\nはいはい"


SSA = """[Script Info]
ScriptType: v4.00

[V4 Styles]
Format: Name, Fontname, Fontsize, PrimaryColour, SecondaryColour, TertiaryColour, BackColour, Bold, Italic, BorderStyle, Outline, Shadow, Alignment, MarginL, MarginR, MarginV, AlphaLevel, Encoding
Style: Default,Arial,20,16777215,65535,65535,-2147483640,-1,0,1,3,0,2,30,30,30,0,0
Style: Song,Arial,20,16777215,65535,65535,-2147483640,-1,0,1,3,0,2,30,30,30,0,0

[Events]
Format: Marked, Start, End, Style, Name, MarginL, MarginR, MarginV, Effect, Text
Dialogue: Marked=0,0:00:01.00,0:00:02.00,Default,ハルヒ,0000,0000,0000,,ただの人間には\\N興味ありません
Dialogue: Marked=0,0:00:03.00,0:00:04.00,Song,,0000,0000,0000,,ハレ晴レユカイ
"""


def test_ssa_v4(write):
    r = load_subtitles(write("old.ssa", SSA))
    assert r.format == "ssa"
    assert [(ln.text, ln.speaker, ln.is_dialogue) for ln in r.lines] == \
        [("ただの人間には\n興味ありません", "ハルヒ", True), ("ハレ晴レユカイ", "", False)]


def test_vtt_ruby_and_class_tags(write):
    vtt = "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n<c.yellow><ruby>涼宮<rt>すずみや</rt></ruby>ハルヒ</c> &lt;3\n"
    assert load_subtitles(write("ruby.vtt", vtt)).lines[0].text == "涼宮ハルヒ <3"


@pytest.mark.parametrize("text, expect", [
    ("キョン: やれやれ", ("キョン", "やれやれ")),
    ("涼宮ハルヒ：ただの人間には", ("涼宮ハルヒ", "ただの人間には")),
    ("[長門] 情報統合思念体", ("長門", "情報統合思念体")),
    ("（みくる）ふぇぇ", ("みくる", "ふぇぇ")),
    ("(Koizumi) Indeed.", ("Koizumi", "Indeed.")),
    ("【古泉】そうですね", ("古泉", "そうですね")),
    ("JOHN (V.O.): hi", ("JOHN", "hi")),
    ("春日（小声）：快走", ("春日", "快走")),
    ("- KYON: Hey", ("KYON", "Hey")),
    ("10:30 we meet", None),
    ("see http://example.com", None),
    ("http://example.com", None),
    ("[laughs] okay", None),
    ("（笑）そうか", None),
    ("（小声）快走", None),
    ("(whispering) go", None),
    ("Name:", None),
    ("A very long sentence that goes on: and on", None),
])
def test_speaker_prefix_forms(text, expect):
    from svsg_desktop.core.io.textclean import split_speaker_prefix
    assert split_speaker_prefix(text) == expect


def test_vtt_inline_karaoke_timestamps(write):
    vtt = "WEBVTT\n\n00:00:01.000 --> 00:00:03.000\n<v 春日><00:00:01.500>ハレ<00:00:02.000>晴レ\n"
    ln = load_subtitles(write("k.vtt", vtt)).lines[0]
    assert (ln.start, ln.end, ln.text, ln.speaker) == (1000, 3000, "ハレ晴レ", "春日")


def test_srt_quirks_text_block_without_time_and_truncated_end(write):
    srt = ("1\n00:00:01,000 --> 00:00:02,000\n第一行\n\n第二段\n\n2\n00:00:03,000 --> 00:00:04,000\nやれやれ\n"
           "3\n00:00:05,000 --> 00:00:06,000\nno blank line before me\n\n4\n")
    r = load_subtitles(write("q.srt", srt))
    assert [(ln.start, ln.text) for ln in r.lines] == [(1000, "第一行\n第二段"), (3000, "やれやれ"),
                                                       (5000, "no blank line before me")]
    assert any("joined to the cue before" in w for w in r.warnings)
    assert any("truncated" in w for w in r.warnings)


@pytest.mark.parametrize("name, nd", [
    ("OP_JP", True), ("OPJP", True), ("ED2", True), ("EDCN", True), ("OP EN", True), ("Sign", True),
    ("Signs-Top", True), ("Song_Romaji", True), ("Karaoke", True), ("TitleCard", True), ("Staff", True),
    ("kfx", True), ("歌词", True), ("看板", True), ("屏幕字", True), ("Banner;20;0;0", True),
    ("Default", False), ("OpenSans", False), ("Open Sans", False), ("Speed", False), ("Edit", False),
    ("正文", False), ("日文", False), ("Dial-JP", False), ("", False),
])
def test_non_dialogue_style_names(name, nd):
    from svsg_desktop.core.io.textclean import is_non_dialogue_name
    assert is_non_dialogue_name(name) is nd
