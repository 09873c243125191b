"""The whole path on the demo, in a real browser: Phòng Kinh tế's officer prepares a dossier
(one merit certificate by hand, two from Excel) and submits it; the secretariat appraises it and
publishes the list; the district council, with the demo's members, votes in secret; the
secretary closes the session and drafts the decision; the chair signs it; the secretariat prints
the certificates; a visitor follows the QR code of the first one to the public check.

The QR code is read back from the printed PDF (its modules are drawn as rectangles) and must be
the code of the verification address of line 1; the test then opens that address, logged out.
Selectors use field names, ids and URLs, never words. Set TDKT_SCREENSHOT_DIR to keep screenshots.
"""

from __future__ import annotations

import datetime as dt
import re
import zlib
from pathlib import Path
from typing import Any

import pytest

from tdkt.awards.catalogue import award_name
from tdkt.awards.models import AwardRecord
from tdkt.common import clock
from tdkt.common.enums import Grade
from tdkt.councils.models import Council
from tdkt.decisions.certificates import qr_matrix
from tdkt.decisions.models import Decision
from tdkt.demo.generator import DEMO_PASSWORD
from tdkt.demo.loader import load
from tdkt.nominations.enums import DossierState, NominationState
from tdkt.nominations.models import Disclosure, Dossier, Nomination
from tdkt.organisations.models import Unit
from tdkt.people.models import Person
from tests.browser.steps import (
    appraise_all,
    close_and_draft,
    disclose,
    list_file,
    open_session,
    shot,
    submit,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

AWARD = "giay_khen_ct_huyen"
TODAY = dt.date(2019, 1, 9)  # after the demo's lists for comment, before its decisions
RUN = re.compile(rb"^(\d+) (\d+) (\d+) 1\.03 re$", re.MULTILINE)


def _shot(page: Any, name: str) -> None:
    shot(page, f"whole-path-{name}")


def _candidates(unit: Unit, count: int) -> list[Person]:
    """People graded at least good in 2018 at the unit, nominated for nothing that year."""
    nominated = Nomination.objects.filter(year=2018, person__isnull=False).values("person")
    people = (
        Person.objects.filter(
            year_records__year=2018,
            year_records__unit=unit,
            year_records__grade__in=[Grade.EXCELLENT, Grade.GOOD],
        )
        .exclude(pk__in=nominated)
        .order_by("sort_key", "pk")
    )
    return list(people[:count])


def _first_qr(pdf: bytes) -> list[list[bool]]:
    """The modules of the first QR code drawn in the PDF: runs of dark modules, one
    `x y width 1.03 re` each, in a page's compressed content stream."""
    for stream in re.findall(rb"\bstream\r?\n(.*?)endstream", pdf, re.DOTALL):
        try:
            content = zlib.decompressobj().decompress(stream)  # trailing end-of-line ignored
        except zlib.error:
            continue
        runs = [tuple(map(int, m)) for m in RUN.findall(content)]
        if runs:
            size = max(x + width for x, _y, width in runs)
            matrix = [[False] * size for _ in range(size)]
            for x, y, width in runs:
                for column in range(x, x + width):
                    matrix[size - 1 - y][column] = True
            return matrix
    raise AssertionError("no QR code in the PDF")


def test_the_whole_path_on_the_demo(
    page: Any, login: Any, live_server: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(clock, "today", lambda: TODAY)
    load(reset=True)
    office = Unit.objects.get(code="cam-le-kinh-te")
    district = Unit.objects.get(code="cam-le")
    council = Council.objects.get(unit=district)
    by_hand, *from_excel = _candidates(office, 3)
    assert len(from_excel) == 2

    def as_user(username: str) -> None:
        page.context.clear_cookies()
        login(username, DEMO_PASSWORD)

    # Phòng Kinh tế's officer: one nomination by hand, two from the Excel template's columns.
    as_user("canbo.kinhte")
    page.goto("/nominations/new/")
    page.select_option("#id_unit", str(office.pk))
    page.select_option("#id_kind", "yearly")
    page.fill("#id_year", "2018")
    page.fill("#id_title", "Đề nghị tặng Giấy khen năm 2018 của Phòng Kinh tế")
    page.fill("#id_decision_date", "2019-01-15")
    submit(page, "form.card button[type=submit]")
    dossier = Dossier.objects.get(unit=office, state=DossierState.DRAFT)
    page.check("#add-form input[name=subject_kind][value=individual]")
    page.select_option("#add-form select[name=person]", str(by_hand.pk))
    page.select_option("#add-form select[name=award_code]", AWARD)
    page.fill("#add-form textarea[name=achievement]", "Đã có thành tích xuất sắc năm 2018")
    submit(page, "#add-form button[type=submit]")
    page.set_input_files(
        "#import-form input[type=file]", str(list_file(tmp_path, from_excel, award_name(AWARD)))
    )
    submit(page, "#import-form button[type=submit]")
    assert sorted(dossier.nominations.values_list("person", flat=True)) == sorted(
        p.pk for p in (by_hand, *from_excel)
    )
    assert page.locator("#nominations .verdict").count() == 3
    _shot(page, "1-prepared")
    submit(page, "#submit-form button[type=submit]")
    dossier.refresh_from_db()
    assert dossier.state == DossierState.SUBMITTED

    # The secretariat accepts all three and publishes them for five working days.
    as_user("thuky")
    nominations = appraise_all(page, dossier)
    disclose(
        page,
        "Danh sách đề nghị tặng Giấy khen năm 2018 của Phòng Kinh tế",
        district,
        "2018-12-24",
        nominations,
    )
    listing = Disclosure.objects.get(title__endswith="của Phòng Kinh tế")
    assert listing.ends_on < TODAY
    page.context.clear_cookies()
    page.goto(f"/cong-khai/{listing.pk}/")
    assert page.locator("#public-list tbody tr").count() == 3

    # The secretary prepares a session of the demo's council and opens the ballot.
    as_user("thuky")
    session = open_session(
        page, council, "Phiên họp xét tặng Giấy khen năm 2018", TODAY.isoformat(), nominations
    )
    assert session.members_present == 7

    # Four of the seven members agree to all three, in secret.
    for username in ("hoidong", "hoidong.mattran", "hoidong.phunu", "hoidong.congdoan"):
        as_user(username)
        page.goto(f"/councils/sessions/{session.pk}/")
        for item in session.items.all():
            page.check(f"#ballot-form input[name=item_{item.pk}][value=agree]")
        submit(page, "#ballot-form button[type=submit]")
        assert page.locator("#ballot-form").count() == 0
    _shot(page, "2-voted")

    # The secretary closes the session and drafts the decision.
    as_user("thuky")
    close_and_draft(page, session, results=3)
    decision = Decision.objects.get(status="draft", award_code=AWARD)
    assert decision.lines.count() == 3

    # The chair signs: the register gets three awards, the nominations are decided.
    as_user("chutich")
    page.goto(f"/decisions/{decision.pk}/")
    submit(page, "#sign-form button[type=submit]")
    decision.refresh_from_db()
    assert decision.status == "signed"
    assert page.locator("#decision-number").inner_text() == decision.number_text
    assert AwardRecord.objects.filter(decision_number=decision.number_text).count() == 3
    page.goto(f"/nominations/{dossier.pk}/")
    assert set(dossier.nominations.values_list("state", flat=True)) == {NominationState.DECIDED}
    _shot(page, "3-signed")

    # The secretariat prints the certificates: one PDF, the progress bar reaches 100 %.
    as_user("thuky")
    page.goto(f"/decisions/{decision.pk}/")
    with page.expect_download(timeout=60_000) as download_info:
        page.click("#certificates-form button[type=submit]")
    page.wait_for_function("document.getElementById('certificates-bar').value === 100")
    path = download_info.value.path()
    assert path is not None
    pdf = Path(path).read_bytes()
    assert pdf[:5] == b"%PDF-"
    assert len(re.findall(rb"/Type\s*/Page\b", pdf)) == 3
    _shot(page, "4-printed")

    # A visitor scans the first certificate: its QR code is the address of line 1's check.
    first = decision.lines.get(number=1)
    address = f"{live_server.url}/verify/{first.token}/"
    assert _first_qr(pdf) == qr_matrix(address)
    page.context.clear_cookies()
    response = page.goto(address)
    assert response is not None
    assert response.status == 200
    assert page.locator("#verdict").get_attribute("data-verdict") == "valid"
    assert first.display_name in page.locator(".verify").inner_text()
    assert decision.number_text in page.locator(".verify").inner_text()
    _shot(page, "5-verified")
