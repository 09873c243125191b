"""An award (or revocation) decision as a Word document in the Decree 30/2020 layout, built with
the shared documents layer (documents.md §1): header, "QUYẾT ĐỊNH" and summary, the deciding
authority, the "Căn cứ" lines of the regime in force on the decision date, the proposal line,
the articles, "Nơi nhận" and signature, then the attached list on a new page, numbered on its
own like an appendix.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Sequence
from decimal import Decimal

from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.shared import Pt
from docx.table import Table

from tdkt.common.formatting import group_thousands, long_date, short_date
from tdkt.decisions import wording
from tdkt.decisions.models import Decision, DecisionLine
from tdkt.decisions.queries import lines_of, sections, totals
from tdkt.documents.bases import TWO_TIER_FROM, basis_lines
from tdkt.documents.bodies import issuing_body_lines, place_name
from tdkt.documents.layout import Header, OfficialDocument, Signature, set_run_font
from tdkt.documents.pdf import docx_to_pdf
from tdkt.rules.money import amount_in_words

# Attached list columns (cm): 16.5 cm of text width on A4 portrait with 30/15 mm margins.
# cm; the first column holds "STT" in 13 pt bold on one line (1.25 cm with the cell margins)
WIDTHS_MONEY = (1.4, 6.3, 5.5, 3.3)
WIDTHS_PLAIN = (1.4, 6.9, 8.2)
WIDTHS_REVOCATION = (1.4, 4.7, 4.7, 5.7)
BLANK_NUMBER = "\u00a0" * 8  # no-break spaces: room for the number, kept by Word


def number_text(decision: Decision) -> str:
    """The number as it stands in the document: "15/QĐ-UBND", or a blank to fill in by hand
    on a draft ("      /QĐ-UBND")."""
    return decision.number_text or f"{BLANK_NUMBER}/{decision.symbol}"


def authority_line(decision: Decision) -> str:
    """ "CHỦ TỊCH ỦY BAN NHÂN DÂN QUẬN CẨM LỆ" (bold capitals, under the summary)."""
    return wording.expand_issuer(decision.issuer_name).upper()


def bases(decision: Decision) -> list[str]:
    """The "Căn cứ" lines: the laws in force on the date, then the province's own."""
    lines = basis_lines(decision.decision_date)
    for extra in decision.extra_bases.splitlines():
        text = extra.strip()
        if text:
            lines.append(text if text.endswith((";", ",", ".")) else f"{text};")
    return lines


def proposal(decision: Decision) -> str:
    if decision.proposal:
        return decision.proposal
    return wording.proposal_sentence(decision.issuer, decision.decision_date >= TWO_TIER_FROM)


def _by_award(lines: Sequence[DecisionLine]) -> OrderedDict[str, list[DecisionLine]]:
    grouped: OrderedDict[str, list[DecisionLine]] = OrderedDict()
    for line in lines:
        grouped.setdefault(line.award_code, []).append(line)
    return grouped


def _common_achievement(lines: Sequence[DecisionLine]) -> str:
    texts = {line.achievement for line in lines}
    if len(texts) == 1:
        text = texts.pop()
        return text if text.endswith(".") or not text else f"{text}."
    return ""


def award_articles(
    decision: Decision, lines: Sequence[DecisionLine]
) -> list[tuple[str, list[str]]]:
    """The articles of an award decision: (first sentence, further paragraphs) for each."""
    year = decision.achievement_year
    total = totals(lines)
    grouped = _by_award(lines)
    articles: list[tuple[str, list[str]]] = []
    if len(grouped) == 1:
        code = next(iter(grouped))
        phrase = wording.award_phrase(code, year, decision.issuer_name)
        first = f"{phrase[:1].upper()}{phrase[1:]} cho {total.count_phrase} (có danh sách kèm theo)"
        reason = _common_achievement(lines)
        if reason and code.startswith("giay_khen"):
            articles.append((f"{first},", [reason]))
        else:
            articles.append((f"{first}.", []))
    else:
        when = f" năm {year}" if year else ""
        items = []
        for code, of_award in grouped.items():
            counted = totals(of_award)
            phrase = wording.award_phrase(code, year, decision.issuer_name)
            items.append(f"- {phrase[:1].upper()}{phrase[1:]} cho {counted.count_phrase};")
        items[-1] = items[-1][:-1] + "."
        articles.append(
            (
                f"Khen thưởng thành tích{when} cho {total.count_phrase}"
                " (có danh sách kèm theo), gồm:",
                items,
            )
        )
    money = money_paragraphs(decision, lines)
    if money:
        articles.append((money[0], money[1:]))
    articles.append((wording.execution_sentence(decision.issuer, 1), []))
    return articles


