"""The sentences of an award decision (documents.md §1.2–1.3): the summary line, the articles,
the headings of the attached list. Pure functions of plain values, so the Word document, the
pages and the tests all say the same thing.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from decimal import Decimal

from tdkt.awards.catalogue import AWARD_KINDS, award_name
from tdkt.common.formatting import group_thousands, short_date
from tdkt.common.text import clean_text
from tdkt.documents.bodies import LOCALITY_KINDS, committee_name, place_name
from tdkt.organisations.models import Unit
from tdkt.rules.money import amount_in_words

# Recognitions the district itself confers ("công nhận"), not titles or certificates it "tặng".
RECOGNITIONS = frozenset({"htxs_nhiem_vu", "don_vi_tieu_bieu"})
INDIVIDUAL_LABEL = "Cá nhân"
COLLECTIVE_LABEL = "Tập thể"
_ROMAN = (
    (1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
    (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"),
)  # fmt: skip


def roman(number: int) -> str:
    """4 -> "IV": the numbering of the attached list's groups."""
    out = []
    for value, letters in _ROMAN:
        while number >= value:
            out.append(letters)
            number -= value
    return "".join(out)


def lower_first(text: str) -> str:
    return text[:1].lower() + text[1:] if text else text


def two_digits(count: int) -> str:
    """Counts in decisions keep a leading zero below ten: "03 tập thể"."""
    return f"{count:02d}"


def locality(unit: Unit) -> str:
    """ "quận Cẩm Lệ": how the body's own area is named inside a sentence."""
    return lower_first(clean_text(unit.name))


def level_word(unit: Unit) -> str:
    """ "quận" for Quận Cẩm Lệ, "phường" for Phường Hòa Xuân: the kind of locality as its name
    says it."""
    name, place = locality(unit), place_name(unit)
    if place and name.endswith(place) and len(name) > len(place):
        return name[: -len(place)].strip()
    return name


def default_issuer_name(unit: Unit) -> str:
    """Who decides, as the register writes it: the chair for a locality ("Chủ tịch UBND quận
    Cẩm Lệ"), the head of any other body ("Thủ trưởng Trung tâm Y tế quận Cẩm Lệ")."""
    if unit.kind in LOCALITY_KINDS:
        return f"Chủ tịch UBND {locality(unit)}"
    return f"Thủ trưởng {clean_text(unit.name)}"


def expand_issuer(issuer_name: str) -> str:
    """ "Chủ tịch UBND quận Cẩm Lệ" -> "Chủ tịch Ủy ban nhân dân quận Cẩm Lệ" (no abbreviations
    in the body of a document)."""
    return (
        clean_text(issuer_name)
        .replace("UBND", "Ủy ban nhân dân")
        .replace("HĐND", "Hội đồng nhân dân")
    )


def count_phrase(individuals: int, collectives: int) -> str:
    """ "03 tập thể và 07 cá nhân" (collectives first, as the sample decisions write it)."""
    parts = []
    if collectives:
        parts.append(f"{two_digits(collectives)} tập thể")
    if individuals:
        parts.append(f"{two_digits(individuals)} cá nhân")
    return " và ".join(parts)


def recipients_label(individuals: int, collectives: int) -> str:
    if individuals and collectives:
        return "Tập thể, cá nhân"
    return COLLECTIVE_LABEL if collectives else INDIVIDUAL_LABEL


def award_phrase(award_code: str, year: int | None, issuer_name: str) -> str:
    """What the decision does with one award, as a verb phrase:
    "tặng danh hiệu “Lao động tiên tiến” năm 2017", "tặng Giấy khen của Chủ tịch Ủy ban nhân
    dân quận Cẩm Lệ", "công nhận “Hoàn thành xuất sắc nhiệm vụ” năm 2017"."""
    kind = AWARD_KINDS.get(award_code)
    name = award_name(award_code)
    in_year = f" năm {year}" if year else ""
    if award_code.startswith("giay_khen"):
        return f"tặng Giấy khen của {expand_issuer(issuer_name)}"
    if award_code in RECOGNITIONS:
        return f"công nhận “{name}”{in_year}"
    if kind is not None and kind.is_title:
        return f"tặng danh hiệu “{name}”{in_year}"
    return f"tặng {name}"


