from django.core.management.base import BaseCommand

from csc.core.backup import backup


class Command(BaseCommand):
    help = "Write every record and uploaded file to one zip file."

    def add_arguments(self, parser):
        parser.add_argument("file")

    def handle(self, file, **options):
        manifest = backup(file)
        self.stdout.write(f"Backup written to {file} ({manifest['files']} files).")
        # Bank accounts stay encrypted in the file: without this key a restore cannot read them.
        self.stderr.write(
            self.style.WARNING(
                "Keep the field key (CSC_FIELD_KEY, or field_key in keys.json of the data "
                "directory) with this backup: restoring it needs the same key."
            )
        )
