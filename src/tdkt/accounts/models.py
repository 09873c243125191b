"""Users: each has one role and, except administrators, the unit whose subtree they serve."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _

from tdkt.accounts.enums import ADMIN_ROLES, EDITING_ROLES, Role
from tdkt.common.text import clean_text


class User(AbstractUser):
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.LEADER)
    unit = models.ForeignKey(
        "organisations.Unit",
        verbose_name=_("unit served"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="users",
        help_text=_("The user sees and changes only this unit and the units under it."),
    )
    full_name = models.CharField(_("full name"), max_length=150, blank=True)
    position = models.CharField(_("position"), max_length=150, blank=True)

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        constraints = [
            # A unit officer without a unit would have no scope at all: refuse it at the source.
            models.CheckConstraint(
                condition=~models.Q(role="unit_officer") | models.Q(unit__isnull=False),
                name="unit_officer_has_unit",
            )
        ]

    def __str__(self) -> str:
        return self.full_name or self.username

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.full_name = clean_text(self.full_name)
        self.is_staff = self.is_superuser or self.role in ADMIN_ROLES
        adding = self._state.adding
        super().save(*args, **kwargs)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "role" not in update_fields:
            return  # e.g. a login stamping last_login: the role did not change
        if adding and self.role not in ADMIN_ROLES:
            return  # a new user is in no group yet, and this role needs none
        from tdkt.accounts.signals import sync_role_group

        # Admin's model permissions come from the group of the role.
        sync_role_group(self)

    @property
    def can_edit_records(self) -> bool:
        return self.is_superuser or self.role in EDITING_ROLES

    @property
    def sees_everything(self) -> bool:
        """Administrators (and a secretariat not tied to a unit) see the whole tree."""
        return self.is_superuser or (self.unit_id is None and self.role != Role.UNIT_OFFICER)
