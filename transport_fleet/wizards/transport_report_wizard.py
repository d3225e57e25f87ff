from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.fields import Domain

# A hundred years: longer periods overflow the date arithmetic.
MAX_DAYS = 36500


class TransportReportWizard(models.TransientModel):
    """Asks for the number of days of the two period reports: documents
    expiring in the next N days and vehicles idle for N days."""

    _name = "transport.report.wizard"
    _description = "Transport Period Report"

    report_type = fields.Selection(
        [("documents", "Documents Expiring"), ("idle", "Idle Vehicles")],
        required=True,
        default="documents",
    )
    days = fields.Integer(required=True, default=30)

    @api.constrains("days")
    def _check_days(self):
        if any(wizard.days <= 0 for wizard in self):
            raise UserError(self.env._("The number of days must be positive."))
        if any(wizard.days > MAX_DAYS for wizard in self):
            raise UserError(
                self.env._("The number of days cannot exceed %(max)s.", max=MAX_DAYS)
            )

    def action_open(self):
        self.ensure_one()
        if self.report_type == "documents":
            return self._action_documents_expiring()
        return self._action_idle_vehicles()

    def _action_documents_expiring(self):
        limit = fields.Date.context_today(self) + timedelta(days=self.days)
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "transport_fleet.transport_document_action"
        )
        action["domain"] = [("expiry_date", "!=", False), ("expiry_date", "<=", limit)]
        action["name"] = self.env._(
            "Documents expiring in %(days)s days", days=self.days
        )
        action["context"] = {"search_default_group_state": 1}
        return action

    def _get_idle_vehicles(self):
        """Transport vehicles that ran no trip (as tractor or trailer) during the
        last N days and are not on the road now; a trip planned later does not
        make a vehicle busy today."""
        self.ensure_one()
        now = fields.Datetime.now()
        since = now - timedelta(days=self.days)
        recent = self.env["transport.trip"].search(
            Domain("state", "=", "in_progress")
            | (
                Domain("state", "=", "done")
                & (
                    Domain("date_arrival", ">=", since)
                    | Domain("date_departure", ">=", since)
                )
            )
            | (
                Domain("state", "=", "planned")
                & Domain("date_planned_departure", "<=", now)
                & Domain("date_planned_arrival", ">=", since)
            )
        )
        busy = recent.vehicle_id | recent.trailer_ids
        return self.env["fleet.vehicle"].search(
            [("transport_role", "!=", False), ("id", "not in", busy.ids)]
        )

    def _action_idle_vehicles(self):
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "transport_fleet.transport_vehicle_action"
        )
        action["domain"] = [("id", "in", self._get_idle_vehicles().ids)]
        action["name"] = self.env._("Vehicles idle for %(days)s days", days=self.days)
        action["view_mode"] = "list,kanban,form"
        action["views"] = [(False, "list"), (False, "kanban"), (False, "form")]
        return action
