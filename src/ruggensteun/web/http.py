"""The download response every app's views use: a file with its content type and name."""

from django.http import HttpResponse

CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "html": "text/html; charset=utf-8",
    "pdf": "application/pdf",
}
# The formats of a table download (the overview, an area's figures, a comparison).
TABLE_FORMATS = ("csv", "xlsx")


def download_response(
    body: bytes, fmt: str, filename: str, *, attachment: bool = True
) -> HttpResponse:
    """A file for the browser: its content type by format, saved under `filename`."""
    response = HttpResponse(body, content_type=CONTENT_TYPES[fmt])
    disposition = "attachment" if attachment else "inline"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    return response
