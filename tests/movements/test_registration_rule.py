"""Registration is shown as the legal regime in force says: a basis for titles before 2024,
information only since (the `registration_required` item of the rules data)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from tdkt.movements.legal import registration_is_legal_condition
from tdkt.movements.models import Movement

pytestmark = pytest.mark.django_db

LAW_2003 = "Điểm b khoản 1 Điều 10 Luật Thi đua, khen thưởng 2003"
LAW_2022 = "Điều 7 Luật Thi đua, khen thưởng 06/2022/QH15"


def _notes(law: str) -> tuple[str, str]:
    with translation.override("vi"):
        required = gettext(
            "Under the rules in force then (%(law)s), registering for emulation was one of the"
            " bases for considering titles."
        ) % {"law": law}
        information = gettext(
            "Registration is recorded for information: since 2024 it is not a condition for"
            " any title (%(law)s)."
        ) % {"law": law}
    return required, information


def _registration_card(client, movement, user) -> str:  # type: ignore[no-untyped-def]
    client.force_login(user)
    html = client.get(reverse("movements:detail", args=[movement.pk])).content.decode()
    start = html.index('id="registration"')
    return html[start : html.index("</table>", start)]


def test_2018_movement_says_registration_was_a_basis(client, launched, secretariat_user):
    card = _registration_card(client, launched, secretariat_user)

    rule = registration_is_legal_condition(launched.registration_deadline)
    required, information = _notes(rule.citation)
    assert rule.required is True
    assert LAW_2003 in rule.citation
    assert required in card
    assert information not in card
    assert LAW_2022 not in card


def test_2025_movement_says_registration_is_information(client, launched, secretariat_user):
    Movement.objects.filter(pk=launched.pk).update(
        year=2025,
        starts_on=dt.date(2025, 1, 6),
        ends_on=dt.date(2025, 12, 31),
        registration_deadline=dt.date(2025, 3, 31),
    )

    card = _registration_card(client, launched, secretariat_user)

    rule = registration_is_legal_condition(dt.date(2025, 3, 31))
    required, information = _notes(rule.citation)
    assert rule.required is False
    assert rule.citation == LAW_2022
    assert information in card
    assert required not in card
    assert LAW_2003 not in card


def test_no_note_before_the_first_regime_the_rules_hold():
    assert registration_is_legal_condition(dt.date(2013, 3, 31)) is None
