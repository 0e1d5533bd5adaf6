"""Insights: staff see their own office, coordinators every office; CSV per table; a
frequent question can be suggested as a training topic.

One page per part (``PARTS``): the overview with the key figures and the months, then
what people ask, the top questions, outcomes, services and outreach, each at its own
address with the same filters. Every part shows sections of the one ``build`` of the
filters (cached), so all parts publish one suppressed system, as the single page did.
"""

import hashlib
from dataclasses import dataclass

from django.contrib import messages
from django.http import Http404, QueryDict
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from intranet.core.caching import remember
from intranet.core.permissions import coordinator_required, network_staff_required
from intranet.core.reports.periods import month_start
from intranet.core.roles import groups_key
from intranet.core.suggestions import TopicSuggestion, can_suggest_topics, suggest_topic
from intranet.core.topics import topic_label
from network.office_filter import OfficeFilter, office_filter

from ..choices import OPEN_GAP_STATUSES
from ..forms import InsightFilterForm
from ..insights import Scope, build, default_period
from ..services import access
from ..services.gaps import gaps_list


@dataclass(frozen=True)
class Part:
    slug: str
    title: str
    sections: tuple[str, ...]


PARTS = [
    Part("topics", gettext_lazy("What people ask"), ("topic-office", "by-topic")),
    Part("questions", gettext_lazy("Top questions"), ("questions",)),
    Part("outcomes", gettext_lazy("What happened"), ("by-outcome", "by-channel")),
    Part("services", gettext_lazy("Services"), ("referrals", "problems")),
    Part(
        "outreach",
        gettext_lazy("Outreach"),
        ("outreach-month", "outreach-place", "outreach-topics"),
    ),
]
PARTS_BY_SLUG = {part.slug: part for part in PARTS}


def _scope(
    request, params: QueryDict | None = None
) -> tuple[InsightFilterForm, OfficeFilter | None, Scope | None]:
    """The filters as asked, limited to what the person may see. None: staff member with
    no office on their profile (nothing to show)."""
    params = request.GET if params is None else params
    all_offices = access.sees_all_offices(request.user)
    form = InsightFilterForm(params or None, offices=None)
    offices = (
        office_filter(params, access.offices_for(request.user), request=request)
        if all_offices
        else None
    )
    today = timezone.localdate()
    first, last = default_period(today)
    topic = ""
    if form.is_bound and form.is_valid():
        first = month_start(form.cleaned_data["start"] or first)
        last = min(month_start(form.cleaned_data["end"] or last), month_start(today))
        topic = form.cleaned_data["topic"]
    office = offices.office if offices is not None else access.own_office(request.user)
    if not all_offices and office is None:
        return form, offices, None
    return form, offices, Scope(min(first, last), last, office, topic)


def _key(scope: Scope) -> str:
    office = scope.office.pk if scope.office else "all"
    return (
        f"insights:{scope.first}:{scope.last}:{office}:{scope.topic}:"
        f"{translation.get_language()}:{timezone.localdate()}"
    )


def _build(request, scope: Scope):
    """The insights of ``scope``, from the cache until an enquiry, visit or gap changes
    (any save moves the content generation on: intranet.core.caching). The counts are
    suppressed before they are kept: the cache holds what the page shows."""
    return remember(_key(scope), lambda: build(scope), request=request)


def _sections_html(request, scope: Scope, insights, part: Part | None, query: str) -> str:
    """The tables and charts of the overview or a part, rendered once (the same cached
    build, so the same suppressed numbers) per filters, part and language."""
    keys = part.sections if part else ("by-month",)

    def render_sections():
        context = {
            "sections": [insights.sections[key] for key in keys if key in insights.sections],
            "overview": part is None,
            "query": query,
        }
        return render_to_string(
            "enquiries/includes/insight_sections.html", context, request=request
        )

    digest = hashlib.sha256(query.encode()).hexdigest()[:24]
    key = f"{_key(scope)}:html:{part.slug if part else 'overview'}:{digest}"
    return mark_safe(remember(key, render_sections, request=request))  # noqa: S308 (rendered here)


