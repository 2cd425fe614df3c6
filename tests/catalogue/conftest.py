"""The content the catalogue tests export and import."""

import pytest

from faq.models import Status
from guides.models import Option, Troubleshooter
from tests.builders import (
    make_card_type,
    make_carrier,
    make_category,
    make_faq,
    make_guide,
    make_rule,
    make_synonym_group,
    make_tree,
    same,
    tr,
)


@pytest.fixture
def content():
    """A little of every type: published items, drafts with gaps, a conditional option, rules."""
    mts = make_carrier("mts", website="https://mts.ru")
    data = make_card_type("data")
    payment = make_category(slug="payment", order=20)
    make_category(slug="unused", order=30)
    declined = make_faq(
        slug="card-declined",
        category=payment,
        **tr("question", "银行卡被拒怎么办？", "Card declined?", "Карту отклонили?"),
    )
    declined.carriers.set([mts])
    declined.card_types.set([data])
    make_faq(slug="draft-faq", category=payment, status=Status.DRAFT, question_en="", answer_ru="")
    make_guide(slug="renew-mts", category=payment, carrier=mts, channel="app")
    make_guide(slug="draft-guide", category=payment, status=Status.DRAFT, steps=0)
    make_tree(
        slug="pay-failed",
        category=payment,
        edges={"start": ["fix", "mts-fix"]},
        solutions={"fix", "mts-fix"},
    )
    Option.objects.filter(to_node__key="mts-fix").update(condition_carrier=mts)
    # A draft may still have a question leading nowhere, and a tree may not be started yet.
    make_tree(
        slug="draft-tree",
        category=payment,
        status=Status.DRAFT,
        edges={"start": ["a"]},
        solutions=set(),
    )
    Troubleshooter.objects.create(
        slug="empty-draft", category=payment, status=Status.DRAFT, **same("title", "Empty")
    )
    make_synonym_group(slug="renew")
    make_rule(
        name="Declined card",
        priority=5,
        target="faq:card-declined",
        carrier=mts,
        language="ru",
        **same("message", "Read this"),
    )
    make_rule(
        name="Payment page",
        target="troubleshooter:pay-failed",
        target_node="fix",
        page_url="https://shop.example/pay/*",
        **same("phrases", ""),
    )
