from django.urls import path

from . import views

urlpatterns = [
    path("praktijken/", views.practice_search, name="practice-search"),
    path("praktijken/nieuw/", views.practice_create_view, name="practice-create"),
    path("praktijken/redactie/", views.practice_review, name="practice-review"),
    path("praktijken/<slug:slug>/", views.practice_detail, name="practice-detail"),
    path("praktijken/<slug:slug>/bewerken/", views.practice_edit, name="practice-edit"),
    path("praktijken/<slug:slug>/stap/", views.practice_step, name="practice-step"),
    path("praktijken/<slug:slug>/overname/", views.adoption_create, name="adoption-create"),
    path("coalities/", views.coalition_list, name="coalition-list"),
    path("coalities/nieuw/", views.coalition_create_view, name="coalition-create"),
    path("coalities/<slug:slug>/", views.coalition_detail, name="coalition-detail"),
]
