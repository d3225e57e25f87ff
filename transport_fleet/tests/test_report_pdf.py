from datetime import date, datetime

from odoo.tests import tagged

from .common import TransportFleetCase
from .pdf_render_common import PdfRenderMixin


@tagged("post_install", "-at_install")
class TestRouteSheetPdf(PdfRenderMixin, TransportFleetCase):
    """The route sheet a driver takes on the road is one readable A4 page
    that names the trip, the vehicles, the driver, the route and the costs."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.stop_partner = cls.env["res.partner"].create(
            {"name": "Turin Cross-Dock", "street": "Via Roma 1", "city": "Turin"}
        )
        cls.trip = cls._create_trip(
            co_driver_id=cls.driver_2.id,
            cargo_weight=18.5,
            odometer_start=120500.0,
            odometer_end=120960.0,
            fuel_start=400.0,
            fuel_end=250.0,
            date_departure=datetime(2026, 6, 1, 6, 15),
            date_arrival=datetime(2026, 6, 1, 17, 40),
            stop_ids=[
                (0, 0, {"stop_type": "loading", "partner_id": cls.stop_partner.id}),
            ],
            cost_line_ids=[
                (
                    0,
                    0,
                    {
                        "cost_type": "toll",
                        "description": "Frejus tunnel",
                        "date": date(2026, 6, 1),
                        "amount": 312.40,
                    },
                ),
                (
                    0,
                    0,
                    {
                        "cost_type": "parking",
                        "description": "Overnight parking",
                        "date": date(2026, 6, 1),
                        "amount": 25.0,
                    },
                ),
            ],
        )

    def test_route_sheet_is_one_readable_a4_page(self):
        rendered = self.render_pdf(
            "transport_fleet.action_report_trip_route_sheet", self.trip
        )
        self.assertPdfLooksRight(
            rendered,
            [
                f"Route Sheet {self.trip.name}",
                "TR-001",
                "ST-001",
                "Dana Driver",
                "Carl Co-driver",
                "Lyon",
                "Milan",
                "Turin Cross-Dock",
                "Frejus tunnel",
                "337.40",  # the total of the costs
                "460.0",  # the distance driven by the odometer
            ],
        )


@tagged("post_install", "-at_install")
class TestPdfRenderChecks(PdfRenderMixin, TransportFleetCase):
    """The render checks see the defects a reader would: content cut at the
    right edge, a blank page, the wrong paper, a missing text."""

    pdf_keep_pages = False  # no probe among the documents' pictures

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["ir.ui.view"].create(
            {
                "type": "qweb",
                "name": "transport_fleet.test_pdf_probe",
                "key": "transport_fleet.test_pdf_probe",
                "arch": """
                    <t t-name="transport_fleet.test_pdf_probe">
                        <t t-call="web.html_container">
                            <t t-foreach="docs" t-as="o">
                                <t t-call="web.basic_layout">
                                    <div class="page">
                                        <table t-if="o.ref == 'wide'"
                                               style="width: 320mm;">
                                            <tr>
                                                <td>Too wide for A4</td>
                                                <td class="text-end">Cut off</td>
                                            </tr>
                                        </table>
                                    </div>
                                </t>
                            </t>
                        </t>
                    </t>
                """,
            }
        )
        cls.probe_report = cls.env["ir.actions.report"].create(
            {
                "name": "PDF probe",
                "model": "res.partner",
                "report_type": "qweb-pdf",
                "report_name": "transport_fleet.test_pdf_probe",
            }
        )
        cls.partner = cls.env["res.partner"].create({"name": "Probe"})

    def test_content_wider_than_the_page_is_reported_as_cut(self):
        self.partner.ref = "wide"
        rendered = self.render_pdf(self.probe_report, self.partner, name="probe_wide")
        self.assertPdfPages(rendered, 1)
        self.assertPdfTexts(rendered, ["Too wide for A4"])
        with self.assertRaisesRegex(AssertionError, "wider than the page and is cut"):
            self.assertPdfNotCutAtRightEdge(rendered)

    def test_blank_page_wrong_paper_and_missing_text_are_reported(self):
        rendered = self.render_pdf(self.probe_report, self.partner, name="probe_blank")
        self.assertPdfPaper(rendered, "A4")
        with self.assertRaisesRegex(AssertionError, r"page 1 is blank \(0\.00% ink\)"):
            self.assertPdfNotBlank(rendered)
        with self.assertRaisesRegex(AssertionError, "not A4 landscape"):
            self.assertPdfPaper(rendered, "A4", landscape=True)
        with self.assertRaisesRegex(AssertionError, "not Letter portrait"):
            self.assertPdfPaper(rendered, "Letter")
        with self.assertRaisesRegex(AssertionError, "1 pages instead of 2"):
            self.assertPdfPages(rendered, 2)
        with self.assertRaisesRegex(AssertionError, r"does not show \['Probe'\]"):
            self.assertPdfTexts(rendered, ["Probe"])
