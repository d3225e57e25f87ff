from .common import TransportStockCase


class TestLowStock(TransportStockCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.activity_type = cls.env.ref("transport_stock.mail_activity_type_low_stock")
        Orderpoint = cls.env["stock.warehouse.orderpoint"]
        cls.orderpoint_pads = Orderpoint.create(
            {
                "product_id": cls.brake_pads.id,
                "location_id": cls.stock_location.id,
                "product_min_qty": 6.0,
                "product_max_qty": 12.0,
            }
        )
        cls.orderpoint_diesel = Orderpoint.create(
            {
                "product_id": cls.diesel.id,
                "location_id": cls.stock_location.id,
                "product_min_qty": 500.0,
                "product_max_qty": 3000.0,
            }
        )
        cls.brake_pads.with_company(cls.company).responsible_id = cls.storekeeper

    def _low_stock_activities(self):
        """Low-stock activities of the items created by these tests."""
        return self.env["mail.activity"].search(
            [
                ("activity_type_id", "=", self.activity_type.id),
                ("res_model", "=", "product.product"),
                ("res_id", ">=", self.diesel.id),
            ]
        )

    def test_item_below_minimum_gets_one_activity_for_its_responsible(self):
        self.env["stock.warehouse.orderpoint"]._cron_check_transport_low_stock()

        activity = self._low_stock_activities()
        self.assertEqual(len(activity), 1, "diesel (1000 l) is above its minimum")
        self.assertEqual(activity.res_id, self.brake_pads.id)
        self.assertEqual(activity.user_id, self.storekeeper)
        self.assertIn("on hand 4.00 Units, minimum 6.00 Units", activity.note)

    def test_rerun_creates_no_duplicate(self):
        Orderpoint = self.env["stock.warehouse.orderpoint"]
        Orderpoint._cron_check_transport_low_stock()
        Orderpoint._cron_check_transport_low_stock()
        self.assertEqual(len(self._low_stock_activities()), 1)

    def test_issue_below_minimum_then_check_flags_it(self):
        self._issue("fuel", [(self.diesel, 600.0)], trip=self.trip)
        self.env["stock.warehouse.orderpoint"]._cron_check_transport_low_stock()
        self.assertEqual(
            set(self._low_stock_activities().mapped("res_id")),
            {self.brake_pads.id, self.diesel.id},
        )

    def test_activity_closed_when_back_above_minimum(self):
        Orderpoint = self.env["stock.warehouse.orderpoint"]
        Orderpoint._cron_check_transport_low_stock()
        self.env["stock.quant"]._update_available_quantity(
            self.brake_pads, self.stock_location, 10.0
        )
        Orderpoint._cron_check_transport_low_stock()
        self.assertFalse(self._low_stock_activities())

    def test_storekeeper_is_the_fallback_assignee(self):
        self.diesel.with_company(self.company).responsible_id = False
        self.orderpoint_diesel.product_min_qty = 2000.0
        self.env["stock.warehouse.orderpoint"]._cron_check_transport_low_stock()
        activity = self._low_stock_activities().filtered(
            lambda a: a.res_id == self.diesel.id
        )
        self.assertEqual(
            activity.user_id, self.company._get_transport_storekeepers()[:1]
        )
        self.assertTrue(
            activity.user_id.has_group("transport_stock.group_transport_storekeeper")
        )

    def test_rerun_cost_does_not_grow_with_the_number_of_items(self):
        Orderpoint = self.env["stock.warehouse.orderpoint"]
        for index in range(10):
            product = self.env["product.product"].create(
                {
                    "name": f"Bulb {index}",
                    "is_storable": True,
                    "categ_id": self.cat_brakes.id,
                }
            )
            Orderpoint.create(
                {
                    "product_id": product.id,
                    "location_id": self.stock_location.id,
                    "product_min_qty": 5.0,
                    "product_max_qty": 10.0,
                }
            )
        Orderpoint._cron_check_transport_low_stock()
        self.assertEqual(len(self._low_stock_activities()), 11)
        with self.assertQueryCount(__system__=6):
            Orderpoint._cron_check_transport_low_stock()
        self.assertEqual(len(self._low_stock_activities()), 11)
