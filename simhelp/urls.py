"""SimHelp URL configuration: the admin, the JSON API under /api/v1/."""

from django.contrib import admin
from django.urls import include, path
from django.views.generic import RedirectView

admin.site.site_header = "SimHelp"
admin.site.site_title = "SimHelp"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/v1/", include("simhelp.api_urls")),
    path("", RedirectView.as_view(url="/admin/", permanent=False)),
]


def handler404(request, exception=None):
    """JSON for the API, Django's page elsewhere."""
    if request.path.startswith("/api/"):
        from simhelp.api import api_not_found

        return api_not_found(request, exception)
    from django.views.defaults import page_not_found

    return page_not_found(request, exception)
