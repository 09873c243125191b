"""Units (bodies that people work in and that receive collective awards), their history, and
the yearly emulation groups they belong to."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _

from tdkt.common.enums import Grade
from tdkt.common.text import clean_text, collation_key, fold
from tdkt.organisations.enums import GroupKind, GroupRole, Sector, UnitKind

PATH_STEP = 6  # characters of the materialised path per level: "000012."


class Unit(models.Model):
    """A body in the tree: a province, a (historic) district, a ward, an office, a school...

    `path` is a materialised path ("000001.000007.") so that "this unit and everything under it"
    is one indexed prefix query on SQLite and PostgreSQL alike. A unit abolished by a
    reorganisation keeps its row, its awards and its members' history; `valid_to` says when it
    ended and `UnitSuccession` says which units took it over.
    """

    code = models.SlugField(_("code"), max_length=60, unique=True)
    name = models.CharField(_("name"), max_length=255)
    short_name = models.CharField(_("short name"), max_length=120, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=UnitKind.choices)
    sector = models.CharField(
        _("sector"), max_length=10, choices=Sector.choices, default=Sector.STATE
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent unit"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    path = models.CharField(max_length=255, db_index=True, editable=False, default="")
    depth = models.PositiveSmallIntegerField(default=0, editable=False)
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_to = models.DateField(_("valid to"), null=True, blank=True)
    address = models.CharField(_("address"), max_length=255, blank=True)
    # Why the unit began or ended, e.g. the resolution that merged it (shown with its history).
    note = models.CharField(_("note"), max_length=255, blank=True)
    # Whether the unit's head may grant titles and merit certificates (thủ trưởng đơn vị có tư
    # cách pháp nhân): decides who signs its staff's advanced-worker titles.
    has_legal_status = models.BooleanField(_("has legal status"), default=False)
    sort_key = models.CharField(max_length=400, editable=False, default="", db_index=True)
    search_key = models.CharField(max_length=255, editable=False, default="", db_index=True)

    class Meta:
        ordering = ["path"]
        verbose_name = _("unit")
        verbose_name_plural = _("units")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(valid_to__isnull=True)
                | models.Q(valid_from__isnull=True)
                | models.Q(valid_to__gte=models.F("valid_from")),
                name="unit_valid_dates_ordered",
            )
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.name = clean_text(self.name)
        self.short_name = clean_text(self.short_name)
        self.sort_key = collation_key(self.name)
        self.search_key = fold(f"{self.name} {self.short_name} {self.code}")
        if self.pk is None:
            super().save(*args, **kwargs)
            kwargs.pop("force_insert", None)
        self.depth = 0 if self.parent is None else self.parent.depth + 1
        prefix = "" if self.parent is None else self.parent.path
        new_path = f"{prefix}{self.pk:0{PATH_STEP}d}."
        old_path = self.path
        self.path = new_path
        super().save(*args, **{k: v for k, v in kwargs.items() if k != "force_insert"})
        if old_path and old_path != new_path:
            # Moving a unit moves its subtree: rewrite the descendants' paths.
            for child in Unit.objects.filter(path__startswith=old_path).exclude(pk=self.pk):
                child.path = new_path + child.path[len(old_path) :]
                child.depth = child.path.count(".") - 1
                Unit.objects.filter(pk=child.pk).update(path=child.path, depth=child.depth)

    def subtree(self) -> models.QuerySet[Unit]:
        return Unit.objects.filter(path__startswith=self.path)

    def ancestors(self) -> list[Unit]:
        ids = [int(part) for part in self.path.rstrip(".").split(".")[:-1] if part]
        by_id = Unit.objects.in_bulk(ids)
        return [by_id[i] for i in ids if i in by_id]

    def is_active_on(self, day: dt.date) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_to is None or day <= self.valid_to
        )

    @property
    def is_historic(self) -> bool:
        return self.valid_to is not None

    def predecessors(self) -> list[Unit]:
        """Every unit this one took over, directly or through earlier reorganisations."""
        seen: dict[int, Unit] = {}
        frontier = [self.pk]
        while frontier:
            links = UnitSuccession.objects.filter(successor_id__in=frontier).select_related(
                "predecessor"
            )
            frontier = []
            for link in links:
                if link.predecessor_id not in seen and link.predecessor_id != self.pk:
                    seen[link.predecessor_id] = link.predecessor
                    frontier.append(link.predecessor_id)
        return list(seen.values())

    def successors(self) -> list[Unit]:
        return [link.successor for link in self.successions_out.select_related("successor")]


class UnitSuccession(models.Model):
    """A predecessor unit taken over (wholly or partly) by a successor on a date."""

    predecessor = models.ForeignKey(
        Unit,
        on_delete=models.PROTECT,
        related_name="successions_out",
        verbose_name=_("predecessor"),
    )
    successor = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="successions_in", verbose_name=_("successor")
    )
    effective_on = models.DateField(_("effective on"))
    legal_basis = models.CharField(_("legal basis"), max_length=255, blank=True)
    note = models.CharField(_("note"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("unit succession")
        verbose_name_plural = _("unit successions")
        constraints = [
            models.UniqueConstraint(
                fields=["predecessor", "successor"], name="unit_succession_unique"
            ),
            models.CheckConstraint(
                condition=~models.Q(predecessor=models.F("successor")),
                name="unit_succession_not_self",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.predecessor} → {self.successor} ({self.effective_on:%d/%m/%Y})"


class UnitYearRecord(models.Model):
    """A unit's own yearly task-completion grade (the basis of collective titles)."""

    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="year_records")
    year = models.PositiveSmallIntegerField(_("year"))
    grade = models.CharField(_("grade"), max_length=24, choices=Grade.choices)
    note = models.CharField(_("note"), max_length=255, blank=True)

    class Meta:
        ordering = ["unit", "-year"]
        verbose_name = _("unit yearly record")
        verbose_name_plural = _("unit yearly records")
        constraints = [
            models.UniqueConstraint(fields=["unit", "year"], name="unit_year_record_unique")
        ]

    def __str__(self) -> str:
        return f"{self.unit} {self.year}: {self.get_grade_display()}"


