"""Writes to the award register. Each is one transaction with its audit entry."""

from __future__ import annotations

from typing import Any

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from tdkt.awards.enums import AwardSource
from tdkt.awards.models import AwardRecord
from tdkt.common.audit import record


class AwardError(Exception):
    """A register change that cannot be made; the message is for the user."""


def record_past_award(award: AwardRecord, *, actor: Any) -> AwardRecord:
    """Store an award granted earlier (outside tdkt) in the register and audit it.

    The award must name exactly one recipient; a duplicate of an award already in the register
    (same recipient, award, year and decision) is refused and nothing is written.
    """
    if (award.person_id is None) == (award.unit_id is None):
        raise AwardError(_("An award goes to one person or one unit, not both and not neither."))
    award.source = AwardSource.ENTERED
    try:
        with transaction.atomic():
            award.save()
            record(
                award,
                "awards.awardrecord.recorded",
                actor=actor,
                data={
                    "award_code": award.award_code,
                    "year": award.year,
                    "decision_number": award.decision_number,
                    "person_id": award.person_id,
                    "unit_id": award.unit_id,
                },
            )
    except IntegrityError as exc:
        raise AwardError(
            _(
                "This award is already in the register for this recipient, year and decision;"
                " nothing was saved."
            )
        ) from exc
    return award
