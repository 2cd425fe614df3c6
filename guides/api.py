"""JSON API for renewal guides and troubleshooters, including walking a tree node by node."""

from django.http import Http404
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import exceptions, serializers

from faq.api import (
    LANG_PARAM,
    ContextQuery,
    ExactRegexField,
    ListQuery,
    QueryIntegerField,
    page_of,
    paginated,
    parse,
)
from guides.models import Guide, Troubleshooter
from guides.presentation import node_shown
from guides.selectors import (
    guides_with_steps,
    troubleshooter_tree_spec,
    troubleshooters_with_trees,
)
from guides.trees import WalkError, tree_path, tree_resume, tree_start, tree_step
from simhelp import signals
from simhelp.api import ContentAPIView, PictureSerializer, read_responses, request_source
from simhelp.content import Links, Translated, item_url


class StepSerializer(serializers.Serializer):
    number = serializers.IntegerField()
    title = serializers.CharField()
    body_html = serializers.CharField()
    image = PictureSerializer(allow_null=True)


class GuideSummarySerializer(serializers.Serializer):
    type = serializers.CharField()
    slug = serializers.SlugField()
    category = serializers.SlugField()
    title = serializers.CharField()
    carrier = serializers.SlugField(allow_null=True)
    card_type = serializers.SlugField(allow_null=True)
    channel = serializers.CharField(allow_blank=True)
    url = serializers.CharField()
    fallback = serializers.DictField(child=serializers.CharField())


class GuideDetailSerializer(GuideSummarySerializer):
    summary_html = serializers.CharField()
    steps = StepSerializer(many=True)
    language = serializers.CharField()


def guide_data(guide: Guide, language: str, *, detail: bool) -> dict:
    text = Translated(guide, language)
    data = {
        "type": "guide",
        "slug": guide.slug,
        "category": guide.category.slug,
        "title": text("title"),
        "carrier": guide.carrier.slug if guide.carrier_id else None,
        "card_type": guide.card_type.slug if guide.card_type_id else None,
        "channel": guide.channel,
        "url": item_url(key=f"guide:{guide.slug}", language=language),
    }
    fallbacks = text.fallbacks
    if detail:
        summary = text("summary")
        steps = []
        for number, step in enumerate(guide.steps.all(), start=1):
            step_text = Translated(step, language)
            image = step.image.key if step.image_id else None
            steps.append((number, step_text("title"), step_text("body"), image))
            for name, used in step_text.fallbacks.items():
                fallbacks[f"steps.{number}.{name}"] = used
        links = Links(
            language=language,
            texts=[summary, *(step[2] for step in steps)],
            image_keys=[step[3] for step in steps if step[3]],
        )
        data["summary_html"] = links.html(summary)
        data["steps"] = [
            {
                "number": number,
                "title": title,
                "body_html": links.html(body),
                "image": links.images[image].data(language) if image in links.images else None,
            }
            for number, title, body, image in steps
        ]
        data["language"] = language
    data["fallback"] = fallbacks
    return data


def guide_queryset(params: dict):
    guides = guides_with_steps().published()
    if params.get("category"):
        guides = guides.filter(category__slug=params["category"])
    if params.get("carrier"):
        guides = guides.filter(carrier__slug=params["carrier"])
    if params.get("card_type"):
        guides = guides.filter(card_type__slug=params["card_type"])
    return guides.order_by("category__order", "order", "slug")


@extend_schema_view(
    get=extend_schema(
        operation_id="guides_list",
        summary="Published renewal guides",
        parameters=[ListQuery, LANG_PARAM],
        responses=read_responses(paginated(GuideSummarySerializer, "PaginatedGuideList")),
    )
)
class GuideListView(ContentAPIView):
    def read(self, request):
        params = parse(ListQuery, request)
        guides = list(
            guide_queryset(params)
            .prefetch_related(None)
            .select_related("category", "carrier", "card_type")
        )
        return page_of(
            self, request, guides, lambda guide: guide_data(guide, self.language, detail=False)
        )


@extend_schema_view(
    get=extend_schema(
        operation_id="guide_retrieve",
        summary="One published guide with its steps",
        parameters=[LANG_PARAM],
        responses=read_responses(GuideDetailSerializer),
    )
)
class GuideDetailView(ContentAPIView):
    def read(self, request, slug: str):
        guide = get_object_or_404(guide_queryset({}), slug=slug)
        return guide_data(guide, self.language, detail=True)


# --- troubleshooters -------------------------------------------------------------------------


class OptionSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    label = serializers.CharField()
    to = serializers.CharField(help_text="Key of the node this option leads to.")
    condition = serializers.DictField(child=serializers.CharField())


class NodeSerializer(serializers.Serializer):
    key = serializers.CharField()
    kind = serializers.ChoiceField(choices=["question", "solution"])
    text = serializers.CharField()
    body_html = serializers.CharField()
    options = OptionSerializer(many=True)
    path = serializers.ListField(
        child=serializers.CharField(), help_text="Node keys from the first question to this node."
    )
    auto = serializers.ListField(
        child=serializers.IntegerField(),
        help_text="Options chosen for the reader from the context.",
    )


class TroubleshooterSummarySerializer(serializers.Serializer):
    type = serializers.CharField()
    slug = serializers.SlugField()
    category = serializers.SlugField()
    title = serializers.CharField()
    url = serializers.CharField()
    fallback = serializers.DictField(child=serializers.CharField())


class TroubleshooterDetailSerializer(TroubleshooterSummarySerializer):
    intro_html = serializers.CharField()
    start = NodeSerializer()
    language = serializers.CharField()


