from django.urls import path

from . import views

app_name = "knowledge"

urlpatterns = [
    path("follow/<int:page_id>/", views.follow, name="page-follow"),
    path("unfollow/<int:page_id>/", views.unfollow, name="page-unfollow"),
    path("following/", views.following, name="following-list"),
    path("review-report/", views.review_report, name="review-report"),
]
