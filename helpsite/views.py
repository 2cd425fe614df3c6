"""Help-site pages served from the in-memory snapshot: home, search, FAQ, category, feedback.

The help site composes every app below it: content from the index, answers from the assistant,
votes and views counted by insights. Views parse input, call one of them, and render; they work
without JavaScript.
"""

from django.conf import settings
from django.db import DatabaseError
from django.http import Http404, HttpResponseRedirect, JsonResponse
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from assistant.answers import Decision, answer_for, ask, contact_hint, results
from assistant.index import index
from assistant.rules import Context
from guides.selectors import troubleshooter_path_to
from helpsite.limits import from_another_site, invalid, refused, wait_before_allowed
from helpsite.pages import cached_page
from helpsite.seo import item_seo, page_seo, website
from insights.api import FeedbackInput, feedback_record
from insights.popular import helpful_entries, troubleshooter_entries
from simhelp.api import ReadThrottle, WriteThrottle
from simhelp.content import Entry, item_url, pick_text
from simhelp.content_types import content_types
from simhelp.context_processors import LANGUAGE_NAMES
from simhelp.signals import searched


def _language() -> str:
    return translation.get_language()


def card(entry: Entry, language: str, **extra) -> dict:
    """What a list shows of an item: title, link and type."""
    return {
        "key": entry.key,
        "type": entry.type,
        "title": entry.pick(entry.title, entry.language_for(language)),
        "url": item_url(key=entry.key, language=language),
        **extra,
    }


def _context_from(request, snapshot=None) -> Context:
    vocabulary = (snapshot or index.snapshot()).vocabulary
    carrier = request.GET.get("carrier", "")
    card_type = request.GET.get("card_type", "")
    return Context(
        carrier=carrier if carrier in vocabulary.get("carrier", ()) else "",
        card_type=card_type if card_type in vocabulary.get("card_type", ()) else "",
    )


@cached_page
def home(request):
    language = _language()
    snapshot = index.snapshot()
    entries = snapshot.entries
    categories = [
        {
            "slug": slug,
            "name": pick_text(data["name"], language),
            "description": pick_text(data["description"], language),
        }
        for slug, data in snapshot.categories.items()
    ]
    return TemplateResponse(
        request,
        "site/home.html",
        {
            "categories": categories,
            "troubleshooters": [card(e, language) for e in troubleshooter_entries(entries=entries)],
            "helpful": [card(e, language) for e in helpful_entries(entries=entries)],
            "seo": page_seo(request, data=[website(request, language)]),
        },
    )


def search(request):
    language = _language()
    query = request.GET.get("q", "")[: settings.SIMHELP_SEARCH_MAX_QUERY_LENGTH]
    snapshot = index.snapshot()
    context = _context_from(request, snapshot)
    decision = None
    groups = []
    best_url = ""
    if query.strip():
        wait = wait_before_allowed(request, throttle_class=ReadThrottle)
        if wait is not None:
            return refused(request, wait=wait)
        decision = ask(query, language=language, context=context, limit=10, snapshot=snapshot)
        searched.send(
            sender=search,
            query=query,
            language=language,
            source="site",
            answered_by=decision.source,
            best_score=decision.ranking[0].score if decision.ranking else None,
        )
        by_type: dict[str, list] = {}
        # The best answer is shown above the list: listing it again would repeat it.
        best = decision.answer.key if decision.answer else None
        for result in results(hits=decision.ranking, language=language, snapshot=snapshot):
            if result.confident and result.key != best:
                by_type.setdefault(result.type, []).append(result)
        groups = [
            {"type": kind, "label": content_type.label_plural, "items": by_type[kind]}
            for kind, content_type in content_types().items()
            if kind in by_type
        ]
        best_url = _best_url(decision, context)
    troubleshooters = troubleshooter_entries(entries=snapshot.entries)
    filters = {
        name: [
            {"slug": slug, "name": pick_text(names, language) or slug}
            for slug, names in known.items()
        ]
        for name, known in snapshot.labels.items()
    }
    return TemplateResponse(
        request,
        "site/search.html",
        {
            "query": query,
            "decision": decision,
            "best_url": best_url,
            "groups": groups,
            "confident": bool(decision and decision.confident),
            "troubleshooters": [card(e, language) for e in troubleshooters],
            "contact_hint": contact_hint(language=language),
            "carriers": filters.get("carrier", []),
            "card_types": filters.get("card_type", []),
            "carrier": context.carrier,
            "card_type": context.card_type,
            "seo": page_seo(request, title=_("Search"), trail=[(_("Search"), request.path)]),
        },
    )


def _best_url(decision: Decision, context: Context) -> str:
    """Where the best answer links: its page, or for a rule that starts a troubleshooter at a
    node, that node at the end of the walk that reaches it (as the widget opens it there).

    The walk is read from the database; while it is down, the answer links to the tree's start
    (the rest of the page is served from memory)."""
    answer = decision.answer
    if answer is None:
        return ""
    if decision.start_node and answer.type == "troubleshooter":
        try:
            path = troubleshooter_path_to(
                slug=answer.slug, key=decision.start_node, context=context.as_filters()
            )
        except DatabaseError:
            path = ()
        if len(path) > 1:
            return reverse(
                "site:troubleshooter-step", kwargs={"slug": answer.slug, "path": "/".join(path)}
            )
    return answer.url


def _related(entry: Entry, language: str, *, limit: int = 5) -> list[dict]:
    entries = index.snapshot().entries.values()
    same = [e for e in entries if e.category == entry.category and e.key != entry.key]
    same.sort(key=lambda e: (e.type != entry.type, e.order, e.slug))
    return [card(e, language) for e in same[:limit]]


