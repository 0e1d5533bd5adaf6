"""The directory in the site search: support offices and service providers, by name,
category (in both languages), municipality, languages spoken and who may use them.
Partners find them too; the referral note is never indexed nor shown here."""

from django.utils.translation import gettext_lazy as _

from intranet.core.search import SearchHit, SearchType, search_queryset
from intranet.core.visibility import exclude_hidden

from .models import ServiceProvider, SupportOfficePage


def search_offices(request, words: str):
    offices = exclude_hidden(SupportOfficePage.objects.live(), request.user)
    return search_queryset(offices.prefetch_related("languages"), words)


def office_hit(office, request) -> SearchHit:
    return SearchHit(
        title=office.title,
        url=office.get_url(request) or "",
        kind=" · ".join(
            p
            for p in [str(SupportOfficePage._meta.verbose_name).capitalize(), office.municipality]
            if p
        ),
        texts=[
            office.description,
            ", ".join(language.label for language in office.languages.all()),
            office.address,
            # Why "ucraniano" found it when the interface is in English, and vice versa.
            office.language_names(),
        ],
    )


def search_services(request, words: str):
    providers = ServiceProvider.objects.prefetch_related("languages")
    return search_queryset(providers, words)


def service_hit(provider, request) -> SearchHit:
    return SearchHit(
        title=provider.name,
        url=provider.get_absolute_url(),
        kind=" · ".join(p for p in [provider.get_category_display(), provider.municipality] if p),
        texts=[
            provider.eligibility,
            ", ".join(language.label for language in provider.languages.all()),
            provider.what_to_bring,
            provider.language_names(),
        ],
    )


OFFICES = SearchType(
    key="offices",
    label=_("Support offices"),
    order=20,
    search=search_offices,
    hit=office_hit,
    page_model=SupportOfficePage,
)
SERVICES = SearchType(
    key="services", label=_("Services"), order=30, search=search_services, hit=service_hit
)
