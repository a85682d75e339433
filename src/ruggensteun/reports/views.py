"""The area report as a download (PDF) or a page (HTML), from the same template."""

from django.http import Http404, HttpRequest, HttpResponse

from ruggensteun.accounts.permissions import public_page
from ruggensteun.areas.models import FocusArea

from .render import cached_report

CONTENT_TYPES = {"html": "text/html; charset=utf-8", "pdf": "application/pdf"}


@public_page
def area_report(request: HttpRequest, slug: str, fmt: str) -> HttpResponse:
    """Public: the report holds the monitor's figures and signal counts suppressed below 5,
    without the sensitive themes, as the dashboard does for any visitor."""
    area = FocusArea.objects.select_related("municipality").filter(slug=slug).first()
    if area is None or fmt not in CONTENT_TYPES:
        raise Http404("Dit gebied of dit formaat bestaat niet.")
    response = HttpResponse(cached_report(area, fmt), content_type=CONTENT_TYPES[fmt])
    disposition = "attachment" if fmt == "pdf" else "inline"
    response["Content-Disposition"] = f'{disposition}; filename="diagnose-{area.slug}.{fmt}"'
    return response
