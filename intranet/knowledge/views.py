from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from wagtail.models import Page

from intranet.core.permissions import coordinator_required, network_staff_required
from intranet.core.visibility import can_see_page

from . import services
from .reports import review_table

PER_PAGE = 25


def _visible_page_or_404(request, page_id: int) -> Page:
    page = get_object_or_404(Page.objects.live().specific(), pk=page_id, depth__gt=1)
    if not can_see_page(request.user, page):
        raise Http404
    return page


def _back(request, page: Page):
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(target)
    return redirect(page.get_url(request) or "/")


@require_POST
@network_staff_required
def follow(request, page_id: int):
    page = _visible_page_or_404(request, page_id)
    services.follow(request.user, page)
    messages.success(
        request,
        _("You now follow “%(title)s”: you will get an email when a new version is published.")
        % {"title": page.title},
    )
    return _back(request, page)


@require_POST
@network_staff_required
def unfollow(request, page_id: int):
    page = _visible_page_or_404(request, page_id)
    services.unfollow(request.user, page)
    messages.success(request, _("You no longer follow “%(title)s”.") % {"title": page.title})
    return _back(request, page)


@network_staff_required
def following(request):
    paginator = Paginator(services.followed_pages(request.user), PER_PAGE)
    return render(
        request,
        "knowledge/following.html",
        {
            "page_obj": paginator.get_page(request.GET.get("page")),
            "page_title": _("Pages I follow"),
        },
    )


@coordinator_required
def review_report(request):
    today = timezone.localdate()
    page_obj = Paginator(services.articles_to_review(today), PER_PAGE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "knowledge/review_report.html",
        {
            "page_obj": page_obj,
            "table": review_table(page_obj, today, request),
            "page_title": _("Articles to review or hand over"),
        },
    )
