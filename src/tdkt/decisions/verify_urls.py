"""The public verification page (no login), reached from a certificate's QR code."""

from django.urls import path

from tdkt.decisions import views

app_name = "verify"

urlpatterns = [
    path("<str:token>/", views.verify, name="certificate"),
    path("<str:token>/pdf/", views.verify_pdf, name="pdf"),
]
