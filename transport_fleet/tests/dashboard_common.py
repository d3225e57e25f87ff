from datetime import date, datetime

from dateutil.relativedelta import relativedelta
from lxml import etree

from odoo.tools.safe_eval import safe_eval


class TransportDashboardMixin:
    """Reads the Transport dashboard as a given user sees it, the way the web
    client does (``get_views`` of its board view), and checks the user can
    read what each panel shows. Also used by transport_stock and transport_crm
    for the panels they add."""

    def _dashboard_nodes(self, user):
        """The ``<action>`` elements of the dashboard as ``user`` gets them,
        by their title."""
        view = self.env.ref("transport_fleet.transport_dashboard_view_form")
        result = self.env["board.board"].with_user(user).get_views([(view.id, "form")])
        arch = etree.fromstring(result["views"]["form"]["arch"])
        return {node.get("string"): node for node in arch.iter("action")}

    def _dashboard_panels(self, user):
        """The panel actions (``ir.actions.act_window``) of the dashboard as
        ``user`` gets them, by their title."""
        return {
            title: self.env["ir.actions.act_window"].browse(int(node.get("name")))
            for title, node in self._dashboard_nodes(user).items()
        }

    def _assert_panels_readable(self, user):
        """Every panel left for ``user`` loads: its action, and the records
        its domain selects, are read without an AccessError."""
        panels = {}
        for title, node in self._dashboard_nodes(user).items():
            with self.subTest(user=user.login, panel=title):
                action = self.env["ir.actions.act_window"].browse(int(node.get("name")))
                # what /web/action/load gives the web client
                loaded = action.with_user(user).sudo()._get_action_dict()
                model = self.env[loaded["res_model"]].with_user(user)
                self.assertTrue(model.has_access("read"), title)
                # the web client evaluates the domain with these helpers
                domain = safe_eval(
                    node.get("domain") or "[]",
                    {
                        "context_today": date.today,
                        "relativedelta": relativedelta,
                        "datetime": datetime,
                    },
                )
                model.search_count(domain)
                panels[title] = action
        return panels
