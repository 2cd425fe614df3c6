"""Query-parameter serializers copy their declared fields one level deep per request."""

import pytest

from assistant.api import SearchQuery


@pytest.fixture
def snapshot():
    from types import SimpleNamespace

    return SimpleNamespace(vocabulary={"carrier": frozenset({"mts"}), "card_type": frozenset()})


def test_each_request_validates_with_fields_of_its_own(snapshot):
    bad = SearchQuery(
        data={"q": "balance", "limit": "0", "carrier": "nope"}, context={"snapshot": snapshot}
    )
    good = SearchQuery(data={"q": "balance", "carrier": "mts"}, context={"snapshot": snapshot})
    assert not bad.is_valid()
    assert set(bad.errors) == {"limit", "carrier"}
    assert good.is_valid(), good.errors
    assert good.validated_data["limit"] == 10 and good.validated_data["carrier"] == "mts"
    for name, field in good.fields.items():
        assert field is not bad.fields[name] and field is not SearchQuery._declared_fields[name]
        assert field.parent is good and bad.fields[name].parent is bad
    # The declared fields stay unbound: no request leaves its state on them.
    assert all(getattr(f, "parent", None) is None for f in SearchQuery._declared_fields.values())


def test_the_type_choices_of_one_request_are_not_another_s(snapshot):
    first = SearchQuery(data={"q": "x"}, context={"snapshot": snapshot})
    first.fields["type"].choices = ["faq"]
    second = SearchQuery(data={"q": "x", "type": "guide"}, context={"snapshot": snapshot})
    assert second.is_valid(), second.errors
    assert second.validated_data["type"] == "guide"
