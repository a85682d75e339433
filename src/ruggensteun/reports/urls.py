from django.urls import path

from . import views

urlpatterns = [
    path("gebieden/<slug:slug>/rapport.<str:fmt>", views.area_report, name="area-report"),
]
