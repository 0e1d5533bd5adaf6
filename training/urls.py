from django.urls import path

from . import views

app_name = "training"

urlpatterns = [
    path("sessions/", views.session_list, name="session-list"),
    path("sessions/<int:pk>/", views.session_detail, name="session-detail"),
    path("sessions/<int:pk>/book/", views.session_book, name="session-book"),
    path("sessions/<int:pk>/cancel/", views.session_cancel, name="session-cancel"),
    path("sessions/<int:pk>/attendance/", views.attendance_register, name="attendance"),
    path("modules/<int:module_id>/self-study/", views.self_study_complete, name="self-study"),
    path("progress/", views.progress, name="progress"),
    path("progress/<int:user_id>/", views.progress, name="progress-person"),
    path("calendar/", views.calendar_feeds, name="calendar"),
    path("my-sessions.ics", views.my_sessions_ics, name="my-sessions-ics"),
    path("sessions.ics", views.all_sessions_ics, name="sessions-ics"),
    path("requests/", views.request_list, name="request-list"),
    path("requests/triage/", views.request_triage_list, name="request-triage-list"),
    path("requests/<int:pk>/triage/", views.request_triage, name="request-triage"),
    path("report/", views.report, name="report"),
    path("report.csv", views.report_csv, name="report-csv"),
    path("certificates/<str:code>.pdf", views.certificate_download, name="certificate-pdf"),
    path("verify/<str:code>/", views.certificate_verify, name="certificate-verify"),
]
