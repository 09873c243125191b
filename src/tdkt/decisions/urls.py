from django.urls import path

from tdkt.decisions import views

app_name = "decisions"

urlpatterns = [
    path("", views.decision_list, name="list"),
    path("<int:pk>/", views.decision_detail, name="detail"),
    path("<int:pk>/decision.docx", views.decision_docx_view, name="docx"),
    path("<int:pk>/decision.pdf", views.decision_pdf_view, name="pdf"),
    path("<int:pk>/edit/", views.decision_edit, name="edit"),
    path("<int:pk>/delete/", views.decision_delete, name="delete"),
    path("<int:pk>/sign/", views.decision_sign, name="sign"),
    path("<int:pk>/revoke/", views.decision_revoke, name="revoke"),
    path("<int:pk>/certificates/", views.certificates_start, name="certificates_start"),
    path(
        "<int:pk>/certificates/<int:batch_pk>/status/",
        views.certificates_status,
        name="certificates_status",
    ),
    path(
        "<int:pk>/certificates/<int:batch_pk>/download/",
        views.certificates_download,
        name="certificates_download",
    ),
]
