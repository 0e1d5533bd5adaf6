from django.urls import path

from . import views

app_name = "network"

urlpatterns = [
    path("export.csv", views.export_csv, name="directory-csv"),
    path("map/", views.office_map, name="office-map"),
    path("offline/", views.offline_directory, name="offline-directory"),
    path("partners/", views.partner_organisations, name="partner-list"),
    path("services/<slug:slug>/", views.provider_detail, name="provider-detail"),
    path("services/<slug:slug>/vcard.vcf", views.provider_vcard, name="provider-vcard"),
    path("offices/<slug:slug>/vcard.vcf", views.office_vcard, name="office-vcard"),
]
