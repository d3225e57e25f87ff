from odoo import fields, models
from odoo.tools import SQL


class TransportClientProfitReport(models.Model):
    _name = "transport.client.profit.report"
    _description = "Client profitability"
    _auto = False
    _order = "date desc"

    partner_id = fields.Many2one("res.partner", string="Client", readonly=True)
    order_id = fields.Many2one("sale.order", readonly=True)
    user_id = fields.Many2one("res.users", string="Salesperson", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    currency_id = fields.Many2one("res.currency", readonly=True)
    date = fields.Date(readonly=True)
    order_count = fields.Integer(string="Orders", readonly=True)
    revenue = fields.Monetary(readonly=True)
    cost = fields.Monetary(string="Trip costs", readonly=True)
    profit = fields.Monetary(readonly=True)
    receipts = fields.Monetary(readonly=True)
    abc_revenue = fields.Selection(
        [("a", "A"), ("b", "B"), ("c", "C")], string="ABC by revenue", readonly=True
    )
    abc_profit = fields.Selection(
        [("a", "A"), ("b", "B"), ("c", "C")], string="ABC by profit", readonly=True
    )

    @property
    def _table_query(self):
        # Orders bring revenue, cost and profit; payments bring receipts.
        # The client's and the company's rows only add columns (every order
        # and payment has both): LEFT JOINs on their keys let PostgreSQL skip
        # them when a grouping does not read those columns.
        return SQL(
            """
            SELECT so.id * 2 AS id, p.commercial_partner_id AS partner_id,
                   so.id AS order_id, so.user_id, so.company_id, c.currency_id,
                   so.date_order::date AS date, 1 AS order_count,
                   so.transport_revenue AS revenue, so.transport_cost AS cost,
                   so.transport_profit AS profit, 0 AS receipts,
                   cp.transport_abc_revenue AS abc_revenue,
                   cp.transport_abc_profit AS abc_profit
              FROM sale_order so
              JOIN res_partner p ON p.id = so.partner_id
              LEFT JOIN res_partner cp ON cp.id = p.commercial_partner_id
              LEFT JOIN res_company c ON c.id = so.company_id
             WHERE so.is_transport AND so.state = 'sale'
            UNION ALL
            SELECT pay.id * 2 + 1, p.commercial_partner_id, NULL, NULL,
                   pay.company_id, c.currency_id, pay.date, 0, 0, 0, 0,
                   pay.amount_company_currency_signed,
                   cp.transport_abc_revenue, cp.transport_abc_profit
              FROM account_payment pay
              JOIN res_partner p ON p.id = pay.partner_id
              LEFT JOIN res_partner cp ON cp.id = p.commercial_partner_id
              LEFT JOIN res_company c ON c.id = pay.company_id
             WHERE pay.payment_type = 'inbound'
               AND pay.state IN ('in_process', 'paid')
            """
        )
