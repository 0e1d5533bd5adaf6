"""Directory logic kept out of the views: filtering, who sees what, CSV and vCard."""

import csv
import hashlib
import io
import math
from dataclasses import dataclass
from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from django.http import QueryDict
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from wagtail import hooks

import vobject

from intranet.core.caching import remember
from intranet.core.collation import by_name, sort_key, sorted_by_name
from intranet.core.reports import safe_cell
from intranet.core.roles import is_staff_member

from .forms import DirectoryFilterForm
from .models import (
    Language,
    OfficeOpeningHours,
    ProviderOpeningHours,
    ServiceCategory,
    ServiceProvider,
    SupportOfficePage,
)
from .models.hours import after_hours_q, hours_exist, open_at_q

PAGE_SIZE = 20
OFFICES_PAGE_SIZE = 12
OFFICE_CATEGORY = "office"
OFFICE_PANEL_HOOK = "register_office_panel"


def can_see_referral_notes(user) -> bool:
    return is_staff_member(user)


def offices_queryset() -> QuerySet:
    return (
        SupportOfficePage.objects.live()
        .order_by("path")
        .prefetch_related(
            "languages",
            Prefetch("opening_hours", queryset=OfficeOpeningHours.objects.order_by("sort_order")),
        )
    )


def providers_queryset(user) -> QuerySet:
    queryset = ServiceProvider.objects.prefetch_related(
        "languages",
        Prefetch("opening_hours", queryset=ProviderOpeningHours.objects.order_by("sort_order")),
    ).order_by(by_name("name"))
    if not can_see_referral_notes(user):
        queryset = queryset.defer("referral_note")
    return queryset


def _choices_from_data() -> tuple[list[str], list[tuple[str, str]]]:
    municipalities = sorted(
        set(SupportOfficePage.objects.live().values_list("municipality", flat=True))
        | set(ServiceProvider.objects.values_list("municipality", flat=True).distinct()),
        key=sort_key,
    )
    languages = sorted_by_name(
        [(lang.code, lang.label) for lang in Language.objects.all()], key=lambda lang: lang[1]
    )
    return municipalities, languages


def filter_options() -> dict:
    """Choices for the filter form: three queries whatever the data size, kept in the
    cache (per language) until the data changes (intranet.core.caching)."""
    municipalities, languages = remember(
        f"directory-filter-options:{get_language()}", _choices_from_data
    )
    categories = [(OFFICE_CATEGORY, _("Support offices")), *ServiceCategory.choices]
    return {"municipalities": municipalities, "categories": categories, "languages": languages}


@dataclass
class DirectoryResult:
    form: DirectoryFilterForm
    offices: QuerySet
    providers: QuerySet


def filtered_directory(params: QueryDict, user) -> DirectoryResult:
    form = DirectoryFilterForm(params or None, **filter_options())
    offices = offices_queryset()
    providers = providers_queryset(user)
    # A filter that no longer fits (say, a municipality gone from the data) is dropped;
    # the valid ones still apply.
    data = {}
    if form.is_bound:
        form.is_valid()  # fills cleaned_data with the fields that are valid
        data = form.cleaned_data

    if municipality := data.get("municipality"):
        offices = offices.filter(municipality=municipality)
        providers = providers.filter(municipality=municipality)
    if category := data.get("category"):
        if category == OFFICE_CATEGORY:
            providers = providers.none()
        else:
            offices = offices.none()
            providers = providers.filter(category=category)
    if language := data.get("language"):
        # EXISTS rather than a join: no duplicate rows, so no DISTINCT over every column.
        offices = offices.filter(
            Exists(
                SupportOfficePage.languages.through.objects.filter(
                    supportofficepage_id=OuterRef("pk"), language__code=language
                )
            )
        )
        providers = providers.filter(
            Exists(
                ServiceProvider.languages.through.objects.filter(
                    serviceprovider_id=OuterRef("pk"), language__code=language
                )
            )
        )
    if data.get("open_now"):
        condition = open_at_q()
        offices = offices.filter(hours_exist(OfficeOpeningHours, "page", condition))
        providers = providers.filter(hours_exist(ProviderOpeningHours, "provider", condition))
    if data.get("after_hours"):
        condition = after_hours_q()
        offices = offices.filter(hours_exist(OfficeOpeningHours, "page", condition))
        providers = providers.filter(hours_exist(ProviderOpeningHours, "provider", condition))
    if query := data.get("q"):
        offices = offices.filter(
            Q(title__icontains=query)
            | Q(municipality__icontains=query)
            | Q(host_organisation__icontains=query)
            | Q(address__icontains=query)
        )
        text = (
            Q(name__icontains=query)
            | Q(municipality__icontains=query)
            | Q(address__icontains=query)
            | Q(eligibility__icontains=query)
            | Q(what_to_bring__icontains=query)
        )
        # Partners must not be able to find a provider by words only in its referral note.
        if can_see_referral_notes(user):
            text |= Q(referral_note__icontains=query)
        providers = providers.filter(text)
    return DirectoryResult(form=form, offices=offices, providers=providers)


