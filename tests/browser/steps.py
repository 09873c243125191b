"""Steps of the nomination path that several browser tests walk: each is what an officer does on
one page, with the check that the page did it."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import Any

from openpyxl import Workbook

from tdkt.councils.enums import SessionState
from tdkt.councils.models import CouncilSession
from tdkt.nominations.enums import DossierState


def shot(page: Any, name: str) -> None:
    """A full-page screenshot when TDKT_SCREENSHOT_DIR names a folder."""
    folder = os.environ.get("TDKT_SCREENSHOT_DIR")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(folder) / f"{name}.png"), full_page=True)


def submit(page: Any, selector: str) -> None:
    page.click(selector)
    page.wait_for_load_state()


def list_file(folder: Path, people: list[Any], award: str) -> Path:
    """The nomination list as a unit fills the Excel template in."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["DANH SÁCH ĐỀ NGHỊ KHEN THƯỞNG NĂM 2018"])
    sheet.append(["STT", "Họ và tên", "Ngày sinh", "Danh hiệu/Hình thức đề nghị"])
    for number, person in enumerate(people, start=1):
        sheet.append([number, person.full_name, person.birth_date, award])
    path = folder / "danh-sach.xlsx"
    book.save(path)
    return path


def appraise_all(page: Any, dossier: Any) -> list[Any]:
    """The secretariat accepts every nomination of the dossier; returns them in order."""
    page.goto(f"/nominations/{dossier.pk}/appraise/")
    nominations = list(dossier.nominations.order_by("order"))
    for nomination in nominations:
        page.check(f"input[name=decision_{nomination.pk}][value=accept]")
    submit(page, "#appraisal-form button[type=submit]")
    dossier.refresh_from_db()
    assert dossier.state == DossierState.APPRAISED
    return nominations


def disclose(page: Any, title: str, unit: Any, published_on: str, nominations: list[Any]) -> None:
    """The secretariat publishes the nominations for comments for five working days."""
    page.goto("/nominations/disclosures/new/")
    page.fill("#id_title", title)
    page.select_option("#id_unit", str(unit.pk))
    page.fill("#id_published_on", published_on)
    page.fill("#id_days", "5")
    page.select_option("#id_day_unit", "working_days")
    for nomination in nominations:
        page.check(f"input[name=nominations][value='{nomination.pk}']")
    submit(page, "form.card button[type=submit]")


def open_session(
    page: Any, council: Any, title: str, held_on: dt.date | str, nominations: list[Any]
) -> CouncilSession:
    """The secretary prepares a session with the nominations on its agenda and opens the
    online secret ballot."""
    page.goto(f"/councils/{council.pk}/")
    page.fill("#id_title", title)
    page.fill("#id_year", "2018")
    page.fill("#id_held_on", str(held_on))
    page.select_option("#id_ballot_method", "online")
    submit(page, "#session-form button[type=submit]")
    session = CouncilSession.objects.get(title=title)
    for nomination in nominations:
        page.check(f"#agenda-form input[name=nominations][value='{nomination.pk}']")
    submit(page, "#agenda-form button[type=submit]")
    submit(page, "#open-form button[type=submit]")
    session.refresh_from_db()
    assert session.state == SessionState.OPEN
    return session


def close_and_draft(page: Any, session: CouncilSession, results: int) -> None:
    """The secretary closes the session and turns the approved list into a draft decision."""
    page.goto(f"/councils/sessions/{session.pk}/")
    submit(page, "#close-form button[type=submit]")
    assert page.locator("#results tbody tr").count() == results
    submit(page, "#decisions-form button[type=submit]")
