from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    name = "tdkt.api"
    label = "api"
    verbose_name = _("API")

    def ready(self) -> None:
        # Registers the token scheme with the OpenAPI schema generator.
        from tdkt.api import schema  # noqa: F401
