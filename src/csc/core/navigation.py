"""The side menu: process areas register their pages; each link shows only with its permission."""

from dataclasses import dataclass
from functools import lru_cache

from django.urls import get_script_prefix, get_urlconf, reverse


@dataclass(frozen=True)
class Link:
    section: str
    label: str
    url_name: str
    perm: str
    order: int = 100


_links: list[Link] = []
_sections: dict[str, tuple[int, str]] = {}


def section(key, label, order):
    _sections[key] = (order, label)


def link(section_key, label, url_name, perm, order=100):
    _links.append(Link(section_key, label, url_name, perm, order))


def menu_for(user, path):
    """Return [(section label, [(label, url, active)])] of the links the user may open.

    Only the most specific link is active: on /customers/admissions/ that is Admissions, not
    the customer list whose URL is its prefix.
    """
    grouped, visible = {}, []
    for item in sorted(_links, key=lambda i: i.order):
        if item.perm and not user.has_perm(item.perm):
            continue
        visible.append((item, _address(item.url_name, get_urlconf(), get_script_prefix())))
    matches = [
        url for _item, url in visible if path == url or (url != "/" and path.startswith(url))
    ]
    active_url = max(matches, key=len, default=None)
    for item, url in visible:
        grouped.setdefault(item.section, []).append((item.label, url, url == active_url))
    ordered = sorted(grouped, key=lambda key: _sections.get(key, (999, key))[0])
    return [(_sections.get(key, (0, key))[1], grouped[key]) for key in ordered]


@lru_cache(maxsize=512)
def _address(url_name, urlconf, prefix):
    """The menu's URLs, reversed once per URL set and prefix instead of ~50 times per page."""
    return reverse(url_name, urlconf=urlconf)
