from django.core.management.base import BaseCommand

from csc.core.i18n import compile_catalogues


class Command(BaseCommand):
    help = "Compile the zh-Hans and en translation catalogues (no GNU gettext needed)."

    def handle(self, *args, **options):
        count = compile_catalogues()
        self.stdout.write(f"{count} catalogue(s) compiled.")