class NodeResponseSerializer(serializers.Serializer):
    node = NodeSerializer()
    next = NodeSerializer(allow_null=True, help_text="Where the chosen option leads.")
    language = serializers.CharField()


def node_data(tree: Troubleshooter, state, language: str, *, links: Links | None = None) -> dict:
    """A node of `tree` as the API shows it (`links`: the response's, when it renders more)."""
    node = node_shown(tree=tree, state=state, language=language, links=links)
    return {
        "key": node.key,
        "kind": node.kind,
        "text": node.text,
        "body_html": node.body_html,
        "options": [
            {"id": option.id, "label": option.label, "to": option.to, "condition": option.condition}
            for option in node.options
        ],
        "path": list(state.path),
        "auto": [option.id for option in state.auto],
    }


def troubleshooter_data(tree: Troubleshooter, language: str, *, context=None, detail: bool) -> dict:
    text = Translated(tree, language)
    data = {
        "type": "troubleshooter",
        "slug": tree.slug,
        "category": tree.category.slug,
        "title": text("title"),
        "url": item_url(key=f"troubleshooter:{tree.slug}", language=language),
    }
    if detail:
        intro = text("intro")
        spec = troubleshooter_tree_spec(troubleshooter=tree)
        start = tree_start(tree=spec, context=context)
        start_node = next(node for node in tree.nodes.all() if node.key == start.node)
        start_body = Translated(start_node, language)("body")
        links = Links(language=language, texts=[intro, start_body])
        data["intro_html"] = links.html(intro)
        data["start"] = node_data(tree, start, language, links=links)
        data["language"] = language
    data["fallback"] = text.fallbacks
    return data


def _walked(request, slug: str, path, *, fresh: int, started: bool = False) -> None:
    """Announce the nodes a GET showed (`signals.walked`); counting happens after the response."""
    if request.method == "GET":
        signals.walked.send(
            sender=TroubleshooterDetailView,
            troubleshooter=slug,
            path=tuple(path),
            fresh=fresh,
            started=started,
            source=request_source(request),
        )


def published_tree(slug: str) -> Troubleshooter:
    return get_object_or_404(troubleshooters_with_trees().published(), slug=slug)


@extend_schema_view(
    get=extend_schema(
        operation_id="troubleshooters_list",
        summary="Published troubleshooters",
        parameters=[ListQuery, LANG_PARAM],
        responses=read_responses(
            paginated(TroubleshooterSummarySerializer, "PaginatedTroubleshooterList")
        ),
    )
)
class TroubleshooterListView(ContentAPIView):
    def read(self, request):
        params = parse(ListQuery, request)
        trees = Troubleshooter.objects.published().select_related("category")
        if params.get("category"):
            trees = trees.filter(category__slug=params["category"])
        trees = list(trees.order_by("category__order", "order", "slug"))
        return page_of(
            self,
            request,
            trees,
            lambda tree: troubleshooter_data(tree, self.language, detail=False),
        )


@extend_schema_view(
    get=extend_schema(
        operation_id="troubleshooter_retrieve",
        summary="One troubleshooter and its first question (context may answer questions)",
        parameters=[ContextQuery, LANG_PARAM],
        responses=read_responses(TroubleshooterDetailSerializer),
    )
)
class TroubleshooterDetailView(ContentAPIView):
    def read(self, request, slug: str):
        context = parse(ContextQuery, request)
        tree = published_tree(slug)
        data = troubleshooter_data(tree, self.language, context=context, detail=True)
        path = data["start"]["path"]
        _walked(request, slug, path, fresh=len(path), started=True)
        return data


class NodeQuery(ContextQuery):
    path = ExactRegexField(
        r"^[a-z0-9,-]+$",
        required=False,
        allow_blank=True,
        max_length=1000,
        help_text="Comma-separated node keys walked so far, ending at this node.",
    )
    option = QueryIntegerField(
        required=False, min_value=1, help_text="The option chosen at this node."
    )
    lang = serializers.CharField(required=False)


@extend_schema_view(
    get=extend_schema(
        summary="A troubleshooter node, its options, and the next node for a chosen option",
        parameters=[
            NodeQuery,
            LANG_PARAM,
            OpenApiParameter("key", str, OpenApiParameter.PATH, description="Node key"),
        ],
        responses=read_responses(NodeResponseSerializer),
    )
)
class NodeView(ContentAPIView):
    def read(self, request, slug: str, key: str):
        params = parse(NodeQuery, request)
        tree = published_tree(slug)
        spec = troubleshooter_tree_spec(troubleshooter=tree)
        if key not in {node.key for node in spec.nodes}:
            raise Http404
        context = {k: params[k] for k in ("carrier", "card_type") if params.get(k)}
        # A client that kept no walk gets the shortest one (whatever the context: a node it
        # was sent to, say by a rule, opens even behind an option for another carrier).
        path = [p for p in params.get("path", "").split(",") if p] or list(
            tree_path(tree=spec, key=key)
        )
        if not path:
            raise Http404
        if path[-1] != key:
            raise exceptions.NotFound("The path must end at this node.")
        try:
            here = tree_resume(tree=spec, path=path, context=context)
            following = None
            if params.get("option"):
                following = tree_step(
                    tree=spec, path=path, option=params["option"], context=context
                )
        except WalkError as error:
            # The walk the URL names (this path, this option) does not exist.
            raise exceptions.NotFound(str(error)) from None
        if following:  # the answer to a chosen option: the nodes it led to are the new ones
            _walked(request, slug, following.path, fresh=len(following.path) - len(here.path))
        else:
            _walked(request, slug, here.path, fresh=1)
        return {
            "node": node_data(tree, here, self.language),
            "next": node_data(tree, following, self.language) if following else None,
            "language": self.language,
        }
