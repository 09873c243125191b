from django.apps import AppConfig
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _


class DecisionsConfig(AppConfig):
    name = "tdkt.decisions"
    label = "decisions"
    verbose_name = _("Award decisions")

    def ready(self) -> None:
        # A signing certificate that cannot be opened must stop start-up, not show up as an
        # error at the first download of a signed decision.
        from tdkt.decisions import signing

        try:
            signing.identity()
        except signing.SigningConfigError as exc:
            raise ImproperlyConfigured(str(exc)) from exc
