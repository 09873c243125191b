from django.urls import path

from tdkt.imports import views

app_name = "imports"

urlpatterns = [
    path("", views.upload, name="upload"),
    path("template/<str:kind>/", views.template, name="template"),
    path("<int:pk>/", views.detail, name="detail"),
]
