"""The area report as a download (PDF) or a page (HTML), from the same template."""

from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext_lazy

from ruggensteun.areas.models import FocusArea
from ruggensteun.permissions import public_page
from ruggensteun.web.http import download_response

from .render import cached_report

REPORT_FORMATS = ("html", "pdf")
ERROR_NO_AREA_OR_FORMAT = gettext_lazy("Dit gebied of dit formaat bestaat niet.")


@public_page
def area_report(request: HttpRequest, slug: str, fmt: str) -> HttpResponse:
    """Public: the report holds the monitor's figures and signal counts suppressed below 5,
    without the sensitive themes, as the dashboard does for any visitor."""
    area = FocusArea.objects.select_related("municipality").filter(slug=slug).first()
    if area is None or fmt not in REPORT_FORMATS:
        raise Http404(ERROR_NO_AREA_OR_FORMAT)
    return download_response(
        cached_report(area, fmt),
        fmt,
        f"diagnose-{area.slug}.{fmt}",
        attachment=fmt == "pdf",  # the HTML version opens as a page
    )
