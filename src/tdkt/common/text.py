"""Vietnamese text: NFC normalisation, diacritic-free search keys and the Vietnamese name order.

Every string that enters the system goes through `clean_text` (forms, imports, the API), so the
database holds one spelling of each name. Search compares `fold` keys, so "nguyen thi anh" finds
"Nguyễn Thị Ánh". Lists of people are ordered by `name_sort_key`: given name, then middle names,
then family name, in the Vietnamese alphabet (a ă â b c d đ e ê …), tones as a second level.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_SPACES = re.compile(r"\s+")
_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")

# Combining marks that change the letter (part of the alphabet) ...
_BREVE, _CIRCUMFLEX, _HORN = "\u0306", "\u0302", "\u031b"
# ... and those that are tones (second-level differences).
TONE_MARKS = {
    "\u0300": "grave",  # huyền
    "\u0309": "hook",  # hỏi
    "\u0303": "tilde",  # ngã
    "\u0301": "acute",  # sắc
    "\u0323": "dot",  # nặng
}
DEFAULT_TONE_ORDER = ("none", "grave", "hook", "tilde", "acute", "dot")

# The Vietnamese alphabet, with the foreign letters f j w z placed where Latin puts them.
_ALPHABET = [
    "a", "ă", "â", "b", "c", "d", "đ", "e", "ê", "f", "g", "h", "i", "j", "k", "l", "m",
    "n", "o", "ô", "ơ", "p", "q", "r", "s", "t", "u", "ư", "v", "w", "x", "y", "z",
]  # fmt: skip
_RANK = {letter: index + 10 for index, letter in enumerate(_ALPHABET)}  # two digits each


def nfc(value: str) -> str:
    return unicodedata.normalize("NFC", value)


def clean_text(value: str | None) -> str:
    """NFC, trimmed, inner white space collapsed, control characters (NUL…) dropped.

    The one door text comes in by. PostgreSQL refuses a NUL in any string, so a NUL typed into a
    search box or an imported cell must not reach a query."""
    if value is None:
        return ""
    text = _SPACES.sub(" ", nfc(str(value)))
    return _CONTROLS.sub("", text).strip()


def fold(value: str | None) -> str:
    """Lower case without diacritics ("Đặng Thị Ánh" -> "dang thi anh"), for search."""
    if not value:
        return ""
    text = unicodedata.normalize("NFD", clean_text(value).lower()).replace("đ", "d")
    text = text.replace("\u0111", "d")
    return "".join(ch for ch in text if not unicodedata.combining(ch))


@lru_cache(maxsize=65536)
def _letters(word: str) -> tuple[tuple[str, ...], str]:
    """Split a word into alphabet letters (with their vowel marks) and its tone name.

    Cached: names repeat the same few thousand syllables, so imports of 100,000 rows mostly hit.
    """
    tone = "none"
    letters: list[str] = []
    for ch in unicodedata.normalize("NFD", word.lower()):
        if ch in TONE_MARKS:
            tone = TONE_MARKS[ch]
        elif ch in (_BREVE, _CIRCUMFLEX, _HORN) and letters:
            letters[-1] = unicodedata.normalize("NFC", letters[-1] + ch)
        elif unicodedata.combining(ch):
            continue
        else:
            letters.append(ch)
    return tuple(letters), tone


@lru_cache(maxsize=8)
def _tone_ranks(order: tuple[str, ...]) -> dict[str, int]:
    missing = set(DEFAULT_TONE_ORDER) - set(order)
    if missing or len(order) != len(DEFAULT_TONE_ORDER):
        raise ValueError(f"tone order must name each of {DEFAULT_TONE_ORDER} once, got {order}")
    return {name: index + 1 for index, name in enumerate(order)}


def collation_key(text: str, tone_order: tuple[str, ...] = DEFAULT_TONE_ORDER) -> str:
    """A digits-only key that sorts `text` in Vietnamese order under any database collation.

    Primary level: letters (two digits each), numbers by value, words separated by "00",
    punctuation ignored; then tones (one digit a word); then case. Digits only, so SQLite's
    BINARY and PostgreSQL's locale collations agree.
    """
    tones = _tone_ranks(tuple(tone_order))
    primary: list[str] = []
    secondary: list[str] = []
    tertiary: list[str] = []
    for word in clean_text(text).split(" "):
        if not word:
            continue
        letters, tone = _letters(word)
        units: list[str] = []
        digits = ""
        for letter in (*letters, ""):
            if letter.isdigit():
                digits += letter
                continue
            if digits:
                units.append(_number_key(digits))
                digits = ""
            if letter.isalnum():  # letters outside the alphabet after it; punctuation ignored
                units.append(f"{_RANK.get(letter, 99):02d}")
        if not units:  # a lone "-" or "–" is no word: "Tổ 18 - Hòa Phát" sorts as "Tổ 18 Hòa Phát"
            continue
        primary += units
        primary.append("00")
        secondary.append(str(tones[tone]))
        tertiary.append("1" if word[:1].isupper() else "2")
    return "".join(primary) + "0" + "".join(secondary) + "0" + "".join(tertiary)


def _number_key(digits: str) -> str:
    """A run of digits compared by value ("Tổ 9" before "Tổ 18"): after the alphabet (90), then
    the length without leading zeros, then each digit (10–19), two characters a unit."""
    value = digits.lstrip("0") or "0"
    return f"90{min(len(value), 99):02d}" + "".join(f"1{unicodedata.digit(d)}" for d in value)


def name_sort_key(full_name: str, tone_order: tuple[str, ...] = DEFAULT_TONE_ORDER) -> str:
    """Key for a person's name: given name first, then middle names, then family name."""
    words = clean_text(full_name).split(" ")
    if len(words) > 1:
        words = [words[-1], *words[1:-1], words[0]]
    return collation_key(" ".join(words), tone_order)


def split_name(full_name: str) -> tuple[str, str, str]:
    """(family, middle, given) of a Vietnamese full name."""
    words = clean_text(full_name).split(" ")
    if len(words) == 1:
        return "", "", words[0]
    return words[0], " ".join(words[1:-1]), words[-1]
