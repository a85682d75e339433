"""Page numbers in the API are positive integers, as the OpenAPI document says.

DRF's PageNumberPagination reads an empty `page` as page 1 and answers 404 for `abc` or `0`;
this one refuses every `page` that is not a whole number of 1 or more with a 400 that says why.
A page beyond the last stays a 404 ("Ongeldige pagina."): the number is valid, the page is not
there.
"""

from typing import Any

from django.utils.translation import gettext as _
from rest_framework.exceptions import ValidationError
from rest_framework.pagination import PageNumberPagination
from rest_framework.request import Request
from rest_framework.views import APIView

PAGE_NOT_A_NUMBER = "Geef als pagina een geheel getal van 1 of hoger."


class StrictPageNumberPagination(PageNumberPagination):
    last_page_strings = ()  # `page=last` is no integer either

    def paginate_queryset(
        self, queryset: Any, request: Request, view: APIView | None = None
    ) -> list[Any] | None:
        if self.page_query_param in request.query_params:
            self._refuse_invalid_page(request.query_params[self.page_query_param])
        return super().paginate_queryset(queryset, request, view)

    def _refuse_invalid_page(self, value: str) -> None:
        if not (value.isascii() and value.isdigit() and int(value) >= 1):
            raise ValidationError({self.page_query_param: [_(PAGE_NOT_A_NUMBER)]})
