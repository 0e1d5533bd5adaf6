from django.contrib.auth import views as auth_views
from django.urls import include, path

from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from intranet.core import field_mode
from intranet.core import views as core_views

urlpatterns = [
    path("healthz/", core_views.healthz, name="healthz"),
    path("favicon.ico", core_views.favicon, name="favicon"),
    # Field mode: at the root, so that the service worker's scope is the whole site.
    path("sw.js", field_mode.service_worker, name="service-worker"),
    path("manifest.webmanifest", field_mode.manifest, name="web-manifest"),
    path(
        "accounts/login/",
        auth_views.LoginView.as_view(redirect_authenticated_user=True),
        name="login",
    ),
    path(
        "accounts/notifications/",
        core_views.notification_settings,
        name="notification-settings",
    ),
    path(
        "accounts/password_reset/",
        core_views.ThrottledPasswordResetView.as_view(),
        name="password_reset",
    ),
    path("accounts/lockouts/", core_views.lockouts, name="lockouts"),
    path("accounts/my-data.json", core_views.my_data, name="my-data"),
    path("accounts/logout/", core_views.LogoutView.as_view(), name="logout"),
    path("accounts/", include("django.contrib.auth.urls")),
    path("i18n/setlang/", core_views.set_language, name="set_language"),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("media/<path:path>", core_views.media, name="media"),
    path("search/", core_views.search, name="search"),
    path("people/", include("intranet.people.urls")),
    path("legal-updates/", include("intranet.legal.urls")),
    path("knowledge-base/", include("intranet.knowledge.urls")),
    path("training/", include("training.urls")),
    path("directory/", include("network.urls")),
    # /enquiries/, /service-gaps/ and /insights/ (see the module).
    path("", include("intranet.enquiries.urls")),
    path("", include(wagtail_urls)),
]
