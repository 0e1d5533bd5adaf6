import hashlib

from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from intranet.core.caching import remember
from intranet.core.permissions import coordinator_required

from ..services import reports

REPORT_PER_PAGE = 25


def _page_html(request, report) -> str:
    """The chart, table and pages of the people shown, rendered once per choice of
    filters and page, language and day, until the data changes (the content generation)."""

    def render_page():
        page_obj, rows = reports.report_page(report, request.GET.get("page"), REPORT_PER_PAGE)
        context = {
            "report": report,
            "page_obj": page_obj,
            "table": reports.report_table(rows, report.modules),
            "chart": reports.report_chart(rows, report.target) if rows else None,
        }
        return render_to_string("training/includes/report_page.html", context, request=request)

    query = hashlib.sha256(request.GET.urlencode().encode()).hexdigest()[:24]
    key = f"training-report-page:{query}:{get_language()}:{timezone.localdate()}"
    return mark_safe(remember(key, render_page, request=request))  # noqa: S308 (rendered here)


@coordinator_required
def report(request):
    report = reports.coordinator_report(request.GET, request=request)
    return render(
        request,
        "training/report.html",
        {
            "page_title": _("Training report"),
            "report": report,
            "office_filter": report.office_filter,
            "report_page": _page_html(request, report),
        },
    )


@coordinator_required
def report_csv(request):
    return reports.report_csv(reports.coordinator_report(request.GET, request=request))
