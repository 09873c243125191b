"""The year report as a Word document in the official layout (Decree 30/2020), ready for the
chair to sign: built from the blocks of tdkt.documents (header, title, tables, signature)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from tdkt.awards.catalogue import COLLECTIVE, INDIVIDUAL, award_name
from tdkt.common.formatting import group_thousands
from tdkt.documents.bodies import LOCALITY_KINDS, committee_name, issuing_body_lines, place_name
from tdkt.documents.layout import Header, OfficialDocument, Signature
from tdkt.organisations.models import Unit
from tdkt.reports import labels
from tdkt.reports.queries import YearFigures
from tdkt.rules.money import amount_in_words

NUMBER_GAP = "\u00a0" * 8  # room for the number, written in when the report is registered


@dataclass(frozen=True)
class Signing:
    """Who signs and what the document is numbered; blank until the office fills them in."""

    number: str = ""
    date: dt.date | None = None
    signer: str = ""
    authority: tuple[str, ...] = ()


def _authority(unit: Unit) -> tuple[str, ...]:
    if unit.kind in LOCALITY_KINDS:
        return ("TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH")
    return ("THỦ TRƯỞNG CƠ QUAN",)


def _symbol(unit: Unit) -> str:
    return "/BC-UBND" if unit.kind in LOCALITY_KINDS else "/BC"


def _recipients(unit: Unit) -> list[str]:
    recipients = []
    for ancestor in reversed(unit.ancestors()):
        if ancestor.kind in LOCALITY_KINDS:
            recipients.append(f"{committee_name(ancestor)};")
            break
    recipients += ["Hội đồng Thi đua - Khen thưởng;", "Lưu: VT, NV."]
    return recipients


def _counts_text(counts: dict[str, int]) -> str:
    parts = []
    if counts[COLLECTIVE]:
        parts.append(f"{counts[COLLECTIVE]} tập thể")
    if counts[INDIVIDUAL]:
        parts.append(f"{counts[INDIVIDUAL]} cá nhân")
    return ", ".join(parts)


def _percent(part: int, whole: int) -> str:
    return f"{100 * part / whole:.1f}".replace(".", ",") + " %" if whole else "0 %"


def _grouped(
    groups: dict[str, dict[str, dict[str, int]]], names: dict[str, str]
) -> list[list[str]]:
    rows: list[list[str]] = []
    for key in [*names, labels.UNKNOWN]:
        if key not in groups:
            continue
        coll = sum(c[COLLECTIVE] for c in groups[key].values())
        ind = sum(c[INDIVIDUAL] for c in groups[key].values())
        rows.append(
            [str(len(rows) + 1), labels.vi(names, key), str(coll), str(ind), str(coll + ind)]
        )
    return rows


def _individual_split(groups: dict[str, dict[str, int]], names: dict[str, str]) -> str:
    parts = []
    for key in [*names, labels.UNKNOWN]:
        if key in groups:
            parts.append(f"{labels.vi(names, key).lower()} {sum(groups[key].values())}")
    return ", ".join(parts)


def year_document(figures: YearFigures, unit: Unit, signing: Signing | None = None) -> bytes:
    """BÁO CÁO Kết quả công tác thi đua, khen thưởng năm N."""
    signing = signing or Signing()
    f = figures
    summary = f"Kết quả công tác thi đua, khen thưởng năm {f.year}"
    doc = OfficialDocument(title=f"Báo cáo kết quả công tác thi đua, khen thưởng năm {f.year}")
    number = signing.number or _symbol(unit)
    table = doc.header(
        Header(
            issuing_body=issuing_body_lines(unit),
            number=number,
            place=place_name(unit),
            date=signing.date,
        )
    )
    # Blanks the office fills in by hand when the report is numbered and signed ("Số:    /BC-UBND",
    # "Cẩm Lệ, ngày    tháng    năm"), kept as non-breaking spaces so that they stay wide.
    if not signing.number:
        table.rows[1].cells[0].paragraphs[0].runs[0].text = f"Số:{NUMBER_GAP}{number}"
    if signing.date is None:
        gap = NUMBER_GAP[:6]
        table.rows[1].cells[1].paragraphs[0].runs[
            0
        ].text = f"{place_name(unit)}, ngày{gap}tháng{gap}năm{gap}"
    doc.title("BÁO CÁO", summary)
    doc.paragraph(
        f"{committee_name(unit)} báo cáo kết quả công tác thi đua, khen thưởng"
        f" năm {f.year} như sau:"
    )

    doc.heading(f"I. KẾT QUẢ KHEN THƯỞNG NĂM {f.year}")
    doc.paragraph(
        f"Năm {f.year}, đã khen thưởng {f.collective_total} lượt tập thể và"
        f" {f.individual_total} lượt cá nhân, gồm:"
    )
    current = [code for code in f.codes if code in f.totals]
    for index, code in enumerate(current):
        end = "." if index == len(current) - 1 else ";"
        doc.paragraph(f"- {award_name(code)}: {_counts_text(f.totals[code])}{end}")
    rows = [
        [str(n), award_name(code), str(f.totals[code][COLLECTIVE]), str(f.totals[code][INDIVIDUAL]),
         str(sum(f.totals[code].values()))]
        for n, code in enumerate(current, start=1)
    ]  # fmt: skip
    rows.append(["", "Cộng", str(f.collective_total), str(f.individual_total), str(f.total())])
    doc.table(
        ["STT", "Danh hiệu, hình thức khen thưởng", "Tập thể", "Cá nhân", "Cộng"],
        rows,
        [1.4, 8.6, 2.1, 2.1, 2.3],
        align=["c", "l", "r", "r", "r"],
    )
    if f.money_vnd:
        text = (
            f"Tổng số tiền thưởng: {group_thousands(f.money_vnd)} đồng"
            f" ({amount_in_words(f.money_vnd)})."
        )
        if f.unpriced:
            text += f" Có {f.unpriced} lượt khen thưởng chưa ghi số tiền thưởng."
        doc.paragraph(text)
    if f.revoked:
        doc.paragraph(
            f"Trong năm có {f.revoked} lượt khen thưởng đã bị thu hồi, không tính vào số liệu trên."
        )

    doc.heading("II. KHEN THƯỞNG THEO KHU VỰC, LOẠI ĐƠN VỊ VÀ ĐỐI TƯỢNG")
    doc.subheading("1. Theo khu vực")
    doc.table(
        ["STT", "Khu vực", "Tập thể", "Cá nhân", "Cộng"],
        _grouped(f.by_sector, labels.SECTOR_VI),
        [1.4, 8.6, 2.1, 2.1, 2.3],
        align=["c", "l", "r", "r", "r"],
    )
    doc.subheading("2. Theo loại đơn vị")
    doc.table(
        ["STT", "Loại đơn vị", "Tập thể", "Cá nhân", "Cộng"],
        _grouped(f.by_unit_kind, labels.UNIT_KIND_VI),
        [1.4, 8.6, 2.1, 2.1, 2.3],
        align=["c", "l", "r", "r", "r"],
    )
    doc.subheading("3. Cá nhân được khen thưởng")
    if f.individual_total:
        doc.paragraph(f"- Theo đối tượng: {_individual_split(f.by_category, labels.CATEGORY_VI)}.")
        doc.paragraph(f"- Theo giới tính: {_individual_split(f.by_gender, labels.GENDER_VI)}.")
        doc.paragraph(
            f"- Người lao động trực tiếp: {f.frontline_total} lượt"
            f" ({_percent(f.frontline_total, f.individual_total)} số lượt khen thưởng cá nhân);"
            f" người giữ chức vụ lãnh đạo: {f.leaders_total} lượt"
            f" ({_percent(f.leaders_total, f.individual_total)})."
        )
        doc.paragraph(
            f"- Khu vực ngoài nhà nước: {f.sector_total('non_state', INDIVIDUAL)} lượt cá nhân,"
            f" {f.sector_total('non_state', COLLECTIVE)} lượt tập thể."
        )
    else:
        doc.paragraph(f"Năm {f.year} không có khen thưởng cá nhân.")

    doc.heading("III. SO SÁNH VỚI CÁC NĂM TRƯỚC")
    years = [f.year, *f.previous_years]
    by_year = {f.year: f.totals, **f.previous_years}
    compare = [
        [str(n), award_name(code), *[str(sum(by_year[y].get(code, {}).values())) for y in years]]
        for n, code in enumerate(f.codes, start=1)
    ]
    compare.append(
        ["", "Cộng", *[str(sum(sum(c.values()) for c in by_year[y].values())) for y in years]]
    )
    year_width = 6.5 / len(years)
    doc.table(
        ["STT", "Danh hiệu, hình thức khen thưởng", *[f"Năm {y}" for y in years]],
        compare,
        [1.4, 8.6, *[year_width] * len(years)],
        align=["c", "l", *["r"] * len(years)],
    )
    doc.closing(
        _recipients(unit),
        Signature(signing.authority or _authority(unit), signing.signer),
    )
    return doc.to_bytes()


def document_name(figures: YearFigures) -> str:
    return f"Báo cáo thi đua khen thưởng năm {figures.year}"