def money_paragraphs(decision: Decision, lines: Sequence[DecisionLine]) -> list[str]:
    """ "Mỗi cá nhân được thưởng 0,3 lần mức lương cơ sở, số tiền …" for each (award, kind) with
    money, then the total and the fund; [] when no line carries money."""
    total = totals(lines)
    if not total.priced:
        return []
    several = len(_by_award(lines)) > 1
    sentences: list[str] = []
    groups: OrderedDict[tuple[str, bool], list[DecisionLine]] = OrderedDict()
    for line in lines:
        if line.amount_vnd is not None:
            groups.setdefault((line.award_code, line.unit_id is not None), []).append(line)
    for (code, collective), of_group in groups.items():
        label = wording.COLLECTIVE_LABEL if collective else wording.INDIVIDUAL_LABEL
        amounts = {(line.coefficient, line.amount_vnd) for line in of_group}
        prefix = ""
        if several:
            phrase = wording.award_phrase(code, decision.achievement_year, decision.issuer_name)
            prefix = f"{label} được {phrase}: "
        if len(amounts) == 1:
            coefficient, amount = amounts.pop()
            sentence = wording.money_sentence(label, _decimal(coefficient), amount or 0)
            sentences.append(prefix + (wording.lower_first(sentence) if prefix else sentence))
        else:
            subtotal = sum(line.amount_vnd or 0 for line in of_group)
            sentences.append(
                f"{prefix}{label} được thưởng theo mức ghi tại danh sách kèm theo, cộng"
                f" {group_thousands(subtotal)} đồng"
            )
    body = (
        "; ".join(
            sentence if index == 0 else wording.lower_first(sentence)
            for index, sentence in enumerate(sentences)
        )
        + "."
    )
    return [
        body,
        wording.total_sentence(total.amount_vnd),
        wording.fund_sentence(decision.issuer, decision.decision_date.year),
    ]


def _decimal(value: Decimal | None) -> Decimal | None:
    return None if value is None else Decimal(value)


def revocation_articles(
    decision: Decision, lines: Sequence[DecisionLine]
) -> list[tuple[str, list[str]]]:
    total = totals(lines)
    sources = list(
        dict.fromkeys(
            (
                line.revoked_award.decision_number,
                line.revoked_award.decision_date,
                line.revoked_award.issuer,
            )
            for line in lines
            if line.revoked_award is not None
        )
    )
    if len(sources) == 1:
        number, day, issuer = sources[0]
        where = f"tại {wording.decision_reference(number, short_date(day), issuer)}"
    else:
        where = "tại các quyết định ghi trong danh sách kèm theo"
    return [
        (
            f"Hủy bỏ khen thưởng đối với {total.count_phrase} có tên trong danh sách kèm theo,"
            f" đã được khen thưởng {where}.",
            [f"Lý do: {decision.reason.rstrip('.')}."],
        ),
        (
            "Các tập thể, cá nhân có tên tại Điều 1 có trách nhiệm nộp lại hiện vật khen thưởng"
            " và tiền thưởng đã nhận theo quy định.",
            [],
        ),
        (wording.execution_sentence(decision.issuer, 1), []),
    ]


def decision_docx(decision: Decision) -> bytes:
    lines = list(lines_of(decision))
    number = number_text(decision)
    doc = OfficialDocument(title=f"Quyết định {number}".strip())
    header = doc.header(
        Header(
            issuing_body=issuing_body_lines(decision.issuer),
            number=number,
            place=place_name(decision.issuer),
            date=decision.decision_date,
        )
    )
    if not decision.is_signed:
        # A draft leaves room to write the number by hand (the layer collapses plain spaces).
        header.cell(1, 0).paragraphs[0].runs[0].text = f"Số:{BLANK_NUMBER}/{decision.symbol}"
    doc.title("QUYẾT ĐỊNH", decision.summary)
    doc.centred(authority_line(decision), bold=True)
    for line in bases(decision):
        doc.paragraph(line, italic=True)
    doc.paragraph(proposal(decision))
    doc.centred("QUYẾT ĐỊNH:", bold=True).paragraph_format.space_before = Pt(6)

    articles = (
        revocation_articles(decision, lines)
        if decision.is_revocation
        else award_articles(decision, lines)
    )
    for index, (first, rest) in enumerate(articles, start=1):
        paragraph = doc.paragraph("")
        paragraph.runs[0].text = f"Điều {index}. "
        set_run_font(paragraph.runs[0], doc.size, bold=True)
        set_run_font(paragraph.add_run(first), doc.size)
        for text in rest:
            doc.paragraph(text, italic=text.startswith("Đã ") or text.startswith("Lý do"))
    last = len(articles)
    # The last article names the recipients of Điều 1 and is the one "Như Điều …" points to.
    doc.closing(
        [f"Như Điều {last};", "Lưu: VT."],
        Signature(decision.authority_lines, decision.signer_name),
    )
    doc.start_appendix()
    _attached_list(doc, decision, lines)
    return doc.to_bytes()


