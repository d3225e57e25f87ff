from odoo import api, fields, models
from odoo.exceptions import ValidationError

OCCASIONS = [
    ("promotion", "Promotion"),
    ("reminder", "Reminder of services"),
    ("price_offer", "New price offer"),
    ("information", "Promised information"),
    ("greeting", "Greeting"),
    ("other", "Other"),
]


class TransportMailingTemplate(models.Model):
    _name = "transport.mailing.template"
    _description = "Mailing template by occasion"
    _order = "occasion, name, id"
    _check_company_auto = True

    name = fields.Char(required=True, translate=True)
    active = fields.Boolean(default=True)
    occasion = fields.Selection(OCCASIONS, required=True, default="promotion")
    mailing_type = fields.Selection(
        [("mail", "Email"), ("sms", "SMS")],
        string="Channel",
        required=True,
        default="mail",
    )
    subject = fields.Char(translate=True)
    body_html = fields.Html(string="Email body", sanitize_style=True)
    body_plaintext = fields.Text(string="SMS text", translate=True)
    company_id = fields.Many2one(
        "res.company", default=lambda self: self.env.company, index=True
    )
    mailing_ids = fields.One2many("mailing.mailing", "transport_template_id")
    mailing_count = fields.Integer(compute="_compute_mailing_count")

    @api.constrains("mailing_type", "body_plaintext")
    def _check_sms_text(self):
        for template in self:
            if (
                template.mailing_type == "sms"
                and not (template.body_plaintext or "").strip()
            ):
                raise ValidationError(
                    self.env._(
                        "The SMS template %(template)s needs its text.",
                        template=template.name,
                    )
                )

    def _compute_mailing_count(self):
        counts = dict(
            self.env["mailing.mailing"]._read_group(
                [("transport_template_id", "in", self.ids)],
                ["transport_template_id"],
                ["__count"],
            )
        )
        for template in self:
            template.mailing_count = counts.get(template, 0)

    def action_view_mailings(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Mailings from %(template)s", template=self.name),
            "res_model": "mailing.mailing",
            "view_mode": "list,form",
            "domain": [("transport_template_id", "=", self.id)],
        }
