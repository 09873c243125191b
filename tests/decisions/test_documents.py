"""The decision as Word (read back with python-docx) and as PDF (LibreOffice, read with
pdftotext): blocks in the Decree 30/2020 order, the Căn cứ lines of the regime in force, the
articles with money and words, the attached list in its groups and order."""

from __future__ import annotations

import datetime as dt
import io
import shutil
import subprocess
import unicodedata

import pytest
from docx import Document
from docx.oxml.ns import qn

from tdkt.decisions import services
from tdkt.decisions.documents import decision_docx, decision_pdf
from tdkt.decisions.enums import CHAIR
from tdkt.documents.bases import DECREE_91, DECREE_98, DECREE_152, LAW_2003, LAW_2022

pytestmark = pytest.mark.django_db


def _read(data: bytes):  # type: ignore[no-untyped-def]
    return Document(io.BytesIO(data))


def _texts(document) -> list[str]:  # type: ignore[no-untyped-def]
    return [p.text for p in document.paragraphs if p.text.strip()]


@pytest.fixture
def signed(tree, draft, signer):
    decision = draft(
        "giay_khen_ct_huyen",
        [tree.binh, tree.ward_a, tree.anh],
        achievement="Đã có thành tích xuất sắc trong thực hiện nhiệm vụ năm 2017",
    )
    return services.sign_decision(decision, actor=signer)


def test_word_decision_has_the_blocks_in_order(signed):
    document = _read(decision_docx(signed))
    header = document.tables[0]
    texts = _texts(document)

    assert header.cell(0, 0).text.split("\n")[:2] == ["ỦY BAN NHÂN DÂN", "QUẬN CẨM LỆ"]
    assert header.cell(0, 1).text.startswith("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do")
    assert header.cell(1, 0).text == "Số: 01/QĐ-UBND"
    assert header.cell(1, 1).text == "Cẩm Lệ, ngày 16 tháng 01 năm 2018"
    start = texts.index("QUYẾT ĐỊNH")
    assert texts[start : start + 9] == [
        "QUYẾT ĐỊNH",
        "Về việc tặng Giấy khen",
        "CHỦ TỊCH ỦY BAN NHÂN DÂN QUẬN CẨM LỆ",
        "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;",
        LAW_2003,
        DECREE_91,
        "Xét đề nghị của Hội đồng Thi đua - Khen thưởng quận Cẩm Lệ,",
        "QUYẾT ĐỊNH:",
        "Điều 1. Tặng Giấy khen của Chủ tịch Ủy ban nhân dân quận Cẩm Lệ cho 01 tập thể và"
        " 02 cá nhân (có danh sách kèm theo),",
    ]
    assert texts[start + 9 : start + 14] == [
        "Đã có thành tích xuất sắc trong thực hiện nhiệm vụ năm 2017.",
        "Điều 2. Mỗi cá nhân được thưởng 0,3 lần mức lương cơ sở, số tiền 390.000 đồng (Ba"
        " trăm chín mươi nghìn đồng); mỗi tập thể được thưởng 0,6 lần mức lương cơ sở, số tiền"
        " 780.000 đồng (Bảy trăm tám mươi nghìn đồng).",
        "Tổng số tiền thưởng: 1.560.000 đồng (Một triệu năm trăm sáu mươi nghìn đồng).",
        "Kinh phí khen thưởng trích từ Quỹ thi đua, khen thưởng của Ủy ban nhân dân quận Cẩm Lệ"
        " năm 2018.",
        "Điều 3. Chánh Văn phòng Hội đồng nhân dân và Ủy ban nhân dân quận, Thủ trưởng các cơ"
        " quan, đơn vị có liên quan và các tập thể, cá nhân có tên tại Điều 1 chịu trách nhiệm"
        " thi hành Quyết định này./.",
    ]
    closing = document.tables[1]
    assert closing.cell(0, 0).text.split("\n") == ["Nơi nhận:", "- Như Điều 3;", "- Lưu: VT."]
    signature = [line for line in closing.cell(0, 1).text.split("\n") if line]
    assert signature == ["CHỦ TỊCH", "Huỳnh Đức Thịnh"]


