from odoo import api, fields, models


class TransportZone(models.Model):
    _name = "transport.zone"
    _description = "Transport zone"
    _order = "sequence, name"

    name = fields.Char(required=True, translate=True)
    code = fields.Char()
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one("res.company", index=True)
    country_id = fields.Many2one("res.country")
    state_ids = fields.Many2many("res.country.state", string="States")
    zip_prefixes = fields.Char(
        help="Comma-separated postcode prefixes; an address whose postcode starts "
        "with one of them belongs to this zone."
    )

    _code_company_unique = models.UniqueIndex(
        "(code, company_id) WHERE code IS NOT NULL",
        "A zone code must be unique per company.",
    )

    @api.model
    def _match_partners(self, partners):
        """Return {partner: zone} for the given addresses, in one search.

        A postcode prefix match wins over a state match, which wins over a
        country match; among equals the zone with the lowest sequence wins.
        """
        zones = self.search([("country_id", "in", partners.country_id.ids + [False])])
        result = {}
        for partner in partners:
            best, best_score = self, 0
            for zone in zones:
                score = zone._match_score(partner)
                if score > best_score:
                    best, best_score = zone, score
            result[partner] = best
        return result

    def _match_score(self, partner):
        self.ensure_one()
        if self.country_id and partner.country_id != self.country_id:
            return 0
        if self.zip_prefixes:
            prefixes = [p.strip() for p in self.zip_prefixes.split(",") if p.strip()]
            if partner.zip and any(partner.zip.startswith(p) for p in prefixes):
                return 3
            return 0
        if self.state_ids:
            return 2 if partner.state_id in self.state_ids else 0
        return 1 if self.country_id else 0
