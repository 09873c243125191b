from django.urls import path

from tdkt.reports import views

app_name = "reports"

urlpatterns = [
    path("", views.home, name="home"),
    path("year/", views.year, name="year"),
    path("year/word/", views.year_download, {"fmt": "docx"}, name="year_docx"),
    path("year/excel/", views.year_download, {"fmt": "xlsx"}, name="year_xlsx"),
    path("year/json/", views.year_download, {"fmt": "json"}, name="year_json"),
    path("year/<str:fmt>/", views.year_download, name="year_other"),  # a message, not a 404
    path("forms/", views.forms, name="forms"),
    path("forms/excel/", views.forms_download, name="forms_xlsx"),
    path("register/", views.register, name="register"),
    path("register/excel/", views.register_download, name="register_xlsx"),
    path("register/person/<int:pk>/", views.person_register, name="person_register"),
    path(
        "register/person/<int:pk>/excel/",
        views.person_register_download,
        name="person_register_xlsx",
    ),
    path("due/", views.due, name="due"),
    path("goals/", views.goals, name="goals"),
    path("goals/<int:pk>/remove/", views.goal_remove, name="goal_remove"),
]
