from .common import TransportStockCase


class TestNomenclature(TransportStockCase):
    def test_seeded_category_tree(self):
        root = self.env.ref("transport_stock.product_category_fleet_supplies")
        kinds = dict(
            (category.name, category.transport_kind) for category in root.child_id
        )
        self.assertEqual(
            kinds,
            {
                "Fuel": "fuel",
                "Lubricants": "lubricant",
                "Tyres": "tyre",
                "Spare parts": "part",
                "Consumables": "consumable",
            },
        )
        self.assertEqual(self.cat_brakes.transport_kind, "part")
        self.assertEqual(self.brake_pads.transport_kind, "part")

    def test_new_subcategory_inherits_its_family(self):
        category = self.env["product.category"].create(
            {
                "name": "Winter tyres",
                "parent_id": self.env.ref("transport_stock.product_category_tyres").id,
            }
        )
        self.assertEqual(category.transport_kind, "tyre")

    def _find(self, text):
        return self.env["product.product"].browse(
            [
                product_id
                for product_id, _name in self.env["product.product"].name_search(text)
            ]
        )

    def test_one_search_finds_an_item_by_any_attribute(self):
        for text in (
            "TST-BP-29087",
            "81508206092",
            "Teststop",
            "ST 440",
            "4600000000003",
            "test brake pad",
        ):
            with self.subTest(text=text):
                self.assertEqual(self._find(text), self.brake_pads)

    def test_search_by_attribute_through_display_name(self):
        Product = self.env["product.product"]
        self.assertEqual(
            Product.search([("display_name", "ilike", "OE-8150")]), self.brake_pads
        )
        self.assertEqual(
            self.env["product.template"].search(
                [("display_name", "ilike", "Testlube")]
            ),
            self.engine_oil.product_tmpl_id,
        )

    def test_similar_items_told_apart_by_vehicle_model(self):
        van_pads = self.env["product.product"].create(
            {
                "name": "Test brake pad set, front",
                "is_storable": True,
                "categ_id": self.cat_brakes.id,
                "part_number": "TST-BP-11020",
                "compatible_model_ids": [(6, 0, self.model_van.ids)],
            }
        )
        self.assertEqual(self._find("SV 35"), van_pads)
        self.assertEqual(self._find("Test brake pad set"), self.brake_pads | van_pads)
