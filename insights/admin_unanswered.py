"""The unanswered-searches report's views, mixed into the search log's admin: the grouped report
and its actions (mark handled, out of scope, FAQ draft, add as keyword), each for one group or,
where it makes sense, for several selected at once."""

from urllib.parse import urlencode

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpResponseBadRequest, HttpResponseRedirect
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from assistant.models import SynonymGroup
from insights import reports as insights
from insights import unanswered
from insights.counters import counters_flush
from insights.models import HandledQuery

GROUPS_PER_PAGE = 25


def report_response(request, model_admin, template: str, *, title, **context) -> TemplateResponse:
    """A report page in the admin's frame (site header, breadcrumbs to the dashboard)."""
    return TemplateResponse(
        request,
        template,
        {
            **model_admin.admin_site.each_context(request),
            "opts": model_admin.model._meta,
            "title": title,
            **context,
        },
    )


class KeywordForm(forms.Form):
    """Where to add a group's query: the items search ranks for it first, then every item and
    synonym group."""

    group = forms.CharField(widget=forms.HiddenInput, required=False)
    next = forms.CharField(widget=forms.HiddenInput, required=False)
    target = forms.ChoiceField(label=_("Add to"), choices=())

    def __init__(self, *args, suggested: list[str] = (), **kwargs):
        super().__init__(*args, **kwargs)
        every = insights.keyword_target_choices()
        labels = {key: label for _group, items in every for key, label in items}
        best = [(key, labels[key]) for key in suggested if key in labels]
        self.fields["target"].choices = [
            ("", "---------"),
            *([(_("Ranked first by search for this query"), best)] if best else []),
            *every,
        ]
        if best and not self.is_bound:
            self.initial.setdefault("target", best[0][0])


def _back(request, value: str) -> str:
    if value and url_has_allowed_host_and_scheme(value, allowed_hosts={request.get_host()}):
        return value
    return reverse("admin:insights_unanswered")


def _members(request, data):
    """The posted (language, query) pairs, or a 400 response that says what is wrong."""
    try:
        return unanswered.members_from_post(data), None
    except unanswered.MembersError as error:
        return [], HttpResponseBadRequest(str(error))


class UnansweredAdminMixin:
    """The report and its actions; `_require` and `_require_view` come from the admin."""

    def unanswered_view(self, request):
        """Unanswered queries, near-identical ones grouped, most often unanswered first; for the
        groups of the page, what a reader is shown for them today."""
        self._require_view(request)
        counters_flush()
        days = insights.MONTH_DAYS if request.GET.get("days") == "30" else insights.WEEK_DAYS
        codes = dict(settings.LANGUAGES)
        language = request.GET.get("language", "")
        language = language if language in codes else ""
        groups = unanswered.unanswered_groups(language=language or None, days=days)
        page = Paginator(groups, GROUPS_PER_PAGE).get_page(request.GET.get("page"))
        return report_response(
            request,
            self,
            "admin/insights/unanswered.html",
            title=_("Unanswered searches"),
            page=page,
            groups=unanswered.with_shown(list(page.object_list)),
            days=days,
            language=language,
            languages=settings.LANGUAGES,
            language_names=codes,
            can_draft=request.user.has_perms(["faq.add_faq", "insights.add_handledquery"]),
            can_handle=request.user.has_perm("insights.add_handledquery"),
            can_scope=request.user.has_perms(
                ["assistant.add_answerrule", "insights.add_handledquery"]
            ),
        )

    @method_decorator(require_POST)
    def handled_view(self, request):
        """Hide the posted groups from the report (until they go unanswered again on a later
        day)."""
        self._require(request, "insights.add_handledquery")
        members, bad = _members(request, request.POST)
        if bad:
            return bad
        back = _back(request, request.POST.get("next", ""))
        if not members:
            self.message_user(request, _("Select at least one query."), messages.WARNING)
            return HttpResponseRedirect(back)
        for language, query in members:
            insights.query_mark_handled(
                query=query, language=language, how=HandledQuery.How.HANDLED
            )
        text = ngettext(
            "%(count)d query marked handled.", "%(count)d queries marked handled.", len(members)
        )
        self.message_user(request, text % {"count": len(members)}, messages.SUCCESS)
        return HttpResponseRedirect(back)

    @method_decorator(require_POST)
    def draft_view(self, request):
        """Open the FAQ add form with the query in its language's keywords; the question is
        left for staff to write (a raw query is rarely a good question)."""
        return self._open_add_form(
            request,
            permission="faq.add_faq",
            how=HandledQuery.How.DRAFT,
            initial=unanswered.faq_draft_initial,
            form="admin:faq_faq_add",
        )

    @method_decorator(require_POST)
    def scope_view(self, request):
        """Open one out-of-scope answer rule, inactive, with every posted query as a phrase."""
        return self._open_add_form(
            request,
            permission="assistant.add_answerrule",
            how=HandledQuery.How.SCOPE,
            initial=unanswered.scope_rule_initial,
            form="admin:assistant_answerrule_add",
        )

    def _open_add_form(self, request, *, permission: str, how: str, initial, form: str):
        """Mark the posted queries handled `how`, and open an add `form` filled from them."""
        self._require(request, permission, "insights.add_handledquery")
        members, bad = _members(request, request.POST)
        if bad:
            return bad
        if not members:
            self.message_user(request, _("Select at least one query."), messages.WARNING)
            return HttpResponseRedirect(_back(request, request.POST.get("next", "")))
        for language, query in members:
            insights.query_mark_handled(query=query, language=language, how=how)
        return redirect(reverse(form) + "?" + urlencode(initial(members)))

    def keyword_view(self, request):
        """Add a group's query to an item's keywords or a synonym group's terms, in its
        language; the item search ranks first for it is pre-selected."""
        self._require(request, "insights.add_handledquery")
        data = request.POST if request.method == "POST" else request.GET
        members, bad = _members(request, data)
        if bad:
            return bad
        if not members:
            return HttpResponseBadRequest(str(_("Which query? None was given.")))
        language, query = members[0]
        suggested = unanswered.suggested_targets(query, language=language)
        if request.method == "POST":
            posted = request.POST.copy()  # a form shown again keeps the whole group
            posted["group"] = unanswered.members_token(members)
            form = KeywordForm(posted, suggested=suggested)
        else:
            initial = {"group": unanswered.members_token(members), "next": data.get("next", "")}
            form = KeywordForm(initial=initial, suggested=suggested)
        if request.method == "POST" and form.is_valid():
            target = form.cleaned_data["target"]
            kind = target.partition(":")[0]
            model = SynonymGroup if kind == insights.SYNONYMS else insights.content_models()[kind]
            self._require(request, f"{model._meta.app_label}.change_{model._meta.model_name}")
            try:
                unanswered.group_add_as_keyword(members, target=target)
            except insights.KeywordTargetError as error:
                form.add_error("target", str(error))
            else:
                self.message_user(
                    request,
                    _("“%(query)s” added to %(target)s (%(language)s).")
                    % {"query": query, "target": target, "language": language},
                    messages.SUCCESS,
                )
                return HttpResponseRedirect(_back(request, form.cleaned_data["next"]))
        return report_response(
            request,
            self,
            "admin/insights/keyword.html",
            title=_("Add a query as a keyword or synonym"),
            form=form,
            query=query,
            language=language,
            others=members[1:],
        )
