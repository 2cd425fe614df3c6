"""The content every API test reads, and throttles that start empty."""

import pytest
from django.core.cache import cache

from tests.builders import make_card_type, make_carrier, make_faq, make_guide, make_tree, tr


@pytest.fixture(autouse=True)
def _clean_throttles():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def content():
    mts = make_carrier("mts")
    data = make_card_type("data")
    faq = make_faq(
        slug="check-balance",
        **tr("question", "怎么查余额", "How do I check my balance", "Как проверить баланс"),
        **tr(
            "answer",
            "打开[App](faq:check-balance)查看。",
            "Open the app to see it.",
            "Откройте приложение.",
        ),
        **tr("keywords", "余额, 话费", "balance, credit", "баланс, остаток"),
    )
    faq.carriers.add(mts)
    guide = make_guide(
        slug="renew-mts",
        carrier=mts,
        card_type=data,
        **tr("title", "MTS续费", "Renew an MTS SIM", "Как пополнить счёт МТС"),
    )
    tree = make_tree(
        edges={"start": ["which", "fix"], "which": ["mts-fix", "general"]},
        solutions={"fix", "mts-fix", "general"},
        slug="login-failed",
        **tr("title", "登录失败", "I can't log in", "Не получается войти"),
    )
    from guides.models import Option

    Option.objects.filter(to_node__key="mts-fix").update(condition_carrier=mts)
    return {"faq": faq, "guide": guide, "tree": tree}
