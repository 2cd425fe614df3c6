"""URLs of the JSON API, version 1 (mounted at /api/v1/)."""

from django.urls import path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView

from faq import api as faq_api
from guides import api as guides_api

app_name = "api"

urlpatterns = [
    path("search", faq_api.SearchView.as_view(), name="search"),
    path("ask", faq_api.AskView.as_view(), name="ask"),
    path("categories/", faq_api.CategoryListView.as_view(), name="categories"),
    path("faqs/", faq_api.FaqListView.as_view(), name="faqs"),
    path("faqs/<slug:slug>/", faq_api.FaqDetailView.as_view(), name="faq"),
    path("guides/", guides_api.GuideListView.as_view(), name="guides"),
    path("guides/<slug:slug>/", guides_api.GuideDetailView.as_view(), name="guide"),
    path("troubleshooters/", guides_api.TroubleshooterListView.as_view(), name="troubleshooters"),
    path(
        "troubleshooters/<slug:slug>/",
        guides_api.TroubleshooterDetailView.as_view(),
        name="troubleshooter",
    ),
    path(
        "troubleshooters/<slug:slug>/nodes/<slug:key>/",
        guides_api.NodeView.as_view(),
        name="node",
    ),
    path("feedback/", faq_api.FeedbackView.as_view(), name="feedback"),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", SpectacularSwaggerView.as_view(url_name="api:schema"), name="docs"),
]
