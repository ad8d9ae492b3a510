"""Reading text files of unknown encoding (subtitles and CSVs from Chinese, Japanese and Western sources).

Order of decisions: empty file → error; byte-order mark (UTF-8, UTF-32, UTF-16) → that encoding; NUL bytes
without a BOM → UTF-16 when the NULs sit in every other byte (BOM-less UTF-16 of mostly-ASCII text), otherwise a
binary file → error; strict UTF-8 → ``utf-8``; otherwise the legacy encodings subtitles really come in
(GB18030/GBK, Big5, Shift-JIS/CP932, EUC-JP, EUC-KR, CP1252) that decode strictly are scored by how plausible
their text is, ties broken by charset-normalizer and then that order. The result names the codec actually used
to decode, so the caller can say it.
"""

from __future__ import annotations

import codecs
import functools
import logging
import os
import unicodedata

from ..errors import InputError

log = logging.getLogger(__name__)

#: Candidates given to charset-normalizer, in tie-break preference order.
CANDIDATES = ("gb18030", "big5", "cp932", "euc_jp", "cp949", "cp1252")
_ALIASES = {  # charset-normalizer's names → the codec we decode with (supersets, so nothing is lost)
    "gb2312": "gb18030", "gbk": "gb18030", "hz": "gb18030", "gb18030": "gb18030",
    "shift_jis": "cp932", "shift_jis_2004": "cp932", "shift_jisx0213": "cp932", "cp932": "cp932",
    "euc_kr": "cp949", "johab": "cp949", "cp949": "cp949", "big5": "big5", "big5hkscs": "big5hkscs",
    "euc_jp": "euc_jp", "euc_jis_2004": "euc_jp", "euc_jisx0213": "euc_jp",
    "utf_8": "utf-8", "ascii": "utf-8", "cp1252": "cp1252", "latin_1": "cp1252", "iso8859_1": "cp1252",
    "utf_16": "utf-16", "utf_16_le": "utf-16-le", "utf_16_be": "utf-16-be",
}
_BOMS = (  # longest first: a UTF-32-LE BOM starts with the UTF-16-LE one
    (codecs.BOM_UTF32_LE, "utf-32-le", "utf-32"), (codecs.BOM_UTF32_BE, "utf-32-be", "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig", "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "utf-16"), (codecs.BOM_UTF16_BE, "utf-16-be", "utf-16"),
)
_MAX_CONTROL_RATIO = 0.01
MIN_PLAUSIBILITY = 0.2
MAX_TEXT_BYTES = 256 * 2**20   # a whole season's project CSV is about 1 MiB      # below this mean character score no candidate reads as real text   # more C0/C1 control characters than this (besides \t \n \r \f) = not a text file


def read_text(path: str | os.PathLike) -> tuple[str, str]:
    """Read and decode a text file. Returns ``(text, encoding)``; line ends are left as they are.

    Raises :class:`InputError` for a missing, unreadable, empty, binary or undecodable file.
    """
    p = os.fspath(path)
    try:
        with open(p, "rb") as fh:
            size = os.fstat(fh.fileno()).st_size
            if size > MAX_TEXT_BYTES:   # a video chosen by mistake: do not read gigabytes to say so
                head = fh.read(4096)
                kind = "a binary file" if b"\x00" in head else "far too large"
                raise InputError(f"this is {kind} ({size / 2**20:.0f} MiB), not a subtitle or CSV file", path=p,
                                 code="binary_file" if b"\x00" in head else "too_large")
            data = fh.read()
    except FileNotFoundError:
        raise InputError("no such file", path=p, code="no_such_file") from None
    except IsADirectoryError:
        raise InputError("is a folder, not a file", path=p, code="not_a_file") from None
    except OSError as err:
        raise InputError(f"cannot read the file ({err.strerror or err})", path=p, code="unreadable") from None
    return decode_bytes(data, p)


def decode_bytes(data: bytes, path: str | None = None) -> tuple[str, str]:
    """Decode ``data`` as described in the module docstring; ``path`` is only used in error messages."""
    if not data.strip(b" \t\r\n\x00\xef\xbb\xbf\xff\xfe"):
        raise InputError("the file is empty", path=path, code="empty_file")
    for bom, codec, name in _BOMS:
        if data.startswith(bom):
            text = _strict(data[len(bom):], codec, path, name)
            return _checked(text, name, path, controls=False), name
    if b"\x00" in data:
        guess = _bomless_utf16(data)
        if guess is None:
            raise InputError("this is a binary file, not a text file (NUL bytes)", path=path, code="binary_file")
        text = _strict(data, guess, path, guess)
        return _checked(text, guess, path), guess
    try:
        return _checked(data.decode("utf-8"), "utf-8", path, controls=False), "utf-8"
    except UnicodeDecodeError as err:
        _refuse_damaged_utf8(data, err, path)
    codec = _detect_legacy(data)
    if codec is None:
        raise InputError("cannot tell the text encoding (tried UTF-8, UTF-16, GB18030, Big5, Shift-JIS, EUC-JP, "
                         "EUC-KR, CP1252); save it as UTF-8", path=path, code="unknown_encoding")
    text = _strict(data, codec, path, codec)
    return _checked(text, codec, path), codec


def _refuse_damaged_utf8(data: bytes, err: UnicodeDecodeError, path: str | None) -> None:
    """A UTF-8 file with a few broken bytes must not be read as GB18030 mojibake (GB18030 decodes most UTF-8
    byte pairs): when nearly all of its non-ASCII characters are valid UTF-8, report the damage instead."""
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd")
    good = sum(1 for ch in text if ch >= "\x80") - bad
    if good >= 4 and bad <= max(2, good // 50):
        line = data[: err.start].count(b"\n") + 1
        raise InputError(f"not valid UTF-8 (byte {err.start}, {bad} damaged character(s) in a UTF-8 file): "
                         "the file is damaged or mixes encodings", path=path, line=line, code="bad_encoding",
                         encoding="utf-8")


def _strict(data: bytes, codec: str, path: str | None, name: str) -> str:
    try:
        return data.decode(codec)
    except UnicodeDecodeError as err:
        line = data[: err.start].count(b"\n") + 1 if codec not in ("utf-16-le", "utf-16-be") else None
        raise InputError(f"not valid {name} text (byte {err.start})", path=path, line=line,
                         code="bad_encoding", encoding=name) from None


def _checked(text: str, encoding: str, path: str | None, controls: bool = True) -> str:
    """Reject decoded text that is really binary data (many control characters). Skipped (``controls=False``)
    for a BOM or valid UTF-8: binary data practically never decodes so, and our own CSVs may hold any text."""
    sample = text[:200_000] if controls else ""
    bad = sum(1 for ch in sample if ch not in "\t\n\r\f" and unicodedata.category(ch) == "Cc")
    if bad > 16 and bad > _MAX_CONTROL_RATIO * len(sample):
        raise InputError(f"this looks like a binary file, not text ({bad} control characters as {encoding})",
                         path=path, code="binary_file")
    if not text.strip(" \t\r\n\x00\ufeff"):
        raise InputError("the file is empty", path=path, code="empty_file")
    return text


def _bomless_utf16(data: bytes) -> str | None:
    """UTF-16 without BOM: mostly-ASCII text has NUL in (nearly) all odd (LE) or even (BE) bytes."""
    if len(data) < 4 or len(data) % 2:
        return None
    even, odd = data[0::2], data[1::2]
    n = len(even)
    if odd.count(0) >= 0.4 * n and even.count(0) <= 0.05 * n:
        return "utf-16-le"
    if even.count(0) >= 0.4 * n and odd.count(0) <= 0.05 * n:
        return "utf-16-be"
    return None


def _detect_legacy(data: bytes) -> str | None:
    """Pick among the legacy codecs that decode ``data`` strictly. charset-normalizer alone is unreliable on
    short CJK files (it reads a few lines of Shift-JIS or GBK as Korean), so each candidate's text is scored by
    how ordinary its characters are (:func:`_plausibility`); on a tie, charset-normalizer's pick (when the sample is long
    enough for it), then the preference order of :data:`CANDIDATES`."""
    from charset_normalizer import from_bytes  # imported lazily: it is not needed for UTF-8 files

    decoded = {}
    for codec in CANDIDATES:
        try:
            decoded[codec] = data.decode(codec)
        except UnicodeDecodeError:
            continue
    if not decoded:
        return None
    favourite = None
    if sum(1 for b in data if b >= 0x80) >= 200:   # too short a sample misleads charset-normalizer
        best = from_bytes(data, cp_isolation=list(CANDIDATES)).best()
        favourite = _ALIASES.get(best.encoding, best.encoding) if best is not None else None
    scores = {c: round(_plausibility(t), 2) for c, t in decoded.items()}
    log.debug("encoding scores: %s (charset-normalizer: %s)", scores, favourite)
    best_codec = max(decoded, key=lambda c: (scores[c], c == favourite, -CANDIDATES.index(c)))
    return best_codec if scores[best_codec] >= MIN_PLAUSIBILITY else None


def _plausibility(text: str, limit: int = 20_000) -> float:
    """Mean score of the non-ASCII characters (up to ``limit``): 1 for what CJK or Western subtitles are made
    of (kana, common hanzi/kanji, CJK punctuation, accented letters), negative for what a wrong codec yields
    (rare ideographs, extension Hangul, symbols, C1 controls)."""
    total = n = 0.0
    for ch in text:
        if ch < "\x80":
            continue
        total += _char_score(ch)
        n += 1
        if n >= limit:
            break
    return total / n if n else 0.0


@functools.lru_cache(maxsize=65536)
def _char_score(ch: str) -> float:
    o = ord(ch)
    if 0x3041 <= o <= 0x30FF or 0x3000 <= o <= 0x303F or 0xFF01 <= o <= 0xFF5E or 0x2010 <= o <= 0x2027:
        return 1.0
    if 0x4E00 <= o <= 0x9FFF:
        return 1.0 if _common_ideograph(ch) else -0.5
    if 0xAC00 <= o <= 0xD7A3:
        return 1.0 if _two_bytes(ch, "euc_kr") else -1.0   # the 2,350 KS X 1001 syllables
    if 0xC0 <= o <= 0xFF or o in (0x152, 0x153, 0x160, 0x161, 0x178, 0x17D, 0x17E):
        return 0.5
    if 0xA0 <= o <= 0xBF or o in (0x20AC, 0x2122):   # « » ° © ¿ ¡ € ™: ordinary in Western text
        return 0.0
    if 0x80 <= o <= 0x9F:
        return -2.0
    return -1.0


def _common_ideograph(ch: str) -> bool:
    """Among the ~3,000 most used characters of Chinese (GB2312 level 1), Japanese (JIS level 1) or
    Traditional Chinese (Big5 frequent block)."""
    for codec, lo, hi in (("gb2312", 0xB0, 0xD7), ("euc_jp", 0xB0, 0xCF), ("big5", 0xA4, 0xC6)):
        try:
            b = ch.encode(codec)
        except UnicodeEncodeError:
            continue
        if len(b) == 2 and lo <= b[0] <= hi:
            return True
    return False


def _two_bytes(ch: str, codec: str) -> bool:
    try:
        return len(ch.encode(codec)) == 2   # Python's euc_kr spells rare syllables as 8-byte make-up sequences
    except UnicodeEncodeError:
        return False
