from django.urls import path

app_name = "awards"

urlpatterns: list = []  # type: ignore[type-arg]
