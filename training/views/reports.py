from django.shortcuts import render
from django.utils.translation import gettext as _

from intranet.core.permissions import coordinator_required

from ..services import reports

REPORT_PER_PAGE = 25


@coordinator_required
def report(request):
    report = reports.coordinator_report(request.GET, request=request)
    page_obj, rows = reports.report_page(report, request.GET.get("page"), REPORT_PER_PAGE)
    return render(
        request,
        "training/report.html",
        {
            "page_title": _("Training report"),
            "report": report,
            "office_filter": report.office_filter,
            "page_obj": page_obj,
            "table": reports.report_table(rows, report.modules),
            "chart": reports.report_chart(rows, report.target) if rows else None,
        },
    )


@coordinator_required
def report_csv(request):
    return reports.report_csv(reports.coordinator_report(request.GET, request=request))