def list_subtitle(decision: Decision, lines: Sequence[DecisionLine]) -> str:
    total = totals(lines)
    label = wording.recipients_label(total.individuals, total.collectives)
    if decision.is_revocation:
        return f"{label} bị hủy bỏ khen thưởng"
    codes = list(_by_award(lines))
    if len(codes) == 1:
        phrase = wording.award_phrase(codes[0], decision.achievement_year, decision.issuer_name)
        return f"{label} được {phrase}"
    year = f" năm {decision.achievement_year}" if decision.achievement_year else ""
    return f"{label} được khen thưởng thành tích{year}"


def list_reference(decision: Decision) -> str:
    when = (
        long_date(decision.decision_date)
        if decision.is_signed
        else (f"ngày{BLANK_NUMBER}tháng{BLANK_NUMBER}năm {decision.decision_date.year}")
    )
    return wording.list_reference(number_text(decision), when, decision.issuer_name)


def _attached_list(doc: OfficialDocument, decision: Decision, lines: list[DecisionLine]) -> None:
    doc.centred("DANH SÁCH", bold=True).paragraph_format.space_after = Pt(0)
    doc.centred(list_subtitle(decision, lines), bold=True).paragraph_format.space_after = Pt(0)
    doc.centred(list_reference(decision), italic=True)
    groups = sections(decision, lines)
    total = totals(lines)
    if decision.is_revocation:
        headers = ["STT", "Tên tập thể, cá nhân", "Chức vụ, đơn vị", "Khen thưởng bị hủy bỏ"]
        widths: Sequence[float] = WIDTHS_REVOCATION
        align = ["c", "l", "l", "l"]
    elif total.priced:
        headers = ["STT", "Tên tập thể, cá nhân", "Chức vụ, đơn vị", "Số tiền thưởng (đồng)"]
        widths = WIDTHS_MONEY
        align = ["c", "l", "l", "r"]
    else:
        headers = ["STT", "Tên tập thể, cá nhân", "Chức vụ, đơn vị"]
        widths = WIDTHS_PLAIN
        align = ["c", "l", "l"]
    rows: list[list[str]] = []
    spans: list[int] = []  # indexes of group heading rows and the total row
    for group in groups:
        spans.append(len(rows))
        rows.append([f"{group.heading}"] + [""] * (len(headers) - 1))
        for line in group.lines:
            row = [str(line.number), line.display_name, line.position_and_unit]
            if decision.is_revocation:
                award = line.revoked_award
                row.append(
                    f"{line.award_name} năm {award.year}, Quyết định số {award.decision_number}"
                    f" ngày {short_date(award.decision_date)}"
                    if award is not None
                    else line.award_name
                )
            elif total.priced:
                row.append(group_thousands(line.amount_vnd) if line.amount_vnd is not None else "")
            rows.append(row)
    if total.priced and not decision.is_revocation:
        spans.append(len(rows))
        rows.append(["Tổng cộng", "", "", group_thousands(total.amount_vnd)])
    table = doc.table(headers, rows, widths, size=13, align=align)
    _finish_table(table, spans, money=bool(total.priced) and not decision.is_revocation)
    if total.priced and not decision.is_revocation:
        doc.paragraph(f"Bằng chữ: {amount_in_words(total.amount_vnd)}.", italic=True)
        doc.paragraph(f"Danh sách này có {total.count_phrase}./.", italic=True)
    else:
        doc.paragraph(f"Danh sách này có {total.count_phrase}./.", italic=True)


def _finish_table(table: Table, spans: Sequence[int], *, money: bool) -> None:
    """Repeat the header row on every page; keep each row on one page; make group headings
    (and the total row) span the table, in bold."""
    header = table.rows[0]._tr.get_or_add_trPr()
    repeat = OxmlElement("w:tblHeader")
    header.append(repeat)
    rows = table.rows
    heading_rows = {index + 1 for index in spans}
    for number, row in enumerate(rows):
        if number and number not in heading_rows:  # heading rows get theirs below
            row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
    last = len(rows) - 2  # index in `spans` terms of the total row, if any
    for index in spans:
        row = rows[index + 1]
        cells = row.cells
        is_total = money and index == last
        end = cells[-2] if is_total else cells[-1]
        for cell in cells[1:]:
            if is_total and cell is cells[-1]:
                continue
            for paragraph in cell.paragraphs:
                for run in list(paragraph.runs):
                    run._r.getparent().remove(run._r)
        merged = cells[0].merge(end)
        while len(merged.paragraphs) > 1:
            extra = merged.paragraphs[-1]._p
            extra.getparent().remove(extra)
        paragraph = merged.paragraphs[0]
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER if is_total else WD_ALIGN_PARAGRAPH.LEFT
        for run in paragraph.runs:
            run.bold = True
        if is_total:
            for run in cells[-1].paragraphs[0].runs:
                run.bold = True
        row_pr = row._tr.get_or_add_trPr()
        row_pr.append(OxmlElement("w:cantSplit"))
        if not is_total:
            keep = paragraph.paragraph_format
            keep.keep_with_next = True


def decision_pdf(decision: Decision) -> bytes:
    """The decision as PDF, through LibreOffice (raises documents.pdf.ConversionError)."""
    return docx_to_pdf(decision_docx(decision))
