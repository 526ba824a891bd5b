"""The ``csc`` command: serve, worker, demo, bench, load, import, export, backup, restore.

Each sub-command is a Django management command of ``csc.core``; anything else is passed to
Django's own manage commands (``csc migrate``, ``csc createsuperuser`` …).
"""

import os
import sys
from pathlib import Path

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
        print(
            "\n  csc serve | worker | demo | bench | load | import | export | backup | restore | setup"
        )
        return 0
    if argv[1] == "load":
        # The load chooses and makes its own scratch database before Django reads its settings.
        from csc.bench.load import main as load

        return load(argv[2:])
    argv = [argv[0], ALIASES.get(argv[1], argv[1]), *argv[2:]]
    if argv[1] == "bench" and not os.environ.get("DATABASE_URL"):
        use_bench_database()
        if not {"-h", "--help"} & set(argv):
            execute_from_command_line([argv[0], "migrate", "--verbosity", "0"])
    from csc.keys import MissingKeys

    try:
        execute_from_command_line(argv)
    except MissingKeys as exc:
        print(exc, file=sys.stderr)
        return 2
    return 0


def use_bench_database():
    """Point this process at var/bench/: the bench fills its own SQLite file, never the user's.

    Must run before Django reads its settings. With DATABASE_URL set the bench uses that
    database instead (and refuses one holding real records unless --force).
    """
    default = Path(__file__).resolve().parent.parent.parent / "var"
    var = Path(os.environ.get("CSC_VAR_DIR", default))
    bench = var / "bench"
    # The derived PDF fonts are the install's, not the bench data's: built once for both.
    os.environ.setdefault("CSC_PDF_FONT_CACHE", str(var / "cache" / "fonts"))
    (bench / "static").mkdir(parents=True, exist_ok=True)  # WhiteNoise warns when it is missing
    os.environ["CSC_VAR_DIR"] = str(bench)


if __name__ == "__main__":
    sys.exit(main())
