"""The catalogue page in docs/ is generated from the registry and must be current."""

from pathlib import Path

import keras_activations as ka

PAGE = Path(__file__).resolve().parent.parent / "docs" / "catalogue.md"


def test_catalogue_page_is_up_to_date():
    assert PAGE.exists(), "docs/catalogue.md is missing: run python scripts/make_catalogue_page.py"
    assert PAGE.read_text(encoding="utf-8") == ka.catalogue.catalogue_markdown(), (
        "docs/catalogue.md is out of date: run python scripts/make_catalogue_page.py"
    )


def test_catalogue_page_lists_every_activation_and_alias():
    text = PAGE.read_text(encoding="utf-8")
    for spec in ka.catalogue._registry.all_specs():
        assert f"| {spec.name} |" in text, spec.name
        for alias in spec.aliases:
            assert alias in text, alias


def test_catalogue_has_at_least_120_activations():
    assert len(ka.list_activations()) >= 120
