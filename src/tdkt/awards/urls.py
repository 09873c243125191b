from django.urls import path

from tdkt.awards import views

app_name = "awards"

urlpatterns = [
    path("", views.register, name="register"),
    path("<int:pk>/", views.award_detail, name="detail"),
    path("people/<int:person_pk>/new/", views.record_for_person, name="record_person"),
    path("units/<int:unit_pk>/new/", views.record_for_unit, name="record_unit"),
]
