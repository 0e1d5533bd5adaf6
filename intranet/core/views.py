import mimetypes
from pathlib import Path

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django.views.i18n import set_language as django_set_language

from wagtail.images import get_image_model
from wagtail.models import CollectionViewRestriction

from .search import searches_elsewhere
from .visibility import visible_pages

SEARCH_PAGE_SIZE = 20


@require_GET
def search(request):
    query = request.GET.get("q", "").strip()[:200]
    page_obj = None
    elsewhere = []
    if query:
        results = visible_pages(request.user).specific().search(query)
        page_obj = Paginator(results, SEARCH_PAGE_SIZE).get_page(request.GET.get("page"))
        elsewhere = searches_elsewhere(request, query)
    return render(
        request,
        "core/search.html",
        {
            "query": query,
            "page_obj": page_obj,
            "elsewhere": elsewhere,
            "page_title": _("Search"),
        },
    )


def _collection_visible(collection, request) -> bool:
    restrictions = CollectionViewRestriction.objects.filter(
        collection__in=collection.get_ancestors(inclusive=True)
    ).prefetch_related("groups")
    return all(r.accept_request(request) for r in restrictions)


@require_GET
def media(request, path: str):
    """Serve uploaded images only to logged-in people allowed to see their collection.

    Documents are never served from here: they go through Wagtail's document view, which
    checks the collection's privacy (WAGTAILDOCS_SERVE_METHOD = "serve_view").
    """
    Image = get_image_model()
    if path.startswith("original_images/"):
        image = Image.objects.filter(file=path).select_related("collection").first()
    elif path.startswith("images/"):
        rendition = (
            Image.get_rendition_model()
            .objects.filter(file=path)
            .select_related("image__collection")
            .first()
        )
        image = rendition.image if rendition else None
    else:
        image = None
    if image is None:
        raise Http404
    if not _collection_visible(image.collection, request):
        raise PermissionDenied
    full_path = (Path(settings.MEDIA_ROOT) / path).resolve()
    if not full_path.is_relative_to(Path(settings.MEDIA_ROOT).resolve()) or not full_path.exists():
        raise Http404
    content_type = mimetypes.guess_type(full_path.name)[0] or "application/octet-stream"
    response = FileResponse(full_path.open("rb"), content_type=content_type)
    response["Cache-Control"] = "private, max-age=3600"
    return response


@login_not_required
def healthz(request):
    return HttpResponse("ok", content_type="text/plain")


@require_http_methods(["GET", "HEAD", "POST"])
def notification_settings(request):
    """Which optional e-mails the person wants; the others are listed as always sent."""
    from .notifications import kinds, set_choices

    all_kinds = kinds()
    if request.method == "POST":
        optional = {kind.slug for kind in all_kinds if kind.optional}
        wanted = set(request.POST.getlist("kind")) & optional
        set_choices(request.user, wanted)
        messages.success(request, _("Your e-mail choices were saved."))
        return redirect("notification-settings")
    opted_out = set(request.user.notification_opt_outs.values_list("kind", flat=True))
    return render(
        request,
        "core/notification_settings.html",
        {
            "page_title": _("E-mail notifications"),
            "optional": [(kind, kind.slug not in opted_out) for kind in all_kinds if kind.optional],
            "always": [kind for kind in all_kinds if not kind.optional],
        },
    )


@login_not_required
@require_POST
def set_language(request):
    """Django's language switch, which also remembers the choice on the person's profile,
    so that e-mails and the admin reach them in the language they chose."""
    response = django_set_language(request)
    language = request.POST.get("language")
    if request.user.is_authenticated and language in {code for code, _n in settings.LANGUAGES}:
        from wagtail.users.models import UserProfile

        profile = UserProfile.get_for_user(request.user)
        if profile.preferred_language != language:
            profile.preferred_language = language
            profile.save(update_fields=["preferred_language"])
    return response
