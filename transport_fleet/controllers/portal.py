from odoo import http
from odoo.exceptions import AccessError, MissingError
from odoo.http import request

from odoo.addons.portal.controllers.portal import CustomerPortal
from odoo.addons.portal.controllers.portal import pager as portal_pager


class TransportDriverPortal(CustomerPortal):
    """Drivers with a portal account follow the trips they drive."""

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "trip_count" in counters:
            trips = request.env["transport.trip"]
            values["trip_count"] = (
                trips.search_count(self._driver_trip_domain())
                if trips.has_access("read")
                else 0
            )
        return values

    def _driver_trip_domain(self):
        partner = request.env.user.partner_id
        return [
            ("state", "!=", "cancelled"),
            "|",
            ("driver_id", "=", partner.id),
            ("co_driver_id", "=", partner.id),
        ]

    @http.route(
        ["/my/trips", "/my/trips/page/<int:page>"],
        type="http",
        auth="user",
        website=True,
    )
    def portal_my_trips(self, page=1, **kw):
        trips = request.env["transport.trip"]
        domain = self._driver_trip_domain()
        pager = portal_pager(
            url="/my/trips",
            total=trips.search_count(domain),
            page=page,
            step=self._items_per_page,
        )
        # The record rules let a driver read only their own trips; the vehicle
        # names shown with them come from a sudo read of those trips only.
        visible = trips.search(
            domain,
            order="date_planned_departure desc, id desc",
            limit=self._items_per_page,
            offset=pager["offset"],
        )
        values = self._prepare_portal_layout_values()
        values.update(
            {"trips": visible.sudo(), "pager": pager, "page_name": "transport_trip"}
        )
        return request.render("transport_fleet.portal_my_trips", values)

    @http.route(["/my/trips/<int:trip_id>"], type="http", auth="user", website=True)
    def portal_my_trip(self, trip_id, **kw):
        try:
            trip_sudo = self._document_check_access("transport.trip", trip_id)
        except (AccessError, MissingError):
            return request.redirect("/my")
        values = self._prepare_portal_layout_values()
        values.update({"trip": trip_sudo, "page_name": "transport_trip"})
        return request.render("transport_fleet.portal_my_trip", values)
