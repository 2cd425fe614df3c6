"""URLs of the help site, mounted under a language prefix (/zh-hans/, /en/, /ru/)."""

from django.urls import path, re_path

from helpsite import guides as guide_views
from helpsite import views

app_name = "site"

urlpatterns = [
    path("", views.home, name="home"),
    path("search/", views.search, name="search"),
    path("faq/<slug:slug>/", views.faq_detail, name="faq"),
    path("categories/<slug:slug>/", views.category, name="category"),
    path("guides/<slug:slug>/", guide_views.guide_detail, name="guide"),
    path("troubleshoot/<slug:slug>/", guide_views.troubleshooter, name="troubleshooter"),
    re_path(
        r"^troubleshoot/(?P<slug>[a-z0-9-]+)/(?P<path>[a-z0-9-]+(?:/[a-z0-9-]+)*)/$",
        guide_views.troubleshooter,
        name="troubleshooter-step",
    ),
    path("feedback/", views.feedback, name="feedback"),
]
