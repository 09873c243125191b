from django.urls import path

from tdkt.organisations import views

app_name = "organisations"

urlpatterns = [
    path("", views.tree, name="tree"),
    path("<int:pk>/", views.unit_detail, name="detail"),
    path("groups/", views.group_list, name="groups"),
    path("groups/new/", views.group_create, name="group_create"),
    path("groups/carry-over/", views.group_carry_over, name="group_carry_over"),
    path("groups/<int:pk>/", views.group_detail, name="group"),
    path("groups/<int:pk>/edit/", views.group_edit, name="group_edit"),
]
