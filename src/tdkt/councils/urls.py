from django.urls import path

from tdkt.councils import views

app_name = "councils"

urlpatterns = [
    path("", views.council_list, name="list"),
    path("<int:pk>/", views.council_detail, name="detail"),
    path("sessions/<int:pk>/", views.session_detail, name="session"),
    path("sessions/<int:pk>/agenda/", views.agenda_add, name="agenda_add"),
    path("sessions/<int:pk>/open/", views.session_open, name="open"),
    path("sessions/<int:pk>/ballot/", views.ballot, name="ballot"),
    path("sessions/<int:pk>/close/", views.session_close, name="close"),
    path("sessions/<int:pk>/minutes.docx", views.minutes_docx, name="minutes"),
    path("sessions/<int:pk>/decisions/", views.decisions_draft, name="decisions"),
    path("items/<int:pk>/remove/", views.agenda_remove, name="agenda_remove"),
    path("items/<int:pk>/tally/", views.tally, name="tally"),
]
