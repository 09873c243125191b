from django.urls import path

from tdkt.movements import views

app_name = "movements"

urlpatterns = [
    path("", views.movement_list, name="list"),
    path("new/", views.movement_create, name="create"),
    path("late/", views.late, name="late"),
    path("<int:pk>/", views.movement_detail, name="detail"),
    path("<int:pk>/edit/", views.movement_edit, name="edit"),
    path("<int:pk>/tasks/", views.task_add, name="task_add"),
    path("tasks/<int:pk>/remove/", views.task_remove, name="task_remove"),
    path("<int:pk>/targets/", views.movement_target_add, name="target_add"),
    path("targets/<int:pk>/remove/", views.movement_target_remove, name="target_remove"),
    path("<int:pk>/launch/", views.movement_launch, name="launch"),
    path("<int:pk>/close/", views.movement_close, name="close"),
    path("<int:pk>/plan.docx", views.plan_docx, name="plan_docx"),
    path("<int:pk>/register/<int:unit_pk>/", views.register_unit, name="register"),
    path("<int:pk>/remind/<int:unit_pk>/", views.remind_unit, name="remind"),
    path("<int:pk>/pledges/new/", views.pledge_create, name="pledge_create"),
    path("pledges/<int:pk>/", views.pledge_detail, name="pledge"),
    path("pledges/<int:pk>/targets/", views.pledge_target_add, name="pledge_target_add"),
    path("pledge-targets/<int:pk>/edit/", views.pledge_target_edit, name="pledge_target_edit"),
    path(
        "pledge-targets/<int:pk>/remove/", views.pledge_target_remove, name="pledge_target_remove"
    ),
    path("pledges/<int:pk>/sign/", views.pledge_sign, name="pledge_sign"),
    path("pledges/<int:pk>/revise/", views.pledge_revise, name="pledge_revise"),
    path("pledges/<int:pk>/document.docx", views.pledge_docx, name="pledge_docx"),
    path("pledges/<int:pk>/report/<int:unit_pk>/", views.report, name="report"),
    path("reports/<int:pk>/evidence/", views.evidence, name="evidence"),
    path("pledges/<int:pk>/scores/new/", views.sheet_create, name="sheet_create"),
    path("scores/<int:pk>/", views.sheet_detail, name="sheet"),
    path("scores/<int:pk>/criteria/", views.criterion_add, name="criterion_add"),
    path("scores/<int:pk>/open/", views.sheet_open, name="sheet_open"),
    path("scores/<int:pk>/self/<int:unit_pk>/", views.score_self, name="score_self"),
    path("scores/<int:pk>/review/<int:unit_pk>/", views.score_review, name="score_review"),
    path("scores/<int:pk>/rank/", views.sheet_rank, name="sheet_rank"),
    path("scores/<int:pk>/propose/", views.sheet_propose, name="sheet_propose"),
    path("scores/<int:pk>/nominate/", views.sheet_nominate, name="sheet_nominate"),
]
