"""Turning raw cue text into plain line text, and reading what the text says about the line.

* ASS: ``{...}`` override blocks removed, ``\\N``/``\\n`` → newline, ``\\h`` → space; drawing mode (``\\p1``)
  and karaoke tags (``\\k``) mark a sign/song.
* SRT/VTT: HTML-like formatting tags removed (``<i>``, ``<font …>``, VTT ``<c.x>``, ``<ruby>``, timestamps),
  entities unescaped; stray ASS tags such as ``{\\an8}`` removed too.
* Non-dialogue: style/effect names such as Sign, Song, OP/ED, Lyrics, Karaoke, Title, Credits, 歌, 看板.
* Speaker prefixes: ``NAME: ``, ``NAME：``, ``[NAME]``, ``(NAME)``, ``（NAME）`` at the start of a cue.
"""

from __future__ import annotations

import functools
import html
import re

# -- ASS ---------------------------------------------------------------------------------------------------------
_ASS_BLOCK = re.compile(r"\{[^{}]*\}")
_ASS_DRAWING_ON = re.compile(r"\\p[1-9]")
_ASS_KARAOKE = re.compile(r"\\(?:k|kf|ko|K)\d")


def clean_ass_text(raw: str) -> tuple[str, bool]:
    """Plain text of an ASS event, and whether its tags say "sign or song" (drawing or karaoke)."""
    special = False
    out: list[str] = []
    drawing = False
    pos = 0
    for m in _ASS_BLOCK.finditer(raw):
        if not drawing:
            out.append(raw[pos:m.start()])
        block = m.group(0)
        if _ASS_KARAOKE.search(block):
            special = True
        if "\\p" in block:
            drawing = bool(_ASS_DRAWING_ON.search(block))
            special = special or drawing
        pos = m.end()
    if not drawing:
        out.append(raw[pos:])
    text = "".join(out)
    text = text.replace("\\N", "\n").replace("\\n", "\n").replace("\\h", " ")
    return _tidy(text), special


# -- SRT / VTT ---------------------------------------------------------------------------------------------------
_HTML_TAG = re.compile(r"</?(?:i|b|u|s|c|v|lang|ruby|rt|font|span|br)(?:[\s.][^<>]*)?/?>|<\d+:\d{2}(?::\d{2})?\.\d+>",
                       re.IGNORECASE)


_RUBY_TEXT = re.compile(r"<rt(?:\s[^<>]*)?>.*?</rt>", re.IGNORECASE | re.S)


def clean_html_text(raw: str) -> str:
    """Plain text of an SRT/VTT cue (see module docstring). Ruby readings (``<rt>``) are dropped."""
    text = _HTML_TAG.sub("", _RUBY_TEXT.sub("", raw))
    text = _ASS_BLOCK.sub(lambda m: "" if m.group(0).startswith("{\\") else m.group(0), text)
    text = html.unescape(text).replace("\u00a0", " ")
    text = text.replace("\\N", "\n")
    return _tidy(text)


def _tidy(text: str) -> str:
    lines = [ln.strip() for ln in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    return "\n".join(ln for ln in lines if ln)


# -- non-dialogue ------------------------------------------------------------------------------------------------
_ND_WORDS = {
    "sign", "signs", "song", "songs", "op", "ed", "opening", "ending", "lyric", "lyrics", "karaoke", "kara", "kfx",
    "title", "titles", "credit", "credits", "staff", "insert", "insertsong", "romaji", "note", "notes", "logo",
    "caption", "captions", "eyecatch", "typeset", "ts", "banner", "scroll",
}
_ND_AFFIX = re.compile(r"^(?:op|ed)(?:\d+|jp|cn|eng|chs|cht|sc|tc|ja|jap|rom|romaji|kan|kanji|tl|trans|"
                       r"kara|k|jpn|chn|zh)?$")
_ND_CJK = ("歌", "看板", "标题", "標題", "字幕组", "字幕組", "制作", "スタッフ", "タイトル", "注释", "註釋", "注釈",
           "片头", "片頭", "片尾", "オープニング", "エンディング", "挿入", "插曲", "主题曲", "主題歌", "屏幕", "画面",
           "说明", "說明", "职员", "職員", "特效")
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])")


_ND_CJK_RE = re.compile("|".join(map(re.escape, _ND_CJK)))


@functools.lru_cache(maxsize=4096)
def is_non_dialogue_name(name: str) -> bool:
    """Whether an ASS style/effect name marks a sign, song, OP/ED, title or credit."""
    if not name or not name.strip():
        return False
    if _ND_CJK_RE.search(name):
        return True
    tokens = [t for t in re.split(r"[^a-z0-9]+", _CAMEL.sub(" ", name).lower()) if t]
    compact = re.sub(r"[^a-z0-9]+", "", name.lower())
    return any(t in _ND_WORDS or _ND_AFFIX.match(t) for t in tokens) or bool(_ND_AFFIX.match(compact))


