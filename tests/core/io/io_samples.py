"""Sample subtitle files for the IO tests (Chinese and Japanese text)."""

from __future__ import annotations

ASS_HEADER = """[Script Info]
; made by hand for tests
Title: 涼宮ハルヒの憂鬱 テスト
ScriptType: v4.00+
PlayResX: 1920
PlayResY: 1080

[V4+ Styles]
Format: Name, Fontname, Fontsize, PrimaryColour, SecondaryColour, OutlineColour, BackColour, Bold, Italic, Underline, StrikeOut, ScaleX, ScaleY, Spacing, Angle, BorderStyle, Outline, Shadow, Alignment, MarginL, MarginR, MarginV, Encoding
Style: Default,Noto Sans CJK SC,60,&H00FFFFFF,&H000000FF,&H00000000,&H00000000,0,0,0,0,100,100,0,0,1,2,2,2,10,10,10,1
Style: Dial-JP,Noto Sans CJK JP,48,&H00FFFFFF,&H000000FF,&H00000000,&H00000000,0,0,0,0,100,100,0,0,1,2,2,2,10,10,10,1
Style: OP_JP,Arial,40,&H00FFFFFF,&H000000FF,&H00000000,&H00000000,0,0,0,0,100,100,0,0,1,2,2,8,10,10,10,1
Style: Sign,Arial,40,&H00FFFFFF,&H000000FF,&H00000000,&H00000000,0,0,0,0,100,100,0,0,1,2,2,8,10,10,10,1
Style: 歌词,Arial,40,&H00FFFFFF,&H000000FF,&H00000000,&H00000000,0,0,0,0,100,100,0,0,1,2,2,8,10,10,10,1

[Events]
Format: Layer, Start, End, Style, Name, MarginL, MarginR, MarginV, Effect, Text
"""

ASS_EVENTS = r"""Dialogue: 0,0:00:01.00,0:00:03.50,Default,春日,0,0,0,,{\an8\pos(960,50)}我对普通的人类没有兴趣。\N普通の人間には興味ありません。
Comment: 0,0:00:01.00,0:00:03.50,Default,,0,0,0,,翻译注释
Dialogue: 0,0:00:04.00,0:00:05.20,Dial-JP,キョン,0,0,0,,やれやれ{\i1}だ{\i0}\hな
Dialogue: 0,0:00:05.00,0:00:06.00,OP_JP,,0,0,0,,{\k20}ハ{\k30}レ晴レ
Dialogue: 0,0:00:06.00,0:00:07.00,Sign,,0,0,0,,北高
Dialogue: 0,0:00:06.00,0:00:07.00,Default,,0,0,0,,{\p1}m 0 0 l 100 0 100 100{\p0}
Dialogue: 0,0:00:07.00,0:00:08.00,歌词,,0,0,0,,冒険でしょでしょ
Dialogue: 0,0:00:08.00,0:00:09.00,Default,,0,0,0,Karaoke,ほんとうの気持ち
Dialogue: 0,0:00:09.00,0:00:10.00,Default,长门,0,0,0,,……
"""

SRT = """1
00:00:01,000 --> 00:00:02,000
キョン: やれやれ
キョン: 真是的

2
00:00:03,000 --> 00:00:04,500
<i>ハルヒ：</i>ただの人間には興味ありません。

3
00:00:05,000 --> 00:00:06,000
会议在10:30开始，详见 http://example.com

4
00:00:06,500 --> 00:00:07,000
ハルヒ：行くわよ！

5
00:00:07,000 --> 00:00:08,000
♪ ハレ晴レユカイ ♪

6
00:00:08,000 --> 00:00:09,000
[laughs] okay

7
00:00:09,000 --> 00:00:10,000
[長門] 情報統合思念体

8
00:00:10,000 --> 00:00:11,000
（長門）……

9
00:00:11,000 --> 00:00:12,000
- キョン: おい
- ハルヒ: なによ
"""

VTT = """WEBVTT
Kind: captions

NOTE a comment block

intro
00:00:01.000 --> 00:00:02.500 align:start
<v 春日>我对普通的人类没有兴趣 &amp; <i>宇宙人</i></v>

00:03.000 --> 00:04.000
<v.loud キョン>やれやれ
二行目

3
00:00:04.500 --> 00:00:05.000
no voice here
"""

BILINGUAL = r"""Dialogue: 0,0:00:01.00,0:00:02.00,CN,,0,0,0,,我对普通的人类没有兴趣
Dialogue: 0,0:00:03.00,0:00:04.00,CN,,0,0,0,,真是的
Dialogue: 0,0:00:01.00,0:00:02.00,JP,,0,0,0,,{\fs30}普通の人間には興味ありません
Dialogue: 0,0:00:03.00,0:00:04.00,JP,,0,0,0,,やれやれ
Dialogue: 0,0:00:03.00,0:00:04.00,JP,,0,0,0,,同じ時間、同じスタイル
Dialogue: 0,0:00:05.00,0:00:06.00,CN,春日,0,0,0,,走吧
Dialogue: 0,0:00:05.00,0:00:06.00,JP,キョン,0,0,0,,はいはい
"""
