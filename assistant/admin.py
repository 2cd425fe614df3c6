"""Admin for synonym groups and answer rules, with "try a question": what the assistant decides
for a question and a context, and why."""

from urllib.parse import urlencode

from django import forms
from django.conf import settings
from django.contrib import admin
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from modeltranslation.utils import build_localized_fieldname

from assistant.answers import ask
from assistant.index import index
from assistant.models import AnswerRule, SynonymGroup
from assistant.rules import Context, RuleMatch, explain_rules, rule_specs
from faq.admin import TranslatedHistoryAdmin
from faq.models import CardType, Carrier, Status
from search.normalize import MAX_QUERY_CHARS
from simhelp.content import listed_phrases
from simhelp.content_types import content_types


@admin.register(SynonymGroup)
class SynonymGroupAdmin(TranslatedHistoryAdmin):
    list_display = ["slug", "terms", "anchor"]
    list_filter = ["anchor"]
    search_fields = ["slug", "terms_zh_hans", "terms_en", "terms_ru"]


def _target_choices() -> list[tuple[str, list[tuple[str, str]]]]:

    groups = []
    for kind, content_type in content_types().items():
        model = content_type.get_model()
        items = [
            (
                f"{kind}:{item.slug}",
                f"{kind}:{item.slug} — {item}"
                + ("" if item.is_published else f" ({Status.DRAFT.label})"),
            )
            for item in model.objects.order_by("slug")
        ]
        groups.append((str(model._meta.verbose_name_plural), items))
    return groups


