"""URLs of the help site, mounted under a language prefix (/zh-hans/, /en/, /ru/)."""

from django.urls import path, re_path

from faq import views as faq_views
from guides import views as guide_views

app_name = "site"

urlpatterns = [
    path("", faq_views.home, name="home"),
    path("search/", faq_views.search, name="search"),
    path("faq/<slug:slug>/", faq_views.faq_detail, name="faq"),
    path("categories/<slug:slug>/", faq_views.category, name="category"),
    path("guides/<slug:slug>/", guide_views.guide_detail, name="guide"),
    path("troubleshoot/<slug:slug>/", guide_views.troubleshooter, name="troubleshooter"),
    re_path(
        r"^troubleshoot/(?P<slug>[a-z0-9-]+)/(?P<path>[a-z0-9-]+(?:/[a-z0-9-]+)*)/$",
        guide_views.troubleshooter,
        name="troubleshooter-step",
    ),
    path("feedback/", faq_views.feedback, name="feedback"),
]
