from django.urls import path

from . import views

urlpatterns = [
    path("", views.home, name="home"),
    path("overzicht.<str:fmt>", views.overview_download, name="overview-download"),
    path("gebieden/nieuw/", views.focus_area_create, name="focus-area-create"),
    path("gebieden/<slug:slug>/", views.focus_area_detail, name="focus-area-detail"),
    path(
        "gemeenten/<str:code>/wijkgrenzen/",
        views.wijk_boundaries_upload,
        name="wijk-boundaries-upload",
    ),
]
