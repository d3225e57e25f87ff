from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError


class TransportActivityResultWizard(models.TransientModel):
    """Marks a planned activity done with what came out of it and, when the
    client promised or asked for something, the next step."""

    _name = "transport.activity.result.wizard"
    _description = "Record the result of an activity"

    activity_id = fields.Many2one("mail.activity", required=True, ondelete="cascade")
    activity_summary = fields.Char(related="activity_id.display_name", string="Summary")
    res_name = fields.Char(related="activity_id.res_name", string="Record")
    result = fields.Text(required=True)
    next_step = fields.Char(help="What was promised, to whom.")
    next_step_date = fields.Date(help="Plans a to-do for you on that day.")

    @api.constrains("next_step_date", "next_step")
    def _check_next_step(self):
        for wizard in self:
            if wizard.next_step_date and not wizard.next_step:
                raise ValidationError(self.env._("Say what the next step is."))

    def action_confirm(self):
        self.ensure_one()
        activity = self.activity_id
        if not activity.active:
            raise UserError(self.env._("This activity is already done."))
        logs_interaction = (
            activity.activity_type_id.transport_interaction_kind
            and activity.res_model in ("res.partner", "sale.order")
        )
        if self.next_step_date and not logs_interaction:
            # Logged interactions plan their next step themselves.
            self.env["mail.activity"].create(
                {
                    "res_model_id": activity.res_model_id.id,
                    "res_id": activity.res_id,
                    "activity_type_id": self.env.ref("mail.mail_activity_data_todo").id,
                    "summary": self.next_step,
                    "user_id": activity.user_id.id or self.env.uid,
                    "date_deadline": self.next_step_date,
                }
            )
        activity.with_context(
            transport_next_step=self.next_step,
            transport_next_step_date=self.next_step_date,
        ).action_feedback(feedback=self.result)
        return {"type": "ir.actions.act_window_close"}
