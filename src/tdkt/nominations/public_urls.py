"""The public disclosure pages (no login): /cong-khai/."""

from django.urls import path

from tdkt.nominations import views

app_name = "disclosure"

urlpatterns = [
    path("", views.public_index, name="index"),
    path("<int:pk>/", views.public_detail, name="detail"),
]
