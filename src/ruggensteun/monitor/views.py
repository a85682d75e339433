from django.http import Http404, HttpRequest, HttpResponse

from ruggensteun.accounts.permissions import public_page
from ruggensteun.areas.models import FocusArea

from .downloads import as_csv, as_xlsx, download_rows

CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


@public_page
def focus_area_download(request: HttpRequest, slug: str, fmt: str) -> HttpResponse:
    area = FocusArea.objects.select_related("municipality").filter(slug=slug).first()
    if area is None or fmt not in CONTENT_TYPES:
        raise Http404("Dit gebied of dit formaat bestaat niet.")
    rows = download_rows(area)
    body = as_csv(rows) if fmt == "csv" else as_xlsx(rows, area)
    response = HttpResponse(body, content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="ruggensteun-{area.slug}.{fmt}"'
    return response