class AnswerRuleForm(forms.ModelForm):
    target = forms.ChoiceField(label=_("answer with"), choices=(), required=False)

    class Meta:
        model = AnswerRule
        fields = [
            "name",
            "priority",
            "active",
            "phrases",
            "language",
            "carrier",
            "card_type",
            "page_url",
            "outcome",
            "target",
            "target_node",
            "message",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["target"].choices = [("", "---------"), *_target_choices()]
        # A form that leaves the outcome out (a script, an older page) answers with an item.
        self.fields["outcome"].required = False

    def clean_outcome(self) -> str:
        return self.cleaned_data.get("outcome") or AnswerRule.ANSWER


class TryQueryForm(forms.Form):
    query = forms.CharField(
        label=_("Question"),
        max_length=MAX_QUERY_CHARS,
        widget=forms.TextInput(attrs={"class": "vTextField"}),
    )
    language = forms.ChoiceField(label=_("Language"), choices=())
    carrier = forms.ModelChoiceField(
        label=_("Carrier"), queryset=Carrier.objects.all(), required=False, to_field_name="slug"
    )
    card_type = forms.ModelChoiceField(
        label=_("Card type"),
        queryset=CardType.objects.all(),
        required=False,
        to_field_name="slug",
    )
    page_url = forms.CharField(
        label=_("Page URL"),
        max_length=300,
        required=False,
        widget=forms.URLInput(attrs={"class": "vURLField"}),
    )

    def __init__(self, *args, **kwargs):

        super().__init__(*args, **kwargs)
        self.fields["language"].choices = settings.LANGUAGES


def _condition(field, value: str) -> str:
    """A rule's condition as staff read it: "only for questions in: Русский"."""
    shown = dict(field.flatchoices).get(value, value) if field.choices else value
    return f"{field.verbose_name}: {shown}"


def _try_url(rule: AnswerRule) -> str:
    """The link to "Try a question" with a rule's first phrase, in its language, under its
    conditions (a page prefix as the page; a pattern cannot be one)."""
    query: dict[str, str] = {}
    for language, _name in settings.LANGUAGES:
        phrases = listed_phrases(getattr(rule, build_localized_fieldname("phrases", language)))
        if phrases:
            query = {"query": phrases[0], "language": rule.language or language}
            break
    if rule.carrier_id:
        query["carrier"] = rule.carrier.slug
    if rule.card_type_id:
        query["card_type"] = rule.card_type.slug
    if rule.page_url and not any(char in rule.page_url for char in "*?"):
        query["page_url"] = rule.page_url
    url = reverse("admin:assistant_answerrule_try")
    return f"{url}?{urlencode(query)}" if query else url


# What a question asks for, by the names search reads it as (search.text.questions).
_ASKED = {
    "why": _("a reason (why)"),
    "what": _("a definition (what is)"),
    "when": _("a time (when)"),
    "where": _("a place (where)"),
    "how": _("a way (how)"),
    "whether": _("yes or no (whether)"),
    "which": _("the ways or options (which)"),
    "avoid": _("how to keep it from happening"),
    "before": _("what to do first (before)"),
}


def _asked(names) -> list:
    return [_ASKED[name] for name in names if name in _ASKED]


def _rule_rows(matches: list[RuleMatch], drafts: list[RuleMatch], *, decided: str) -> list[dict]:
    """The rules whose phrases are in the question, as the "try a question" page lists them:
    the active ones in the order `ask` tries them, and the inactive drafts among them, each
    saying whether it would decide once switched on (it would come before the rule that
    decides now, or no rule decides now, and its conditions hold)."""
    deciding = next((match for match in matches if match.rule.name == decided), None)
    meta = AnswerRule._meta
    listed = [(match, False) for match in matches] + [(match, True) for match in drafts]
    rows = []
    for match, draft in sorted(listed, key=lambda pair: pair[0].rule.order):
        rule = match.rule
        rows.append(
            {
                "name": rule.name,
                "url": reverse("admin:assistant_answerrule_change", args=[rule.id]),
                "priority": rule.priority,
                "outcome": dict(AnswerRule.OUTCOMES)[rule.outcome],
                "target": rule.target,
                "phrases": match.phrases,
                "unmet": [
                    _condition(meta.get_field(name), getattr(rule, name)) for name in match.unmet
                ],
                "decided": match is deciding,
                "draft": draft,
                "would_decide": draft
                and not match.unmet
                and (deciding is None or rule.order < deciding.rule.order),
            }
        )
    return rows


@admin.register(AnswerRule)
class AnswerRuleAdmin(TranslatedHistoryAdmin):
    form = AnswerRuleForm
    list_display = [
        "name",
        "priority",
        "active",
        "outcome",
        "target",
        "language",
        "carrier",
        "card_type",
        "page_url",
    ]
    list_filter = ["active", "outcome", "language", "carrier", "card_type"]
    list_editable = ["priority", "active"]
    search_fields = ["name", "target", "phrases_zh_hans", "phrases_en", "phrases_ru", "page_url"]
    list_select_related = ["carrier", "card_type"]
    fieldsets = [
        (None, {"fields": ["name", "priority", "active"]}),
        (_("When the question contains"), {"fields": ["phrases"]}),
        (_("Only when"), {"fields": ["language", "carrier", "card_type", "page_url"]}),
        (_("Answer"), {"fields": ["outcome", "target", "target_node", "message"]}),
    ]
    change_list_template = "admin/assistant/answerrule/change_list.html"

    def change_view(self, request, object_id, form_url="", extra_context=None):
        """The rule's page links to "Try a question" with its first phrase and its conditions
        filled in, so staff check a rule in one click."""
        rule = self.get_object(request, unquote(object_id))
        extra = {"try_url": _try_url(rule)} if rule is not None else {}
        return super().change_view(request, object_id, form_url, {**extra, **(extra_context or {})})

    def get_urls(self):

        return [
            path(
                "try/", self.admin_site.admin_view(self.try_view), name="assistant_answerrule_try"
            ),
            *super().get_urls(),
        ]

    def try_view(self, request):
        """Staff type a question and a context and see what the assistant decides, and why."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        form = TryQueryForm(request.GET or None)
        decision, rules, reading = None, [], None
        if form.is_valid():
            data = form.cleaned_data
            asker = Context(
                carrier=data["carrier"].slug if data["carrier"] else "",
                card_type=data["card_type"].slug if data["card_type"] else "",
                page_url=data["page_url"],
            )
            snapshot = index.snapshot()
            decision = ask(
                data["query"], language=data["language"], context=asker, snapshot=snapshot
            )
            asked = {"query": data["query"], "language": data["language"], "context": asker}
            known = snapshot.known_words
            matches = explain_rules(rules=snapshot.rules, known=known, **asked)
            drafts = explain_rules(rules=rule_specs(active=False), known=known, **asked)
            rules = _rule_rows(matches, drafts, decided=decision.rule)
            reading = snapshot.backend.read_query(data["query"])
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": _("Try a question"),
            "form": form,
            "decision": decision,
            "rules": rules,
            "reading": reading,
            "asks": _asked(reading.asks) if reading else [],
            # Each hit with the kinds of question its title asks as the query does.
            "ranking": [
                (hit, _asked(hit.asks_same)) for hit in (decision.ranking if decision else ())
            ],
        }
        return TemplateResponse(request, "admin/assistant/answerrule/try.html", context)
