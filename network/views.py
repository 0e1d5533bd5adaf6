"""Directory routes next to the Wagtail pages. All are open to partners (the directory is
theirs too); what partners may not see is decided per field in ``services``."""

from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from intranet.core.links import base_url
from intranet.core.reports.periods import day_label

from . import services
from .models import PartnerOrganisation


@require_GET
def provider_detail(request, slug: str):
    provider = get_object_or_404(services.providers_queryset(request.user), slug=slug)
    return render(
        request,
        "network/service_provider.html",
        {
            "provider": provider,
            "page_title": provider.name,
            "show_referral_notes": services.can_see_referral_notes(request.user),
        },
    )


def _vcard_response(text: str, name: str) -> HttpResponse:
    response = HttpResponse(text, content_type="text/vcard; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{slugify(name) or "contact"}.vcf"'
    return response


@require_GET
def provider_vcard(request, slug: str):
    provider = get_object_or_404(services.providers_queryset(request.user), slug=slug)
    return _vcard_response(
        services.provider_vcard(provider, request.user, base_url(request)), provider.slug
    )


@require_GET
def office_vcard(request, slug: str):
    office = get_object_or_404(services.offices_queryset(), slug=slug)
    return _vcard_response(services.office_vcard(office, base_url(request)), office.slug)


@require_GET
def export_csv(request):
    text = services.export_csv(request.GET, request.user, base_url(request))
    stamp = timezone.localdate().isoformat()
    # A byte-order mark so that spreadsheet programs read the accents as UTF-8.
    response = HttpResponse("\ufeff" + text, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="diretorio-{stamp}.csv"'
    return response


@require_GET
def office_map(request):
    offices = list(services.offices_queryset())
    return render(
        request,
        "network/office_map.html",
        {
            "map": services.office_map(offices),
            "offices": offices,
            "page_title": _("Map of the offices"),
        },
    )


@require_GET
def partner_organisations(request):
    organisations = PartnerOrganisation.objects.select_related("office")[:200]
    return render(
        request,
        "network/partner_organisations.html",
        {"organisations": organisations, "page_title": _("Partner organisations")},
    )


@require_GET
def offline_directory(request):
    """The whole directory on one light page, kept on the person's device by the service
    worker (field mode) and dated, for places without a signal. Private: it is theirs."""
    now = timezone.localtime()
    response = render(
        request,
        "network/offline_directory.html",
        {
            "page_title": _("Directory without a connection"),
            "saved_at": now,
            "saved_day": day_label(now.date()),
            **services.offline_directory(request.user),
        },
    )
    response["Cache-Control"] = "private, no-cache"
    return response
