"""Who may create, read, update and delete what: the expectations of the matrix.

Letters: c create, r read, u update (write), d delete; ``-`` nothing.
Columns are the roles of a trucking company:

- ``drv``  a driver with a portal account (a partner flagged as driver)
- ``cli``  a client's contact with a portal account
- ``usr``  Transport / User (drivers and staff using the back office)
- ``dsp``  Transport / Dispatcher
- ``stk``  Transport / Storekeeper
- ``sal``  Transport / Sales manager (works clients, tariffs and orders)
- ``flm``  Transport / Fleet manager (the transport administrator)
- ``acc``  Accountant (Invoicing / Billing), no transport group
- ``oth``  a fleet manager and billing user whose only company is another one

Every record is prepared by the administrator in the first company: the
driver's trip is the portal driver's own, the order and invoice are the
portal client's own. Report models (SQL views) are read-only for everybody,
so only their reading is checked. Wizards (transient models) are per-user
scratch records: their letters are those of the user's own wizard (another
user's wizard is refused by the addons' own-wizard record rules).

Decisions worth knowing, where the table follows Odoo's core on purpose:

- tariff rules (what clients pay) are read by dispatchers, who reprice the
  quotations they edit, and by sales; not by drivers nor storekeepers;
- core's sale_stock lets storekeepers update orders and their lines (delivery
  follow-up) and lets salesmen and billing users create waybills and moves;
- core's contacts: every employee reads partners, sales create them, nobody
  deletes a client file (archive it);
- core's mass mailing has no company on mailings, so a marketing user of
  another company sees the first company's mailings and their results;
- the other company may start a delivery wizard on the first company's order
  (a scratch record), but confirming it is refused
  (``test_another_company_cannot_confirm_a_delivery_of_the_first``).
"""

ROLES = ("drv", "cli", "usr", "dsp", "stk", "sal", "flm", "acc", "oth")

ROLE_GROUPS = {
    "drv": ("base.group_portal",),
    "cli": ("base.group_portal",),
    "usr": ("transport_fleet.group_transport_user",),
    "dsp": ("transport_fleet.group_transport_dispatcher",),
    "stk": ("transport_stock.group_transport_storekeeper",),
    "sal": ("transport_crm.group_transport_sales",),
    "flm": ("transport_fleet.group_transport_manager",),
    "acc": ("base.group_user", "account.group_account_invoice"),
    "oth": (
        "transport_fleet.group_transport_manager",
        "account.group_account_invoice",
    ),
}

# fmt: off
EXPECTED_TEXT = """
model                                drv  cli  usr  dsp  stk  sal  flm  acc  oth
# transport_fleet
fleet.vehicle                        -    -    r    r    r    r    crud -    -
fleet.vehicle.model                  -    -    r    r    r    r    crud r    crud
fleet.vehicle.log.services           -    -    r    r    r    r    crud -    -
transport.document                   -    -    r    cru  r    r    crud -    -
transport.document.type              -    -    r    r    r    r    crud -    -
transport.licence.category           -    -    r    r    r    r    crud -    crud
transport.driver.qualification       -    -    r    r    r    r    crud -    crud
transport.trip                       r    -    r    cru  r    r    crud -    -
transport.trip.stop                  r    -    r    crud r    r    crud -    -
transport.trip.cost                  -    -    r    crud r    r    crud -    -
transport.trip.report                -    -    -    r    -    -    r    -    -
transport.vehicle.cost.report        -    -    -    r    -    -    r    -    -
transport.fleet.utilisation.report   -    -    -    r    -    -    r    -    -
transport.report.wizard              -    -    cru  cru  cru  cru  cru  -    cru
# transport_stock
stock.picking                        -    -    -    cru  crud cru  crud cru  -
stock.move                           -    -    -    cru  cru  cru  cru  cru  -
transport.stock.consumption.report   -    -    -    -    r    -    r    -    -
transport.stock.issue                -    -    -    crud crud -    crud -    -
transport.stock.issue.line           -    -    -    crud crud -    crud -    crud
# transport_crm
res.partner                          -    -    r    r    r    cru  cru  r    -
product.pricelist                    -    -    r    r    r    r    r    r    -
transport.tariff.rule                -    -    -    r    -    crud crud -    -
transport.zone                       -    -    r    r    r    crud crud -    -
transport.lane                       -    -    r    r    r    crud crud -    -
transport.cargo.type                 -    -    r    r    r    crud crud r    crud
transport.interaction                -    -    -    -    -    crud crud -    -
sale.order                           -    r    -    ru   ru   cru  cru  ru   -
sale.order.line                      -    r    -    r    ru   crud crud ru   -
account.move                         -    r    -    -    -    -    -    crud -
transport.segment                    -    -    r    r    r    crud crud -    -
transport.mailing.template           -    -    -    -    -    crud crud -    -
transport.mailing.rule               -    -    -    -    -    crud crud -    -
mailing.mailing                      -    -    -    -    -    crud crud -    crud
transport.monitoring.rule            -    -    r    r    r    crud crud r    -
transport.pay.rate.table             -    -    -    -    -    -    crud -    -
transport.pay.rate                   -    -    -    -    -    -    crud -    -
transport.pay.statement              -    -    -    -    -    -    crud -    -
transport.pay.statement.line         -    -    -    -    -    -    crud -    -
transport.client.timeline            -    -    -    -    -    r    r    -    -
transport.client.profit.report       -    -    -    -    -    r    r    -    -
transport.mailing.result.report      -    -    -    -    -    r    r    -    r
transport.manager.performance.report -    -    -    -    -    r    r    -    -
transport.order.plan.wizard          -    -    -    crud -    crud crud -    -
transport.order.delivery.wizard      -    -    -    crud -    crud crud -    crud
transport.activity.result.wizard     -    -    crud crud crud crud crud crud crud
transport.manager.summary.wizard     -    -    -    -    -    crud crud -    crud
transport.manager.summary.line       -    -    -    -    -    crud crud -    crud
transport.pay.statement.generate     -    -    -    -    -    -    crud -    crud
"""
# fmt: on

