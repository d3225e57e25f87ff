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
        if sequence.implementation != "standard":
            return [sequence._next() for _index in range(count)]
        current = sequence._get_current_sequence(
            self.env.context.get("ir_sequence_date")
        )
        if current == sequence:
            pg_sequence = f"ir_sequence_{sequence.id:03d}"
        else:
            pg_sequence = f"ir_sequence_{sequence.id:03d}_{current.id:03d}"
            sequence = sequence.with_context(ir_sequence_date_range=current.date_from)
        rows = self.env.execute_query(
            SQL("SELECT nextval(%s) FROM generate_series(1, %s)", pg_sequence, count)
        )
        prefix, suffix = sequence._get_prefix_suffix()
        return [
            f"{prefix}{number:0{sequence.padding}d}{suffix}"
            for number in sorted(row[0] for row in rows)
        ]
