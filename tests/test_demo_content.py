"""The shipped catalogue: every required item, in three languages, sound and safe to show."""

import re

import pytest
from django.conf import settings
from modeltranslation.translator import translator

from assistant.answers import OUT_OF_SCOPE, ask
from assistant.models import SynonymGroup
from faq.models import CardType, Carrier, Category, Faq
from guides.models import Guide, GuideStep, Node, Option, Troubleshooter
from guides.selectors import troubleshooter_tree_spec, troubleshooters_with_trees
from guides.trees import tree_solutions, tree_validate
from simhelp.markdown import link_targets, markdown_to_html

pytestmark = pytest.mark.django_db

REQUIRED_FAQS = [
    "check-remaining-balance",
    "low-balance-alerts",
    "prepare-before-renewal",
    "renewal-methods-overview",
    "renew-from-abroad",
    "payment-methods-accepted",
    "foreign-card-declined",
    "bank-card-limit",
    "cannot-log-in",
    "reset-password",
    "keyboard-layout-login",
    "renewal-failed",
    "topup-not-credited",
    "how-long-topup-takes",
    "check-renewal-result",
    "keep-payment-records",
    "what-is-data-card",
    "what-is-roaming-card",
    "what-is-phone-card",
    "what-is-number-keeping-card",
    "why-keep-number-active",
    "number-recycled",
    "card-expired",
    "check-validity-period",
    "auto-renewal",
    "renewal-reminder",
    "choose-plan",
    "promotions",
    "passport-at-store",
    "store-opening-hours-queues",
    "esim-renewal",
    "app-language",
    "avoid-scams",
    "signal-coverage",
    "sim-serial-number",
    "data-ran-out-with-balance",
    "sim-registration-foreigners",
    "contact-carrier",
    "lost-or-stolen-sim",
    "voluntary-suspension",
    "cooling-period-after-roaming",
]
REQUIRED_GUIDES = [
    "renew-on-website",
    "renew-in-app",
    "renew-at-carrier-store",
    "renew-at-shop-or-terminal",
    "renew-with-third-party-payment",
    "renew-mts",
    "renew-megafon",
    "renew-beeline",
    "renew-tele2",
    "renew-data-card",
    "renew-roaming-card",
    "renew-phone-card",
    "renew-number-keeping-card",
]
REQUIRED_TROUBLESHOOTERS = ["login-failed", "payment-failed", "expired-card", "no-mobile-data"]
OFFICIAL_SITES = ("https://mts.ru", "https://megafon.ru", "https://beeline.ru", "https://t2.ru")
MODELS = [
    Category,
    Carrier,
    CardType,
    Faq,
    SynonymGroup,
    Guide,
    GuideStep,
    Troubleshooter,
    Node,
    Option,
]


def _fields(model):
    return translator.get_options_for_model(model).fields


def _all_texts(demo_content):
    for model in MODELS:
        for instance in model.objects.all():
            for name in _fields(model):
                for language in settings.MODELTRANSLATION_LANGUAGES:
                    field = f"{name}_{language.replace('-', '_')}"
                    yield (
                        f"{model._meta.model_name}:{instance.pk}:{field}",
                        getattr(instance, field) or "",
                    )


def test_every_required_item_exists_and_is_published(demo_content):
    for model, slugs in (
        (Faq, REQUIRED_FAQS),
        (Guide, REQUIRED_GUIDES),
        (Troubleshooter, REQUIRED_TROUBLESHOOTERS),
    ):
        published = set(model.objects.published().values_list("slug", flat=True))
        assert set(slugs) <= published, set(slugs) - published
    assert len(REQUIRED_FAQS) == 41 and len(REQUIRED_GUIDES) == 13


def test_every_translated_field_is_filled_in_every_language(demo_content):
    optional = {"body"}  # a question node may have no hint; every other text is required
    empty = [
        where
        for where, text in _all_texts(demo_content)
        if not text.strip()
        and where.split(":")[2].rsplit("_", 1)[0].removesuffix("_zh") not in optional
    ]
    assert empty == []


def test_the_languages_differ_so_none_was_left_untranslated(demo_content):
    same = []
    for model, names in (
        (Faq, ("question", "answer")),
        (Guide, ("title", "summary")),
        (Troubleshooter, ("title", "intro")),
    ):
        for item in model.objects.all():
            for name in names:
                values = [getattr(item, f"{name}_{lang}") for lang in ("zh_hans", "en", "ru")]
                if len(set(values)) < 3:
                    same.append(f"{item.slug}.{name}")
    assert same == []


def test_guides_have_three_to_eight_steps(demo_content):
    for guide in Guide.objects.all():
        assert 3 <= guide.steps.count() <= 8, guide.slug


def test_every_troubleshooter_is_sound_asks_three_questions_and_reaches_four_solutions(
    demo_content,
):
    for tree in troubleshooters_with_trees():
        spec = troubleshooter_tree_spec(troubleshooter=tree)
        assert tree_validate(tree=spec, languages=settings.MODELTRANSLATION_LANGUAGES) == []
        questions = [n for n in spec.nodes if n.kind == "question"]
        assert len(questions) >= 3, tree.slug
        assert len(tree_solutions(tree=spec)) >= 4, tree.slug


