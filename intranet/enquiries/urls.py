"""The enquiry log at /enquiries/, outreach at /enquiries/outreach/, service gaps at
/service-gaps/ and insights at /insights/ — never under /directory/, which partners see.
Included at the root of the site (intranet/urls.py)."""

from django.urls import path

from .views import field_mode, gaps, insights, log, outreach

app_name = "enquiries"

urlpatterns = [
    path("enquiries/", log.enquiry_list, name="log"),
    path("enquiries/new/", log.enquiry_new, name="enquiry-new"),
    path("enquiries/answer-at-hand/", log.answer_at_hand, name="answer-at-hand"),
    path("enquiries/sync/", field_mode.sync, name="sync"),
    path("enquiries/<int:pk>/", log.enquiry_detail, name="enquiry-detail"),
    path("enquiries/<int:pk>/edit/", log.enquiry_edit, name="enquiry-edit"),
    path("enquiries/outreach/", outreach.visit_list, name="outreach-list"),
    path("enquiries/outreach/new/", outreach.visit_new, name="outreach-new"),
    path("enquiries/outreach/<int:pk>/", outreach.visit_detail, name="outreach-detail"),
    path("enquiries/outreach/<int:pk>/edit/", outreach.visit_edit, name="outreach-edit"),
    path("service-gaps/", gaps.gap_list, name="gap-list"),
    path("service-gaps/new/", gaps.gap_new, name="gap-new"),
    path("service-gaps/<int:pk>/", gaps.gap_detail, name="gap-detail"),
    path("service-gaps/<int:pk>/edit/", gaps.gap_edit, name="gap-edit"),
    path("service-gaps/<int:pk>/status/", gaps.gap_status, name="gap-status"),
    path("service-gaps/<int:pk>/evidence.csv", gaps.gap_evidence_csv, name="gap-evidence-csv"),
    path("service-gaps/<int:pk>/letter/", gaps.gap_letter, name="gap-letter"),
    path("service-gaps/<int:pk>/letter.pdf", gaps.gap_letter_pdf, name="gap-letter-pdf"),
    path("insights/", insights.insights_page, name="insights"),
    path("insights/suggest-training/", insights.suggest_training, name="insights-suggest"),
    path("insights/<slug:table>.csv", insights.insights_csv, name="insights-csv"),
    path("insights/<slug:part>/", insights.insights_page, name="insights-part"),
]