def query_string_without_page(params: QueryDict) -> str:
    params = params.copy()
    params.pop("page", None)
    params.pop("offices_page", None)
    params.pop("print", None)
    return params.urlencode()


def _results_context(request, result: DirectoryResult) -> dict:
    paginator = Paginator(result.providers, PAGE_SIZE)
    providers_page = paginator.get_page(request.GET.get("page"))
    # Offices page on their own (?offices_page=): a national network has hundreds.
    offices_page = Paginator(result.offices, OFFICES_PAGE_SIZE).get_page(
        request.GET.get("offices_page")
    )
    printing = bool(request.GET.get("print"))
    return {
        "filter_form": result.form,
        "offices": list(result.offices[:500]) if printing else offices_page.object_list,
        "offices_page": offices_page,
        "providers_page": providers_page,
        "providers": list(result.providers[:500]) if printing else providers_page.object_list,
        "query_string": query_string_without_page(request.GET),
        "show_referral_notes": can_see_referral_notes(request.user),
        "printing": printing,
    }


def results_cache_key(request) -> str:
    """Who may see referral notes or not (nothing else in the results depends on the
    person), the language, the minute ("open now", "today") and the filters and pages."""
    audience = "notes" if can_see_referral_notes(request.user) else "no-notes"
    params = sorted((k, v) for k in request.GET for v in request.GET.getlist(k))
    digest = hashlib.sha256(urlencode(params).encode()).hexdigest()[:32]
    minute = timezone.localtime().strftime("%Y%m%d%H%M")
    return f"directory-results:{audience}:{get_language()}:{minute}:{digest}"


def directory_context(request, page) -> dict:
    if request.GET.get("print"):
        return _results_context(request, filtered_directory(request.GET, request.user))
    # The filters and results are the same for everyone of an audience: rendered once per
    # content generation (a change shows on the next request) and kept.
    html = remember(
        results_cache_key(request),
        lambda: render_to_string(
            "network/includes/directory_results.html",
            _results_context(request, filtered_directory(request.GET, request.user)),
            request=request,
        ),
        request=request,
    )
    return {
        "directory_results": mark_safe(html),  # noqa: S308 - rendered by our template
        "query_string": query_string_without_page(request.GET),
        "printing": False,
    }


def office_panels(request, office: SupportOfficePage) -> list:
    """What other apps show on an office page, through the ``register_office_panel`` hook:
    ``fn(request, office) -> DashboardPanel | None``. The people app adds the staff based
    at the office; the directory itself knows nothing about people."""
    panels = [
        panel
        for fn in hooks.get_hooks(OFFICE_PANEL_HOOK)
        if (panel := fn(request, office)) is not None
    ]
    return sorted(panels, key=lambda p: (p.order, p.key))


# --- CSV export -------------------------------------------------------------------------


def export_columns(user) -> list[tuple[str, str]]:
    columns = [
        ("type", _("Type")),
        ("name", _("Name")),
        ("category", _("Category")),
        ("municipality", _("Municipality")),
        ("address", _("Address")),
        ("phone", _("Phone")),
        ("email", _("Email")),
        ("website", _("Website")),
        ("hours", _("Opening hours")),
        ("languages", _("Languages")),
        ("eligibility", _("Who can use it")),
        ("what_to_bring", _("What to bring")),
        ("url", _("Link")),
    ]
    if can_see_referral_notes(user):
        columns.append(("referral_note", _("Referral note (internal)")))
    return columns


def _office_row(office, base_url: str) -> dict:
    return {
        "type": _("Support office"),
        "name": office.title,
        "category": _("Support office"),
        "municipality": office.municipality,
        "address": office.address,
        "phone": office.phone,
        "email": office.email,
        "website": "",
        "hours": office.hours_text(),
        "languages": ", ".join(lang.label for lang in office.languages.all()),
        "eligibility": "",
        "what_to_bring": "",
        "url": base_url + office.url,
        "referral_note": "",
    }


def _provider_row(provider, base_url: str, with_note: bool) -> dict:
    return {
        "type": _("Service"),
        "name": provider.name,
        "category": provider.get_category_display(),
        "municipality": provider.municipality,
        "address": provider.address,
        "phone": provider.phone,
        "email": provider.email,
        "website": provider.website,
        "hours": provider.hours_text(),
        "languages": ", ".join(lang.label for lang in provider.languages.all()),
        "eligibility": provider.eligibility,
        "what_to_bring": provider.what_to_bring,
        "url": base_url + provider.get_absolute_url(),
        "referral_note": provider.referral_note if with_note else "",
    }


