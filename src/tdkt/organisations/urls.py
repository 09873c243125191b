from django.urls import path

from tdkt.organisations import views

app_name = "organisations"

urlpatterns = [
    path("", views.tree, name="tree"),
    path("<int:pk>/", views.unit_detail, name="detail"),
]
