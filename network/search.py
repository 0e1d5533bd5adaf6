"""The directory in the site search: support offices and service providers, by name,
category (in both languages), municipality, languages spoken and who may use them.
Partners find them too; the referral note is never indexed nor shown here."""

from django.utils.translation import gettext_lazy as _

from intranet.core.search import SearchHit, SearchType
from intranet.core.visibility import exclude_hidden

from .models import ServiceProvider, SupportOfficePage


def visible_offices(request):
    return exclude_hidden(SupportOfficePage.objects.live(), request.user)


def office_hit(office, request) -> SearchHit:
    return SearchHit(
        title=office.title,
        url=office.get_url(request) or "",
        kind=" · ".join(
            p
            for p in [str(SupportOfficePage._meta.verbose_name).capitalize(), office.municipality]
            if p
        ),
    )


def visible_services(request):
    return ServiceProvider.objects.all()


def service_hit(provider, request) -> SearchHit:
    return SearchHit(
        title=provider.name,
        url=provider.get_absolute_url(),
        kind=" · ".join(p for p in [provider.get_category_display(), provider.municipality] if p),
    )


OFFICES = SearchType(
    key="offices",
    label=_("Support offices"),
    order=20,
    queryset=visible_offices,
    hit=office_hit,
    page_model=SupportOfficePage,
)
SERVICES = SearchType(
    key="services", label=_("Services"), order=30, queryset=visible_services, hit=service_hit
)
