from django.urls import path

from .views import attendance, calendar, certificates, progress, reports, requests, sessions

app_name = "training"

urlpatterns = [
    path("sessions/", sessions.session_list, name="session-list"),
    path("sessions/<int:pk>/", sessions.session_detail, name="session-detail"),
    path("sessions/<int:pk>/session.ics", sessions.session_ics, name="session-ics"),
    path("sessions/<int:pk>/book/", sessions.session_book, name="session-book"),
    path("sessions/<int:pk>/cancel/", sessions.session_cancel, name="session-cancel"),
    path("sessions/<int:pk>/attendance/", attendance.attendance_register, name="attendance"),
    path("modules/<int:module_id>/self-study/", attendance.self_study_complete, name="self-study"),
    path("progress/", progress.progress, name="progress"),
    path("progress/<int:user_id>/", progress.progress, name="progress-person"),
    path("calendar/", calendar.calendar_feeds, name="calendar"),
    path("my-sessions.ics", calendar.my_sessions_ics, name="my-sessions-ics"),
    path("sessions.ics", calendar.all_sessions_ics, name="sessions-ics"),
    path("requests/", requests.request_list, name="request-list"),
    path("requests/triage/", requests.request_triage_list, name="request-triage-list"),
    path("requests/<int:pk>/triage/", requests.request_triage, name="request-triage"),
    path("report/", reports.report, name="report"),
    path("report.csv", reports.report_csv, name="report-csv"),
    path("certificates/<str:code>.pdf", certificates.certificate_download, name="certificate-pdf"),
    path("verify/<str:code>/", certificates.certificate_verify, name="certificate-verify"),
]
