from odoo import models


class MailBlacklist(models.Model):
    _name = "mail.blacklist"
    _inherit = ["mail.blacklist", "transport.consent.blacklist.mixin"]

    _transport_consent_channel = "email"
    _transport_consent_field = "email"
