from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CouncilsConfig(AppConfig):
    name = "tdkt.councils"
    verbose_name = _("Emulation and commendation councils")
    default_auto_field = "django.db.models.BigAutoField"
