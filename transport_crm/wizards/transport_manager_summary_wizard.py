from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.fields import Command, Domain

SUMMARY_MEASURES = [
    "activity_planned",
    "activity_on_time",
    "activity_late",
    "activity_overdue",
    "activity_pending",
    "interaction_count",
    "offer_count",
    "offer_won_count",
    "order_count",
    "amount_won",
    "revenue",
    "profit",
]


class TransportManagerSummaryWizard(models.TransientModel):
    _name = "transport.manager.summary.wizard"
    _description = "Manager performance summary"

    date_from = fields.Date(
        string="From",
        required=True,
        default=lambda self: fields.Date.context_today(self) + relativedelta(day=1),
    )
    date_to = fields.Date(
        string="To",
        required=True,
        default=lambda self: fields.Date.context_today(self) + relativedelta(day=31),
    )
    user_ids = fields.Many2many(
        "res.users",
        string="Managers",
        domain=[("share", "=", False)],
        help="Leave empty for every manager with figures in the period.",
    )
    team_id = fields.Many2one("crm.team", string="Sales team")
    line_ids = fields.One2many(
        "transport.manager.summary.line", "wizard_id", string="Summary"
    )

    @api.constrains("date_from", "date_to")
    def _check_dates(self):
        for wizard in self:
            if wizard.date_from > wizard.date_to:
                raise ValidationError(
                    self.env._("The period must end after it starts.")
                )

    def _get_summary_values(self):
        """One dict per manager with the period's figures: a single grouped
        read of the performance report, conversion included."""
        self.ensure_one()
        domain = (
            Domain("date", ">=", self.date_from)
            & Domain("date", "<=", self.date_to)
            & Domain("user_id", "!=", False)
        )
        if self.user_ids:
            domain &= Domain("user_id", "in", self.user_ids.ids)
        if self.team_id:
            domain &= Domain("team_id", "=", self.team_id.id)
        aggregates = [f"{name}:sum" for name in SUMMARY_MEASURES]
        groups = self.env["transport.manager.performance.report"]._read_group(
            domain, ["user_id"], [*aggregates, "conversion:avg"]
        )
        currency = self.env.company.currency_id
        return [
            {
                "user_id": user.id,
                "currency_id": currency.id,
                **dict(zip(SUMMARY_MEASURES, values[:-1], strict=True)),
                "conversion": values[-1] or 0.0,
            }
            for user, *values in groups
        ]

    def action_compute(self):
        self.ensure_one()
        self.line_ids = [Command.clear()] + [
            Command.create(vals) for vals in self._get_summary_values()
        ]
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Manager performance summary"),
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
            "target": "new",
        }

    def action_print(self):
        self.ensure_one()
        self.action_compute()
        return self.env.ref(
            "transport_crm.action_report_manager_summary"
        ).report_action(self)
