from django.urls import path

from . import views

urlpatterns = [
    path("signalen/", views.signals_home, name="signals-home"),
    path("signalen/nieuw/", views.signal_create, name="signal-create"),
    path("signalen/importeren/", views.signals_import, name="signals-import"),
    path("signalen/duiding/", views.sessions, name="signal-sessions"),
    path("signalen/<int:pk>/", views.signal_detail, name="signal-detail"),
]
