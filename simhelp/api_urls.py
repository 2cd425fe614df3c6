"""URLs of the JSON API, version 1 (mounted at /api/v1/).

Every path ends with a slash. The paths of the first release without one (`search`, `ask`,
`feedback`) answer with a 308 to the slashed path, which keeps the method and the body, so
widgets and clients built against them go on working.
"""

from django.urls import path
from django.views.generic import RedirectView
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView

from assistant import api as assistant_api
from faq import api as faq_api
from guides import api as guides_api
from insights import api as insights_api

app_name = "api"


class PermanentRedirect(RedirectView):
    """308: unlike 301, a client repeats a POST with its body at the new address."""

    permanent = True
    query_string = True
    http_method_names = ["get", "head", "post", "options"]

    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        response.status_code = 308
        return response

    post = options = get


urlpatterns = [
    path("search/", assistant_api.SearchView.as_view(), name="search"),
    path("ask/", assistant_api.AskView.as_view(), name="ask"),
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
    path("feedback/", insights_api.FeedbackView.as_view(), name="feedback"),
    path("taps/", insights_api.TapView.as_view(), name="taps"),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", SpectacularSwaggerView.as_view(url_name="api:schema"), name="docs"),
    *[
        path(old, PermanentRedirect.as_view(pattern_name=f"api:{old}"))
        for old in ("search", "ask", "feedback")
    ],
]
