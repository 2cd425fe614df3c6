"""The widget's URLs, outside the language prefix: /widget.js and /widget/frame/."""

from django.urls import path

from widget import views

app_name = "widget"

urlpatterns = [
    path("widget.js", views.loader, name="loader"),
    path("widget/frame/", views.frame, name="frame"),
]
