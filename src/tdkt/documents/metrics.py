"""Approximate printed width of a line in Times New Roman, to size the short rules that Decree
30/2020 puts under the issuing body and under the national motto.

Widths are the Times advance widths (thousandths of an em); a Vietnamese letter is as wide as
its base letter, which is what the font does. Liberation Serif, the free substitute that
LibreOffice uses, has the same metrics.
"""

from __future__ import annotations

import unicodedata

_REGULAR = dict(
    zip(
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz",
        (
            722, 667, 667, 722, 611, 556, 722, 722, 333, 389, 722, 611, 889, 722, 722, 556, 722,
            667, 556, 611, 722, 722, 944, 722, 722, 611,
            444, 500, 444, 500, 444, 333, 500, 500, 278, 278, 500, 278, 778, 500, 500, 500, 500,
            333, 389, 278, 500, 500, 722, 500, 500, 444,
        ),
        strict=True,
    )
)  # fmt: skip
_BOLD = dict(
    zip(
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz",
        (
            722, 667, 722, 722, 667, 611, 778, 778, 389, 500, 778, 667, 944, 722, 778, 611, 778,
            722, 556, 667, 722, 722, 1000, 722, 722, 667,
            500, 556, 444, 556, 444, 333, 500, 556, 278, 333, 556, 278, 833, 556, 500, 556, 556,
            444, 389, 333, 556, 500, 722, 500, 500, 444,
        ),
        strict=True,
    )
)  # fmt: skip
_OTHER = {" ": 250, "-": 333, ".": 250, ",": 250, ":": 333, "/": 278, "–": 500}
_DIGIT = 500
_DEFAULT = 556


def _base_letter(ch: str) -> str:
    if ch in "Đđ":
        return "D" if ch == "Đ" else "d"
    return unicodedata.normalize("NFD", ch)[0]


def text_width_pt(text: str, size_pt: float, *, bold: bool = False) -> float:
    """Width of `text` set in Times New Roman at `size_pt`, in points."""
    table = _BOLD if bold else _REGULAR
    total = 0
    for ch in text:
        base = _base_letter(ch)
        if base in table:
            total += table[base]
        elif base.isdigit():
            total += _DIGIT
        else:
            total += _OTHER.get(base, _DEFAULT)
    return total * size_pt / 1000
