from django.core.management import call_command
from django.core.management.base import BaseCommand

from csc import keys
from csc.core.i18n import compile_catalogues
from csc.core.pdf import prepare_fonts


class Command(BaseCommand):
    help = (
        "Prepare this instance: compile translations, bring the database up to date and derive "
        "the PDF fonts."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--later-fonts",
            action="store_true",
            help="leave the PDF fonts to whoever prints first (csc serve derives them once the "
            "web answers)",
        )

    def handle(self, *args, later_fonts=False, **options):
        from django.conf import settings

        settings.VAR_DIR.mkdir(parents=True, exist_ok=True)
        settings.MEDIA_ROOT.mkdir(parents=True, exist_ok=True)
        compile_catalogues()
        call_command("migrate", interactive=False, verbosity=0)
        if not later_fonts:
            prepare_fonts()
        self.stdout.write(self.style.SUCCESS("CSC is set up."))
        if keys.read_keys(settings.VAR_DIR) is not None:
            path = keys.keys_path(settings.VAR_DIR)
            self.stdout.write(f"Secret and field keys: {path} (keep a copy with the backups).")
