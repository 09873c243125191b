from __future__ import annotations

from django.db import models
from django.utils.translation import pgettext_lazy


class UnitKind(models.TextChoices):
    PROVINCE = "province", pgettext_lazy("unit kind", "Province or centrally-run city")
    DISTRICT = "district", pgettext_lazy("unit kind", "District")
    WARD = "ward", pgettext_lazy("unit kind", "Ward or commune")
    COMMITTEE_OFFICE = "committee_office", pgettext_lazy("unit kind", "People's Committee office")
    DEPARTMENT = "department", pgettext_lazy("unit kind", "Specialised department")
    PUBLIC_SERVICE = "public_service", pgettext_lazy("unit kind", "Public service unit")
    ENTERPRISE = "enterprise", pgettext_lazy("unit kind", "Enterprise")
    ASSOCIATION = "association", pgettext_lazy("unit kind", "Association or mass organisation")
    DIVISION = "division", pgettext_lazy("unit kind", "Division or team")
    NEIGHBOURHOOD = "neighbourhood", pgettext_lazy("unit kind", "Neighbourhood or village")


class Sector(models.TextChoices):
    STATE = "state", pgettext_lazy("sector", "State")
    NON_STATE = "non_state", pgettext_lazy("sector", "Non-state")


class GroupKind(models.TextChoices):
    CLUSTER = "cluster", pgettext_lazy("emulation group", "Cluster (by area)")
    BLOCK = "block", pgettext_lazy("emulation group", "Block (by sector)")


class GroupRole(models.TextChoices):
    HEAD = "head", pgettext_lazy("emulation group", "Head")
    DEPUTY = "deputy", pgettext_lazy("emulation group", "Deputy head")
    MEMBER = "member", pgettext_lazy("emulation group", "Member")
