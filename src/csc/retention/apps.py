from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RetentionConfig(AppConfig):
    name = "csc.retention"
    label = "retention"
    verbose_name = _("Record retention")

    def ready(self):
        from csc.core import navigation

        navigation.section("retention", _("Records"), 90)
        navigation.link(
            "retention", _("Record retention"), "retention:list", "retention.view_legalhold", 10
        )
