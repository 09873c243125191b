from django.urls import path

from tdkt.people import views

app_name = "people"

urlpatterns = [
    path("", views.person_list, name="list"),
    path("new/", views.person_create, name="create"),
    path("<int:pk>/", views.person_detail, name="detail"),
    path("<int:pk>/edit/", views.person_edit, name="edit"),
    path("<int:pk>/service/new/", views.service_period_create, name="service_create"),
    path(
        "<int:pk>/service/<int:period_pk>/",
        views.service_period_edit,
        name="service_edit",
    ),
    path("<int:pk>/years/new/", views.year_record_create, name="year_create"),
    path("<int:pk>/years/<int:record_pk>/", views.year_record_edit, name="year_edit"),
]
