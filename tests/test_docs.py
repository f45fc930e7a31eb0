"""The README's settings table is the one the code generates."""

from __future__ import annotations

import re

from index.settings import settings_table

from .conftest import ROOT


def test_readme_settings_table_is_generated_from_settings():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = re.search(r"<!-- settings-table:start -->\n(.*?)\n<!-- settings-table:end -->", readme, re.S)
    assert block, "README lacks the settings-table markers"
    assert block.group(1).strip() == settings_table().strip(), "run: python scripts/sync_readme.py"
