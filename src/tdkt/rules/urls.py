from django.urls import path

from tdkt.rules import views

app_name = "legal_rules"

urlpatterns = [
    path("", views.rules_page, name="rules"),
    path("evaluations/", views.evaluation_list, name="evaluations"),
    path("evaluations/<int:pk>/", views.evaluation_detail, name="evaluation"),
    path("evaluations/<int:pk>/export.xlsx", views.evaluation_export, name="evaluation_export"),
]
