"""The site's URLs with the report URLs included (for the tests, whether or not the main URLconf
includes them yet)."""

from django.urls import include, path

from ruggensteun.urls import handler404
from ruggensteun.urls import urlpatterns as site_patterns

urlpatterns = [path("", include("ruggensteun.reports.urls")), *site_patterns]

__all__ = ["handler404", "urlpatterns"]