def test_word_attached_list_is_grouped_sorted_and_totalled(signed):
    document = _read(decision_docx(signed))
    texts = _texts(document)
    table = document.tables[2]

    heading = texts.index("DANH SÁCH")
    assert texts[heading + 1] == (
        "Tập thể, cá nhân được tặng Giấy khen của Chủ tịch Ủy ban nhân dân quận Cẩm Lệ"
    )
    assert texts[heading + 2] == (
        "(Kèm theo Quyết định số 01/QĐ-UBND ngày 16 tháng 01 năm 2018 của Chủ tịch Ủy ban nhân"
        " dân quận Cẩm Lệ)"
    )
    rows = [[cell.text for cell in row.cells] for row in table.rows]
    assert rows[0] == ["STT", "Tên tập thể, cá nhân", "Chức vụ, đơn vị", "Số tiền thưởng (đồng)"]
    assert rows[1][0] == "I. Cá nhân"
    assert rows[2] == [
        "1",
        "Bà Nguyễn Thị Ánh",
        "Công chức văn hóa – xã hội, Phường Hòa Thọ Đông",
        "390.000",
    ]
    assert rows[3] == ["2", "Ông Trần Văn Bình", "Chuyên viên, Phường Khuê Trung", "390.000"]
    assert rows[4][0] == "II. Tập thể"
    assert rows[5] == ["3", "Phường Hòa Thọ Đông", "Quận Cẩm Lệ", "780.000"]
    assert rows[6][0] == "Tổng cộng"
    assert rows[6][-1] == "1.560.000"
    assert "Bằng chữ: Một triệu năm trăm sáu mươi nghìn đồng." in texts
    assert texts[-1] == "Danh sách này có 01 tập thể và 02 cá nhân./."


def test_word_title_decision_without_money_article(tree, draft, signer):
    decision = services.sign_decision(draft("htxs_nhiem_vu", [tree.anh, tree.binh]), actor=signer)
    texts = _texts(_read(decision_docx(decision)))

    assert "Về việc công nhận “Hoàn thành xuất sắc nhiệm vụ” năm 2017" in texts
    articles = [t for t in texts if t.startswith("Điều ")]
    assert articles[0] == (
        "Điều 1. Công nhận “Hoàn thành xuất sắc nhiệm vụ” năm 2017 cho 02 cá nhân"
        " (có danh sách kèm theo)."
    )
    assert len(articles) == 2
    assert articles[1].startswith("Điều 2. Chánh Văn phòng")
    assert "- Như Điều 2;" in _read(decision_docx(decision)).tables[1].cell(0, 0).text


def test_word_draft_leaves_the_number_blank(tree, draft):
    document = _read(decision_docx(draft("lao_dong_tien_tien", [tree.anh])))

    assert (
        document.tables[0].cell(1, 0).text
        == "Số:\u00a0\u00a0\u00a0\u00a0\u00a0\u00a0\u00a0\u00a0/QĐ-UBND"
    )
    texts = _texts(document)
    assert (
        "Điều 1. Tặng danh hiệu “Lao động tiên tiến” năm 2017 cho 01 cá nhân"
        " (có danh sách kèm theo)."
    ) in texts


@pytest.mark.parametrize(
    ("day", "expected", "proposal"),
    [
        (dt.date(2017, 9, 20), [LAW_2003], "Xét đề nghị"),
        (dt.date(2024, 3, 1), [LAW_2022, DECREE_98], "Xét đề nghị"),
        (dt.date(2025, 8, 1), [DECREE_152], "Theo đề nghị"),
    ],
)
def test_word_bases_follow_the_regime_of_the_decision_date(tree, draft, day, expected, proposal):
    decision = draft("lao_dong_tien_tien", [tree.anh], decision_date=day, year=day.year - 1)
    texts = _texts(_read(decision_docx(decision)))

    for line in expected:
        assert line in texts
    if day < dt.date(2017, 10, 1):
        assert DECREE_91 not in texts
    assert any(t.startswith(proposal) for t in texts)


def test_word_extra_bases_come_after_the_national_ones(tree, draft, secretariat_user):
    decision = services.update_draft(
        draft("lao_dong_tien_tien", [tree.anh]),
        actor=secretariat_user,
        extra_bases="Căn cứ Quyết định số 35/2019/QĐ-UBND của Ủy ban nhân dân thành phố",
    )
    texts = _texts(_read(decision_docx(decision)))

    index = texts.index(DECREE_91)
    assert texts[index + 1] == (
        "Căn cứ Quyết định số 35/2019/QĐ-UBND của Ủy ban nhân dân thành phố;"
    )


