"""Two people editing the same dossier: the second save carries a version that is no longer
current and is refused whole; nothing the first one saved is overwritten."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import pytest
from django.test import Client

from tdkt.nominations import services
from tdkt.nominations.models import Nomination
from tdkt.nominations.services import NominationError
from tests.nominations.round2018 import make_dossier, nominate

pytestmark = pytest.mark.django_db

STALE = (
    "Người khác đã thay đổi hồ sơ này sau khi bạn mở trang; thay đổi của bạn chưa được lưu."
    " Hãy tải lại trang để xem thay đổi của họ, rồi thực hiện lại thay đổi của bạn."
)


def test_second_save_with_old_version_refused(
    round2018: SimpleNamespace, unit_officer: Any
) -> None:
    dossier = make_dossier(round2018.ward_a, unit_officer)
    read_by_both = dossier.version

    services.update_dossier(dossier, version=read_by_both, actor=unit_officer, title="Bản của A")
    with pytest.raises(NominationError) as caught:
        services.update_dossier(
            dossier, version=read_by_both, actor=unit_officer, title="Bản của B", note="B ghi chú"
        )

    assert str(caught.value) == STALE
    dossier.refresh_from_db()
    assert (dossier.title, dossier.note, dossier.version) == ("Bản của A", "", read_by_both + 1)


def test_stale_nomination_add_refused(round2018: SimpleNamespace, unit_officer: Any) -> None:
    dossier = make_dossier(round2018.ward_a, unit_officer)
    services.add_nomination(
        dossier,
        version=1,
        actor=unit_officer,
        award_code="lao_dong_tien_tien",
        person=round2018.anh,
    )

    with pytest.raises(NominationError) as caught:
        services.add_nomination(
            dossier,
            version=1,
            actor=unit_officer,
            award_code="lao_dong_tien_tien",
            person=round2018.staff[0],
        )

    assert str(caught.value) == STALE
    assert list(Nomination.objects.values_list("person__full_name", flat=True)) == [
        "Nguyễn Thị Ánh"
    ]


def test_stale_nomination_edit_refused(round2018: SimpleNamespace, unit_officer: Any) -> None:
    dossier = make_dossier(round2018.ward_a, unit_officer)
    nomination = nominate(dossier, unit_officer, round2018.anh)
    dossier.refresh_from_db()
    version = dossier.version
    services.update_nomination(
        nomination,
        version=version,
        actor=unit_officer,
        award_code="lao_dong_tien_tien",
        achievement="Bản của A",
        position="",
    )

    with pytest.raises(NominationError):
        services.update_nomination(
            nomination,
            version=version,
            actor=unit_officer,
            award_code="giay_khen_ct_huyen",
            achievement="Bản của B",
            position="",
        )

    nomination.refresh_from_db()
    assert (nomination.award_code, nomination.achievement) == ("lao_dong_tien_tien", "Bản của A")


def test_lock_checks_version_in_the_update(round2018: SimpleNamespace, unit_officer: Any) -> None:
    """The check is in the UPDATE's WHERE, not a read followed by a write."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    dossier = make_dossier(round2018.ward_a, unit_officer)
    with CaptureQueriesContext(connection) as queries:
        services.update_dossier(dossier, version=1, actor=unit_officer, title="Mới")

    update = next(
        q["sql"]
        for q in queries.captured_queries
        if q["sql"].startswith('UPDATE "nominations_dossier"')
    )
    assert '"nominations_dossier"."version" = 1' in update.split("WHERE", 1)[1]


def test_second_form_post_refused_in_the_browser_flow(
    round2018: SimpleNamespace, unit_officer: Any, client: Client
) -> None:
    dossier = make_dossier(round2018.ward_a, unit_officer)
    client.force_login(unit_officer)
    form = {
        "version": dossier.version,
        "kind": "yearly",
        "title": "Bản thứ nhất",
        "decision_date": "2019-01-15",
        "memo_number": "",
        "note": "",
    }
    first = client.post(f"/nominations/{dossier.pk}/edit/", form)
    second = client.post(f"/nominations/{dossier.pk}/edit/", {**form, "title": "Bản thứ hai"})

    assert first.status_code == 302
    assert second.status_code == 200
    assert STALE in second.content.decode()
    dossier.refresh_from_db()
    assert dossier.title == "Bản thứ nhất"
