from django.urls import path

from tdkt.common import views

app_name = "common"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
]
