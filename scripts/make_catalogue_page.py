"""Regenerate docs/catalogue.md from the registry: `python scripts/make_catalogue_page.py`."""

from pathlib import Path

import keras_activations as ka

PAGE = Path(__file__).resolve().parent.parent / "docs" / "catalogue.md"

if __name__ == "__main__":
    PAGE.write_text(ka.catalogue.catalogue_markdown(), encoding="utf-8")
    print(f"wrote {PAGE} ({len(ka.list_activations())} activations)")
