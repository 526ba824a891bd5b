"""The ``csc`` command: serve, worker, demo, bench, import, export, backup, restore.

Each sub-command is a Django management command of ``csc.core``; anything else is passed to
Django's own manage commands (``csc migrate``, ``csc createsuperuser`` …).
"""

import os
import sys

ALIASES = {
    "serve": "serve",
    "worker": "run_huey",
    "demo": "demo",
    "bench": "bench",
    "import": "import_xlsx",
    "export": "export_xlsx",
    "backup": "backup",
    "restore": "restore",
    "setup": "setup",
}


def main(argv=None):
    argv = list(sys.argv if argv is None else argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "csc.settings")
    from django.core.management import execute_from_command_line

    if len(argv) < 2:
        print(__doc__.strip())
        print("\n  csc serve | worker | demo | bench | import | export | backup | restore | setup")
        return 0
    argv = [argv[0], ALIASES.get(argv[1], argv[1]), *argv[2:]]
    execute_from_command_line(argv)
    return 0


if __name__ == "__main__":
    sys.exit(main())
