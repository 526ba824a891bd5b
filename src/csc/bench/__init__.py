"""``csc bench``: generate realistic data and time each area's operations against its budgets.

Every process area that has a budget adds a module ``csc/bench/<area>.py`` and its name to
``AREAS``. An area module provides:

``DEFAULT_RECORDS``
    how many of the area's main records to benchmark at when ``--records`` is not given;
``foreign_records()``
    how many records of the area were not made by the bench (the command refuses to run on a
    database holding any, unless ``--force``);
``generate(records, log)``
    make sure at least ``records`` main records exist (reuse what is there, add the rest in bulk)
    and return a context object the operations use;
``OPERATIONS``
    a list of ``harness.Operation``: a name, a function ``run(context, plan) -> dict`` returning
    at least ``p50_ms``, ``p95_ms`` and ``rows``, and the budgets the result must meet.
"""

#: The areas in the order they run: a later area may build on the records of an earlier one.
AREAS = [
    "customers",
    "orders",
    "property",
    "complaints",
    "surveys",
    "service",
    "after_sales",
    "recalls",
    "kpi",
    "documents",
]
