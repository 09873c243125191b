from django.apps import AppConfig


class CommonConfig(AppConfig):
    name = "tdkt.common"
    verbose_name = "tdkt"
