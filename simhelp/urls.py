"""SimHelp URL configuration: the help site per language, the admin, the JSON API."""

from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

from simhelp import views

admin.site.site_header = "SimHelp"
admin.site.site_title = "SimHelp"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/v1/", include("simhelp.api_urls")),
    path("healthz", views.health, name="health"),
    # /widget.js and /widget/frame/ are embedded in other sites: no language prefix.
    path("", include("widget.urls")),
    # "/" is redirected by LocaleMiddleware to the reader's language (Accept-Language).
    *i18n_patterns(path("", include("helpsite.urls"))),
]


def handler404(request, exception=None):
    """JSON for the API, Django's page elsewhere."""
    if request.path.startswith("/api/"):
        from simhelp.api import api_not_found

        return api_not_found(request, exception)
    from django.views.defaults import page_not_found

    return page_not_found(request, exception)
