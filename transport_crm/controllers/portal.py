from odoo import http
from odoo.exceptions import AccessError, MissingError
from odoo.fields import Domain
from odoo.http import request

from odoo.addons.portal.controllers.portal import CustomerPortal
from odoo.addons.portal.controllers.portal import pager as portal_pager


class TransportPortal(CustomerPortal):
    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "transport_order_count" in counters:
            SaleOrder = request.env["sale.order"]
            values["transport_order_count"] = (
                SaleOrder.search_count(self._prepare_transport_orders_domain())
                if SaleOrder.has_access("read")
                else 0
            )
        return values

    def _prepare_transport_orders_domain(self):
        partner = request.env.user.partner_id
        return Domain(
            [
                ("is_transport", "=", True),
                ("partner_id", "child_of", [partner.commercial_partner_id.id]),
                ("state", "in", ("sent", "sale")),
            ]
        )

    @http.route(
        ["/my/transport", "/my/transport/page/<int:page>"],
        type="http",
        auth="user",
        website=True,
    )
    def portal_my_transport_orders(self, page=1, **kwargs):
        SaleOrder = request.env["sale.order"]
        # Record rules restrict the search to the user's own orders; the
        # domain only narrows them to transport orders.
        domain = self._prepare_transport_orders_domain()
        pager = portal_pager(
            url="/my/transport",
            total=SaleOrder.search_count(domain),
            page=page,
            step=self._items_per_page,
        )
        orders = SaleOrder.search(
            domain,
            order="date_order desc",
            limit=self._items_per_page,
            offset=pager["offset"],
        )
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "orders": orders,
                "pager": pager,
                "page_name": "transport_order",
                "default_url": "/my/transport",
            }
        )
        return request.render("transport_crm.portal_my_transport_orders", values)

    @http.route(
        ["/my/transport/<int:order_id>/note"], type="http", auth="public", website=True
    )
    def portal_transport_signed_note(self, order_id, access_token=None, **kwargs):
        try:
            order_sudo = self._document_check_access(
                "sale.order", order_id, access_token=access_token
            )
        except (AccessError, MissingError):
            return request.redirect("/my")
        if not order_sudo.signed_note_id:
            return request.redirect(order_sudo.get_portal_url())
        # The access to the order was checked above; the attachment itself is
        # not readable by portal users, hence sudo.
        return (
            request.env["ir.binary"]
            ._get_stream_from(order_sudo.signed_note_id.sudo())
            .get_response(as_attachment=True)
        )
