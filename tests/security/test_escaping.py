"""A person named `<script>alert(1)</script>` is shown as text on every page that shows names,
and Word and Excel documents hold names literally (a name that looks like a formula stays
text)."""

from __future__ import annotations

import io
import zipfile

import pytest
from django.db import transaction
from django.test import Client
from openpyxl import load_workbook

from tdkt.people.models import Person
from tests.security.permission_urls import concrete_urls

pytestmark = pytest.mark.django_db
XSS = "<script>alert(1)</script>"
ESCAPED = "&lt;script&gt;alert(1)&lt;/script&gt;"
FORMULA = '=HYPERLINK("http://example.invalid","Bấm")'


def _rename(person: Person, name: str) -> None:
    Person.objects.filter(pk=person.pk).update(full_name=name)


def _documents(browser: Client, world) -> dict[str, tuple[str, bytes]]:  # type: ignore[no-untyped-def]
    found = {}
    for url, route in concrete_urls(world.a):
        if route.name.endswith("pdf"):
            continue
        with transaction.atomic():  # a failing page must not abort the others' transaction
            response = browser.get(url)
            transaction.set_rollback(response.status_code >= 500)
        kind = response.get("Content-Type", "")
        if response.status_code == 200 and not getattr(response, "streaming", False):
            found[url] = (kind, response.content)
    return found


def _docx_text(content: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        xml = archive.read("word/document.xml").decode()
    return xml


def _xlsx_cells(content: bytes) -> list[object]:
    workbook = load_workbook(io.BytesIO(content))
    return [cell for sheet in workbook.worksheets for row in sheet.iter_rows() for cell in row]


def test_script_in_a_name_is_text_on_every_page_and_document(world, secretariat_user):
    _rename(world.a.person, f"Nguyễn {XSS} Ánh")
    browser = Client(raise_request_exception=False)
    browser.force_login(secretariat_user)

    documents = _documents(browser, world)

    html = {url: body.decode() for url, (kind, body) in documents.items() if "html" in kind}
    raw = [url for url, text in html.items() if XSS in text]
    shown = [url for url, text in html.items() if ESCAPED in text]
    docx = [body for kind, body in documents.values() if "wordprocessingml" in kind]
    assert raw == []
    assert len(shown) >= 10
    assert any("/people/" in url for url in shown)
    # Word escapes XML itself: the name is stored as text, never as markup.
    assert any(ESCAPED in _docx_text(body) for body in docx)
    assert all(XSS not in _docx_text(body) for body in docx)


def test_formula_in_a_name_stays_text_in_every_workbook(world, secretariat_user):
    _rename(world.a.person, FORMULA)
    browser = Client(raise_request_exception=False)
    browser.force_login(secretariat_user)

    workbooks = [
        body for kind, body in _documents(browser, world).values() if "spreadsheetml" in kind
    ]

    cells = [
        cell
        for body in workbooks
        for cell in _xlsx_cells(body)
        if cell.value and FORMULA in str(cell.value)
    ]
    assert workbooks
    assert cells
    assert {cell.data_type for cell in cells} == {"s"}
