from __future__ import annotations

from django.db import models
from django.utils.translation import pgettext_lazy


class Role(models.TextChoices):
    SECRETARIAT = "secretariat", pgettext_lazy("role", "Secretariat")
    UNIT_OFFICER = "unit_officer", pgettext_lazy("role", "Unit officer")
    COUNCIL_MEMBER = "council_member", pgettext_lazy("role", "Council member")
    SIGNER = "signer", pgettext_lazy("role", "Signer")
    LEADER = "leader", pgettext_lazy("role", "Leader")
    ADMINISTRATOR = "administrator", pgettext_lazy("role", "Administrator")


# Roles that may change records (people, yearly results, the register, imports).
EDITING_ROLES = frozenset({Role.SECRETARIAT, Role.UNIT_OFFICER, Role.ADMINISTRATOR})
# Roles that reach Django admin.
ADMIN_ROLES = frozenset({Role.SECRETARIAT, Role.ADMINISTRATOR})
