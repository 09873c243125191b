"""Vietnamese typed in the legacy 8-bit encodings TCVN3 (ABC, the .VnTime fonts) and
VNI-Windows, and how to tell such text from Unicode.

Offices still keep spreadsheets typed before Unicode. Excel stores that text as the Windows-1252
characters of the legacy bytes, so "Cộng hoà" typed in .VnTime arrives as "Céng hoµ" and in
VNI-Times as "Coäng hoaø"; only the old font made it readable. We convert it to NFC Unicode.

Detection works on words: legacy text read as Unicode is mostly not Vietnamese ("hoµ", "Coäng"),
and the right table turns it into valid Vietnamese syllables. An encoding is chosen only when it
turns clearly more words into syllables than the text already had, so plain ASCII and ordinary
Unicode are left alone. A cell holding letters that exist only in Unicode (ă, ơ, ư, đ, ạ ... or
combining marks) is never converted.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

UNICODE = "unicode"
TCVN3 = "tcvn3"
VNI = "vni"

# TCVN 5712:1993 VN3, the ABC code of the .VnTime fonts: one byte a letter. It has no toned
# capitals (those were set with the capital-only .VnTimeH fonts using these same codes), which
# is why the table has 67 lower-case letters and 7 capitals rather than twice as many.
TCVN3_TO_UNICODE: dict[str, str] = {
    "¡": "Ă", "¢": "Â", "£": "Ê", "¤": "Ô", "¥": "Ơ", "¦": "Ư", "§": "Đ",
    "¨": "ă", "©": "â", "ª": "ê", "«": "ô", "¬": "ơ", "\xad": "ư", "®": "đ",
    "µ": "à", "¶": "ả", "·": "ã", "¸": "á", "¹": "ạ",
    "»": "ằ", "¼": "ẳ", "½": "ẵ", "¾": "ắ", "Æ": "ặ",
    "Ç": "ầ", "È": "ẩ", "É": "ẫ", "Ê": "ấ", "Ë": "ậ",
    "Ì": "è", "Î": "ẻ", "Ï": "ẽ", "Ð": "é", "Ñ": "ẹ",
    "Ò": "ề", "Ó": "ể", "Ô": "ễ", "Õ": "ế", "Ö": "ệ",
    "×": "ì", "Ø": "ỉ", "Ü": "ĩ", "Ý": "í", "Þ": "ị",
    "ß": "ò", "á": "ỏ", "â": "õ", "ã": "ó", "ä": "ọ",
    "å": "ồ", "æ": "ổ", "ç": "ỗ", "è": "ố", "é": "ộ",
    "ê": "ờ", "ë": "ở", "ì": "ỡ", "í": "ớ", "î": "ợ",
    "ï": "ù", "ñ": "ủ", "ò": "ũ", "ó": "ú", "ô": "ụ",
    "õ": "ừ", "ö": "ử", "÷": "ữ", "ø": "ứ", "ù": "ự",
    "ú": "ỳ", "û": "ỷ", "ü": "ỹ", "ý": "ý", "þ": "ỵ",
}  # fmt: skip

# VNI-Windows: a base letter followed by a mark byte (ù ø û õ ï tones; â circumflex; ê breve;
# á à å ã ä circumflex+tone; é è ú ü ë breve+tone), and single bytes for ơ ư đ ỉ ĩ ị ỵ.
# ì and í are the same characters as in Unicode. Unlike some converters this table has
# "aú" -> "ẳ" and the single byte "î" -> "ỵ" (not "yï").
VNI_TO_UNICODE: dict[str, str] = {
    "aù": "á", "aø": "à", "aû": "ả", "aõ": "ã", "aï": "ạ", "aâ": "â",
    "aá": "ấ", "aà": "ầ", "aå": "ẩ", "aã": "ẫ", "aä": "ậ", "aê": "ă",
    "aé": "ắ", "aè": "ằ", "aú": "ẳ", "aü": "ẵ", "aë": "ặ", "eù": "é",
    "eø": "è", "eû": "ẻ", "eõ": "ẽ", "eï": "ẹ", "eâ": "ê", "eá": "ế",
    "eà": "ề", "eå": "ể", "eã": "ễ", "eä": "ệ", "où": "ó", "oø": "ò",
    "oû": "ỏ", "oõ": "õ", "oï": "ọ", "oâ": "ô", "oá": "ố", "oà": "ồ",
    "oå": "ổ", "oã": "ỗ", "oä": "ộ", "ô": "ơ", "ôù": "ớ", "ôø": "ờ",
    "ôû": "ở", "ôõ": "ỡ", "ôï": "ợ", "uù": "ú", "uø": "ù", "uû": "ủ",
    "uõ": "ũ", "uï": "ụ", "ö": "ư", "öù": "ứ", "öø": "ừ", "öû": "ử",
    "öõ": "ữ", "öï": "ự", "æ": "ỉ", "ó": "ĩ", "ò": "ị", "yù": "ý",
    "yø": "ỳ", "yû": "ỷ", "yõ": "ỹ", "î": "ỵ", "ñ": "đ",
    "AÙ": "Á", "AØ": "À", "AÛ": "Ả", "AÕ": "Ã", "AÏ": "Ạ", "AÂ": "Â",
    "AÁ": "Ấ", "AÀ": "Ầ", "AÅ": "Ẩ", "AÃ": "Ẫ", "AÄ": "Ậ", "AÊ": "Ă",
    "AÉ": "Ắ", "AÈ": "Ằ", "AÚ": "Ẳ", "AÜ": "Ẵ", "AË": "Ặ", "EÙ": "É",
    "EØ": "È", "EÛ": "Ẻ", "EÕ": "Ẽ", "EÏ": "Ẹ", "EÂ": "Ê", "EÁ": "Ế",
    "EÀ": "Ề", "EÅ": "Ể", "EÃ": "Ễ", "EÄ": "Ệ", "OÙ": "Ó", "OØ": "Ò",
    "OÛ": "Ỏ", "OÕ": "Õ", "OÏ": "Ọ", "OÂ": "Ô", "OÁ": "Ố", "OÀ": "Ồ",
    "OÅ": "Ổ", "OÃ": "Ỗ", "OÄ": "Ộ", "Ô": "Ơ", "ÔÙ": "Ớ", "ÔØ": "Ờ",
    "ÔÛ": "Ở", "ÔÕ": "Ỡ", "ÔÏ": "Ợ", "UÙ": "Ú", "UØ": "Ù", "UÛ": "Ủ",
    "UÕ": "Ũ", "UÏ": "Ụ", "Ö": "Ư", "ÖÙ": "Ứ", "ÖØ": "Ừ", "ÖÛ": "Ử",
    "ÖÕ": "Ữ", "ÖÏ": "Ự", "Æ": "Ỉ", "Ó": "Ĩ", "Ò": "Ị", "YÙ": "Ý",
    "YØ": "Ỳ", "YÛ": "Ỷ", "YÕ": "Ỹ", "Î": "Ỵ", "Ñ": "Đ",
}  # fmt: skip

UNICODE_TO_TCVN3 = {unicode: legacy for legacy, unicode in TCVN3_TO_UNICODE.items()}
UNICODE_TO_VNI = {unicode: legacy for legacy, unicode in VNI_TO_UNICODE.items()}

_TCVN3_TRANSLATION = str.maketrans(TCVN3_TO_UNICODE)
_VNI_BASES = "AaEeOoUuYyÔôÖö"
_VNI_MARKS = "ùøûõïâáàåãäêéèúüë"
_VNI_MARKS_ALL = _VNI_MARKS + _VNI_MARKS.upper()
_VNI_SINGLES = "".join(key for key in VNI_TO_UNICODE if len(key) == 1)
_VNI_PATTERN = re.compile(f"([{_VNI_BASES}])([{_VNI_MARKS_ALL}])|[{_VNI_SINGLES}]")

# Letters that exist only in Unicode text (Latin Extended, combining marks, Vietnamese block).
_UNICODE_ONLY = re.compile("[\u0100-\u024f\u0300-\u036f\u1e00-\u1eff]")
_NON_ASCII = re.compile("[^\x00-\x7f]")


def has_non_ascii(text: str) -> bool:
    return _NON_ASCII.search(text) is not None


def decode_tcvn3(text: str) -> str:
    return text.translate(_TCVN3_TRANSLATION)


def _vni_match(match: re.Match[str]) -> str:
    base, mark = match.group(1), match.group(2)
    if base is None:
        return VNI_TO_UNICODE[match.group(0)]
    # The mark usually follows the base letter's case, but files mix them ("Aù").
    key = base + (mark.upper() if base.isupper() else mark.lower())
    if key in VNI_TO_UNICODE:
        return VNI_TO_UNICODE[key]
    return VNI_TO_UNICODE.get(base, base) + mark


def decode_vni(text: str) -> str:
    return _VNI_PATTERN.sub(_vni_match, text)


def _encode(text: str, table: dict[str, str], name: str) -> str:
    out: list[str] = []
    for char in unicodedata.normalize("NFC", text):
        if char in table:
            out.append(table[char])
        elif ord(char) < 0x80 or (name == VNI and char in "ìíÌÍ"):
            out.append(char)
        else:
            raise ValueError(f"{char!r} cannot be written in {name}")
    return "".join(out)


def encode_tcvn3(text: str) -> str:
    """Unicode -> TCVN3 (as Windows-1252 characters); the inverse of `decode_tcvn3`."""
    return _encode(text, UNICODE_TO_TCVN3, TCVN3)


def encode_vni(text: str) -> str:
    """Unicode -> VNI-Windows (as Windows-1252 characters); the inverse of `decode_vni`."""
    return _encode(text, UNICODE_TO_VNI, VNI)


DECODERS = {TCVN3: decode_tcvn3, VNI: decode_vni}


def decode(text: str, encoding: str) -> str:
    """`text` converted from `encoding` to NFC Unicode; Unicode-only cells stay as they are."""
    decoder = DECODERS.get(encoding)
    if decoder is None or not _NON_ASCII.search(text) or _UNICODE_ONLY.search(text):
        return unicodedata.normalize("NFC", text)
    return decoder(text)


# --- Is this a Vietnamese syllable? -------------------------------------------------------------

_TONES = frozenset("\u0300\u0301\u0303\u0309\u0323")
_SYLLABLE = re.compile(
    "(ngh|ng|gh|gi|kh|nh|ph|qu|th|tr|ch|[bcdđghklmnprstvx])?"
    "([aăâeêioôơuưy]{1,3})"
    "(ng|nh|ch|[cmnpt])?"
)
_NUCLEI = frozenset(
    ("a", "ă", "â", "e", "ê", "i", "o", "ô", "ơ", "u", "ư", "y",
     "ai", "ao", "au", "âu", "ay", "ây", "eo", "êu", "ia", "iê", "iu", "oa", "oă", "oe", "oi",
     "ôi", "ơi", "oo", "ôô", "ua", "uâ", "uê", "ui", "uô", "uơ", "ưa", "ưi", "ươ", "ưu", "uy",
     "uă", "yê", "iêu", "oai", "oay", "oeo", "uây", "uôi", "ươi", "ươu", "uya", "uyê", "uyu",
     "yêu")
)  # fmt: skip
_STRIP = ".,;:!?()[]{}\"'/-–—“”‘’…*+=<>|"


def is_syllable(word: str) -> bool:
    """Whether `word` is spelled as one Vietnamese syllable (at most one tone, a real nucleus)."""
    decomposed = unicodedata.normalize("NFD", word.lower())
    tones = sum(1 for char in decomposed if char in _TONES)
    if tones > 1:
        return False
    base = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in _TONES))
    match = _SYLLABLE.fullmatch(base)
    if match is None or match.group(2) not in _NUCLEI:
        return False
    onset, nucleus = match.group(1), match.group(2)
    # gh and ngh only come before e, ê, i (and k likewise): a cheap extra check against noise.
    return not (onset in ("gh", "ngh", "k") and nucleus[0] not in "eêiy")


def _candidate_words(text: str) -> list[str]:
    words = []
    for raw in text.split():
        word = raw.strip(_STRIP)
        if word and _NON_ASCII.search(word) and not any(c.isdigit() for c in word):
            words.append(word)
    return words


@dataclass(frozen=True)
class Evidence:
    """How many legacy-looking words each reading turns into Vietnamese syllables."""

    words: int = 0
    unicode_cells: int = 0
    nfd_cells: int = 0
    valid: tuple[tuple[str, int], ...] = ()

    def gain(self, encoding: str) -> int:
        scores = dict(self.valid)
        return scores.get(encoding, 0) - scores.get(UNICODE, 0)

    def best(self, prefer: str = "") -> str:
        """The legacy encoding the evidence clearly supports, or "" for none."""
        gains = {enc: self.gain(enc) for enc in (TCVN3, VNI)}
        top = max(gains.values())
        if top < max(1, 0.3 * self.words):
            return ""
        winners = [enc for enc, gain in gains.items() if gain == top]
        if len(winners) > 1:
            return prefer if prefer in winners else ""
        return winners[0]

    def __add__(self, other: Evidence) -> Evidence:
        mine, theirs = dict(self.valid), dict(other.valid)
        keys = (UNICODE, TCVN3, VNI)
        return Evidence(
            self.words + other.words,
            self.unicode_cells + other.unicode_cells,
            self.nfd_cells + other.nfd_cells,
            tuple((key, mine.get(key, 0) + theirs.get(key, 0)) for key in keys),
        )


def gather_evidence(values: Iterable[object], limit: int = 300, scan: int = 5000) -> Evidence:
    """Score up to `limit` distinct non-ASCII text cells among the first `scan` cells."""
    seen: set[str] = set()
    unicode_cells = nfd_cells = 0
    words: list[str] = []
    for scanned, value in enumerate(values):
        if scanned >= scan:
            break
        if not isinstance(value, str) or value in seen or not _NON_ASCII.search(value):
            continue
        seen.add(value)
        if _UNICODE_ONLY.search(value):
            unicode_cells += 1
            nfd_cells += not unicodedata.is_normalized("NFC", value)
        else:
            words.extend(_candidate_words(value))
        if len(seen) >= limit:
            break
    valid = (
        (UNICODE, sum(1 for w in words if is_syllable(w))),
        (TCVN3, sum(1 for w in words if is_syllable(decode_tcvn3(w)))),
        (VNI, sum(1 for w in words if is_syllable(decode_vni(w)))),
    )
    return Evidence(len(words), unicode_cells, nfd_cells, valid)


def detect(values: Iterable[str]) -> str:
    """TCVN3, VNI, or "" when the text is Unicode or plain ASCII."""
    return gather_evidence(values).best()
