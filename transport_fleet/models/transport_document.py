from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.fields import Domain

STATES = [("valid", "Valid"), ("expiring", "Expiring"), ("expired", "Expired")]


class TransportDocument(models.Model):
    _name = "transport.document"
    _description = "Vehicle or Driver Document"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "expiry_date, id"
    _check_company_auto = True

    # ------------------------------------------------------------------
    # Fields
    # ------------------------------------------------------------------
    name = fields.Char(string="Number", required=True, tracking=True)
    type_id = fields.Many2one(
        "transport.document.type",
        required=True,
        index=True,
        tracking=True,
    )
    holder_type = fields.Selection(related="type_id.holder_type", store=True)
    kind = fields.Selection(related="type_id.kind")
    vehicle_id = fields.Many2one(
        "fleet.vehicle",
        index=True,
        check_company=True,
        ondelete="cascade",
    )
    partner_id = fields.Many2one(
        "res.partner",
        string="Driver",
        index=True,
        ondelete="cascade",
        domain=[("is_driver", "=", True)],
    )
    company_id = fields.Many2one(
        "res.company",
        compute="_compute_company_id",
        store=True,
        readonly=False,
        index=True,
    )
    issue_date = fields.Date()
    expiry_date = fields.Date(tracking=True, index=True)
    alert_date = fields.Date(
        compute="_compute_alert_date",
        store=True,
        help="Expiry date minus the type's alert lead time.",
    )
    state = fields.Selection(
        STATES, compute="_compute_state", store=True, index=True, tracking=True
    )
    expiry_alert_sent = fields.Boolean(copy=False)
    responsible_id = fields.Many2one(
        "res.users",
        compute="_compute_responsible_id",
        store=True,
        readonly=False,
    )
    licence_category_ids = fields.Many2many(
        "transport.licence.category", string="Licence Categories"
    )
    attachment_ids = fields.Many2many(
        "ir.attachment",
        "transport_document_attachment_rel",
        "document_id",
        "attachment_id",
        string="Scans",
    )
    note = fields.Text()
    active = fields.Boolean(default=True)

    # the daily expiry watch reads only the documents past their alert date
    # that still have a state to change or an alert to send
    _alert_date_watch_idx = models.Index(
        "(alert_date) WHERE active IS TRUE "
        "AND (expiry_alert_sent IS NOT TRUE OR state IN ('valid', 'expiring'))"
    )

    # ------------------------------------------------------------------
    # Computes
    # ------------------------------------------------------------------
    @api.depends("vehicle_id.company_id")
    def _compute_company_id(self):
        for document in self:
            document.company_id = (
                document.vehicle_id.company_id
                or document.company_id
                or self.env.company
            )

    @api.depends("expiry_date", "type_id.alert_days")
    def _compute_alert_date(self):
        for document in self:
            document.alert_date = document.expiry_date and (
                document.expiry_date - timedelta(days=document.type_id.alert_days)
            )

    @api.depends("expiry_date", "alert_date")
    def _compute_state(self):
        today = fields.Date.context_today(self)
        for document in self:
            document.state = document._get_state(today)

    @api.depends("type_id", "vehicle_id")
    def _compute_responsible_id(self):
        for document in self:
            document.responsible_id = (
                document.type_id.responsible_id
                or document.vehicle_id.manager_id
                or document.responsible_id
            )

    # ------------------------------------------------------------------
    # Constraints
    # ------------------------------------------------------------------
    @api.constrains("type_id", "vehicle_id", "partner_id")
    def _check_holder(self):
        for document in self:
            holder = (
                document.vehicle_id
                if document.holder_type == "vehicle"
                else document.partner_id
            )
            if not holder or (document.vehicle_id and document.partner_id):
                raise ValidationError(
                    self.env._(
                        "A %(type)s document belongs to exactly one %(holder)s.",
                        type=document.type_id.name,
                        holder=dict(
                            self.env["transport.document.type"]
                            ._fields["holder_type"]
                            ._description_selection(self.env)
                        )[document.holder_type].lower(),
                    )
                )

    @api.constrains("type_id", "partner_id")
    def _check_driver(self):
        for document in self:
            if document.partner_id and not document.partner_id.is_driver:
                raise ValidationError(
                    self.env._(
                        "%(partner)s is not a driver: driver documents belong to "
                        "contacts marked as drivers.",
                        partner=document.partner_id.display_name,
                    )
                )

    @api.constrains("issue_date", "expiry_date")
    def _check_dates(self):
        for document in self:
            if (
                document.issue_date
                and document.expiry_date
                and document.expiry_date < document.issue_date
            ):
                raise ValidationError(
                    self.env._(
                        "Document %(number)s cannot expire before it is issued.",
                        number=document.name,
                    )
                )

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------
    @api.depends("type_id", "name")
    def _compute_display_name(self):
        for document in self:
            document.display_name = (
                f"{document.type_id.name or ''} {document.name or ''}".strip()
            )

    def write(self, vals):
        if "expiry_date" in vals:
            vals = dict(vals, expiry_alert_sent=False)
        return super().write(vals)

    # ------------------------------------------------------------------
    # Business methods
    # ------------------------------------------------------------------
    def _get_state(self, today):
        self.ensure_one()
        if not self.expiry_date:
            return "valid"
        if self.expiry_date < today:
            return "expired"
        if self.alert_date and self.alert_date <= today:
            return "expiring"
        return "valid"

    @api.model
    def _cron_check_expiry(self):
        """Daily: refresh the states that changed with the date and give the
        responsible person one activity per document entering its alert window.

        Running it twice the same day creates nothing new.
        """
        today = fields.Date.context_today(self)
        # One search for both jobs. A document expiring before today is past
        # its alert date too (the lead time is never negative), so every
        # document to handle is past its alert date: the partial index on
        # alert_date holds only the documents this search can return. The
        # fields the states and the activities need come with it.
        documents = self.search_fetch(
            Domain("alert_date", "<=", today)
            & (
                Domain("state", "=", "valid")
                | (
                    Domain("state", "in", ["valid", "expiring"])
                    & Domain("expiry_date", "<", today)
                )
                | Domain("expiry_alert_sent", "=", False)
            ),
            [
                "state",
                "expiry_date",
                "alert_date",
                "expiry_alert_sent",
                "name",
                "type_id",
                "vehicle_id",
                "partner_id",
                "responsible_id",
            ],
        )
        stale = documents.filtered(lambda d: d.state != d._get_state(today))
        self.env.add_to_compute(self._fields["state"], stale)
        stale._recompute_recordset(["state"])
        to_alert = documents.filtered(lambda d: not d.expiry_alert_sent)
        # browsed, not env.ref(): its summary is read anyway, no need for a
        # separate existence check
        activity_type = self.env["mail.activity.type"].browse(
            self.env["ir.model.data"]._xmlid_to_res_id(
                "transport_fleet.mail_activity_document_expiry", raise_if_not_found=True
            )
        )
        self.env["mail.activity"].create(
            [
                document._prepare_expiry_activity_vals(today, activity_type)
                for document in to_alert
            ]
        )
        to_alert.expiry_alert_sent = True
        return True

    def _prepare_expiry_activity_vals(self, today, activity_type):
        self.ensure_one()
        return {
            "activity_type_id": activity_type.id,
            "summary": activity_type.summary,
            "automated": True,
            "res_model_id": self.env["ir.model"]._get_id(self._name),
            "res_id": self.id,
            "date_deadline": max(self.expiry_date, today),
            "user_id": self.responsible_id.id or self.env.uid,
            "note": self.env._(
                "%(document)s of %(holder)s expires on %(date)s.",
                document=self.display_name,
                holder=(self.vehicle_id or self.partner_id).display_name,
                date=self.expiry_date,
            ),
        }

    @api.model
    def _get_valid_documents(self, holders, date):
        """Active documents of the holders still valid on date."""
        field = "vehicle_id" if holders._name == "fleet.vehicle" else "partner_id"
        return self.search(
            [
                (field, "in", holders.ids),
                "|",
                ("expiry_date", "=", False),
                ("expiry_date", ">=", date),
            ]
        )

    @api.model
    def _get_missing_types(self, holder, date):
        """Mandatory document types the holder lacks a valid document of on date."""
        Type = self.env["transport.document.type"]
        mandatory = Type.search(Type._get_mandatory_domain(holder))
        return mandatory - self._get_valid_documents(holder, date).type_id

    @api.model
    def _get_holder_blockers(self, holder, date):
        """Reasons a vehicle or driver cannot leave: missing or expired mandatory
        documents. Licences and medical certificates are checked separately."""
        missing = self._get_missing_types(holder, date).filtered(
            lambda t: t.kind == "other"
        )
        return [
            self.env._(
                "%(holder)s: no valid %(type)s on %(date)s.",
                holder=holder.display_name,
                type=doc_type.name,
                date=date,
            )
            for doc_type in missing
        ]

    @api.model
    def _get_driver_blockers(self, driver, categories, date):
        """A driver needs a valid licence covering the categories and a valid
        medical certificate."""
        documents = self._get_valid_documents(driver, date)
        licences = documents.filtered(lambda d: d.kind == "licence")
        reasons = []
        if not licences:
            reasons.append(
                self.env._(
                    "%(driver)s has no valid driving licence on %(date)s.",
                    driver=driver.display_name,
                    date=date,
                )
            )
        else:
            uncovered = categories - licences.licence_category_ids
            if uncovered:
                reasons.append(
                    self.env._(
                        "%(driver)s's licence does not cover category %(categories)s.",
                        driver=driver.display_name,
                        categories=", ".join(uncovered.mapped("code")),
                    )
                )
        if not documents.filtered(lambda d: d.kind == "medical"):
            reasons.append(
                self.env._(
                    "%(driver)s has no valid medical certificate on %(date)s.",
                    driver=driver.display_name,
                    date=date,
                )
            )
        return reasons

    @api.model
    def _get_holders_status(self, holders):
        """Status at a glance of vehicles or drivers.

        Returns {holder: (status, missing mandatory types)}.

        Status is missing, expired, expiring or valid (the worst one wins)."""
        today = fields.Date.context_today(self)
        field = "vehicle_id" if holders._name == "fleet.vehicle" else "partner_id"
        documents_by_holder = self.search([(field, "in", holders.ids)]).grouped(field)
        Type = self.env["transport.document.type"]
        result = {}
        mandatory_cache = {}
        for holder in holders:
            key = holder.transport_role if field == "vehicle_id" else "driver"
            if key not in mandatory_cache:
                mandatory_cache[key] = Type.search(Type._get_mandatory_domain(holder))
            own = documents_by_holder.get(holder, self.browse())
            valid = own.filtered(lambda d: not d.expiry_date or d.expiry_date >= today)
            missing = mandatory_cache[key] - valid.type_id
            # an expired document replaced by a valid one of its type is history
            expired = (own - valid).filtered(
                lambda d, v=valid: d.type_id not in v.type_id
            )
            if missing:
                status = "missing"
            elif expired:
                status = "expired"
            elif "expiring" in valid.mapped("state"):
                status = "expiring"
            else:
                status = "valid"
            result[holder] = (status, missing)
        return result
