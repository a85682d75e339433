from django.urls import path

from . import views

urlpatterns = [
    path("gebieden/nieuw/", views.focus_area_create, name="focus-area-create"),
    path(
        "gebieden/<slug:slug>/samenstelling/",
        views.focus_area_membership,
        name="focus-area-membership",
    ),
    path(
        "gemeenten/<str:code>/wijkgrenzen/",
        views.wijk_boundaries_upload,
        name="wijk-boundaries-upload",
    ),
]
