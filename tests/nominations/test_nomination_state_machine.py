"""The two state machines: every allowed transition is accepted, every other refused; and the
services walk a nomination through each edge, writing one audit entry per step."""

from __future__ import annotations

import itertools
from types import SimpleNamespace
from typing import Any

import pytest

from tdkt.common.models import AuditEntry
from tdkt.nominations import services
from tdkt.nominations.enums import (
    ALLOWED_TRANSITIONS,
    DOSSIER_TRANSITIONS,
    DossierState,
    NominationState,
)
from tdkt.nominations.services import NominationError, ensure_dossier_transition, ensure_transition
from tests.nominations.round2018 import accept_all, make_dossier, nominate, publish, submit

ALLOWED = [(a, b) for a, targets in ALLOWED_TRANSITIONS.items() for b in sorted(targets)]
REFUSED = [
    (a, b)
    for a, b in itertools.product(NominationState.values, repeat=2)
    if b not in ALLOWED_TRANSITIONS[a]
]
DOSSIER_ALLOWED = [(a, b) for a, targets in DOSSIER_TRANSITIONS.items() for b in sorted(targets)]
DOSSIER_REFUSED = [
    (a, b)
    for a, b in itertools.product(DossierState.values, repeat=2)
    if b not in DOSSIER_TRANSITIONS[a]
]


def test_transition_table_covers_every_state() -> None:
    assert set(ALLOWED_TRANSITIONS) == set(NominationState.values)
    assert set(DOSSIER_TRANSITIONS) == set(DossierState.values)
    assert len(ALLOWED) == 15
    assert len(DOSSIER_ALLOWED) == 5


@pytest.mark.parametrize(("current", "target"), ALLOWED)
def test_transition_allowed(current: str, target: str) -> None:
    ensure_transition(current, target)


@pytest.mark.parametrize(("current", "target"), REFUSED)
def test_transition_refused(current: str, target: str) -> None:
    with pytest.raises(NominationError):
        ensure_transition(current, target)


def test_transition_refusal_names_both_states() -> None:
    with pytest.raises(NominationError) as caught:
        ensure_transition(NominationState.DRAFT, NominationState.APPROVED)

    assert str(caught.value) == (
        "Không thể chuyển đề nghị đang ở trạng thái “Đang chuẩn bị” sang “Được Hội đồng thông qua”."
    )


@pytest.mark.parametrize(("current", "target"), DOSSIER_ALLOWED)
def test_dossier_transition_allowed(current: str, target: str) -> None:
    ensure_dossier_transition(current, target)


@pytest.mark.parametrize(("current", "target"), DOSSIER_REFUSED)
def test_dossier_transition_refused(current: str, target: str) -> None:
    with pytest.raises(NominationError):
        ensure_dossier_transition(current, target)


def _actions(nomination: Any) -> list[str]:
    return list(
        AuditEntry.objects.filter(
            object_type="nominations.nomination", object_id=str(nomination.pk)
        )
        .order_by("id")
        .values_list("action", flat=True)
    )


@pytest.mark.django_db
def test_journey_draft_to_returned_to_disclosed(
    round2018: SimpleNamespace, unit_officer: Any, secretariat_user: Any
) -> None:
    dossier = make_dossier(round2018.ward_a, unit_officer)
    nomination = nominate(dossier, unit_officer, round2018.anh)
    submit(dossier, unit_officer)
    dossier.refresh_from_db()
    services.appraise_dossier(
        dossier,
        {nomination.pk: services.Appraisal(accept=False, reason="Thiếu báo cáo thành tích")},
        version=dossier.version,
        actor=secretariat_user,
    )
    dossier.refresh_from_db()
    nomination.refresh_from_db()
    assert (dossier.state, nomination.state) == (DossierState.RETURNED, NominationState.RETURNED)
    assert nomination.return_reason == "Thiếu báo cáo thành tích"

    submit(dossier, unit_officer)
    accept_all(dossier, secretariat_user)
    publish([nomination], secretariat_user, round2018.district)
    nomination.refresh_from_db()
    dossier.refresh_from_db()

    assert nomination.state == NominationState.DISCLOSED
    assert dossier.state == DossierState.APPRAISED
    assert _actions(nomination) == [
        "nominations.nomination.added",
        "nominations.nomination.submitted",
        "nominations.nomination.returned",
        "nominations.nomination.submitted",
        "nominations.nomination.accepted",
        "nominations.nomination.disclosed",
    ]
    dossier_actions = list(
        AuditEntry.objects.filter(object_type="nominations.dossier", object_id=str(dossier.pk))
        .order_by("id")
        .values_list("action", flat=True)
    )
    assert dossier_actions == [
        "nominations.dossier.created",
        "nominations.dossier.submitted",
        "nominations.dossier.returned",
        "nominations.dossier.submitted",
        "nominations.dossier.appraised",
    ]


@pytest.mark.django_db
def test_returned_nomination_withdrawn_and_draft_deleted(
    round2018: SimpleNamespace, unit_officer: Any, secretariat_user: Any
) -> None:
    dossier = make_dossier(round2018.ward_a, unit_officer)
    kept = nominate(dossier, unit_officer, round2018.anh)
    submit(dossier, unit_officer)
    dossier.refresh_from_db()
    services.appraise_dossier(
        dossier,
        {kept.pk: services.Appraisal(accept=False, reason="Không đủ điều kiện")},
        version=dossier.version,
        actor=secretariat_user,
    )
    draft = nominate(dossier, unit_officer, round2018.staff[0])
    dossier.refresh_from_db()

    services.remove_nomination(kept, version=dossier.version, actor=unit_officer)
    dossier.refresh_from_db()
    services.remove_nomination(draft, version=dossier.version, actor=unit_officer)

    kept.refresh_from_db()
    assert kept.state == NominationState.WITHDRAWN
    assert list(dossier.nominations.values_list("pk", flat=True)) == [kept.pk]


@pytest.mark.django_db
def test_refused_transition_through_a_service_changes_nothing(
    appraised: Any, unit_officer: Any
) -> None:
    nomination = appraised.nominations.first()

    with pytest.raises(NominationError):
        services.mark_decided(nomination, actor=unit_officer, decision="1/QĐ-UBND")

    nomination.refresh_from_db()
    assert nomination.state == NominationState.APPRAISED
    assert _actions(nomination)[-1] == "nominations.nomination.accepted"
