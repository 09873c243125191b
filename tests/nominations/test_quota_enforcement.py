"""The quota is a gate when the secretariat accepts: a unit's grassroots fighters of 2018 may
not exceed 15 % of its advanced workers, rounded down (Khoản 3 Điều 9 Nghị định 91/2017/NĐ-CP),
counted over every dossier and the register, and a refused appraisal changes nothing."""

from __future__ import annotations

import datetime as dt
import tempfile
import textwrap
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from tdkt.awards.enums import AwardStatus
from tdkt.awards.models import AwardRecord
from tdkt.nominations import services
from tdkt.nominations.enums import DossierState, NominationState
from tdkt.nominations.models import Dossier, Nomination
from tdkt.nominations.services import Appraisal, NominationError
from tests.nominations.round2018 import accept_all, make_dossier, nominate, submit
from tests.parallel import PRELUDE, database_url, rows, run_at_once

pytestmark = pytest.mark.django_db

QUOTA_MESSAGE = (
    "Phường Hòa Thọ Đông: nếu chấp nhận thì sẽ có 2 Chiến sĩ thi đua cơ sở, vượt tỷ lệ cho phép "
    "(tối đa 1, tức 15% của 8 Lao động tiên tiến, theo Khoản 3 Điều 9 Nghị định 91/2017/NĐ-CP). "
    "Cần trả lại 1 trường hợp trong số này."
)


def _advanced_workers(round2018: SimpleNamespace, officer: Any) -> Dossier:
    """Ánh and the seven staff of ward A proposed as advanced workers: 8, so one fighter."""
    dossier = make_dossier(round2018.ward_a, officer, title="Lao động tiên tiến năm 2018")
    for person in (round2018.anh, *round2018.staff):
        nominate(dossier, officer, person)
    return dossier


def _fighters(round2018: SimpleNamespace, officer: Any, people: list[Any]) -> Dossier:
    dossier = make_dossier(round2018.ward_a, officer, title="Chiến sĩ thi đua cơ sở năm 2018")
    for person in people:
        nominate(dossier, officer, person, award="cstd_co_so")
    submit(dossier, officer)
    dossier.refresh_from_db()
    return dossier


def _appraise(dossier: Dossier, actor: Any, **choices: Appraisal) -> Dossier:
    decisions = {
        n.pk: Appraisal(accept=True) for n in dossier.nominations.filter(state="submitted")
    }
    for pk, choice in choices.items():
        decisions[int(pk.removeprefix("n"))] = choice
    return services.appraise_dossier(dossier, decisions, version=dossier.version, actor=actor)


def test_accepting_two_fighters_where_one_is_allowed_is_refused_whole(
    round2018: SimpleNamespace, unit_officer: Any, secretariat_user: Any
) -> None:
    _advanced_workers(round2018, unit_officer)
    dossier = _fighters(round2018, unit_officer, round2018.staff[:2])
    version = dossier.version

    with pytest.raises(NominationError) as refused:
        _appraise(dossier, secretariat_user)

    assert refused.value.message == QUOTA_MESSAGE
    dossier.refresh_from_db()
    assert (dossier.state, dossier.version) == (DossierState.SUBMITTED, version)
    assert set(dossier.nominations.values_list("state", flat=True)) == {NominationState.SUBMITTED}


def test_returning_the_one_beyond_the_quota_lets_the_appraisal_through(
    round2018: SimpleNamespace, unit_officer: Any, secretariat_user: Any
) -> None:
    _advanced_workers(round2018, unit_officer)
    dossier = _fighters(round2018, unit_officer, round2018.staff[:2])
    second = dossier.nominations.order_by("id").last()
    assert second is not None

    _appraise(
        dossier,
        secretariat_user,
        **{f"n{second.pk}": Appraisal(accept=False, reason="Vượt chỉ tiêu 15%")},
    )

    states = dict(dossier.nominations.values_list("person_id", "state"))
    assert states == {
        round2018.staff[0].pk: NominationState.APPRAISED,
        round2018.staff[1].pk: NominationState.RETURNED,
    }


