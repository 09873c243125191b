from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tdkt.imports import legacy

pytestmark = pytest.mark.unit

NATIONAL_MOTTO = "Cộng hoà xã hội chủ nghĩa Việt Nam"
TCVN3_MOTTO = "Céng hoµ x· héi chñ nghÜa ViÖt Nam"
VNI_MOTTO = "Coäng hoaø xaõ hoäi chuû nghóa Vieät Nam"

# Every letter each legacy encoding can write, plus ASCII (TCVN3 has no toned capitals).
TCVN3_LETTERS = "".join(legacy.TCVN3_TO_UNICODE.values())
VNI_LETTERS = "".join(legacy.VNI_TO_UNICODE.values()) + "ìíÌÍ"
ASCII = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 .,-/"


def test_tables_have_every_vietnamese_letter_once() -> None:
    assert len(legacy.TCVN3_TO_UNICODE) == 74
    assert len(legacy.VNI_TO_UNICODE) == 130
    assert len(set(legacy.TCVN3_TO_UNICODE.values())) == 74
    assert len(set(legacy.VNI_TO_UNICODE.values())) == 130
    # 67 toned or marked lower-case letters + đ; VNI adds their capitals, ì í need no table.
    lower = {c for c in VNI_LETTERS if c.islower()}
    assert len(lower) == 67
    assert {c.upper() for c in lower} <= set(VNI_LETTERS)


def test_tables_are_nfc() -> None:
    for value in [*legacy.TCVN3_TO_UNICODE.values(), *legacy.VNI_TO_UNICODE.values()]:
        assert unicodedata.is_normalized("NFC", value)


def test_decode_tcvn3_national_motto() -> None:
    assert legacy.decode_tcvn3(TCVN3_MOTTO) == NATIONAL_MOTTO


def test_decode_vni_national_motto() -> None:
    assert legacy.decode_vni(VNI_MOTTO) == NATIONAL_MOTTO


def test_decode_vni_breve_hook_and_single_byte_y_dot() -> None:
    # The two letters viparse gets wrong: ẳ ("aú") and ỵ (the single byte î).
    assert legacy.decode_vni("bình ñaúng") == "bình đẳng"
    assert legacy.decode_vni("BÌNH ÑAÚNG") == "BÌNH ĐẲNG"
    assert legacy.decode_vni("Mî, MÎ") == "Mỵ, MỴ"


def test_decode_vni_mark_case_follows_base_letter() -> None:
    assert legacy.decode_vni("Ñaø Naüng, ÑAØ NAÜNG, Aâu, Aùnh") == "Đà Nẵng, ĐÀ NẴNG, Âu, Ánh"


def test_decode_vni_names() -> None:
    assert legacy.decode_vni("Nguyeãn Thò AÙnh Tuyeát") == "Nguyễn Thị Ánh Tuyết"
    assert legacy.decode_vni("Tröông Ñình Quyù, ñöôïc") == "Trương Đình Quý, được"


def test_decode_tcvn3_names() -> None:
    assert legacy.decode_tcvn3("TrÇn V¨n B×nh") == "Trần Văn Bình"
    assert legacy.decode_tcvn3("§Æng Thu Thñy, Tr­êng") == "Đặng Thu Thủy, Trường"


def test_encode_tcvn3_refuses_toned_capital() -> None:
    with pytest.raises(ValueError, match="cannot be written in tcvn3"):
        legacy.encode_tcvn3("Ánh")


@given(st.text(alphabet=TCVN3_LETTERS + ASCII, max_size=40))
def test_tcvn3_round_trip(text: str) -> None:
    assert legacy.decode_tcvn3(legacy.encode_tcvn3(text)) == text


@given(st.text(alphabet=VNI_LETTERS + ASCII, max_size=40))
def test_vni_round_trip(text: str) -> None:
    assert legacy.decode_vni(legacy.encode_vni(text)) == text


def test_detect_tcvn3_and_vni() -> None:
    assert legacy.detect([TCVN3_MOTTO]) == legacy.TCVN3
    assert legacy.detect([VNI_MOTTO]) == legacy.VNI
    assert legacy.detect(["TrÇn V¨n B×nh", "Lª ThÞ Hoa"]) == legacy.TCVN3
    assert legacy.detect(["Traàn Vaên Bình", "Leâ Thò Hoa"]) == legacy.VNI


def test_detect_short_code_values() -> None:
    assert legacy.detect(["N÷", "Nam"]) == legacy.TCVN3
    assert legacy.detect(["Nöõ", "Nam"]) == legacy.VNI


def test_detect_leaves_ascii_and_unicode_alone() -> None:
    assert legacy.detect(["Nguyen Van An", "John Smith", "123/QD-UBND"]) == ""
    assert legacy.detect([NATIONAL_MOTTO, "Nguyễn Thị Ánh"]) == ""
    # Latin-1-only Vietnamese (no ă ơ ư đ or dotted letters) is valid as it stands.
    assert legacy.detect(["Lê Hà", "Tô Lâm", "Hà Tú", "Võ Thế"]) == ""


def test_decode_never_touches_cells_with_unicode_only_letters() -> None:
    assert legacy.decode("Nguyễn Thị Ánh", legacy.TCVN3) == "Nguyễn Thị Ánh"
    assert legacy.decode("Nguyễn Thị Ánh", legacy.VNI) == "Nguyễn Thị Ánh"
    assert legacy.decode("Plain ASCII", legacy.VNI) == "Plain ASCII"


def test_decode_nfd_cell_becomes_nfc() -> None:
    decomposed = unicodedata.normalize("NFD", "Nguyễn Thị Ánh")
    assert legacy.decode(decomposed, legacy.TCVN3) == "Nguyễn Thị Ánh"


_UNICODE_ONLY_LETTERS = "ăđơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹĐƠƯ"


@given(
    st.text(alphabet=ASCII + "àáãèéìíòóõùúýâêô", max_size=20),
    st.sampled_from(_UNICODE_ONLY_LETTERS),
    st.text(alphabet=ASCII + "àáãèéìíòóõùúýâêô", max_size=20),
)
def test_unicode_text_is_never_converted(before: str, letter: str, after: str) -> None:
    text = before + letter + after
    assert legacy.detect([text]) == ""
    assert legacy.decode(text, legacy.TCVN3) == text
    assert legacy.decode(text, legacy.VNI) == text


@given(st.text(alphabet=ASCII, max_size=40))
def test_ascii_is_never_detected_as_legacy(text: str) -> None:
    assert legacy.detect([text]) == ""


@pytest.mark.parametrize(
    "word",
    ["nguyễn", "việt", "thuyền", "quốc", "gì", "khuya", "người", "trường", "hoà", "hòa", "oanh"],
)
def test_is_syllable_accepts_vietnamese(word: str) -> None:
    assert legacy.is_syllable(word)


@pytest.mark.parametrize("word", ["hoµ", "coäng", "chñ", "xaừ", "vieọt", "nửừ", "ghô"])
def test_is_syllable_refuses_legacy_noise(word: str) -> None:
    assert not legacy.is_syllable(word)
