import csv
import hashlib
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.models import User
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import transaction
from django.http import HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

import vobject
from taggit.models import Tag

from intranet.core.caching import remember
from intranet.core.params import parse_id
from intranet.core.permissions import coordinator_required, network_staff_required
from intranet.core.reports import safe_cell
from intranet.core.roles import is_coordinator
from network.office_filter import office_filter

from . import services
from .forms import FinderForm, LanguageFormSet, ProfileForm
from .models import PeopleIndexPage, Profile

PAGE_SIZE = 20


def _section_page():
    return PeopleIndexPage.objects.live().first()


def _profile_for(username: str, viewer) -> Profile:
    """A colleague's profile; people who have left only for coordinators."""
    return get_object_or_404(
        services.staff_profiles(include_leavers=is_coordinator(viewer))
        .select_related("user", "office", "photo")
        .prefetch_related("languages", "expertise"),
        user__username=username,
    )


def _expertise_choices():
    def compute():
        content_type = ContentType.objects.get_for_model(Profile)
        tags = (
            Tag.objects.filter(taggit_taggeditem_items__content_type=content_type)
            .distinct()
            .order_by("name")
            .values_list("slug", "name")
        )
        return list(tags)

    return remember("people-expertise-choices", compute)


def _results_key(request) -> str:
    """Coordinators may list people who have left; nothing else in the results depends on
    who is looking."""
    audience = "coordinator" if is_coordinator(request.user) else "staff"
    params = sorted((k, v) for k in request.GET for v in request.GET.getlist(k))
    digest = hashlib.sha256(urlencode(params).encode()).hexdigest()[:32]
    return f"people-finder-results:{audience}:{get_language()}:{digest}"


def _finder_params(request):
    """The finder's parameters, with the office as the office filter takes it. Older links
    carry the office as typed text in ``office`` (now an id): that text is ``office_q``."""
    params = request.GET
    office = params.get("office", "")
    if office and parse_id(office) is None and "office_q" not in params:
        params = params.copy()
        params["office_q"] = params.pop("office")[-1]
    return params


def _finder_results(request, params):
    can_see_leavers = is_coordinator(request.user)
    form = FinderForm(
        params or None,
        expertise_choices=_expertise_choices(),
        can_see_leavers=can_see_leavers,
    )
    filters = form.cleaned_data if form.is_bound and form.is_valid() else {}
    offices = office_filter(params, request=request)
    profiles = services.finder_queryset(
        query=filters.get("q", ""),
        office_ids=offices.office_ids,
        language=filters.get("language", ""),
        expertise=filters.get("expertise", ""),
        include_leavers=can_see_leavers and filters.get("left", False),
    )
    return form, filters, offices, profiles


@require_GET
@network_staff_required
def finder(request):
    params = _finder_params(request)
    if params is not request.GET:
        return redirect(f"{request.path}?{params.urlencode()}")
    form, filters, offices, profiles = _finder_results(request, params)

    def results():
        page_obj = Paginator(profiles, PAGE_SIZE).get_page(request.GET.get("page"))
        return render_to_string(
            "people/includes/finder_results.html", {"page_obj": page_obj}, request=request
        )

    # The count, the cards and the pages: rendered once per content generation (a change
    # to anyone's profile shows on the next request) and kept.
    html = remember(_results_key(request), results, request=request)
    filtered = any(filters.values()) or bool(offices.query)
    filters_html = remember(
        _results_key(request) + ":filters",
        lambda: render_to_string(
            "people/includes/finder_form.html",
            {"form": form, "office_filter": offices, "filtered": filtered},
            request=request,
        ),
        request=request,
    )
    return render(
        request,
        "people/finder.html",
        {
            "page": _section_page(),
            "page_title": _("People"),
            "form": form,
            "office_filter": offices,
            "filtered": filtered,
            "filters_html": mark_safe(filters_html),  # noqa: S308 - rendered by our template
            "results": mark_safe(html),  # noqa: S308 - rendered by our template
            "can_export": is_coordinator(request.user),
        },
    )


@require_GET
@network_staff_required
def profile_detail(request, username):
    profile = _profile_for(username, request.user)
    is_self = profile.user_id == request.user.pk
    return render(
        request,
        "people/profile.html",
        {
            "page_title": profile.name,
            "profile": profile,
            "is_self": is_self,
            "can_edit": is_self or is_coordinator(request.user),
            "can_manage": is_coordinator(request.user),
            "completeness": services.completeness(profile) if is_self else None,
            "profile_panels": services.profile_panels(request, profile.user),
        },
    )


