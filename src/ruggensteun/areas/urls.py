from django.urls import path

from . import views

urlpatterns = [
    path("", views.home, name="home"),
    path("gebieden/nieuw/", views.focus_area_create, name="focus-area-create"),
    path("gebieden/<slug:slug>/", views.focus_area_detail, name="focus-area-detail"),
]
