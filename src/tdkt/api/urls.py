from django.urls import include, path, re_path
from drf_spectacular.views import (
    SpectacularAPIView,
    SpectacularRedocView,
    SpectacularSwaggerSplitView,
)
from rest_framework.routers import DefaultRouter

from tdkt.api import pages, views

app_name = "api"

router = DefaultRouter()
router.include_format_suffixes = False
router.register("units", views.UnitViewSet, basename="unit")
router.register("people", views.PersonViewSet, basename="person")
router.register("year-records", views.YearRecordViewSet, basename="yearrecord")
router.register("awards", views.AwardViewSet, basename="award")
router.register("verdicts", views.VerdictViewSet, basename="verdict")
router.register("dossiers", views.DossierViewSet, basename="dossier")
router.register("nominations", views.NominationViewSet, basename="nomination")
router.register("decisions", views.DecisionViewSet, basename="decision")

urlpatterns = [
    path("v1/", include(router.urls)),
    path("v1/schema/", SpectacularAPIView.as_view(), name="schema"),
    path("v1/docs/", SpectacularSwaggerSplitView.as_view(url_name="api:schema"), name="docs"),
    path(
        "v1/redoc/",
        SpectacularRedocView.as_view(url_name="api:schema", template_name="api/redoc.html"),
        name="redoc",
    ),
    path("tokens/", pages.tokens, name="tokens"),
    path("tokens/<int:pk>/revoke/", pages.revoke, name="revoke"),
    re_path(r"^v1/", views.not_found, name="not_found"),
]
