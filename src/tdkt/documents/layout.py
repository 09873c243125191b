"""The blocks of an administrative document (Decree 30/2020/NĐ-CP, Phụ lục I), built with
python-docx.

    doc = OfficialDocument()
    doc.header(Header(issuing_body=("ỦY BAN NHÂN DÂN", "QUẬN CẨM LỆ"), number="05/KH-UBND",
                      place="Cẩm Lệ", date=dt.date(2018, 1, 5)))
    doc.title("KẾ HOẠCH", "Phát động phong trào thi đua năm 2018")
    doc.heading("I. MỤC ĐÍCH, YÊU CẦU")
    doc.paragraph("…")
    doc.closing(["Như trên;", "Lưu: VT."], Signature(("TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"), "…"))
    data = doc.to_bytes()

Page: A4 portrait, margins and fonts within the decree's ranges (`PageSetup` refuses values
outside them), Times New Roman, page numbers centred in the top margin from page 2 on.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence
from dataclasses import dataclass

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Length, Mm, Pt
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph

from tdkt.common.formatting import long_date
from tdkt.common.text import clean_text
from tdkt.documents.metrics import text_width_pt

FONT = "Times New Roman"
NATIONAL_NAME = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"
RECIPIENTS_LABEL = "Nơi nhận:"

# Decree 30/2020 Phụ lục I: the ranges a document must stay within (millimetres, points).
MARGIN_RANGES_MM = {"top": (20, 25), "bottom": (20, 25), "left": (30, 35), "right": (15, 20)}
BODY_SIZE_RANGE = (13, 14)
HEADER_LEFT_SHARE = 0.4  # the issuing body's column; the motto takes the rest


class LayoutError(ValueError):
    """A page set-up outside what Decree 30/2020 allows."""


@dataclass(frozen=True)
class PageSetup:
    top_mm: float = 20
    bottom_mm: float = 20
    left_mm: float = 30
    right_mm: float = 15
    body_size: float = 14
    landscape: bool = False  # allowed for wide tables (Phụ lục I)

    def __post_init__(self) -> None:
        for side, (low, high) in MARGIN_RANGES_MM.items():
            value = getattr(self, f"{side}_mm")
            if not low <= value <= high:
                raise LayoutError(f"{side} margin {value} mm is outside {low}–{high} mm")
        if not BODY_SIZE_RANGE[0] <= self.body_size <= BODY_SIZE_RANGE[1]:
            raise LayoutError(f"body size {self.body_size} pt is outside 13–14 pt")

    @property
    def text_width_mm(self) -> float:
        width = 297 if self.landscape else 210
        return width - self.left_mm - self.right_mm


@dataclass(frozen=True)
class Header:
    """Top of the first page. `issuing_body` lines are bold capitals with a short rule under
    them; `parent_body` lines (the body above the issuer, if any) are upright capitals."""

    issuing_body: tuple[str, ...]
    parent_body: tuple[str, ...] = ()
    number: str = ""  # "05/KH-UBND"; "" for documents without one
    place: str = ""
    date: dt.date | None = None


@dataclass(frozen=True)
class Signature:
    """A signature block: authority lines ("TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH",
    "PHÓ CHỦ TỊCH"), room for the signature and seal, then the signer's name."""

    authority: tuple[str, ...]
    name: str = ""
    blank_lines: int = 4


def place_and_date(place: str, date: dt.date | None) -> str:
    """ "Cẩm Lệ, ngày 05 tháng 01 năm 2018"; the day left blank when there is no date yet."""
    when = long_date(date) if date else "ngày      tháng      năm"
    return f"{clean_text(place)}, {when}" if place else when


def set_run_font(run, size: float, *, bold: bool = False, italic: bool = False) -> None:  # type: ignore[no-untyped-def]
    run.font.name = FONT
    run.font.size = Pt(size)
    run.font.bold = bold
    run.font.italic = italic
    fonts = run._element.get_or_add_rPr().get_or_add_rFonts()
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attr), FONT)


