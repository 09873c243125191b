from django.apps import AppConfig
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _


class LegalRulesConfig(AppConfig):
    name = "tdkt.rules"
    # "rules" is django-rules' label; this app holds legal criteria, not permissions.
    label = "legal_rules"
    verbose_name = _("Legal rules")

    def ready(self) -> None:
        # A broken legal file (or province override) must stop start-up, not surface as a
        # wrong verdict months later.
        from tdkt.rules.loader import RulesDataError, get_rulebook

        try:
            get_rulebook()
        except RulesDataError as exc:
            raise ImproperlyConfigured(str(exc)) from exc