# The catalogue's answer on reaching a carrier's support: what "not helpful" points to.
CONTACT_ITEM = "faq:contact-carrier"


def not_helpful_help(entry: Entry, language: str, *, limit: int = 3) -> dict:
    """What a reader who found `entry` unhelpful is offered: troubleshooters (its topic's
    first), the catalogue's "contact your carrier" answer, and how to reach a person."""
    entries = index.snapshot().entries
    trees = sorted(
        (e for e in entries.values() if e.type == "troubleshooter" and e.key != entry.key),
        key=lambda e: (e.category != entry.category, e.order, e.slug),
    )
    contact = entries.get(CONTACT_ITEM)
    return {
        "troubleshooters": [card(e, language) for e in trees[:limit]],
        "contact": card(contact, language) if contact and contact.key != entry.key else None,
        "contact_hint": contact_hint(language=language),
    }


def item_page(
    request, *, key: str, template: str, extra: dict | None = None, facts: dict | None = None
):
    """An item's page; what serving it records (its view, and any `facts` the caller adds)
    goes with it as `page_facts` for `helpsite.pages.cached_page` to record."""
    facts = facts or {}
    language = _language()
    answer = answer_for(key, language=language)
    if answer is None:
        raise Http404
    entry = index.snapshot().entries[key]
    category = index.snapshot().categories.get(entry.category, {})
    query = request.GET.copy()
    query.pop("voted", None)  # where a vote leads back to: the page as it was before voting
    crumb = (
        {"slug": entry.category, "name": pick_text(category.get("name", {}), language)}
        if category
        else None
    )
    description = answer.text[:155]
    response = TemplateResponse(
        request,
        template,
        {
            "answer": answer,
            "entry": entry,
            "category": crumb,
            "related": _related(entry, language),
            "description": description,
            "seo": item_seo(
                request, entry=entry, answer=answer, category=crumb, description=description
            ),
            "voted": request.GET.get("voted"),
            "not_helpful": not_helpful_help(entry, language),
            "shown_language_name": LANGUAGE_NAMES.get(answer.language, answer.language),
            "feedback_next": request.path + (f"?{query.urlencode()}" if query else ""),
            **(extra or {}),
        },
    )
    response.page_facts = {"viewed": {"key": key, "node": (extra or {}).get("node")}, **facts}
    return response


@cached_page
def faq_detail(request, slug: str):
    return item_page(request, key=f"faq:{slug}", template="site/faq.html")


@cached_page
def category(request, slug: str):
    language = _language()
    snapshot = index.snapshot()
    data = snapshot.categories.get(slug)
    if data is None:
        raise Http404
    items = sorted(
        (e for e in snapshot.entries.values() if e.category == slug),
        key=lambda e: (e.order, e.slug),
    )
    groups = []
    name, description = pick_text(data["name"], language), pick_text(data["description"], language)
    # Troubleshooters first: on a topic's page, a reader with a problem is walked to its cause.
    for kind, content_type in sorted(
        content_types().items(), key=lambda pair: pair[0] != "troubleshooter"
    ):
        cards = [card(e, language) for e in items if e.type == kind]
        if cards:
            groups.append({"type": kind, "label": content_type.label_plural, "items": cards})
    return TemplateResponse(
        request,
        "site/category.html",
        {
            "category": {"slug": slug, "name": name, "description": description},
            "groups": groups,
            "seo": page_seo(
                request, title=name, description=description, trail=[(name, request.path)]
            ),
        },
    )


def _vote_input(post, *, language: str) -> dict:
    """The form's fields as the API's JSON vote: "yes"/"no" become true/false, nothing else."""
    data = {key: post[key] for key in ("target", "node", "comment") if key in post}
    helpful = post.get("helpful")
    data["helpful"] = {"yes": True, "no": False}.get(helpful, helpful)
    return {**data, "lang": language, "source": "site"}


@csrf_exempt  # no token in the form, so pages stay cacheable; see `from_another_site`
@require_POST
def feedback(request):
    """A "was this helpful?" vote from a page; JSON for scripts, a redirect back otherwise.

    Under the API's write limit per client, and checked by the API's own input rules
    (`FeedbackInput`), so a form post can store nothing the API would refuse. A post that a
    browser says comes from another site's page is refused (403).
    """
    language = _language()
    wants_json = "application/json" in request.headers.get("Accept", "")
    if from_another_site(request):
        fields = {"origin": [_("Votes are taken from this site's own pages only.")]}
        return invalid(request, fields=fields, wants_json=wants_json, status=403, code="forbidden")
    wait = wait_before_allowed(request, throttle_class=WriteThrottle)
    if wait is not None:
        return refused(request, wait=wait, wants_json=wants_json)
    vote = FeedbackInput(data=_vote_input(request.POST, language=language))
    if not vote.is_valid():
        fields = {name: [str(m) for m in messages] for name, messages in vote.errors.items()}
        return invalid(request, fields=fields, wants_json=wants_json)
    data = vote.validated_data
    feedback_record(request=request, data=data, language=language)
    if wants_json:
        return JsonResponse({"recorded": True, "message": _("Thank you for your feedback!")})
    target = data["target"]
    back = request.POST.get("next", "")
    if "\x00" in back or not url_has_allowed_host_and_scheme(
        back, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        back = item_url(key=target, language=language) or "/"
    separator = "&" if "?" in back else "?"
    # A "no" is answered with what else may help and a comment box; a comment, with thanks.
    voted = "yes" if data["helpful"] else "commented" if data.get("comment") else "no"
    return HttpResponseRedirect(f"{back}{separator}voted={voted}#feedback")
