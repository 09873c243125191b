from django.urls import path

app_name = "imports"

urlpatterns: list = []  # type: ignore[type-arg]