def test_a_fighter_accepted_in_another_dossier_fills_the_quota(
    round2018: SimpleNamespace, unit_officer: Any, secretariat_user: Any
) -> None:
    _advanced_workers(round2018, unit_officer)
    first = _fighters(round2018, unit_officer, [round2018.staff[0]])
    _appraise(first, secretariat_user)
    later = _fighters(round2018, unit_officer, [round2018.staff[1]])

    with pytest.raises(NominationError, match="vượt tỷ lệ cho phép \\(tối đa 1,"):
        _appraise(later, secretariat_user)


def test_a_title_already_in_the_register_fills_the_quota(
    round2018: SimpleNamespace, unit_officer: Any, secretariat_user: Any, tree: SimpleNamespace
) -> None:
    _advanced_workers(round2018, unit_officer)
    AwardRecord.objects.create(
        person=round2018.staff[0],
        award_code="cstd_co_so",
        year=2018,
        decision_number="05/QĐ-UBND",
        decision_date=dt.date(2018, 12, 1),
        issuer=tree.district,
        status=AwardStatus.GRANTED,
    )
    dossier = _fighters(round2018, unit_officer, [round2018.staff[1]])

    with pytest.raises(NominationError, match="vượt tỷ lệ cho phép \\(tối đa 1,"):
        _appraise(dossier, secretariat_user)


def test_uncapped_awards_are_not_limited(
    round2018: SimpleNamespace, unit_officer: Any, secretariat_user: Any
) -> None:
    dossier = _advanced_workers(round2018, unit_officer)
    submit(dossier, unit_officer)

    accept_all(dossier, secretariat_user)

    assert Nomination.objects.filter(state=NominationState.APPRAISED).count() == 8


APPRAISE_WORKER = PRELUDE + textwrap.dedent(
    """
    from tdkt.accounts.models import User
    from tdkt.nominations import quotas, services

    # Widen the window between counting and committing, so that without the lock every
    # worker would count the others' acceptances as not yet there.
    counted = quotas.breaches
    def slow_breaches(*args, **kwargs):
        found = counted(*args, **kwargs)
        time.sleep(0.5)
        return found
    quotas.breaches = slow_breaches
    from tdkt.nominations.models import Dossier
    dossier = Dossier.objects.get(pk=int(sys.argv[3].split(",")[int(index)]))
    actor = User.objects.get(username=sys.argv[4])
    choices = {
        n.pk: services.Appraisal(accept=True)
        for n in dossier.nominations.filter(state="submitted")
    }
    wait_for_start()
    try:
        services.appraise_dossier(dossier, choices, version=dossier.version, actor=actor)
        print(json.dumps("accepted"))
    except services.NominationError as exc:
        print(json.dumps(exc.message))
    """
)


@pytest.mark.django_db(transaction=True)
def test_appraisals_at_once_never_exceed_the_quota(
    round2018: SimpleNamespace, unit_officer: Any, secretariat_user: Any
) -> None:
    """Four secretariat sessions accept four fighters of the same ward, each in its own
    dossier, at the same moment: one place, so one is accepted and three are refused."""
    _advanced_workers(round2018, unit_officer)
    dossiers = [_fighters(round2018, unit_officer, [person]) for person in round2018.staff[:4]]
    with tempfile.TemporaryDirectory(prefix="tdkt-quota-") as tmp:
        url = database_url(Path(tmp))
        ids = ",".join(str(d.pk) for d in dossiers)

        results = run_at_once(
            APPRAISE_WORKER, Path(tmp), url, workers=4, extra=[ids, secretariat_user.username]
        )
        accepted = rows(
            url,
            "SELECT person_id FROM nominations_nomination "
            "WHERE award_code = 'cstd_co_so' AND state = 'appraised'",
        )

    assert sorted(results, key=lambda r: r != "accepted")[0] == "accepted"
    assert results.count("accepted") == 1
    refusals = [r for r in results if r != "accepted"]
    assert len(refusals) == 3
    assert all("vượt tỷ lệ cho phép (tối đa 1," in r for r in refusals)
    assert len(accepted) == 1
