from odoo import api, models
from odoo.exceptions import UserError


class BoardBoard(models.AbstractModel):
    _inherit = "board.board"

    @api.model
    def get_custom_view_id(self, view_id):
        """Return the id of the current user's own copy of the dashboard view
        ``view_id``, made on first need.

        The web client saves every change of layout, folded or removed panel
        into that copy. Core only makes one when a view is added from "Add to
        my dashboard", so a dashboard shipped by a module could not be
        arranged without it."""
        # sudo: reading the definition of a view needs the Administration rights
        view = self.env["ir.ui.view"].sudo().browse(view_id).exists()
        if view.model != self._name or view.type != "form":
            raise UserError(self.env._("This view is not a dashboard."))
        # sudo: the copies belong to each user and only the web client edits
        # them, checking their owner (as board's "Add to my dashboard" does)
        Custom = self.env["ir.ui.view.custom"].sudo()
        custom = Custom.search(
            [("user_id", "=", self.env.uid), ("ref_id", "=", view.id)], limit=1
        )
        if not custom:
            custom = Custom.create(
                {
                    "user_id": self.env.uid,
                    "ref_id": view.id,
                    "arch": self.get_view(view.id, "form")["arch"],
                }
            )
        return custom.id
