"""Demo data of the decisions app: the district chair's decisions behind the 2015–2017 register.

`load()` runs after the register is in the database (tdkt/demo/loader.py, DEMO_EXTENSIONS).
Every group of register rows with the same issuer, decision number and date becomes one signed
decision whose lines point at those rows, numbered by their register numbers, so that each
attached list is exactly the register (2017: 36 advanced collectives, 39 + 89 merit
certificates, 38 grassroots emulation fighters, 304 advanced workers, 11 + 38 excellent
completions, 15 exemplary units). The 2016 duplicates revoked in 2017 get their revocation
decision (1126/QĐ-UBND), matching the revocation already written on those rows.

The decisions are signed by the district chair (the demo's `chutich`), the revocation by the
vice-chair on the chair's behalf. The number counters end past the highest number used, so a
decision signed in the demo takes the next free number of its year.
"""

from __future__ import annotations

from django.db.models import Count

from tdkt.awards.enums import AwardStatus
from tdkt.awards.models import AwardRecord
from tdkt.decisions import services
from tdkt.decisions.enums import CHAIR, VICE_CHAIR
from tdkt.organisations.models import Unit

DISTRICT = "cam-le"
ISSUER_NAME = "Chủ tịch UBND quận Cẩm Lệ"
CHAIR_NAME = "Huỳnh Đức Thịnh"
VICE_CHAIR_NAME = "Võ Ngọc Lan"


def load() -> None:
    district = Unit.objects.filter(code=DISTRICT).first()
    if district is None:
        return  # a database without the demo's district: nothing of ours to add
    groups = (
        AwardRecord.objects.filter(issuer=ISSUER_NAME, decision_line__isnull=True)
        .values("decision_number", "decision_date")
        .annotate(rows=Count("id"))
        .order_by("decision_date", "decision_number")
    )
    for group in groups:
        services.decision_from_register(
            issuer=district,
            decision_number=group["decision_number"],
            decision_date=group["decision_date"],
            signer_name=CHAIR_NAME,
            signer_title=CHAIR,
            issuer_name=ISSUER_NAME,
            actor=None,
        )
    revoking = (
        AwardRecord.objects.filter(issuer=ISSUER_NAME, status=AwardStatus.REVOKED)
        .exclude(revoked_by_number="")
        .values_list("revoked_by_number", flat=True)
        .distinct()
        .order_by("revoked_by_number")
    )
    for number in revoking:
        services.revocation_from_register(
            issuer=district,
            decision_number=number,
            signer_name=VICE_CHAIR_NAME,
            signer_title=VICE_CHAIR,
            issuer_name=ISSUER_NAME,
            actor=None,
        )
