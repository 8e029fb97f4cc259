"""``providers/kit/listcost.py``: a root listing page's cost in upstream pages."""

from __future__ import annotations

from providers.kit.listcost import upstream_pages


def test_pages_over_the_nodes_or_a_relationship_of_them() -> None:
    nodes = [{"applications": [1, 2]}, {"applications": None}, {"applications": [3]}]
    assert upstream_pages(2)(nodes) == (2, 2)
    assert upstream_pages(2, of="applications")(nodes) == (2, 2)
    assert upstream_pages(100, of="applications", requests_per_page=2)(nodes) == (2, 2)
    assert upstream_pages(1, of="applications", requests_per_page=2)(nodes) == (6, 6)
    assert upstream_pages(100)([]) == (1, 1)  # an empty page is still one read


def test_numbered_pages_are_one_round() -> None:
    nodes = [{"id": n} for n in range(61)]
    assert upstream_pages(30, numbered=True)(nodes) == (3, 1)
    assert upstream_pages(30, numbered=True)([]) == (1, 1)