def _paragraph_format(
    paragraph: Paragraph,
    *,
    align: WD_ALIGN_PARAGRAPH | None = None,
    before: float = 0,
    after: float = 0,
    line: float | None = None,
    first_line_cm: float | None = None,
    keep_with_next: bool = False,
) -> None:
    fmt = paragraph.paragraph_format
    if align is not None:
        fmt.alignment = align
    fmt.space_before = Pt(before)
    fmt.space_after = Pt(after)
    if line is not None:
        fmt.line_spacing = line
    if first_line_cm is not None:
        fmt.first_line_indent = Cm(first_line_cm)
    if keep_with_next:
        fmt.keep_with_next = True


def _add_text(
    container,  # type: ignore[no-untyped-def]
    text: str,
    size: float,
    *,
    bold: bool = False,
    italic: bool = False,
    align: WD_ALIGN_PARAGRAPH = WD_ALIGN_PARAGRAPH.CENTER,
    first: bool = False,
) -> Paragraph:
    """A paragraph in a cell (reusing the cell's empty first paragraph) or in the body."""
    paragraph = container.paragraphs[0] if first else container.add_paragraph()
    _paragraph_format(paragraph, align=align, line=1.0)
    set_run_font(paragraph.add_run(clean_text(text)), size, bold=bold, italic=italic)
    return paragraph


def _add_rule(container, width_pt: float, available_pt: float) -> Paragraph:  # type: ignore[no-untyped-def]
    """A solid rule of `width_pt`, centred: the bottom border of a 1-pt paragraph whose
    indents leave exactly that width."""
    paragraph = container.add_paragraph()
    indent = max(0.0, (available_pt - width_pt) / 2)
    fmt = paragraph.paragraph_format
    fmt.left_indent = Pt(indent)
    fmt.right_indent = Pt(indent)
    fmt.space_before = Pt(1.5)
    fmt.space_after = Pt(3)
    fmt.line_spacing = Pt(2)
    ppr = paragraph._p.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "0"), ("w:color", "000000")):
        bottom.set(qn(key), value)
    borders.append(bottom)
    # pBdr must come before the spacing/indent elements in CT_PPr order.
    spacing = ppr.find(qn("w:spacing"))
    if spacing is not None:
        spacing.addprevious(borders)
    else:
        ppr.append(borders)
    mark = OxmlElement("w:rPr")  # the paragraph mark: 1 pt, so the rule sits under the text
    size = OxmlElement("w:sz")
    size.set(qn("w:val"), "2")
    mark.append(size)
    ppr.append(mark)
    return paragraph


def _borderless(table: Table) -> None:
    tbl_pr = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:val"), "nil")
        borders.append(element)
    tbl_pr.append(borders)