def export_csv(params: QueryDict, user, base_url: str) -> str:
    result = filtered_directory(params, user)
    columns = export_columns(user)
    with_note = can_see_referral_notes(user)
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([label for _key, label in columns])
    rows = [_office_row(o, base_url) for o in result.offices[:100]]
    rows += [
        _provider_row(p, base_url, with_note) for p in result.providers.iterator(chunk_size=500)
    ]
    for row in rows:
        writer.writerow([safe_cell(row[key]) for key, _label in columns])
    return buffer.getvalue()


# --- Offline copy (field mode) -----------------------------------------------------------

OFFLINE_MAX_PROVIDERS = 2000
# What the offline copy leaves out of the export's columns: links lead to pages that are
# not kept on the device, and the kind of row shows in its section.
OFFLINE_LEFT_OUT = {"type", "url"}


@dataclass
class OfflineEntry:
    name: str
    phone: str
    email: str
    facts: list[tuple[str, str]]  # (label, value) for the columns this person may see


def offline_directory(user) -> dict:
    """Every office and service, with the fields ``user`` may see (the CSV export's columns,
    so partners never get referral notes), for the copy kept on a device. A fixed number of
    queries whatever the size of the directory."""
    columns = [
        (key, label)
        for key, label in export_columns(user)
        if key not in OFFLINE_LEFT_OUT | {"name", "phone", "email"}
    ]
    with_note = can_see_referral_notes(user)

    def entry(row: dict, leave_out=()) -> OfflineEntry:
        facts = [
            (str(label), row[key]) for key, label in columns if row[key] and key not in leave_out
        ]
        return OfflineEntry(row["name"], row["phone"], row["email"], facts)

    # An office's category is its section's heading.
    offices = [entry(_office_row(office, ""), {"category"}) for office in offices_queryset()]
    providers = [
        entry(_provider_row(provider, "", with_note))
        for provider in providers_queryset(user)[:OFFLINE_MAX_PROVIDERS]
    ]
    return {"offices": offices, "providers": providers}


# --- vCard ------------------------------------------------------------------------------


def _vcard(name: str, org: str, phone: str, email: str, address: str, url: str, note: str = ""):
    card = vobject.vCard()
    card.add("fn").value = name
    card.add("n").value = vobject.vcard.Name(family=name)
    card.add("org").value = [org or name]
    if phone:
        tel = card.add("tel")
        tel.value = phone
        tel.type_param = "WORK"
    if email:
        mail = card.add("email")
        mail.value = email
        mail.type_param = "INTERNET"
    if address:
        lines = [line.strip() for line in address.splitlines() if line.strip()]
        card.add("adr").value = vobject.vcard.Address(street=", ".join(lines), country="Portugal")
    if url:
        card.add("url").value = url
    if note:
        card.add("note").value = note
    return card.serialize()


def office_vcard(office: SupportOfficePage, base_url: str) -> str:
    hours = office.hours_text()
    return _vcard(
        office.title,
        office.host_organisation,
        office.phone,
        office.email,
        office.address,
        base_url + office.url,
        note=(_("Opening hours") + ": " + hours) if hours else "",
    )


def provider_vcard(provider: ServiceProvider, user, base_url: str) -> str:
    parts = []
    if hours := provider.hours_text():
        parts.append(_("Opening hours") + ": " + hours)
    if can_see_referral_notes(user) and provider.referral_note:
        parts.append(_("Referral note (internal)") + ": " + provider.referral_note)
    return _vcard(
        provider.name,
        provider.name,
        provider.phone,
        provider.email,
        provider.address,
        provider.website or base_url + provider.get_absolute_url(),
        note="\n".join(parts),
    )


# --- Map --------------------------------------------------------------------------------

# The part of the Alentejo the network covers; the schematic needs no tiles or network.
MAP_BOUNDS = {"west": -8.45, "east": -7.55, "north": 38.75, "south": 38.05}
MAP_WIDTH = 600
EARTH_RADIUS_KM = 6371.0
KM_PER_DEGREE_LATITUDE = 111.2


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine): the straight line, not the road."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(a))


# Labels are placed for the largest size they are shown at (phones, where the 600-unit map
# is drawn about half size, enlarge them: network.css), so they never overlap at any size.
LABEL_FONT = 26
LABEL_CHAR_WIDTH = 0.6  # of the font size, for a sans-serif text