def test_word_revocation_names_the_awards_and_the_reason(tree, signed, signer, secretariat_user):
    revocation = services.revoke_awards(
        awards=[signed.lines.get(person=tree.binh)],
        reason="Trùng thành tích đã được khen thưởng",
        decision_date=dt.date(2018, 5, 15),
        signer_name="Huỳnh Đức Thịnh",
        signer_title=CHAIR,
        actor=secretariat_user,
    )
    services.sign_decision(revocation, actor=signer)
    document = _read(decision_docx(revocation))
    texts = _texts(document)

    assert "Về việc hủy bỏ khen thưởng tại Quyết định số 01/QĐ-UBND ngày 16/01/2018" in texts
    assert (
        "Điều 1. Hủy bỏ khen thưởng đối với 01 cá nhân có tên trong danh sách kèm theo, đã được"
        " khen thưởng tại Quyết định số 01/QĐ-UBND ngày 16/01/2018 của Chủ tịch UBND quận"
        " Cẩm Lệ."
    ) in texts
    assert "Lý do: Trùng thành tích đã được khen thưởng." in texts
    rows = [[cell.text for cell in row.cells] for row in document.tables[2].rows]
    assert rows[2] == [
        "1",
        "Ông Trần Văn Bình",
        "Chuyên viên, Phường Khuê Trung",
        "Giấy khen của Chủ tịch UBND cấp huyện năm 2017, Quyết định số 01/QĐ-UBND ngày 16/01/2018",
    ]


def test_word_attached_list_is_numbered_on_its_own(signed):
    document = _read(decision_docx(signed))
    body, attached = document.sections

    numbering = attached._sectPr.find(qn("w:pgNumType"))
    assert numbering is not None
    assert numbering.get(qn("w:start")) == "1"
    assert attached.different_first_page_header_footer  # its first page unnumbered, too
    assert attached.header.is_linked_to_previous
    assert body._sectPr.find(qn("w:pgNumType")) is None
    # The list starts in the second section: after the paragraph that closes the first.
    paragraphs = document.element.body.findall(qn("w:p"))
    closing = next(
        i
        for i, p in enumerate(paragraphs)
        if p.find(qn("w:pPr") + "/" + qn("w:sectPr")) is not None
    )
    heading = next(
        i
        for i, p in enumerate(paragraphs)
        if "".join(t.text or "" for t in p.iter(qn("w:t"))) == "DANH SÁCH"
    )
    assert closing < heading


@pytest.mark.skipif(
    shutil.which("soffice") is None or shutil.which("pdftotext") is None,
    reason="LibreOffice or poppler-utils is not installed",
)
def test_pdf_attached_list_pages_count_from_one(tree, draft, signer, person_factory, tmp_path):
    people = [person_factory(f"Nguyễn Văn Thứ {n:02d}", unit=tree.ward_a) for n in range(70)]
    decision = services.sign_decision(draft("giay_khen_ct_huyen", people), actor=signer)
    path = tmp_path / "decision.pdf"
    path.write_bytes(decision_pdf(decision))
    pages = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, check=True, text=True
    ).stdout.split("\f")[:-1]

    first_of_list = next(i for i, page in enumerate(pages) if "DANH SÁCH" in page)
    tops = [page.strip().splitlines()[0].strip() for page in pages]
    assert first_of_list >= 1
    assert len(pages) - first_of_list >= 2  # the list runs over more than one page
    assert tops[first_of_list] != "1"  # first page of the list: no number shown
    assert tops[first_of_list + 1 :] == [str(n) for n in range(2, len(pages) - first_of_list + 1)]


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_pdf_decision_holds_the_text_in_nfc(signed, tmp_path):
    path = tmp_path / "decision.pdf"
    path.write_bytes(decision_pdf(signed))
    text = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, check=True, text=True
    ).stdout

    assert "QUYẾT ĐỊNH" in text
    assert "Bà Nguyễn Thị Ánh" in unicodedata.normalize("NFC", text)
    assert "Số: 01/QĐ-UBND" in text
    assert "1.560.000" in text