def _edit(request, profile: Profile, *, is_self: bool):
    editor_is_coordinator = is_coordinator(request.user)
    # Administrator accounts outside the Staff/Coordinators groups may edit their own
    # profile but have no profile page (they are not colleagues): send them elsewhere.
    has_profile_page = services.staff_profiles(include_leavers=True).filter(pk=profile.pk).exists()
    data = request.POST if request.method == "POST" else None
    files = request.FILES if request.method == "POST" else None
    form = ProfileForm(data, files, instance=profile, editor_is_coordinator=editor_is_coordinator)
    formset = LanguageFormSet(data, instance=profile, prefix="languages")
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        with transaction.atomic():
            profile = form.save()
            formset.save()
            if form.cleaned_data.get("photo_upload"):
                services.replace_photo(profile, form.cleaned_data["photo_upload"], request.user)
            elif form.cleaned_data.get("remove_photo"):
                services.remove_photo(profile)
            profile.refresh_search()
        messages.success(request, _("The profile has been saved."))
        if not has_profile_page:
            return redirect("people:edit-own")
        return redirect("people:profile", username=profile.user.get_username())
    # A bad POST: nothing typed is lost, and each error shows once, next to its field (the
    # form's own summary links to them); no second banner in the messages.
    return render(
        request,
        "people/profile_form.html",
        {
            "page_title": _("Edit profile"),
            "profile": profile,
            "form": form,
            "formset": formset,
            "is_self": is_self,
            "has_profile_page": has_profile_page,
            "completeness": services.completeness(profile) if is_self else None,
        },
    )


@network_staff_required
def edit_own_profile(request):
    profile, _created = Profile.objects.select_related("user", "photo").get_or_create(
        user=request.user
    )
    return _edit(request, profile, is_self=True)


@network_staff_required
def edit_profile(request, username):
    if username == request.user.get_username():
        return redirect("people:edit-own")
    if not is_coordinator(request.user):
        raise PermissionDenied
    profile = get_object_or_404(
        services.staff_profiles(include_leavers=True).select_related("user", "photo"),
        user__username=username,
    )
    return _edit(request, profile, is_self=False)


@require_POST
@coordinator_required
def mark_left(request, username):
    """First POST (the profile's button): a page saying what leaving does, to confirm.
    Second POST, with ``confirm``: done."""
    profile = get_object_or_404(
        services.staff_profiles().select_related("user"), user__username=username
    )
    if request.user.pk == profile.user_id:
        raise PermissionDenied
    if request.POST.get("confirm") != "yes":
        return render(
            request,
            "people/confirm_left.html",
            {"profile": profile, "page_title": _("Mark as having left")},
        )
    services.mark_as_left(profile)
    messages.success(
        request,
        _(
            "%(name)s is marked as having left: their login and personal feed addresses no "
            "longer work, their future training bookings were released, and they are hidden "
            "from the people finder."
        )
        % {"name": profile.name},
    )
    return redirect("people:profile", username=username)


@require_POST
@coordinator_required
def mark_returned(request, username):
    profile = get_object_or_404(
        services.staff_profiles(include_leavers=True).select_related("user"),
        user__username=username,
    )
    services.mark_as_returned(profile)
    messages.success(
        request,
        _(
            "%(name)s works in the network again: their login works and they are shown in the "
            "people finder."
        )
        % {"name": profile.name},
    )
    return redirect("people:profile", username=username)


@require_GET
@network_staff_required
def vcard(request, username):
    profile = _profile_for(username, request.user)
    card = vobject.vCard()
    card.add("fn").value = profile.name
    card.add("n").value = vobject.vcard.Name(
        family=profile.user.last_name, given=profile.user.first_name
    )
    if profile.job_title:
        card.add("title").value = profile.job_title
    org = card.add("org")
    org.value = ["Sem Fronteiras", profile.office.title] if profile.office else ["Sem Fronteiras"]
    if profile.phone:
        tel = card.add("tel")
        tel.value = profile.phone
        tel.type_param = "WORK"
    if profile.contact_email:
        email = card.add("email")
        email.value = profile.contact_email
        email.type_param = "WORK"
    for language in profile.languages.all():
        card.add("lang").value = language.language
    if profile.bio:
        card.add("note").value = profile.bio
    response = HttpResponse(card.serialize(), content_type="text/vcard; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{profile.user.get_username()}.vcf"'
    return response


@require_GET
@coordinator_required
def export_csv(request):
    _form, _filters, _offices, profiles = _finder_results(request, _finder_params(request))
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    stamp = timezone.localdate().isoformat()
    response["Content-Disposition"] = f'attachment; filename="equipa-{stamp}.csv"'
    response.write("\ufeff")  # Excel needs the BOM to read UTF-8 accents
    writer = csv.writer(response)
    writer.writerow(
        [
            _("Name"),
            _("Username"),
            _("Job title"),
            _("Role"),
            _("Office"),
            _("Phone"),
            _("Email"),
            _("Languages"),
            _("Expertise"),
            _("Start date"),
            _("Works in the network"),
            _("Left on"),
        ]
    )
    for profile in profiles.iterator(chunk_size=500):
        writer.writerow(
            [
                safe_cell(value)
                for value in [
                    profile.name,
                    profile.user.get_username(),
                    profile.job_title,
                    profile.get_role_display(),
                    profile.office.title if profile.office else "",
                    profile.phone,
                    profile.contact_email,
                    "; ".join(str(language) for language in profile.languages.all()),
                    "; ".join(sorted(tag.name for tag in profile.expertise.all())),
                    profile.start_date.isoformat() if profile.start_date else "",
                    _("yes") if profile.is_active_member else _("no"),
                    profile.left_on.isoformat() if profile.left_on else "",
                ]
            ]
        )
    return response


@require_GET
@network_staff_required
def my_data(request):
    data = services.personal_data(User.objects.get(pk=request.user.pk))
    response = JsonResponse(data, json_dumps_params={"ensure_ascii": False, "indent": 2})
    name = f"dados-pessoais-{request.user.get_username()}.json"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
