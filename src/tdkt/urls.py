from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("", include("tdkt.common.urls")),
    path("accounts/", include("tdkt.accounts.urls")),
    path("units/", include("tdkt.organisations.urls")),
    path("people/", include("tdkt.people.urls")),
    path("awards/", include("tdkt.awards.urls")),
    path("imports/", include("tdkt.imports.urls")),
    path("movements/", include("tdkt.movements.urls")),
    path("reports/", include("tdkt.reports.urls")),
    path("decisions/", include("tdkt.decisions.urls")),
    path("verify/", include("tdkt.decisions.verify_urls")),
    path("rules/", include("tdkt.rules.urls")),
    path("nominations/", include("tdkt.nominations.urls")),
    path("councils/", include("tdkt.councils.urls")),
    path("cong-khai/", include("tdkt.nominations.public_urls")),
    path("api/", include("tdkt.api.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
]
