"""The two groups that give Django admin's model permissions to the secretariat and to the
administrator, kept in step with the models after every migrate."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions
from django.contrib.auth.models import Group, Permission
from django.db.models import Q

from tdkt.accounts.enums import ADMIN_ROLES, Role

if TYPE_CHECKING:
    from tdkt.accounts.models import User

# The records the two roles keep. Nothing in the award register is ever deleted (a revocation is
# a new decision), and the audit trail and import reports are read-only for everyone.
RECORD_APPS = ("organisations", "people", "awards")
NEVER_DELETED = {("awards", "awardrecord")}
READ_ONLY = (("common", "auditentry"), ("imports", "importbatch"))
# The workflow apps change only through their pages' services (state machines, signing, ballots);
# admin shows them for reference.
WORKFLOW_APPS = ("movements", "nominations", "councils", "decisions", "legal_rules")

ROLE_GROUPS: dict[str, str] = {
    Role.SECRETARIAT: "secretariat",
    Role.ADMINISTRATOR: "administrator",
}


def _permissions(actions: tuple[str, ...], apps: tuple[str, ...]) -> set[tuple[str, str]]:
    """(app_label, codename) of each action on each model of the apps."""
    wanted: set[tuple[str, str]] = set()
    for label in apps:
        try:
            config = global_apps.get_app_config(label)
        except LookupError:
            continue
        for model in config.get_models():
            name = model._meta.model_name
            for action in actions:
                if action == "delete" and (label, name) in NEVER_DELETED:
                    continue
                wanted.add((label, f"{action}_{name}"))
    return wanted


def role_permissions() -> dict[str, set[tuple[str, str]]]:
    read_only = {(app, f"view_{model}") for app, model in READ_ONLY}
    read_only |= _permissions(("view",), WORKFLOW_APPS)
    secretariat = _permissions(("view", "add", "change"), RECORD_APPS)
    secretariat |= read_only | {("accounts", "view_user")}
    administrator = _permissions(("view", "add", "change", "delete"), RECORD_APPS)
    administrator |= read_only | _permissions(("view", "add", "change", "delete"), ("accounts",))
    administrator |= {("auth", "view_group")}
    # API tokens: seen and revoked in admin, made only by their owner on the tokens page.
    tokens = {("api", "view_apitoken"), ("api", "change_apitoken")}
    secretariat |= tokens
    administrator |= tokens
    return {"secretariat": secretariat, "administrator": administrator}


def ensure_role_groups() -> dict[str, Group]:
    """Create or update the role groups so they hold exactly the permissions above."""
    groups: dict[str, Group] = {}
    for name, wanted in role_permissions().items():
        group, _created = Group.objects.get_or_create(name=name)
        condition = Q(pk__in=[])
        for app_label, codename in wanted:
            condition |= Q(content_type__app_label=app_label, codename=codename)
        group.permissions.set(Permission.objects.filter(condition))
        groups[name] = group
    return groups


def create_role_groups(sender: Any, **kwargs: Any) -> None:
    """post_migrate: once the last app has migrated, make sure every permission exists, then
    (re)build the groups."""
    if sender.label != "accounts":
        return
    using = kwargs.get("using", "default")
    for config in global_apps.get_app_configs():
        create_permissions(config, verbosity=0, interactive=False, using=using)
    ensure_role_groups()


def sync_role_group(user: User) -> None:
    """Put the user in the group of their role and out of the other role group."""
    wanted = ROLE_GROUPS.get(user.role) if user.role in ADMIN_ROLES else None
    current = set(user.groups.filter(name__in=ROLE_GROUPS.values()).values_list("name", flat=True))
    if current == ({wanted} if wanted else set()):
        return
    if current - {wanted}:
        user.groups.remove(*Group.objects.filter(name__in=current - {wanted}))
    if wanted and wanted not in current:
        group = Group.objects.filter(name=wanted).first() or ensure_role_groups()[wanted]
        user.groups.add(group)