def award_summary(award_codes: Sequence[str], year: int | None, issuer_name: str) -> str:
    """The trích yếu: "Về việc tặng danh hiệu “Lao động tiên tiến” năm 2017"."""
    codes = list(dict.fromkeys(award_codes))
    if len(codes) == 1:
        code = codes[0]
        if code.startswith("giay_khen"):
            return "Về việc tặng Giấy khen"
        return f"Về việc {award_phrase(code, year, issuer_name)}"
    return f"Về việc khen thưởng thành tích năm {year}" if year else "Về việc khen thưởng"


def decision_reference(number_text: str, date_text: str, issuer_name: str) -> str:
    """ "Quyết định số 412/QĐ-UBND ngày 21/02/2017 của Chủ tịch UBND quận Cẩm Lệ"."""
    return f"Quyết định số {number_text} ngày {date_text} của {issuer_name}"


def revocation_summary(sources: Iterable[tuple[str, str]]) -> str:
    """ "Về việc hủy bỏ khen thưởng tại Quyết định số 412/QĐ-UBND ngày 21/02/2017" when every
    revoked award comes from one decision; a general wording otherwise."""
    distinct = list(dict.fromkeys(sources))
    if len(distinct) == 1:
        number, date_text = distinct[0]
        return f"Về việc hủy bỏ khen thưởng tại Quyết định số {number} ngày {date_text}"
    return "Về việc hủy bỏ khen thưởng"


def coefficient_text(value: Decimal) -> str:
    """0.300 -> "0,3"; 1.000 -> "01" is not written: "1"."""
    text = format(value.normalize(), "f")
    return text.replace(".", ",")


def money_sentence(label: str, coefficient: Decimal | None, amount: int) -> str:
    """ "Mỗi cá nhân được thưởng 0,3 lần mức lương cơ sở, số tiền 390.000 đồng (Ba trăm chín
    mươi nghìn đồng)"."""
    who = f"Mỗi {lower_first(label)}"
    times = (
        f" {coefficient_text(coefficient)} lần mức lương cơ sở," if coefficient is not None else ""
    )
    return (
        f"{who} được thưởng{times} số tiền {group_thousands(amount)} đồng"
        f" ({amount_in_words(amount)})"
    )


def total_sentence(total: int) -> str:
    return f"Tổng số tiền thưởng: {group_thousands(total)} đồng ({amount_in_words(total)})."


def fund_sentence(issuer: Unit, year: int) -> str:
    if issuer.kind in LOCALITY_KINDS:
        return (
            "Kinh phí khen thưởng trích từ Quỹ thi đua, khen thưởng của"
            f" {committee_name(issuer)} năm {year}."
        )
    return f"Kinh phí khen thưởng trích từ Quỹ thi đua, khen thưởng của {issuer.name} năm {year}."


def execution_sentence(issuer: Unit, article: int) -> str:
    """The last article: who carries the decision out."""
    if issuer.kind in LOCALITY_KINDS:
        office = f"Chánh Văn phòng Hội đồng nhân dân và Ủy ban nhân dân {level_word(issuer)}"
    else:
        office = "Trưởng các bộ phận"
    return (
        f"{office}, Thủ trưởng các cơ quan, đơn vị có liên quan và các tập thể, cá nhân có tên"
        f" tại Điều {article} chịu trách nhiệm thi hành Quyết định này./."
    )


def proposal_sentence(issuer: Unit, on_or_after_2025: bool) -> str:
    """The default proposal line when the nomination did not give one."""
    council = f"Hội đồng Thi đua - Khen thưởng {locality(issuer)}"
    if on_or_after_2025:
        return f"Theo đề nghị của {council};"
    return f"Xét đề nghị của {council},"


def list_reference(number_text: str, date_text: str, issuer_name: str) -> str:
    """ "(Kèm theo Quyết định số 15/QĐ-UBND ngày 16 tháng 01 năm 2018 của Chủ tịch Ủy ban nhân
    dân quận Cẩm Lệ)"."""
    return f"(Kèm theo Quyết định số {number_text} {date_text} của {expand_issuer(issuer_name)})"


def certificate_decision_line(number_text: str, day: object) -> str:
    """ "Số quyết định: 15/QĐ-UBND, ngày 16/01/2018" (ND 98 Đ.104)."""
    return f"Số quyết định: {number_text}, ngày {short_date(day)}"  # type: ignore[arg-type]
