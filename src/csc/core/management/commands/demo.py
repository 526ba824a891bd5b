from django.core.management.base import BaseCommand
from django.db import transaction

from csc.core import areas, audit, demo


class Command(BaseCommand):
    help = "Load a realistic demo company (users per role, customers, …) in Chinese and English."

    def handle(self, *args, **options):
        with transaction.atomic():
            users = demo.load_people()
            with audit.acting_as(users["admin"]):
                demo.load_calendar()
                for _label, load in areas.each("demo"):
                    load(users)
        self.stdout.write(
            self.style.SUCCESS(f"Demo data loaded; password for every user: {demo.PASSWORD}")
        )
