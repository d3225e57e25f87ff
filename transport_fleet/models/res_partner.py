from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import ValidationError

DOCUMENT_STATUS = [
    ("valid", "Valid"),
    ("expiring", "Expiring"),
    ("expired", "Expired"),
    ("missing", "Missing"),
]


class ResPartner(models.Model):
    _inherit = "res.partner"

    is_driver = fields.Boolean(string="Driver", index=True)
    driver_licence_first_date = fields.Date(
        string="First Licence Date", help="Start of the driving experience."
    )
    driver_experience_years = fields.Integer(
        string="Experience (years)", compute="_compute_driver_experience_years"
    )
    driver_qualification_ids = fields.Many2many(
        "transport.driver.qualification", string="Qualifications"
    )
    transport_document_ids = fields.One2many(
        "transport.document", "partner_id", string="Driver Documents"
    )
    driver_licence_document_id = fields.Many2one(
        "transport.document",
        string="Driving Licence",
        compute="_compute_driver_licence",
    )
    driver_licence_number = fields.Char(
        string="Licence Number", compute="_compute_driver_licence"
    )
    driver_licence_category_ids = fields.Many2many(
        "transport.licence.category",
        string="Licence Categories",
        compute="_compute_driver_licence",
    )
    driver_licence_expiry_date = fields.Date(
        string="Licence Expiry", compute="_compute_driver_licence"
    )
    driver_medical_expiry_date = fields.Date(
        string="Medical Certificate Expiry", compute="_compute_driver_licence"
    )
    transport_document_status = fields.Selection(
        DOCUMENT_STATUS,
        string="Document Status",
        compute="_compute_transport_document_status",
    )
    transport_missing_document_type_ids = fields.Many2many(
        "transport.document.type",
        string="Missing Mandatory Documents",
        compute="_compute_transport_document_status",
    )
    transport_document_count = fields.Integer(
        compute="_compute_transport_document_count"
    )
    driver_trip_count = fields.Integer(compute="_compute_driver_trip_count")
    driver_current_trip_id = fields.Many2one(
        "transport.trip",
        string="Current Trip",
        compute="_compute_driver_trip_count",
        help="The trip in progress; the driver is available when empty.",
    )

    @api.depends("driver_licence_first_date")
    def _compute_driver_experience_years(self):
        today = fields.Date.context_today(self)
        for partner in self:
            first = partner.driver_licence_first_date
            partner.driver_experience_years = (
                relativedelta(today, first).years if first and first <= today else 0
            )

    @api.constrains("driver_licence_first_date")
    def _check_driver_licence_first_date(self):
        today = fields.Date.context_today(self)
        for partner in self:
            if partner.driver_licence_first_date and (
                partner.driver_licence_first_date > today
            ):
                raise ValidationError(
                    self.env._(
                        "%(driver)s: the first licence date cannot be in the future.",
                        driver=partner.display_name,
                    )
                )

    @api.depends("transport_document_ids.expiry_date", "transport_document_ids.type_id")
    def _compute_driver_licence(self):
        for partner in self:
            documents = partner.transport_document_ids.sorted(
                lambda d: d.expiry_date or fields.Date.to_date("9999-12-31"),
                reverse=True,
            )
            licence = documents.filtered(lambda d: d.kind == "licence")[:1]
            medical = documents.filtered(lambda d: d.kind == "medical")[:1]
            partner.driver_licence_document_id = licence
            partner.driver_licence_number = licence.name
            partner.driver_licence_category_ids = licence.licence_category_ids
            partner.driver_licence_expiry_date = licence.expiry_date
            partner.driver_medical_expiry_date = medical.expiry_date

    @api.depends("is_driver", "transport_document_ids.state")
    def _compute_transport_document_status(self):
        drivers = self.filtered("is_driver")
        statuses = self.env["transport.document"]._get_holders_status(drivers)
        for partner in self:
            status, missing = statuses.get(partner, (False, False))
            partner.transport_document_status = status
            partner.transport_missing_document_type_ids = missing

    def _compute_transport_document_count(self):
        counts = dict(
            self.env["transport.document"]._read_group(
                [("partner_id", "in", self.ids)], ["partner_id"], ["__count"]
            )
        )
        for partner in self:
            partner.transport_document_count = counts.get(partner, 0)

    def _compute_driver_trip_count(self):
        Trip = self.env["transport.trip"]
        as_driver = dict(
            Trip._read_group(
                [("driver_id", "in", self.ids)], ["driver_id"], ["__count"]
            )
        )
        as_co_driver = dict(
            Trip._read_group(
                [("co_driver_id", "in", self.ids)], ["co_driver_id"], ["__count"]
            )
        )
        current = Trip.search(
            [
                ("state", "=", "in_progress"),
                "|",
                ("driver_id", "in", self.ids),
                ("co_driver_id", "in", self.ids),
            ]
        )
        for partner in self:
            partner.driver_trip_count = as_driver.get(partner, 0) + as_co_driver.get(
                partner, 0
            )
            partner.driver_current_trip_id = current.filtered(
                lambda t, p=partner: p in (t.driver_id | t.co_driver_id)
            )[:1]

    def action_view_driver_trips(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "transport_fleet.transport_trip_action"
        )
        action["domain"] = [
            "|",
            ("driver_id", "=", self.id),
            ("co_driver_id", "=", self.id),
        ]
        action["context"] = {"default_driver_id": self.id}
        return action

    def action_view_transport_documents(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "transport_fleet.transport_document_action"
        )
        action["domain"] = [("partner_id", "=", self.id)]
        action["context"] = {"default_partner_id": self.id}
        return action
