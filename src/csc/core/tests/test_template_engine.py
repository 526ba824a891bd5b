"""The template engine the pages run on: compiled templates are kept, not read per request."""

from django.template import engines


def test_templates_are_compiled_once_by_the_cached_loader():
    # Settings name no loaders, so Django wraps them in its cached loader; naming loaders
    # later without it would parse every template (and each include in a row loop) per use.
    engine = engines["django"].engine
    assert [type(loader).__name__ for loader in engine.template_loaders] == ["Loader"]
    assert engine.template_loaders[0].__module__ == "django.template.loaders.cached"
    first = engine.get_template("base.html")
    assert engine.get_template("base.html") is first