def test_every_answer_renders_and_every_internal_link_points_at_a_published_item(demo_content):
    published = {f"faq:{s}" for s in Faq.objects.published().values_list("slug", flat=True)}
    published |= {f"guide:{s}" for s in Guide.objects.published().values_list("slug", flat=True)}
    published |= {
        f"troubleshooter:{s}"
        for s in Troubleshooter.objects.published().values_list("slug", flat=True)
    }
    broken = []
    for where, text in _all_texts(demo_content):
        if not text:
            continue
        html = markdown_to_html(text, resolver=lambda key: f"/{key}/")
        assert "<script" not in html
        for target in link_targets(text):
            if target.startswith(("faq:", "guide:", "troubleshooter:")) and target not in published:
                broken.append(f"{where} → {target}")
    assert broken == []


def test_no_link_other_than_the_carriers_official_sites(demo_content):
    foreign = []
    for where, text in _all_texts(demo_content):
        for target in link_targets(text):
            if not target.startswith(("faq:", "guide:", "troubleshooter:", *OFFICIAL_SITES)):
                foreign.append(f"{where} → {target}")
        for url in re.findall(r"(?:https?://|www\.)[^\s)\]]+", text):
            if not url.startswith(OFFICIAL_SITES):
                foreign.append(f"{where} → {url}")
    for carrier in Carrier.objects.all():
        assert carrier.website in OFFICIAL_SITES
    assert foreign == []


def test_no_messenger_handles_anywhere(demo_content):
    handles = [
        (where, text)
        for where, text in _all_texts(demo_content)
        if re.search(r"t\.me|wa\.me|(?<![\w.])@[A-Za-z0-9_]{3,}", text)
    ]
    assert handles == []


def test_the_sim_serial_number_is_called_iccid_and_never_imei(demo_content):
    faq = Faq.objects.get(slug="sim-serial-number")
    for language in ("zh_hans", "en", "ru"):
        assert "ICCID" in getattr(faq, f"answer_{language}")


def test_synonyms_cover_the_vocabulary_table(demo_content):
    terms = " | ".join(
        f"{g.terms_zh_hans}, {g.terms_en}, {g.terms_ru}".casefold()
        for g in SynonymGroup.objects.all()
    )
    for word in [
        "续费",
        "充值",
        "流量卡",
        "远游卡",
        "电话卡",
        "保号卡",
        "登录",
        "登陆",
        "过期",
        "top up",
        "recharge",
        "data sim",
        "roaming sim",
        "log in",
        "expired",
        "пополнить",
        "продлить",
        "войти",
        "мтс",
        "мегафон",
        "билайн",
        "теле2",
        "beeline",
        "megafon",
        "tele2",
    ]:
        assert word in terms, word


@pytest.mark.parametrize(
    ("query", "language"),
    [
        ("忘记支付宝登录密码了怎么办", "zh-hans"),
        ("how do I get back into my wechat, forgot the password", "en"),
        ("信用卡被盗了要怎么挂失", "zh-hans"),
        ("I lost my bank card in the metro, how to block it", "en"),
        ("как продлить визу если она кончается через неделю", "ru"),
        ("пришёл штраф за парковку, где оплатить", "ru"),
        ("want to book a hotel in kazan but the site refuses", "en"),
        ("steam wallet top up from russia", "en"),
        ("посылка из китая не пришла", "ru"),
        ("中国联通的卡在俄罗斯怎么开通漫游", "zh-hans"),
        ("забыл пароль от сбербанк онлайн", "ru"),
        ("手机银行登不上去了怎么办", "zh-hans"),
        ("how do i pay for spotify in russia", "en"),
        ("爱奇艺会员在俄罗斯怎么续费", "zh-hans"),
        ("сломался экран телефона где починить", "ru"),
        ("how to change my wifi password", "en"),
        ("怎么换人民币卢布汇率", "zh-hans"),
        ("how to pay rent online in russia", "en"),
        ("оплата патента для иностранцев", "ru"),
        ("Мне надо продлить регистрацию по месту пребывания, куда идти", "ru"),
        ("lost my migration card", "en"),
        ("留学生落地后住宿登记怎么办", "zh-hans"),
    ],
)
def test_the_demo_scope_rules_decline_neighbouring_questions(demo_content, query, language):
    """Questions that share words with the catalogue but are about something else."""
    decision = ask(query, language=language)
    assert decision.source == OUT_OF_SCOPE and decision.answer is None
    assert decision.message


@pytest.mark.parametrize(
    ("query", "language"),
    [
        ("my visa card was refused when I topped up", "en"),
        ("用Visa卡给手机号充值失败", "zh-hans"),
        ("本地电话卡能打电话发短信吗", "zh-hans"),
        ("как подтвердить сим-карту через госуслуги", "ru"),
        ("how do I change the app to the English version", "en"),
        ("как оплатить российский номер китайской картой", "ru"),
        ("renew my russian mobile number from china", "en"),
        ("оплатил в приложении банка, а деньги на счёт не пришли", "ru"),
        ("用手机银行充话费怎么操作", "zh-hans"),
        ("something keeps charging my balance for a subscription", "en"),
        ("my data sim is in a pocket wifi router and has no internet", "en"),
        ("как перевести деньги на телефон", "ru"),
        ("转账给手机号充话费可以吗", "zh-hans"),
        ("do i need to register my sim card as a foreigner", "en"),
        ("手机号被停了说要实名登记", "zh-hans"),
    ],
)
def test_the_demo_scope_rules_keep_sim_questions_that_share_their_words(
    demo_content, query, language
):
    """A Visa card, a phone call, Gosuslugi or the registration of a foreigner's SIM, a
    Russian number paid from China or through a bank app, a subscription charged to the
    balance, a SIM in a Wi-Fi router or money "transferred" to a phone number are still SIM
    questions."""
    assert ask(query, language=language).source != OUT_OF_SCOPE
