from django.urls import path

from tdkt.nominations import views

app_name = "nominations"

urlpatterns = [
    path("", views.dossier_list, name="list"),
    path("new/", views.dossier_create, name="create"),
    path("template.xlsx", views.import_template, name="template"),
    path("appraisal/", views.queue, name="queue"),
    path("disclosures/", views.disclosure_list, name="disclosures"),
    path("disclosures/new/", views.disclosure_create, name="disclosure_create"),
    path("disclosures/<int:pk>/", views.disclosure_detail, name="disclosure"),
    path("disclosures/<int:pk>/close/", views.disclosure_close, name="disclosure_close"),
    path("<int:pk>/", views.dossier_detail, name="detail"),
    path("<int:pk>/edit/", views.dossier_edit, name="edit"),
    path("<int:pk>/add/", views.nomination_add, name="add"),
    path("<int:pk>/import/", views.import_list, name="import"),
    path("<int:pk>/attachments/", views.attachment_add, name="attachment_add"),
    path("<int:pk>/submit/", views.dossier_submit, name="submit"),
    path("<int:pk>/appraise/", views.appraise, name="appraise"),
    path("<int:pk>/history/", views.dossier_history, name="history"),
    path("<int:pk>/memo.docx", views.memo_docx, name="memo"),
    path("items/<int:pk>/edit/", views.nomination_edit, name="edit_nomination"),
    path("items/<int:pk>/remove/", views.nomination_remove, name="remove_nomination"),
    path("files/<int:pk>/", views.attachment_download, name="attachment"),
    path("files/<int:pk>/remove/", views.attachment_remove, name="attachment_remove"),
]
