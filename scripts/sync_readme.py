"""Rewrite the README's generated parts (the settings table) from the code."""

import re
from pathlib import Path

from index.settings import settings_table

readme = Path(__file__).resolve().parents[1] / "README.md"
text = readme.read_text(encoding="utf-8")
text = re.sub(
    r"(<!-- settings-table:start -->\n).*?(<!-- settings-table:end -->)",
    lambda m: m.group(1) + settings_table() + "\n" + m.group(2),
    text,
    flags=re.S,
)
readme.write_text(text, encoding="utf-8")
