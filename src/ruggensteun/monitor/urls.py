from django.urls import path

from . import upload, views

urlpatterns = [
    path(
        "gebieden/<slug:slug>/cijfers.<str:fmt>",
        views.focus_area_download,
        name="focus-area-download",
    ),
    path("wijken/<str:code>/", views.wijk_detail, name="wijk-detail"),
    path("vergelijk/", views.compare, name="compare"),
    path("vergelijk/tabel.<str:fmt>", views.compare_download, name="compare-download"),
    path("gemeenten/<str:code>/cijfers/", upload.figures_upload, name="municipality-figures"),
    path(
        "gemeenten/<str:code>/cijfers/sjabloon.<str:fmt>",
        upload.figures_template,
        name="municipality-figures-template",
    ),
]
