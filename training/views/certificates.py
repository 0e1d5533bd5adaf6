from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _

from intranet.core.permissions import network_staff_required

from ..documents import certificate_pdf
from ..models import Certificate
from ..services.ledger import can_see_ledger


@network_staff_required
def certificate_download(request, code):
    certificate = get_object_or_404(Certificate.objects.select_related("user"), code=code)
    if not can_see_ledger(request.user, certificate.user):
        raise PermissionDenied
    response = HttpResponse(
        certificate_pdf(certificate, request.LANGUAGE_CODE), content_type="application/pdf"
    )
    response["Content-Disposition"] = f'attachment; filename="certificate-{certificate.code}.pdf"'
    return response


@login_not_required
def certificate_verify(request, code):
    """Anyone holding the code (an employer, say) may confirm the certificate is genuine."""
    certificate = Certificate.objects.filter(code=code.upper()).first()
    if certificate is None:
        response = render(
            request,
            "training/certificate_verify.html",
            {"page_title": _("Certificate not found"), "certificate": None, "code": code},
        )
        response.status_code = 404
        return response
    return render(
        request,
        "training/certificate_verify.html",
        {"page_title": _("Certificate verified"), "certificate": certificate, "code": code},
    )
