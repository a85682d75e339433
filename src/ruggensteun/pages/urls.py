from django.urls import path

from . import views

# Included after the areas app's URLs, so that "gebieden/nieuw/" stays the create form.
urlpatterns = [
    path("", views.home, name="home"),
    path("overzicht.<str:fmt>", views.overview_download, name="overview-download"),
    path("gebieden/<slug:slug>/", views.focus_area_detail, name="focus-area-detail"),
]
