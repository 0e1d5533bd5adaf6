import mimetypes
from pathlib import Path

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from wagtail.images import get_image_model
from wagtail.models import CollectionViewRestriction

from .visibility import visible_pages

SEARCH_PAGE_SIZE = 20


@require_GET
def search(request):
    query = request.GET.get("q", "").strip()[:200]
    page_obj = None
    if query:
        results = visible_pages(request.user).specific().search(query)
        page_obj = Paginator(results, SEARCH_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "core/search.html",
        {"query": query, "page_obj": page_obj, "page_title": _("Search")},
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
