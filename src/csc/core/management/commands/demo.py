from importlib import import_module

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction

from csc.core import audit, demo


class Command(BaseCommand):
    help = "Load a realistic demo company (users per role, customers, …) in Chinese and English."

    def handle(self, *args, **options):
        with transaction.atomic():
            users = demo.load_people()
            with audit.acting_as(users["admin"]):
                demo.load_calendar()
                for config in apps.get_app_configs():
                    if config.name.startswith("csc.") and config.label != "core":
                        try:
                            module = import_module(f"{config.name}.demo")
                        except ModuleNotFoundError:
                            continue
                        module.load(users)
        self.stdout.write(
            self.style.SUCCESS(f"Demo data loaded; password for every user: {demo.PASSWORD}")
        )
