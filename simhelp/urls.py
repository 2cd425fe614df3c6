"""SimHelp URL configuration: the help site per language, the admin, the JSON API."""

from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.http import HttpResponsePermanentRedirect
from django.urls import include, path, re_path
from django.views.generic import RedirectView

from helpsite import crawlers
from simhelp import preview, views

admin.site.site_header = "SimHelp"
admin.site.site_title = "SimHelp"

# Where staff bookmarks from the first layout lead now: these admin pages moved with their
# models (assistant, insights); the dashboard is the insights app's page.
MOVED_ADMIN = {
    "answerrule": "assistant",
    "synonymgroup": "assistant",
    "feedback": "insights",
    "searchlog": "insights",
    "pageview": "insights",
    "handledquery": "insights",
}


def moved_admin_page(request, model: str, rest: str):
    query = request.META.get("QUERY_STRING", "")
    target = f"/admin/{MOVED_ADMIN[model]}/{model}/{rest}" + (f"?{query}" if query else "")
    return HttpResponsePermanentRedirect(target)


urlpatterns = [
    path(
        "admin/insights/",
        RedirectView.as_view(pattern_name="admin:insights_dashboard"),
        name="insights-home",
    ),
    re_path(
        r"^admin/faq/(?P<model>{})/(?P<rest>.*)$".format("|".join(MOVED_ADMIN)),
        moved_admin_page,
    ),
    path(
        "admin/preview/markdown/",
        admin.site.admin_view(preview.markdown_preview_view),
        name="markdown-preview",
    ),
    path("admin/", admin.site.urls),
    path("api/v1/", include("simhelp.api_urls")),
    path("healthz", views.health, name="health"),
    # For crawlers, outside the language prefix: the sitemap lists every language's pages.
    path("robots.txt", crawlers.robots_txt, name="robots"),
    path("sitemap.xml", crawlers.sitemap, name="sitemap"),
    path("sitemap-<slug:section>.xml", crawlers.sitemap_section, name="sitemap-section"),
    path("media/<path:name>", views.media, name="media"),
    *(path(name, views.icon, {"name": name}, name=name) for name in views.ICONS),
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
