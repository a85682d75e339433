from django.urls import path

from . import views

urlpatterns = [
    path(
        "gebieden/<slug:slug>/cijfers.<str:fmt>",
        views.focus_area_download,
        name="focus-area-download",
    ),
    path("wijken/<str:code>/", views.wijk_detail, name="wijk-detail"),
    path("vergelijk/", views.compare, name="compare"),
    path("vergelijk/tabel.<str:fmt>", views.compare_download, name="compare-download"),
]
