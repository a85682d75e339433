from django.contrib import admin
from django.urls import include, path
from django.views.i18n import set_language
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import SimpleRouter

from ruggensteun.areas.api import FocusAreaViewSet, RegionViewSet
from ruggensteun.monitor.api import (
    AreaComparisonsView,
    IndicatorDetailView,
    IndicatorListView,
    ObservationViewSet,
)
from ruggensteun.permissions import public_page
from ruggensteun.web import errors as web_errors
from ruggensteun.web import views as web_views

router = SimpleRouter(trailing_slash=True)
router.register("focus-areas", FocusAreaViewSet, basename="focus-area")
router.register("regions", RegionViewSet, basename="region")
router.register("observations", ObservationViewSet, basename="observation")

api_v1 = [
    *router.urls,
    path("indicators/", IndicatorListView.as_view(), name="indicator-list"),
    path("indicators/<slug:id>/", IndicatorDetailView.as_view(), name="indicator-detail"),
    path(
        "focus-areas/<slug:slug>/comparisons/",
        AreaComparisonsView.as_view(),
        name="focus-area-comparisons",
    ),
    path("schema/", public_page(SpectacularAPIView.as_view(api_version="v1")), name="schema"),
    path(
        "docs/",
        # The split view serves Swagger UI's start script from its own URL (?script): the
        # Content-Security-Policy allows no inline script.
        public_page(
            SpectacularSwaggerSplitView.as_view(
                url_name="api:schema", template_name="web/swagger_ui.html"
            )
        ),
        name="docs",
    ),
]

urlpatterns = [
    path("", include("ruggensteun.areas.urls")),
    path("", include("ruggensteun.pages.urls")),
    path("", include("ruggensteun.accounts.urls")),
    path("", include("ruggensteun.monitor.urls")),
    path("", include("ruggensteun.signals.urls")),
    path("", include("ruggensteun.practices.urls")),
    path("", include("ruggensteun.reports.urls")),
    path("api/v1/", include((api_v1, "api"))),
    path("taal/", public_page(set_language), name="set-language"),
    path("beheer/", admin.site.urls),
    path("healthz", web_views.healthz, name="healthz"),
    path("readyz", web_views.readyz, name="readyz"),
    path("favicon.ico", web_views.favicon, name="favicon"),
]


handler403 = web_errors.permission_denied
handler404 = web_errors.page_not_found
handler500 = web_errors.server_error