# Models of the three addons (in ir.model) that the matrix does not probe,
# and why. The completeness test fails on any model missing from both lists.
NOT_PROBED = {
    "transport.consent.blacklist.mixin": "abstract mixin, no table",
    "transport.crm.demo": "abstract helper that loads demo data",
    "transport.pay.demo": "abstract helper that loads demo data",
    "board.board": "core dashboard, only our dashboard actions added",
    "ir.sequence": "core sequences, only a helper method added",
    "res.company": "settings fields of the company",
    "res.config.settings": "settings wizard, administrators only",
    "hr.employee": "core HR, only pay fields added",
    "hr.employee.public": "core HR, only pay fields added",
    "mail.activity": "core activities, daily plan fields added",
    "mail.activity.type": "core activity types, pay fields added",
    "mail.blacklist": "core opt-out list, consent fields added",
    "phone.blacklist": "core opt-out list, consent fields added",
    "mailing.trace": "core mailing statistics, attribution fields added",
    "product.category": "core product categories, fleet supply kinds added",
    "product.product": "core products, part numbers added",
    "product.template": "core products, part numbers added",
    "stock.location": "core locations, vehicle link added",
    "stock.warehouse.orderpoint": "core reorder rules, alert fields added",
    "ir.mail_server": "core outgoing mail servers, administrators only",
    "mail.mail": "core outgoing mail queue, retry fields added",
    "sms.sms": "core outgoing SMS queue, retry fields added",
}

REPORT_MODELS = {
    "transport.trip.report",
    "transport.vehicle.cost.report",
    "transport.fleet.utilisation.report",
    "transport.stock.consumption.report",
    "transport.client.timeline",
    "transport.client.profit.report",
    "transport.mailing.result.report",
    "transport.manager.performance.report",
}


def _parse(text):
    table = {}
    for line in text.strip().splitlines()[1:]:
        if line.startswith("#"):
            continue
        model, *cells = line.split()
        assert len(cells) == len(ROLES), line
        table[model] = {
            role: "" if cell == "-" else cell
            for role, cell in zip(ROLES, cells, strict=True)
        }
    return table


EXPECTED = _parse(EXPECTED_TEXT)

# Filled by the test run: model -> role -> (letters seen, notes).
RESULTS = {}


def letters(text):
    return text or "-"


def render():
    """The matrix as seen, a cell marked ``!`` where it differs from the plan."""
    width = max(len(model) for model in EXPECTED) + 1
    lines = [
        "Access matrix (c create, r read, u update, d delete; ! = not as expected)",
        "model".ljust(width) + "".join(role.ljust(6) for role in ROLES),
    ]
    for model in EXPECTED:
        seen = RESULTS.get(model)
        if seen is None:
            continue
        row = model.ljust(width)
        for role in ROLES:
            got = seen[role][0]
            mark = "" if got == EXPECTED[model][role] else "!"
            row += (letters(got) + mark).ljust(6)
        lines.append(row)
    notes = [
        f"  {model} / {role}: {note}"
        for model, seen in RESULTS.items()
        for role in ROLES
        for note in seen[role][1]
    ]
    if notes:
        lines += ["Notes:", *notes]
    return "\n".join(lines) + "\n"