def _query(request) -> str:
    params = request.GET.copy()
    params.pop("page", None)
    return params.urlencode()


@network_staff_required
@require_GET
def insights_page(request, part=None):
    """The overview (``part`` None) or one part of the insights.

    All but the "suggest as a training topic" forms (which carry a CSRF token) is rendered
    once per access, filters, part, language and day, and kept under the content
    generation: a page seen before costs no query and little rendering."""
    part = PARTS_BY_SLUG.get(part) if part else None
    if part is None and request.resolver_match.url_name != "insights":
        raise Http404
    query = _query(request)
    user = request.user
    all_offices = access.sees_all_offices(user)
    if all_offices:
        audience = "all"
    else:
        own = access.own_office(user)
        audience = f"office-{own.pk}" if own is not None else "no-office"

    def render_body():
        form, offices, scope = _scope(request)
        insights = _build(request, scope) if scope else None
        context = {
            "form": form,
            "office_filter": offices,
            "insights": insights,
            "part": part,
            "parts": PARTS,
            "sections_html": _sections_html(request, scope, insights, part, query)
            if insights
            else "",
            "query": query,
            "open_gaps": list(gaps_list().filter(status__in=OPEN_GAP_STATUSES)[:10])
            if part is None
            else None,
        }
        return render_to_string("enquiries/includes/insights_body.html", context, request=request)

    digest = hashlib.sha256(f"{groups_key(user)}|{query}".encode()).hexdigest()[:24]
    key = (
        f"insights-page:{audience}:{part.slug if part else 'overview'}:"
        f"{translation.get_language()}:{timezone.localdate()}:{digest}"
    )
    body_html = mark_safe(remember(key, render_body, request=request))  # noqa: S308 (rendered here)
    can_suggest = (
        part is not None and part.slug == "questions" and all_offices and can_suggest_topics()
    )
    insights = None
    if can_suggest:
        _form, _offices, scope = _scope(request)
        insights = _build(request, scope) if scope else None
    return render(
        request,
        "enquiries/insights.html",
        {
            "page_title": f"{part.title} · {_('Insights')}" if part else _("Insights"),
            "body_html": body_html,
            "part": part,
            "insights": insights,
            "query": query,
            "can_suggest": can_suggest,
        },
    )


@network_staff_required
@require_GET
def insights_csv(request, table):
    _form, _offices, scope = _scope(request)
    if scope is None:
        raise Http404
    section = _build(request, scope).sections.get(table)
    if section is None:
        raise Http404
    return section.table.csv_response(
        f"atendimentos-{table}-{scope.first:%Y-%m}-{scope.last:%Y-%m}.csv"
    )


@coordinator_required
@require_POST
def suggest_training(request):
    """Send one of this quarter's top questions to the training topic requests, with the
    (suppressed) counts as the reason."""
    back = (
        reverse("enquiries:insights-part", args=["questions"]) + "?" + request.POST.get("query", "")
    )
    if not can_suggest_topics():
        raise Http404
    _form, _offices, scope = _scope(request, QueryDict(request.POST.get("query", "")))
    insights = build(scope)
    question = next((q for q in insights.questions if q.key == request.POST.get("key")), None)
    if question is None:
        messages.error(request, _("That question is no longer among the top questions."))
        return redirect(back)
    where = scope.office.title if scope.office else _("all offices")
    evidence = _(
        "Frequent question in the enquiry log (%(where)s, topic: %(topic)s): "
        "%(this)s enquiries in %(this_quarter)s, %(last)s in %(last_quarter)s. "
        "Suggested from the insights page."
    ) % {
        "where": where,
        "topic": topic_label(question.key.split(":")[0]),
        "this": question.this_quarter,
        "this_quarter": insights.this_quarter,
        "last": question.last_quarter,
        "last_quarter": insights.last_quarter,
    }
    receipts = suggest_topic(TopicSuggestion(question.label, evidence, request.user))
    for receipt in receipts:
        messages.success(request, receipt.message)
    return redirect(back)
