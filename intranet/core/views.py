import mimetypes
from collections.abc import Sequence
from pathlib import Path

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django.views.i18n import set_language as django_set_language

from wagtail.images import get_image_model

from .files import may_read
from .permissions import coordinator_required
from .search import grouped_results, plain_words, search_type, searches_elsewhere
from .search import search as search_results
from .throttling import over_limit, too_many_requests

SEARCH_PAGE_SIZE = 20
SEARCH_GROUP_SIZE = 5


class _RankedPage(Sequence):
    """What ``Paginator`` needs of one type's results: the total the index counted, and the
    one page of hits already fetched (for the page that was asked)."""

    def __init__(self, total: int, hits: list, offset: int):
        self.total, self.hits, self.offset = total, hits, offset

    def count(self) -> int:
        return self.total

    def __len__(self) -> int:
        return self.total

    def __getitem__(self, index):
        if isinstance(index, slice) and (index.start or 0) == self.offset:
            return self.hits
        raise IndexError(index)


def _page_number(value) -> int:
    try:
        return max(1, int(value))
    except (TypeError, ValueError):
        return 1


@require_GET
def search(request):
    """Everything the person may see, grouped by type (the first few of each, with a link
    to all of one type); ``?type=<key>`` lists one type, paginated."""
    query = request.GET.get("q", "").strip()[:200]
    words = plain_words(query)
    chosen = search_type(request.GET.get("type", ""))
    if chosen is not None and chosen.queryset(request) is None:
        chosen = None
    groups, page_obj, hits, elsewhere = [], None, [], []
    if words and chosen is not None:
        number = _page_number(request.GET.get("page"))
        found = search_results(
            request, [chosen], words, SEARCH_PAGE_SIZE, (number - 1) * SEARCH_PAGE_SIZE
        )
        if not found and number > 1:  # past the end: the last page, as get_page does
            number = 1
            found = search_results(request, [chosen], words, SEARCH_PAGE_SIZE)
            last = -(-found[0].count // SEARCH_PAGE_SIZE) if found else 1
            if last > 1:
                number = last
                offset = (last - 1) * SEARCH_PAGE_SIZE
                found = search_results(request, [chosen], words, SEARCH_PAGE_SIZE, offset)
        total = found[0].count if found else 0
        hits = found[0].hits if found else []
        ranked = _RankedPage(total, hits, (number - 1) * SEARCH_PAGE_SIZE)
        page_obj = Paginator(ranked, SEARCH_PAGE_SIZE).get_page(number)
    if words and chosen is None:
        groups = grouped_results(request, words, SEARCH_GROUP_SIZE)
    if words:
        elsewhere = searches_elsewhere(request, query)
    return render(
        request,
        "core/search.html",
        {
            "query": query,
            "groups": groups,
            "chosen": chosen,
            "page_obj": page_obj,
            "hits": hits,
            "total": page_obj.paginator.count if page_obj else sum(g.count for g in groups),
            "elsewhere": elsewhere,
            "page_title": _("Search"),
        },
    )


@require_GET
def media(request, path: str):
    """Serve uploaded images only to logged-in people allowed to see their collection
    (partners: only collections opened to them, ``intranet.core.files``).

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
    if not may_read(image.collection, request):
        raise PermissionDenied
    full_path = (Path(settings.MEDIA_ROOT) / path).resolve()
    if not full_path.is_relative_to(Path(settings.MEDIA_ROOT).resolve()) or not full_path.exists():
        raise Http404
    content_type = mimetypes.guess_type(full_path.name)[0] or "application/octet-stream"
    response = FileResponse(full_path.open("rb"), content_type=content_type)
    response["Cache-Control"] = "private, max-age=3600"
    return response


@login_not_required
@require_GET
def favicon(request):
    """Browsers ask for /favicon.ico whatever the page says (tabs, bookmarks, feed
    readers): send them to the icon among the static files, which are cached for long."""
    response = redirect(static("img/favicon.ico"))
    response["Cache-Control"] = "public, max-age=86400"
    return response


@login_not_required
@require_GET
def healthz(request):
    """200 "ok"; 503 "degraded: …" when background tasks pile up (no worker running), 503
    "error: …" when the database does not answer. docs/operations.md says what to do."""
    from .health import check

    health = check()
    response = HttpResponse(
        health.body(), status=health.http_status, content_type="text/plain; charset=utf-8"
    )
    response["Cache-Control"] = "no-store"
    return response


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


@require_GET
def my_data(request):
    """What the intranet holds about the logged-in person, as JSON (partners too)."""
    from .personal_data import download

    return download(request.user)


class LogoutView(auth_views.LogoutView):
    """Django's log-out, and the device forgets what field mode kept there (the pages kept
    for offline use, entries waiting to be sent): ``field-mode.js`` clears them first,
    after a warning when entries wait; this header is for browsers without the script."""

    def post(self, request, *args, **kwargs):
        response = super().post(request, *args, **kwargs)
        response["Clear-Site-Data"] = '"cache", "storage"'
        return response


class ThrottledPasswordResetView(auth_views.PasswordResetView):
    """Django's password reset, rate limited per client address and per e-mail address
    (``RATE_LIMITS["password-reset"]``): one inbox cannot be flooded, nor the form used to
    send mail in bulk. Whether the address has an account changes nothing in the answer."""

    def form_valid(self, form):
        if over_limit("password-reset", self.request, form.cleaned_data["email"]):
            return too_many_requests(self.request)
        return super().form_valid(form)


@require_http_methods(["GET", "HEAD", "POST"])
@coordinator_required
def lockouts(request):
    """Login lockouts in force, each with an Unlock button (coordinators, administrators)."""
    from .lockouts import current_lockouts, unlock

    if request.method == "POST":
        try:
            attempt_id = int(request.POST.get("attempt", ""))
        except ValueError:
            attempt_id = 0
        if unlock(attempt_id):
            messages.success(request, _("Unlocked: they can try to log in again now."))
        return redirect("lockouts")
    page_obj = Paginator(current_lockouts(), 50).get_page(request.GET.get("page"))
    return render(
        request,
        "core/lockouts.html",
        {
            "page_title": _("Locked-out logins"),
            "page_obj": page_obj,
            "failure_limit": settings.AXES_FAILURE_LIMIT,
            "cooloff_minutes": int(settings.AXES_COOLOFF_TIME.total_seconds() // 60),
        },
    )


def locked_out(request, original_response=None, credentials=None):
    """What django-axes answers to a locked username and address (AXES_LOCKOUT_CALLABLE):
    the same page whether or not the username exists."""
    return render(
        request,
        "registration/locked_out.html",
        {
            "page_title": _("Login locked for now"),
            "failure_limit": settings.AXES_FAILURE_LIMIT,
            "cooloff_minutes": int(settings.AXES_COOLOFF_TIME.total_seconds() // 60),
        },
        status=429,
    )
