from django.shortcuts import render
from django.utils.translation import gettext as _

from intranet.core.permissions import coordinator_required

from ..services import reports
from . import paginate

REPORT_PER_PAGE = 50


def _report(request) -> reports.CoordinatorReport:
    return reports.coordinator_report(
        office=request.GET.get("office", ""), behind_only=request.GET.get("behind") == "1"
    )


@coordinator_required
def report(request):
    report = _report(request)
    page_obj = paginate(request, report.rows, per_page=REPORT_PER_PAGE)
    rows = list(page_obj.object_list)
    return render(
        request,
        "training/report.html",
        {
            "page_title": _("Training report"),
            "report": report,
            "page_obj": page_obj,
            "table": reports.report_table(rows, report.modules),
            "chart": reports.report_chart(rows, report.target) if rows else None,
        },
    )


@coordinator_required
def report_csv(request):
    return reports.report_csv(_report(request))
