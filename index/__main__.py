"""`python -m index settings`: print the configuration table the README carries."""

import sys

from .settings import settings_table

if __name__ == "__main__":
    if sys.argv[1:] != ["settings"]:
        sys.exit("usage: python -m index settings   (prints the settings table as Markdown)")
    print(settings_table())
