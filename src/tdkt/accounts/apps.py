from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "tdkt.accounts"
    verbose_name = _("Accounts")

    def ready(self) -> None:
        from tdkt.accounts.signals import create_role_groups

        post_migrate.connect(create_role_groups, dispatch_uid="tdkt.accounts.role_groups")