def _place_label(name: str, x: float, y: float, width: int, height: int, taken: list) -> dict:
    """Right, left, above or below the point: the first place where the label stays on
    the map and clear of the other points and labels already placed (else the right)."""
    w = len(name) * LABEL_FONT * LABEL_CHAR_WIDTH
    h = LABEL_FONT
    options = [
        (x + 12, y + h * 0.35, "start", "auto", (x + 12, y - h / 2, x + 12 + w, y + h / 2)),
        (x - 12, y + h * 0.35, "end", "auto", (x - 12 - w, y - h / 2, x - 12, y + h / 2)),
        (x, y - 12, "middle", "auto", (x - w / 2, y - 12 - h, x + w / 2, y - 12)),
        (x, y + 12, "middle", "hanging", (x - w / 2, y + 12, x + w / 2, y + 12 + h)),
    ]

    def fits(box) -> bool:
        left, top, right, bottom = box
        inside = left >= 0 and top >= 0 and right <= width and bottom <= height
        clear = all(right <= o[0] or left >= o[2] or bottom <= o[1] or top >= o[3] for o in taken)
        return inside and clear

    lx, ly, anchor, baseline, box = next((o for o in options if fits(o[4])), options[0])
    return {
        "x": round(lx, 1),
        "y": round(ly, 1),
        "anchor": anchor,
        "baseline": baseline,
        "box": box,
    }


def office_map(offices) -> dict:
    """A schematic of the region drawn from the offices' coordinates: an equirectangular
    projection of MAP_BOUNDS (corrected for the latitude, so distances look right), a
    graticule every 0.1°, each office a labelled point, and a line from the association's
    office (the one not in a town hall, when there is exactly one) to each of the others
    with the distance as the crow flies. No municipality outlines: no openly licensed
    boundary file is available from a package registry (see docs/architecture.md)."""
    span_x = MAP_BOUNDS["east"] - MAP_BOUNDS["west"]
    span_y = MAP_BOUNDS["north"] - MAP_BOUNDS["south"]
    middle = math.radians((MAP_BOUNDS["north"] + MAP_BOUNDS["south"]) / 2)
    km_per_degree_longitude = KM_PER_DEGREE_LATITUDE * math.cos(middle)
    width = MAP_WIDTH
    # One kilometre is as long across as up and down.
    height = round(width * span_y * KM_PER_DEGREE_LATITUDE / (span_x * km_per_degree_longitude))

    def project(lat: float, lon: float) -> tuple[float, float]:
        x = (lon - MAP_BOUNDS["west"]) / span_x * width
        y = (MAP_BOUNDS["north"] - lat) / span_y * height
        return round(x, 1), round(y, 1)

    placed = []
    for office in offices:
        if office.latitude is None or office.longitude is None:
            continue
        lat, lon = float(office.latitude), float(office.longitude)
        x, y = project(lat, lon)
        if 0 <= x <= width and 0 <= y <= height:
            placed.append((office, lat, lon, x, y))
    outside_town_halls = [row for row in placed if not row[0].in_town_hall]
    hub = outside_town_halls[0] if len(outside_town_halls) == 1 else None
    points = []
    taken = [(x - 10, y - 10, x + 10, y + 10) for _office, _lat, _lon, x, y in placed]
    for office, lat, lon, x, y in placed:
        placement = _place_label(office.place_name, x, y, width, height, taken)
        taken.append(placement["box"])
        point = {
            "office": office,
            "x": x,
            "y": y,
            "label_x": placement["x"],
            "label_y": placement["y"],
            "anchor": placement["anchor"],
            "baseline": placement["baseline"],
            "is_hub": hub is not None and office.pk == hub[0].pk,
            "distance": None,
        }
        if hub is not None and not point["is_hub"]:
            km = distance_km(hub[1], hub[2], lat, lon)
            point["distance"] = round(km)
            point["line"] = {
                "x1": hub[3],
                "y1": hub[4],
                "x2": x,
                "y2": y,
                "mid_x": round((hub[3] + x) / 2, 1),
                "mid_y": round((hub[4] + y) / 2, 1),
            }
        points.append(point)
    graticule = {
        "x": [
            project(MAP_BOUNDS["north"], MAP_BOUNDS["west"] + step / 10)[0]
            for step in range(1, round(span_x * 10))
        ],
        "y": [
            project(MAP_BOUNDS["south"] + step / 10, MAP_BOUNDS["west"])[1]
            for step in range(1, round(span_y * 10))
        ],
    }
    scale_px = 10 / (km_per_degree_longitude * span_x) * width
    return {
        "width": width,
        "height": height,
        "points": points,
        "hub": next((p for p in points if p["is_hub"]), None),
        "graticule": graticule,
        "scale_end": round(20 + scale_px, 1),
    }
