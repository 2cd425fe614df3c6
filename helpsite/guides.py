"""Help-site pages for renewal guides and troubleshooters (one question per page, no script)."""

from django.http import Http404
from django.urls import reverse
from django.utils import translation

from guides.presentation import node_shown
from guides.selectors import troubleshooter_tree_spec, troubleshooters_with_trees
from guides.trees import WalkError, tree_resume, tree_start, tree_step
from helpsite.pages import cached_page
from helpsite.views import _context_from, item_page


@cached_page
def guide_detail(request, slug: str):
    return item_page(request, key=f"guide:{slug}", template="site/guide.html")


def _walk_url(slug: str, path, query: str) -> str:
    url = reverse("site:troubleshooter-step", kwargs={"slug": slug, "path": "/".join(path)})
    return url + (f"?{query}" if query else "")


@cached_page
def troubleshooter(request, slug: str, path: str = ""):
    language = translation.get_language()
    tree = troubleshooters_with_trees().published().filter(slug=slug).first()
    if tree is None:
        raise Http404
    spec = troubleshooter_tree_spec(troubleshooter=tree)
    context = _context_from(request).as_filters()
    keys = [key for key in path.split("/") if key]
    try:
        state = (
            tree_resume(tree=spec, path=keys, context=context)
            if keys
            else tree_start(tree=spec, context=context)
        )
    except WalkError:
        raise Http404 from None
    query = request.GET.copy()
    query.pop("voted", None)
    query_string = query.urlencode()
    node = node_shown(tree=tree, state=state, language=language)
    options = [
        {
            "label": option.label,
            "url": _walk_url(
                slug,
                tree_step(tree=spec, path=state.path, option=option.id, context=context).path,
                query_string,
            ),
        }
        for option in node.options
    ]
    steps = len(state.path)
    facts = {}
    if request.method == "GET" and "voted" not in request.GET:  # back from voting: not a step
        facts["walked"] = {
            "troubleshooter": slug,
            "path": list(state.path),
            "fresh": 1 if keys else steps,
            "started": not keys,
            "source": "site",
        }
    back = _walk_url(slug, state.path[:-1], query_string) if steps > 1 else None
    start_over = reverse("site:troubleshooter", kwargs={"slug": slug}) + (
        f"?{query_string}" if query_string else ""
    )
    return item_page(
        request,
        key=f"troubleshooter:{slug}",
        template="site/troubleshooter.html",
        extra={
            "node": {
                "key": node.key,
                "is_solution": node.is_solution,
                "text": node.text,
                "html": node.body_html,
            },
            "options": options,
            "step_number": steps,
            "back_url": back,
            "start_over_url": start_over,
            "node_fallback": node.fell_back,
            "at_start": steps == 1 and not keys,
        },
        facts=facts,
    )
