from datetime import date

from freezegun import freeze_time

from odoo.exceptions import ValidationError
from odoo.tests import new_test_user, users, warmup

from .common import TransportFleetCase


class TestDocuments(TransportFleetCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.fleet_manager = new_test_user(
            cls.env,
            login="doc_manager",
            groups="transport_fleet.group_transport_manager",
        )
        cls.type_inspection.write(
            {"alert_days": 30, "responsible_id": cls.fleet_manager.id}
        )
        cls.activity_type = cls.env.ref("transport_fleet.mail_activity_document_expiry")

    def _inspection(self, expiry, vehicle=None):
        return self.env["transport.document"].create(
            {
                "name": "TI-77",
                "type_id": self.type_inspection.id,
                "vehicle_id": (vehicle or self.tractor).id,
                "expiry_date": expiry,
            }
        )

    def _expiry_activities(self, documents):
        return documents.activity_ids.filtered(
            lambda a: a.activity_type_id == self.activity_type
        )

    @freeze_time("2026-03-01")
    def test_state_follows_expiry_and_alert_window(self):
        self.assertEqual(self._inspection(date(2026, 6, 1)).state, "valid")
        self.assertEqual(self._inspection(date(2026, 3, 20)).state, "expiring")
        self.assertEqual(self._inspection(date(2026, 2, 28)).state, "expired")
        no_expiry = self._inspection(False)
        self.assertEqual(no_expiry.state, "valid")
        self.assertFalse(no_expiry.alert_date)

    def test_alert_date_uses_the_type_lead_time(self):
        document = self._inspection(date(2026, 6, 30))
        self.assertEqual(document.alert_date, date(2026, 5, 31))
        self.type_inspection.alert_days = 10
        self.assertEqual(document.alert_date, date(2026, 6, 20))

    def test_expiry_before_issue_refused(self):
        with self.assertRaisesRegex(
            ValidationError, "cannot expire before it is issued"
        ):
            self.env["transport.document"].create(
                {
                    "name": "X",
                    "type_id": self.type_inspection.id,
                    "vehicle_id": self.tractor.id,
                    "issue_date": date(2026, 5, 1),
                    "expiry_date": date(2026, 4, 1),
                }
            )

    def test_document_belongs_to_a_holder_of_its_kind(self):
        with self.assertRaisesRegex(ValidationError, "belongs to exactly one vehicle"):
            self.env["transport.document"].create(
                {
                    "name": "X",
                    "type_id": self.type_inspection.id,
                    "partner_id": self.driver.id,
                }
            )
        with self.assertRaisesRegex(ValidationError, "belongs to exactly one driver"):
            self.env["transport.document"].create(
                {
                    "name": "X",
                    "type_id": self.type_medical.id,
                    "vehicle_id": self.tractor.id,
                }
            )

    def test_cron_alerts_once_and_marks_expired(self):
        with freeze_time("2026-05-01"):
            entering = self._inspection(date(2026, 5, 20))
            later = self._inspection(date(2026, 9, 1), vehicle=self.tractor_2)
            self.assertEqual(entering.state, "expiring")
        with freeze_time("2026-05-02"):
            self.env["transport.document"]._cron_check_expiry()
            activity = self._expiry_activities(entering)
            self.assertEqual(
                len(activity), 1, "one activity for the document in its window"
            )
            self.assertEqual(activity.user_id, self.fleet_manager)
            self.assertEqual(activity.date_deadline, date(2026, 5, 20))
            self.assertIn("TR-001", str(activity.note))
            self.assertFalse(self._expiry_activities(later), "not in its window yet")
            # running again the same day creates nothing new
            self.env["transport.document"]._cron_check_expiry()
            self.assertEqual(len(self._expiry_activities(entering | later)), 1)
        with freeze_time("2026-05-21"):
            self.env["transport.document"]._cron_check_expiry()
            self.assertEqual(entering.state, "expired")
            self.assertEqual(
                len(self._expiry_activities(entering)), 1, "no second alert"
            )
        with freeze_time("2026-08-05"):
            self.env["transport.document"]._cron_check_expiry()
            self.assertEqual(later.state, "expiring")
            self.assertEqual(len(self._expiry_activities(later)), 1)

    def test_renewed_document_is_alerted_again(self):
        with freeze_time("2026-05-01"):
            document = self._inspection(date(2026, 5, 20))
            self.env["transport.document"]._cron_check_expiry()
            self._expiry_activities(document).action_done()
            document.expiry_date = date(2027, 5, 20)
            self.assertEqual(document.state, "valid")
        with freeze_time("2027-04-25"):
            self.env["transport.document"]._cron_check_expiry()
            self.assertEqual(document.state, "expiring")
            self.assertEqual(len(self._expiry_activities(document)), 1)

    def test_vehicle_status_at_a_glance(self):
        with freeze_time("2026-03-01"):
            self.assertEqual(self.tractor.transport_document_status, "valid")
            self.assertFalse(self.tractor.transport_missing_document_type_ids)
            self.tractor.transport_document_ids.filtered(
                lambda d: d.type_id == self.type_insurance
            ).unlink()
            self.tractor.invalidate_recordset(["transport_document_status"])
            self.assertEqual(self.tractor.transport_document_status, "missing")
            self.assertEqual(
                self.tractor.transport_missing_document_type_ids, self.type_insurance
            )
            self._inspection(date(2026, 3, 10), vehicle=self.tractor_2)
            self.assertEqual(self.tractor_2.transport_document_status, "expiring")

    def test_driver_status_and_licence_at_a_glance(self):
        with freeze_time("2026-03-01"):
            self.assertEqual(self.driver.transport_document_status, "valid")
            self.assertEqual(self.driver.driver_licence_number, f"DL-{self.driver.id}")
            self.assertEqual(
                self.driver.driver_licence_category_ids,
                self.cat_b | self.cat_c | self.cat_ce,
            )
            self.assertEqual(self.driver.driver_licence_expiry_date, self.expiry)
            self.assertEqual(self.driver.driver_medical_expiry_date, self.expiry)
            self.driver.transport_document_ids.filtered(
                lambda d: d.kind == "medical"
            ).expiry_date = date(2026, 2, 1)
            self.assertEqual(self.driver.transport_document_status, "missing")
            self.assertEqual(
                self.driver.transport_missing_document_type_ids, self.type_medical
            )

    def test_replaced_expired_document_is_history(self):
        with freeze_time("2026-03-01"):
            self._inspection(date(2026, 1, 1))
            self.tractor.invalidate_recordset(["transport_document_status"])
            self.assertEqual(self.tractor.transport_document_status, "valid")

    @users("__system__")
    @warmup
    def test_cron_query_count_is_bounded(self):
        with freeze_time("2026-05-02"):
            # clear any backlog (demo data) so that only these documents count
            self.env["transport.document"]._cron_check_expiry()
        documents = self.env["transport.document"].create(
            [
                {
                    "name": f"TI-{index}",
                    "type_id": self.type_inspection.id,
                    "vehicle_id": self.tractor.id,
                    "expiry_date": date(2026, 5, 20),
                }
                for index in range(5)
            ]
        )
        self.env.flush_all()
        # the state refresh and searches are constant; each alert costs the
        # activity and the notification mail sent to the responsible person
        with freeze_time("2026-05-02"), self.assertQueryCount(__system__=77):
            self.env["transport.document"]._cron_check_expiry()
            self.env.flush_all()
        self.assertEqual(len(self._expiry_activities(documents)), 5)
