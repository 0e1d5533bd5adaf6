from django.urls import path

from . import views

app_name = "legal"

urlpatterns = [
    path("<int:page_id>/acknowledge/", views.acknowledge_view, name="acknowledge"),
    path("feed/", views.feed_view, name="feed"),
    path("feed/<slug:topic>/", views.feed_view, name="topic-feed"),
    path("my-feed/", views.my_feed_view, name="my-feed"),
    path("report/", views.report_view, name="report"),
    path("report/<int:page_id>/", views.report_detail_view, name="report-detail"),
    path("report/<int:page_id>/csv/", views.report_csv_view, name="report-csv"),
]
