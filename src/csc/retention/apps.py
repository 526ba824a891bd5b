"""Record retention's contract with core (how the area plugs in)."""

from django.utils.translation import gettext_lazy as _

from csc.core.apps import AreaConfig, Menu


class RetentionConfig(AreaConfig):
    name = "csc.retention"
    label = "retention"
    verbose_name = _("Record retention")
    menu = Menu(
        "retention",
        _("Records"),
        90,
        ((10, _("Record retention"), "retention:list", "retention.view_legalhold"),),
    )
    grants = "csc.retention.grants.GRANTS"
    urls = "csc.retention.urls"