_MUSIC = ("♪", "♫", "♬", "〜♪", "♩")


def is_song_text(text: str) -> bool:
    """SRT convention: lyrics are wrapped in music notes."""
    t = text.strip()
    return bool(t) and (t.startswith(_MUSIC) or t.endswith(_MUSIC))


# -- speaker prefixes --------------------------------------------------------------------------------------------
_NAME = r"[^\W\d_][\w .'’·・\-]{0,29}?"
_ASIDE = r"(?:\([^()]{1,12}\)\s*|（[^（）]{1,12}）\s*)?"   # "JOHN (V.O.): …", "春日（小声）：…"
_DASH = re.compile(r"^[-–—]\s*")
_PREFIXES = (
    re.compile(rf"^\[(?P<name>{_NAME})\]\s*(?P<rest>.*)$", re.S),
    re.compile(rf"^\((?P<name>{_NAME})\)\s*(?P<rest>.*)$", re.S),
    re.compile(rf"^（(?P<name>{_NAME})）\s*(?P<rest>.*)$", re.S),
    re.compile(rf"^【(?P<name>{_NAME})】\s*(?P<rest>.*)$", re.S),
    re.compile(rf"^(?P<name>{_NAME})\s*{_ASIDE}：\s*(?P<rest>.*)$", re.S),
    re.compile(rf"^(?P<name>{_NAME})\s*{_ASIDE}:\s+(?P<rest>.*)$", re.S),
)
_SOUND_WORDS = {
    "music", "laugh", "laughs", "laughing", "laughter", "sigh", "sighs", "sighing", "applause", "silence",
    "inaudible", "cheering", "cheers", "groans", "groaning", "gasps", "gasp", "screams", "screaming", "crying",
    "sobbing", "chuckles", "chuckling", "coughs", "coughing", "whispers", "whispering", "phone", "ringing", "door",
    "doorbell", "knocking", "thunder", "explosion", "footsteps", "sfx", "bgm", "singing", "sings", "humming",
    "continues", "narrator", "narration", "indistinct", "chattering", "static", "beep", "beeping", "grunts",
    "screaming", "speaking", "foreign", "japanese", "chinese", "english", "music playing", "whispering",
    "shouting", "yelling", "muttering", "v.o.", "o.s.", "vo", "os", "tv", "radio", "continuing", "sniffs",
    "panting", "breathing", "screams", "cries", "sobs", "giggles", "scoffs", "exclaims", "softly", "quietly",
}
_SOUND_CJK = ("笑", "音乐", "音樂", "音楽", "叹", "嘆", "歌声", "歌聲", "掌声", "拍手", "铃", "鈴", "咳", "哭", "泣",
              "脚步", "足音", "旁白", "画外音", "畫外音", "電話", "电话", "敲门", "效果音", "SE", "小声", "小聲", "低语",
              "低語", "喘", "吼", "喊", "尖叫", "心声", "心聲", "内心", "內心", "独白", "獨白", "回忆", "回憶", "回想",
              "广播", "廣播", "放送", "ため息", "独り言", "心の声", "モノローグ", "ナレーション", "ひそひそ", "BGM",
              "沉默", "无声", "無言", "…", "。")

_SOUND_CJK_RE = re.compile("|".join(map(re.escape, _SOUND_CJK)))


def split_speaker_prefix(text: str) -> tuple[str, str] | None:
    """``(name, rest)`` when the first line starts with a speaker prefix, else ``None``.

    Rejects what only looks like one: times (``10:30``), URLs (``http://``), sound descriptions (``[laughs]``,
    ``（笑）``), a prefix with nothing after it, names longer than four words.
    """
    first = _DASH.sub("", text.split("\n", 1)[0], count=1)
    for rx in _PREFIXES:
        m = rx.match(first)
        if not m:
            continue
        name, rest = m.group("name").strip(), m.group("rest")
        if not rest.strip() or rest.startswith("//") or len(name.split()) > 4:
            return None
        low = name.lower()
        if low in _SOUND_WORDS or any(w in _SOUND_WORDS for w in low.split()) or _SOUND_CJK_RE.search(name):
            return None
        remainder = text.split("\n", 1)
        return name, rest + ("\n" + remainder[1] if len(remainder) > 1 else "")
    return None


def strip_speaker_everywhere(text: str, name: str) -> tuple[str, list[str]]:
    """Remove ``name``'s prefix from the first line (already known) and from later lines that carry the same
    prefix (bilingual cues repeat it). Returns the text and the *other* names found on later lines."""
    first, *others = text.split("\n")
    hit = split_speaker_prefix(first)
    if hit and hit[0] == name:
        first = hit[1]
    out, other_names = [first], []
    for ln in others:
        h = split_speaker_prefix(ln)
        if h and h[0] == name:
            out.append(h[1])
        else:
            if h:
                other_names.append(h[0])
            out.append(ln)
    return "\n".join(out), other_names
