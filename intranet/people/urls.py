from django.urls import path

from . import views

app_name = "people"

urlpatterns = [
    path("", views.finder, name="finder"),
    path("me/edit/", views.edit_own_profile, name="edit-own"),
    path("me/data.json", views.my_data, name="my-data"),
    path("export.csv", views.export_csv, name="export-csv"),
    path("<str:username>.vcf", views.vcard, name="vcard"),
    path("<str:username>/", views.profile_detail, name="profile"),
    path("<str:username>/edit/", views.edit_profile, name="edit"),
    path("<str:username>/leave/", views.mark_left, name="mark-left"),
    path("<str:username>/return/", views.mark_returned, name="mark-returned"),
]
