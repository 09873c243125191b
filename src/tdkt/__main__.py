"""The `tdkt` command: Django's manage.py under a friendlier name.

`tdkt awards count`, `tdkt demo load`, `tdkt import ...` and the rest are Django management
commands, so they get settings, the database and translations like every other command.
"""

from __future__ import annotations

import os
import sys


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tdkt.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["tdkt", *(sys.argv[1:] if argv is None else argv)])


if __name__ == "__main__":
    main()
