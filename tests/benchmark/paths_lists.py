"""List views through ``web_search_read``, as the web client loads them.

A list must cost the same number of queries whatever its row count: the
query count at 80 and at 400 rows must be equal.
"""

from lxml import etree
from measure import Row, measure

LISTS = [
    # (path name, model, list view xml id or None for the default, domain)
    ("trips", "transport.trip", None, []),
    (
        "orders",
        "sale.order",
        "transport_crm.view_transport_order_list",
        [("is_transport", "=", True)],
    ),
    ("clients", "res.partner", None, []),
    ("documents", "transport.document", None, []),
]
TARGET = "queries 80 = 400"


def list_specification(model, view_xmlid=None):
    """The ``web_read`` specification the web client sends for a list view."""
    view_id = model.env.ref(view_xmlid).id if view_xmlid else False
    arch = model.get_views([(view_id, "list")])["views"]["list"]["arch"]
    root = etree.fromstring(arch)
    specification = {}
    for node in root.iterchildren("field"):
        field = model._fields[node.get("name")]
        relational = field.type in ("many2one", "many2many", "one2many")
        specification[field.name] = (
            {"fields": {"display_name": {}}} if relational else {}
        )
    return specification


def run(env, data):
    user_env = env(user=env.ref("base.user_admin"))
    rows = []
    for name, model_name, view, domain in LISTS:
        model = user_env[model_name]
        specification = list_specification(model, view)

        def load(limit, model=model, specification=specification, domain=domain):
            return model.web_search_read(
                domain, specification, limit=limit, count_limit=10001
            )

        small = measure(env, lambda load=load: load(80), repeat=3)
        large = measure(env, lambda load=load: load(400), repeat=3)
        first_page = [record["id"] for record in small.result["records"]]
        correct = len(first_page) == 80 and first_page == [
            record["id"] for record in large.result["records"][:80]
        ]
        if not correct:
            status = "FAILED"
        elif small.queries == large.queries:
            status = "pass"
        else:
            status = "MISS"
        rows.append(
            Row(
                f"list view: {name} (80 rows; base = 400 rows)",
                TARGET,
                small.seconds,
                large.seconds,
                large.seconds / small.seconds,
                f"{small.queries} vs {large.queries}",
                status,
            )
        )
    return rows