class EmulationGroup(models.Model):
    """A cluster (by area) or block (by sector) of units for one year."""

    year = models.PositiveSmallIntegerField(_("year"))
    kind = models.CharField(_("kind"), max_length=10, choices=GroupKind.choices)
    name = models.CharField(_("name"), max_length=255)
    convener = models.ForeignKey(
        Unit,
        verbose_name=_("convening body"),
        on_delete=models.PROTECT,
        related_name="convened_groups",
    )
    members: models.ManyToManyField[Unit, EmulationGroupMembership] = models.ManyToManyField(
        Unit, through="EmulationGroupMembership", related_name="emulation_groups"
    )

    class Meta:
        ordering = ["-year", "kind", "name"]
        verbose_name = _("emulation group")
        verbose_name_plural = _("emulation groups")
        constraints = [
            models.UniqueConstraint(
                fields=["convener", "year", "name"], name="emulation_group_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.year})"


class EmulationGroupMembership(models.Model):
    group = models.ForeignKey(EmulationGroup, on_delete=models.CASCADE, related_name="memberships")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="group_memberships")
    role = models.CharField(
        _("role"), max_length=10, choices=GroupRole.choices, default=GroupRole.MEMBER
    )

    class Meta:
        ordering = ["group", "role", "unit__sort_key"]
        verbose_name = _("group membership")
        verbose_name_plural = _("group memberships")
        constraints = [
            models.UniqueConstraint(fields=["group", "unit"], name="group_membership_unique"),
            # One head per group and year; deputies may be several.
            models.UniqueConstraint(
                fields=["group"], condition=models.Q(role="head"), name="group_single_head"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.unit} – {self.get_role_display()}"
