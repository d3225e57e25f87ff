from odoo import api, models
from odoo.tools import SQL


class IrSequence(models.Model):
    _inherit = "ir.sequence"

    @api.model
    def _next_by_code_batch(self, sequence_code, count):
        """The next ``count`` values of ``next_by_code(sequence_code)``.

        A standard (gap-allowed) sequence hands out all the numbers in one
        query, so that batch creates do not pay two queries per record;
        a no-gap sequence is drawn number by number, as core does.
        """
        self.browse().check_access("read")
        sequence = self.search(
            [
                ("code", "=", sequence_code),
                ("company_id", "in", [self.env.company.id, False]),
            ],
            order="company_id",
            limit=1,
        )
        if not sequence or count <= 0:
            return [False] * max(count, 0)
        return sequence._next_batch(count)

    def _next_batch(self, count):
        """The next ``count`` values of ``next_by_id()`` on this sequence, in
        order: one query for a standard (gap-allowed) sequence, number by
        number for a no-gap one, as core does."""
        self.ensure_one()
        self.browse().check_access("read")
        if count <= 0:
            return []
        if self.implementation != "standard":
            return [self._next() for _index in range(count)]
        sequence = self
        current = self._get_current_sequence(self.env.context.get("ir_sequence_date"))
        if current == self:
            pg_sequence = f"ir_sequence_{self.id:03d}"
        else:
            pg_sequence = f"ir_sequence_{self.id:03d}_{current.id:03d}"
            sequence = self.with_context(ir_sequence_date_range=current.date_from)
        rows = self.env.execute_query(
            SQL("SELECT nextval(%s) FROM generate_series(1, %s)", pg_sequence, count)
        )
        prefix, suffix = sequence._get_prefix_suffix()
        return [
            f"{prefix}{number:0{self.padding}d}{suffix}"
            for number in sorted(row[0] for row in rows)
        ]
