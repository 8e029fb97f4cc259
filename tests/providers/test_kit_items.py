"""``kit.items.keyed_items``: a list of objects at a path, read into value models key by key and
rendered back key by key after the item's template."""

from __future__ import annotations

from providers import records as rec
from providers.kit.items import keyed_items
from providers.kit.mapping import At, RecordMap

PHONES = RecordMap(
    rec.CandidateRecord,
    {
        "id": At("id"),
        "phones": keyed_items(
            "contact.phones", rec.PhoneNumber, {"number": "value", "type": "kind"}, {"id": None}
        ),
    },
)


def test_reads_each_item_into_the_value_model() -> None:
    payload = {"id": "c1", "contact": {"phones": [{"value": "+1 555", "kind": "mobile"}, {"value": "42"}]}}
    record = PHONES.read(payload)
    assert record.phones == (rec.PhoneNumber(number="+1 555", type="mobile"), rec.PhoneNumber(number="42"))


def test_an_absent_list_is_empty() -> None:
    assert PHONES.read({"id": "c1"}).phones == ()


def test_renders_the_template_then_each_key() -> None:
    record = rec.CandidateRecord(id="c1", phones=(rec.PhoneNumber(number="42", type="work"),))
    rendered = PHONES.render(record)
    assert rendered == {"id": "c1", "contact": {"phones": [{"id": None, "value": "42", "kind": "work"}]}}
    assert list(rendered["contact"]["phones"][0]) == ["id", "value", "kind"]
    assert PHONES.render(rec.CandidateRecord(id="c2"))["contact"] == {"phones": []}
