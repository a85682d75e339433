from django.urls import path

from . import views

urlpatterns = [
    path(
        "gebieden/<slug:slug>/cijfers.<str:fmt>",
        views.focus_area_download,
        name="focus-area-download",
    ),
]