def _cell_margins(table: Table, left_right_cm: float) -> None:
    margins = OxmlElement("w:tblCellMar")
    for edge in ("left", "right"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:w"), str(int(Cm(left_right_cm).twips)))
        element.set(qn("w:type"), "dxa")
        margins.append(element)
    table._tbl.tblPr.append(margins)


def _fixed_widths(table: Table, widths: Sequence[Length]) -> None:
    table.autofit = False
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    table._tbl.tblPr.append(layout)
    for row in table.rows:
        for cell, width in zip(row.cells, widths, strict=True):
            cell.width = width
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width


_AFTER_PAGE_NUMBERING = (
    "w:cols", "w:formProt", "w:vAlign", "w:noEndnote", "w:titlePg", "w:textDirection",
    "w:bidi", "w:rtlGutter", "w:docGrid", "w:printerSettings", "w:sectPrChange",
)  # fmt: skip


def _page_number_field(paragraph: Paragraph, size: float) -> None:
    run = paragraph.add_run()
    set_run_font(run, size)
    for kind, text in (("begin", None), ("instr", " PAGE "), ("separate", None), ("t", "2")):
        if kind == "instr":
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = text
            run._r.append(instr)
        elif kind == "t":
            value = OxmlElement("w:t")
            value.text = text
            run._r.append(value)
        else:
            char = OxmlElement("w:fldChar")
            char.set(qn("w:fldCharType"), kind)
            run._r.append(char)
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    run._r.append(end)


class OfficialDocument:
    """A Word document assembled from the decree's blocks, in reading order."""

    def __init__(self, page: PageSetup | None = None, *, title: str = "") -> None:
        self.page = page or PageSetup()
        self.size = self.page.body_size
        self.doc: DocxDocument = Document()
        self._setup(title)

    # -- page ---------------------------------------------------------------------------
    def _setup(self, title: str) -> None:
        page = self.page
        section = self.doc.sections[0]
        if page.landscape:
            section.orientation = WD_ORIENT.LANDSCAPE
            section.page_width, section.page_height = Mm(297), Mm(210)
        else:
            section.page_width, section.page_height = Mm(210), Mm(297)
        section.top_margin = Mm(page.top_mm)
        section.bottom_margin = Mm(page.bottom_mm)
        section.left_margin = Mm(page.left_mm)
        section.right_margin = Mm(page.right_mm)
        section.header_distance = Mm(8)
        section.footer_distance = Mm(8)
        normal = self.doc.styles["Normal"]
        normal.font.name = FONT
        normal.font.size = Pt(self.size)
        fonts = normal.element.get_or_add_rPr().get_or_add_rFonts()
        for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
            fonts.set(qn(attr), FONT)
        lang = OxmlElement("w:lang")
        lang.set(qn("w:val"), "vi-VN")
        normal.element.get_or_add_rPr().append(lang)
        # Page numbers: centred in the top margin, not on the first page.
        section.different_first_page_header_footer = True
        number = section.header.paragraphs[0]
        _paragraph_format(number, align=WD_ALIGN_PARAGRAPH.CENTER)
        _page_number_field(number, self.size)
        properties = self.doc.core_properties
        properties.title = clean_text(title)
        properties.language = "vi-VN"
        properties.author = "tdkt"

    @property
    def text_width_pt(self) -> float:
        return self.page.text_width_mm / 25.4 * 72

    # -- blocks -------------------------------------------------------------------------
    def header(self, header: Header) -> Table:
        """The two-column header table (Phụ lục I, ô 1–5)."""
        total = self.page.text_width_mm
        left_mm = total * HEADER_LEFT_SHARE
        widths = [Mm(left_mm), Mm(total - left_mm)]
        table = self.doc.add_table(rows=2, cols=2)
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        _borderless(table)
        _cell_margins(table, 0.05)
        _fixed_widths(table, widths)
        left, right = table.rows[0].cells
        left_pt = left_mm / 25.4 * 72 - 3
        right_pt = (total - left_mm) / 25.4 * 72 - 3

        first = True
        for line in header.parent_body:
            _add_text(left, line.upper(), 13, first=first)
            first = False
        for line in header.issuing_body:
            _add_text(left, line.upper(), 13, bold=True, first=first)
            first = False
        longest = max(
            (text_width_pt(s.upper(), 13, bold=True) for s in header.issuing_body), default=0
        )
        # A short rule: a third to a half of the issuing body's line (Phụ lục I, ô 2).
        _add_rule(left, min(max(longest * 0.45, 48), left_pt), left_pt)

        _add_text(right, NATIONAL_NAME, 12.5, bold=True, first=True)
        _add_text(right, MOTTO, 13.5, bold=True)
        _add_rule(right, text_width_pt(MOTTO, 13.5, bold=True), right_pt)

        number_cell, date_cell = table.rows[1].cells
        _add_text(
            number_cell, f"Số: {clean_text(header.number)}" if header.number else "", 13, first=True
        )
        number_cell.paragraphs[0].paragraph_format.space_before = Pt(4)
        date_paragraph = _add_text(
            date_cell, place_and_date(header.place, header.date), 14, italic=True, first=True
        )
        date_paragraph.paragraph_format.space_before = Pt(4)
        return table

    def title(self, title: str, summary: str = "", *, summary_rule: bool = True) -> None:
        """Kind of document in capitals ("KẾ HOẠCH") and the summary line (trích yếu)."""
        heading = _add_text(self.doc, title.upper(), 14, bold=True)
        heading.paragraph_format.space_before = Pt(18)
        heading.paragraph_format.keep_with_next = True
        if summary:
            line = _add_text(self.doc, summary, 14, bold=True)
            line.paragraph_format.keep_with_next = True
            if summary_rule:
                width = min(text_width_pt(summary, 14, bold=True), self.text_width_pt)
                _add_rule(self.doc, max(width * 0.35, 60), self.text_width_pt)
        spacer = self.doc.add_paragraph()
        _paragraph_format(spacer, after=4, line=1.0)

    def centred(
        self, text: str, *, bold: bool = False, italic: bool = False, size: float | None = None
    ) -> Paragraph:
        paragraph = _add_text(self.doc, text, size or self.size, bold=bold, italic=italic)
        paragraph.paragraph_format.space_after = Pt(6)
        return paragraph

    def heading(self, text: str) -> Paragraph:
        """A section heading such as "I. MỤC ĐÍCH, YÊU CẦU" (bold, indented like the body)."""
        paragraph = self.paragraph(text, bold=True)
        paragraph.paragraph_format.keep_with_next = True
        paragraph.paragraph_format.space_before = Pt(6)
        return paragraph

    def subheading(self, text: str) -> Paragraph:
        paragraph = self.paragraph(text, bold=True, italic=False)
        paragraph.paragraph_format.keep_with_next = True
        return paragraph

    def paragraph(
        self,
        text: str,
        *,
        bold: bool = False,
        italic: bool = False,
        indent: bool = True,
        align: WD_ALIGN_PARAGRAPH = WD_ALIGN_PARAGRAPH.JUSTIFY,
    ) -> Paragraph:
        """A body paragraph: justified, first line indented 1.27 cm, 6 pt after."""
        paragraph = self.doc.add_paragraph()
        _paragraph_format(
            paragraph, align=align, after=6, line=1.15, first_line_cm=1.27 if indent else 0
        )
        set_run_font(paragraph.add_run(clean_text(text)), self.size, bold=bold, italic=italic)
        return paragraph

    def paragraphs(self, text: str, *, bullet: str = "") -> list[Paragraph]:
        """One body paragraph per non-empty line of `text`. With a bullet, each line gets it
        and ends as a list item does: ";" after each, "." after the last."""
        lines = [line for line in (clean_text(raw) for raw in (text or "").splitlines()) if line]
        written = []
        for index, line in enumerate(lines):
            if bullet:
                if not line.startswith(("-", "+", "•")):
                    line = f"{bullet}{line}"
                if not line.endswith((".", ";", ":", "!", "?")):
                    line += "." if index == len(lines) - 1 else ";"
            written.append(self.paragraph(line))
        return written

    def table(
        self,
        headers: Sequence[str],
        rows: Sequence[Sequence[str]],
        widths_cm: Sequence[float],
        *,
        size: float = 13,
        align: Sequence[str] | None = None,
    ) -> Table:
        """A ruled table: bold centred header row, then the rows ("l", "c" or "r" per column)."""
        table = self.doc.add_table(rows=1 + len(rows), cols=len(headers))
        table.style = self.doc.styles["Table Grid"]
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        _fixed_widths(table, [Cm(w) for w in widths_cm])
        how = {
            "l": WD_ALIGN_PARAGRAPH.LEFT,
            "c": WD_ALIGN_PARAGRAPH.CENTER,
            "r": WD_ALIGN_PARAGRAPH.RIGHT,
        }
        aligns = list(align or ["l"] * len(headers))
        for cell, text in zip(table.rows[0].cells, headers, strict=True):
            _add_text(cell, text, size, bold=True, first=True)
        for row, values in zip(table.rows[1:], rows, strict=True):
            for cell, text, where in zip(row.cells, values, aligns, strict=True):
                _add_text(cell, str(text), size, align=how[where], first=True)
        spacer = self.doc.add_paragraph()
        _paragraph_format(spacer, after=6, line=1.0)
        return table

    def closing(self, recipients: Sequence[str], signature: Signature) -> Table:
        """ "Nơi nhận:" on the left (12 pt bold italic, items 11 pt), the signature on the right."""
        total = self.page.text_width_mm
        left_mm = total * HEADER_LEFT_SHARE
        table = self.doc.add_table(rows=1, cols=2)
        _borderless(table)
        _cell_margins(table, 0.05)
        _fixed_widths(table, [Mm(left_mm), Mm(total - left_mm)])
        left, right = table.rows[0].cells
        if recipients:
            _add_text(
                left,
                RECIPIENTS_LABEL,
                12,
                bold=True,
                italic=True,
                align=WD_ALIGN_PARAGRAPH.LEFT,
                first=True,
            )
            for item in recipients:
                text = clean_text(item)
                _add_text(
                    left,
                    text if text.startswith("-") else f"- {text}",
                    11,
                    align=WD_ALIGN_PARAGRAPH.LEFT,
                )
        self._signature_cell(right, signature, 14)
        table.rows[0].cells[0].paragraphs[0].paragraph_format.space_before = Pt(6)
        return table

    def signature_grid(
        self, signatures: Sequence[Signature], per_row: int = 2, *, size: float | None = None
    ) -> Table:
        """One cell per signatory, `per_row` to a row (pledges: the group head first).

        Without a `size`, the largest of 13–11.5 pt at which every authority line fits its
        cell on one line, so that the signers' names line up."""
        if not 1 <= per_row <= 3:
            raise LayoutError("a signature row holds one to three cells")
        if size is None:
            cell_pt = self.text_width_pt / per_row - 6
            lines = [line.upper() for s in signatures for line in s.authority]
            size = next(
                (
                    candidate
                    for candidate in (13, 12.5, 12, 11.5)
                    if all(text_width_pt(line, candidate, bold=True) <= cell_pt for line in lines)
                ),
                11.5,
            )
        rows = max(1, -(-len(signatures) // per_row))
        table = self.doc.add_table(rows=rows, cols=per_row)
        _borderless(table)
        _cell_margins(table, 0.05)
        total = self.page.text_width_mm
        _fixed_widths(table, [Mm(total / per_row)] * per_row)
        last_row_start = (rows - 1) * per_row
        alone = len(signatures) - last_row_start == 1 and per_row > 1
        for index, signature in enumerate(signatures):
            row = table.rows[index // per_row]
            if alone and index == last_row_start:
                # A last signatory alone on its row stands in the middle.
                cell = row.cells[1] if per_row == 3 else row.cells[0].merge(row.cells[1])
            else:
                cell = row.cells[index % per_row]
            self._signature_cell(cell, signature, size)
            cell.paragraphs[0].paragraph_format.space_before = Pt(12)
        for row in table.rows:  # a signatory's cell is never split across pages
            tr_pr = row._tr.get_or_add_trPr()
            cant_split = OxmlElement("w:cantSplit")
            tr_pr.append(cant_split)
        return table

    def _signature_cell(self, cell: _Cell, signature: Signature, size: float) -> None:
        first = True
        for line in signature.authority:
            _add_text(
                cell, line.upper(), size, bold=True, first=first
            ).paragraph_format.keep_with_next = True
            first = False
        for _ in range(signature.blank_lines):
            _add_text(cell, "", size).paragraph_format.keep_with_next = True
        if signature.name:
            _add_text(cell, signature.name, size, bold=True)

    def page_break(self) -> None:
        paragraph = self.doc.add_paragraph()
        paragraph.add_run().add_break(WD_BREAK.PAGE)

    def start_appendix(self) -> None:
        """A new page whose numbering starts again at 1 (the attached list of a decision): an
        appendix's pages are numbered on their own, the first one unnumbered as in the body."""
        section = self.doc.add_section(WD_SECTION.NEW_PAGE)
        section.different_first_page_header_footer = True  # headers stay linked to the body's
        sect_pr = section._sectPr
        numbering = sect_pr.find(qn("w:pgNumType"))
        if numbering is None:
            numbering = OxmlElement("w:pgNumType")
            # Schema order: pgNumType comes before these (CT_SectPr).
            later = [sect_pr.find(qn(tag)) for tag in _AFTER_PAGE_NUMBERING]
            anchor = next((child for child in later if child is not None), None)
            if anchor is None:
                sect_pr.append(numbering)
            else:
                anchor.addprevious(numbering)
        numbering.set(qn("w:start"), "1")

    # -- output ---------------------------------------------------------------------------
    def to_bytes(self) -> bytes:
        buffer = io.BytesIO()
        self.doc.save(buffer)
        return buffer.getvalue()


DOCX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
