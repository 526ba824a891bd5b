"""Entry point of a benchmark child process: ``python -m csc.bench.child '<json spec>'``.

The spec names the settings module, the database (so the child reads exactly what the parent
wrote) and a task "module:function" with its keyword arguments. The last line printed is the
task's result as JSON, with ``peak_mb``: the peak resident memory of this process.
"""

import json
import os
import resource
import sys
from importlib import import_module


def peak_mb():
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    # Linux reports kilobytes, macOS bytes.
    return round(peak / (1024 * 1024 if sys.platform == "darwin" else 1024), 1)


def main(argv):
    spec = json.loads(argv[1])
    os.environ["DJANGO_SETTINGS_MODULE"] = spec["settings"]
    import django
    from django.conf import settings

    # Before the first connection is made, so the child opens the parent's database.
    settings.DATABASES["default"]["NAME"] = spec["database"]
    django.setup()
    module_name, function_name = spec["task"].split(":")
    result = getattr(import_module(module_name), function_name)(**spec["kwargs"])
    result["peak_mb"] = peak_mb()
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
