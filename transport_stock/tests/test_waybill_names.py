from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestWaybillNames(TransactionCase):
    """Waybills created in a batch get the names core would give them: the
    next numbers of their operation type's sequence, in the order given, but
    drawn with one query per sequence."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.internal = cls.env.ref("stock.picking_type_internal")
        cls.delivery = cls.env.ref("stock.picking_type_out")

    def _vals(self, picking_type, **extra):
        return {
            "picking_type_id": picking_type.id,
            "location_id": picking_type.default_location_src_id.id,
            "location_dest_id": (
                picking_type.default_location_dest_id
                or self.env.ref("stock.stock_location_customers")
            ).id,
            **extra,
        }

    def _number(self, picking):
        return int(picking.name.rsplit("/", 1)[1])

    def test_batch_names_sequential_per_type(self):
        sequences = self.internal.sequence_id | self.delivery.sequence_id
        next_numbers = [seq.number_next_actual for seq in sequences]
        pickings = self.env["stock.picking"].create(
            [
                self._vals(self.internal),
                self._vals(self.delivery),
                self._vals(self.internal),
                self._vals(self.internal, name="WB/KEPT"),
                self._vals(self.delivery),
                self._vals(self.internal),
            ]
        )
        internal = pickings.filtered(
            lambda p: p.picking_type_id == self.internal and p.name != "WB/KEPT"
        )
        delivery = pickings.filtered(lambda p: p.picking_type_id == self.delivery)
        self.assertEqual(pickings[3].name, "WB/KEPT", "a given name is kept")
        prefix = self.internal.sequence_id.prefix
        self.assertTrue(all(p.name.startswith(prefix) for p in internal))
        numbers = [self._number(p) for p in internal]
        self.assertEqual(numbers, list(range(next_numbers[0], next_numbers[0] + 3)))
        numbers = [self._number(p) for p in delivery]
        self.assertEqual(numbers, list(range(next_numbers[1], next_numbers[1] + 2)))
        self.assertEqual(len(set(pickings.mapped("name"))), len(pickings))

    def test_single_create_continues_the_sequence(self):
        first = self.env["stock.picking"].create(
            [self._vals(self.internal), self._vals(self.internal)]
        )
        single = self.env["stock.picking"].create(self._vals(self.internal))
        self.assertEqual(self._number(single), self._number(first[1]) + 1)

    def test_one_query_per_sequence(self):
        """Twice the waybills cost no more sequence queries."""
        Picking = self.env["stock.picking"]
        Picking.create([self._vals(self.internal) for _i in range(2)])  # warm up
        counts = []
        for size in (10, 20):
            Picking.env.flush_all()
            Picking.env.invalidate_all()
            start = self.env.cr.sql_log_count
            Picking.create([self._vals(self.internal) for _i in range(size)])
            Picking.env.flush_all()
            counts.append(self.env.cr.sql_log_count - start)
        self.assertEqual(counts[0], counts[1])
