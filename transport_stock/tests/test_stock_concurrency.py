from unittest.mock import patch

from .common import TransportStockCase


class TestStockConcurrency(TransportStockCase):
    """The lock that keeps two storekeepers from both issuing the last litres.

    Core takes quants with SKIP LOCKED, so a second issue would book a new
    negative quant beside the first one's and pass the no-negative check. The
    race itself is proven against a live server (tests/test_concurrency.py at
    the root of the repository): here, that the stock is locked, waiting, before
    core reserves or moves it.
    """

    def _queries_of(self, function):
        queries = []
        execute = type(self.env.cr).execute

        def spy(cr, query, params=None, log_exceptions=True):
            queries.append(cr.mogrify(query, params).decode())
            return execute(cr, query, params, log_exceptions)

        with patch.object(type(self.env.cr), "execute", spy):
            result = function()
        return queries, result

    def test_fuel_stock_is_locked_before_it_is_reserved_or_moved(self):
        quants = self.env["stock.quant"].search(
            [
                ("product_id", "=", self.diesel.id),
                ("location_id", "=", self.stock_location.id),
            ]
        )
        self.assertTrue(quants)
        queries, waybill = self._queries_of(
            lambda: self._issue("fuel", [(self.diesel, 80.0)], trip=self.trip)
        )
        lock = (
            "SELECT id FROM stock_quant WHERE id IN "
            f"({', '.join(map(str, sorted(quants.ids)))}) ORDER BY id "
            "FOR NO KEY UPDATE"
        )
        self.assertIn(lock, queries)
        first_quant_change = next(
            index
            for index, query in enumerate(queries)
            if query.startswith('UPDATE "stock_quant"') or "SKIP LOCKED" in query
        )
        self.assertLess(queries.index(lock), first_quant_change)
        self.assertEqual(waybill.state, "done")
        self.assertEqual(self._on_hand(self.diesel), 920.0)
