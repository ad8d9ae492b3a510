"""The built-in text corpus of the demo episodes: English lines, plus Chinese and Japanese lines (Japanese in kana
only, because espeak-ng reads no kanji), and short interjections (well under one second when spoken)."""

from __future__ import annotations

ENGLISH = (
    "Did you remember to lock the back door before we left?",
    "I told you already, the meeting moved to Thursday afternoon.",
    "Nobody has seen the cat since breakfast.",
    "If we hurry, we can still catch the last train home.",
    "That is the strangest thing I have heard all week.",
    "Could you pass me the salt, please?",
    "The lighthouse keeper says a storm is coming tonight.",
    "I think somebody moved my notebook again.",
    "We should ask the teacher before we start the experiment.",
    "Honestly, I have no idea what you are talking about.",
    "Let us meet at the bakery on the corner at noon.",
    "My grandmother grew these tomatoes in her garden.",
    "Why is the radio playing that song again?",
    "The bus was late, so I walked the whole way.",
    "You always say that, and then you forget.",
    "I found an old map hidden inside the piano.",
    "Please do not touch anything on my desk.",
    "The festival starts tomorrow, and I still need a costume.",
    "Wait, where did you put the keys?",
    "I am not hungry, but I will have some tea.",
    "This puzzle has been bothering me for three days.",
    "We need two more chairs for the guests.",
    "The library closes early on Sundays.",
    "She promised to call as soon as she landed.",
    "It smells like somebody burned the toast.",
    "I can fix the bicycle if you hold the wheel.",
    "Let me think about it and tell you tomorrow.",
    "Our team finally won the match last night.",
    "The river is much higher than it was yesterday.",
    "Do you want to watch a movie after dinner?",
    "I wrote the address on the back of the envelope.",
    "He says the robot only works when it is raining.",
    "Careful, the floor is still wet.",
    "We have exactly seven minutes before the show begins.",
    "I never liked the colour of that wall.",
    "Tell me everything, from the very beginning.",
    "The new student sits next to the window.",
    "You look tired. Did you sleep at all?",
    "The photographs are in the blue box under the bed.",
    "I will carry the heavy bag, you take the lamp.",
    "Somebody left a note on the kitchen table.",
    "If this plan fails, we go back to the old one.",
    "Turn left at the fountain and keep walking.",
    "I bet the answer is hidden in the first chapter.",
    "My brother borrowed the car and did not return it.",
    "Why does everything happen on the same day?",
    "We could paint the fence green this summer.",
    "I think the clock in the hall is five minutes fast.",
    "Let us not argue about the pizza again.",
    "The concert was cancelled because of the wind.",
    "I remember this place from when I was a child.",
    "Please speak a little louder, I cannot hear you.",
    "There is a strange light in the old tower.",
    "You were right about the weather after all.",
    "I have never seen so many birds in one tree.",
    "Bring a jacket, it gets cold after sunset.",
    "The shop on the corner sells the best noodles in town.",
    "I need to finish this report before midnight.",
    "Who ate the last piece of cake?",
    "We will laugh about this one day, I promise.",
)

ENGLISH_SHORT = (
    "Eh?", "Yes.", "Huh?", "No.", "Okay.", "Hmm.", "What?", "Really?", "Oh!", "Right.", "Sure.", "Wait!",
    "Thanks.", "Hey!", "Me?", "Fine.", "Why?", "Wow.", "Sorry.", "Look!",
)

CHINESE = (
    "今天天气很好，我们去公园吧。",
    "你看见我的钥匙了吗？",
    "这个问题我们明天再说。",
    "他说火车晚点了半个小时。",
    "我觉得这里有点奇怪。",
    "晚饭想吃什么？",
    "别担心，一切都会好起来的。",
    "老师让我们下课以后留下来。",
    "我们快点走吧，要下雨了。",
    "这本书我已经看了三遍了。",
)

CHINESE_SHORT = ("嗯。", "什么？", "好的。", "对。", "真的？", "啊！")

JAPANESE = (
    "きょうは いい てんき ですね。",
    "あした また あいましょう。",
    "この みち で ただしい ですか？",
    "わたし の かさ を しりませんか？",
    "おなか が すいた から なにか たべよう。",
    "それ は ほんとう に ふしぎ だね。",
    "はやく しないと でんしゃ に おくれるよ。",
    "ちょっと まって、 すぐ いくから。",
    "みんな で しゃしん を とろう。",
    "その はなし は もう きいたよ。",
)

JAPANESE_SHORT = ("えっ？", "はい。", "うん。", "ええ。", "なに？", "そう。")

# espeak-ng voice (language) used for each text language.
ESPEAK_LANGUAGE = {"en": "en", "zh": "cmn", "ja": "ja"}

# The opening sign/title card (styled "Sign" in the ASS, empty speaker in the truth).
SIGN_TEXTS = (
    "Episode {n} — The Lighthouse",
    "Episode {n} — A Map in the Piano",
    "Episode {n} — Seven Minutes",
    "Episode {n} — The Green Fence",
    "Episode {n} — Noodles at Noon",
)

NAMES = (
    "Aiko", "Ben", "Chen", "Dana", "Emil", "Fumi", "Gus", "Hana", "Ivan", "Juno", "Kai", "Lena",
)


class TextDeck:
    """Draws lines of text without repeats until a table is used up (then reshuffles), like a deck of cards."""

    def __init__(self, rng) -> None:
        self.rng = rng
        self.decks: dict[tuple[str, bool], list[str]] = {}

    def pick(self, lang: str, short: bool) -> str:
        """One line of text in ``lang`` ("en", "zh", "ja"); ``short`` picks an interjection."""
        key = (lang, short)
        if not self.decks.get(key):
            table = {
                ("en", False): ENGLISH, ("en", True): ENGLISH_SHORT,
                ("zh", False): CHINESE, ("zh", True): CHINESE_SHORT,
                ("ja", False): JAPANESE, ("ja", True): JAPANESE_SHORT,
            }[key]
            self.decks[key] = [table[int(i)] for i in self.rng.permutation(len(table))]
        return self.decks[key].pop()
