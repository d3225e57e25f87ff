from contextlib import contextmanager
from datetime import timedelta
from unittest.mock import patch

from odoo import fields
from odoo.tests import tagged
from odoo.tools import SQL, mute_logger

from odoo.addons.base.models import ir_cron

from ..models import transport_segment
from .daily_plan_common import DailyPlanCase
from .marketing_common import TransportMarketingCase

CRON_LOGGER = "odoo.addons.base.models.ir_cron"


class WorkerKilled(Exception):
    """Stands for whatever stops a cron half-way (a crash, a timeout)."""


class CronResumeMixin:
    """Scheduled actions run as the scheduler runs them: through
    ``method_direct_trigger`` in Odoo's registry test mode, so that their
    commits (``ir.cron._commit_progress``) and their rollback on an exception
    happen on the test's cursor."""

    def _trigger(self, xmlid, single_run=False):
        cron = self.env.ref(xmlid)
        with self.enter_registry_test_mode(), mute_logger(CRON_LOGGER):
            if single_run:
                # The scheduler runs a cron again at once while it reports
                # progress and has time left; here a single run, to look at
                # the interrupted state, whose batches are not cut short by
                # the (then empty) time budget.
                IrCron = type(self.env["ir.cron"])
                commit_progress = IrCron._commit_progress

                def commit_without_budget(cron, *args, **kwargs):
                    commit_progress(cron, *args, **kwargs)
                    return float("inf")

                with (
                    patch.object(ir_cron, "MIN_RUNS_PER_JOB", 1),
                    patch.object(ir_cron, "MIN_TIME_PER_JOB", 0),
                    patch.object(IrCron, "_commit_progress", commit_without_budget),
                ):
                    cron.method_direct_trigger()
            else:
                cron.method_direct_trigger()
        self.env.invalidate_all()

    @contextmanager
    def _failing(self, model, method, when):
        """Make ``model.method`` raise on the calls for which ``when(call
        number, records)`` is true (calls are numbered from 1)."""
        cls = type(self.env[model])
        original = getattr(cls, method)
        calls = []

        def wrapper(records, *args, **kwargs):
            calls.append(records.ids)
            if when(len(calls), records):
                raise WorkerKilled(f"{method} interrupted")
            return original(records, *args, **kwargs)

        with patch.object(cls, method, wrapper):
            yield calls


@tagged("post_install", "-at_install")
class TestSegmentRefreshResume(CronResumeMixin, TransportMarketingCase):
    """The daily segment refresh commits after each batch of segments: cut
    after the first batch, it leaves that batch done and the rest untouched,
    and the next run completes the membership, with nobody in twice."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Partner = cls.env["res.partner"]
        cls.clients = Partner.create(
            [
                {"name": f"Resume client {n}", "is_company": True, "ref": f"RC{n}"}
                for n in range(6)
            ]
        )
        cls.env["transport.segment"].search([]).active = False
        cls.segments = cls.env["transport.segment"].create(
            [
                {
                    "name": f"Resume segment {n}",
                    "kind": "rule",
                    "rule_domain": repr(
                        [("ref", "in", [f"RC{k}" for k in range(n, n + 3)])]
                    ),
                }
                for n in range(4)
            ]
        )
        # Segment n's members: clients n, n+1 and n+2.
        cls.expected = {
            segment: set(cls.clients[n : n + 3].ids)
            for n, segment in enumerate(cls.segments)
        }

    def _members(self):
        self.env["transport.segment"].invalidate_model(["partner_ids"])
        return {segment: set(segment.partner_ids.ids) for segment in self.segments}

    def test_interrupted_refresh_resumes_without_duplicates(self):
        xmlid = "transport_crm.ir_cron_transport_segment_refresh"
        with (
            patch.object(transport_segment, "REFRESH_BATCH", 2),
            self._failing(
                "transport.segment", "_refresh_membership", lambda n, _r: n == 2
            ) as calls,
        ):
            self._trigger(xmlid, single_run=True)
        self.assertEqual(calls, [self.segments[:2].ids, self.segments[2:].ids])
        members = self._members()
        first, rest = self.segments[:2], self.segments[2:]
        for segment in first:
            self.assertEqual(members[segment], self.expected[segment])
        for segment in rest:
            self.assertFalse(members[segment], "the interrupted batch rolled back")
            self.assertFalse(segment.last_refresh)

        self._trigger(xmlid)
        self.assertEqual(self._members(), self.expected)
        # Each membership once (the relation's key), and a further run
        # changes nothing.
        rows = self.env.execute_query(
            SQL(
                "SELECT segment_id, partner_id, COUNT(*) FROM "
                "transport_segment_partner_rel WHERE segment_id IN %s "
                "GROUP BY segment_id, partner_id HAVING COUNT(*) > 1",
                tuple(self.segments.ids),
            )
        )
        self.assertFalse(rows)
        self._trigger(xmlid)
        self.assertEqual(self._members(), self.expected)

    def test_scheduler_runs_the_rest_at_once(self):
        """Interrupted after committing progress, the scheduler itself runs
        the cron again in the same turn and finishes it."""
        with (
            patch.object(transport_segment, "REFRESH_BATCH", 2),
            self._failing(
                "transport.segment", "_refresh_membership", lambda n, _r: n == 2
            ) as calls,
        ):
            self._trigger("transport_crm.ir_cron_transport_segment_refresh")
        self.assertGreater(len(calls), 2, "run again after the failure")
        self.assertEqual(self._members(), self.expected)


@tagged("post_install", "-at_install")
class TestDailyPlanResume(CronResumeMixin, DailyPlanCase):
    """The morning plan is one transaction: interrupted, it plans nothing;
    run again after a partial plan, it completes it and plans nothing twice."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        today = fields.Date.today()
        cls.client.transport_last_order_date = today - timedelta(days=90)
        cls.client_2.transport_last_order_date = today - timedelta(days=10)
        (cls.client | cls.client_2).transport_churn_risk = True
        cls.dormant = cls._create_rule("dormant", days=60, sequence=1)
        cls.churn = cls._create_rule("churn", sequence=2)

    def _plan(self):
        """The plan of the test's rules, and that of its two clients."""
        activities = self.env["mail.activity"].search(
            [("transport_plan_rule_id", "in", (self.dormant | self.churn).ids)]
        )
        plan = sorted(
            (a.transport_plan_rule_id.kind, a.res_id, a.user_id.id) for a in activities
        )
        self.assertEqual(
            len({res_id for _kind, res_id, _user in plan}),
            len(plan),
            "one planned activity per client",
        )
        clients = (self.client | self.client_2).ids
        return plan, [line for line in plan if line[1] in clients]

    def test_interrupted_plan_resumes_without_duplicates(self):
        xmlid = "transport_crm.ir_cron_transport_daily_plan"
        expected = [
            ("churn", self.client_2.id, self.sue.id),
            ("dormant", self.client.id, self.sam.id),
        ]
        with self._failing(
            "transport.monitoring.rule",
            "_get_targets",
            lambda _n, rule: rule.kind == "churn",
        ):
            self._trigger(xmlid)
        self.assertEqual(self._plan()[0], [], "the failed run left nothing behind")

        # As if a run had been cut after the dormant rule's plan was saved.
        self.dormant._draw_up_plan()
        self._trigger(xmlid)
        plan, ours = self._plan()
        self.assertEqual(ours, expected)
        self._trigger(xmlid)
        self.assertEqual(self._plan()[0], plan, "a further run plans nothing twice")


@tagged("post_install", "-at_install")
class TestMailingRuleResume(CronResumeMixin, TransportMarketingCase):
    """Recurring mailings: an interrupted run queues nothing and does not move
    any rule; a mailing whose sending was cut after its first batch sends
    only the rest when taken up again."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.clients = cls.env["res.partner"].create(
            [
                {"name": f"Rule client {n}", "email": f"rule{n}@client.example.com"}
                for n in range(4)
            ]
        )
        cls.segment = cls.env["transport.segment"].create(
            {
                "name": "Resume rule segment",
                "kind": "manual",
                "partner_ids": cls.clients.ids,
            }
        )
        cls.env["transport.mailing.rule"].search([]).active = False
        today = fields.Date.today()
        cls.rules = cls.env["transport.mailing.rule"].create(
            [
                {
                    "name": f"Resume rule {n}",
                    "segment_ids": [cls.segment.id],
                    "template_id": cls.template_reminder.id,
                    "min_gap_days": 0,
                    "next_date": today,
                }
                for n in range(2)
            ]
        )

    def _mailings(self):
        return self.env["mailing.mailing"].search(
            [("transport_rule_id", "in", self.rules.ids)]
        )

    def test_interrupted_rule_run_resumes_without_duplicates(self):
        xmlid = "transport_crm.ir_cron_transport_mailing_rule"
        today = fields.Date.today()
        with self._failing(
            "mailing.mailing", "action_put_in_queue", lambda n, _r: n == 2
        ):
            self._trigger(xmlid)
        self.assertFalse(self._mailings(), "the failed run queued nothing")
        self.assertEqual(set(self.rules.mapped("next_date")), {today})

        self._trigger(xmlid)
        mailings = self._mailings()
        self.assertEqual(mailings.transport_rule_id, self.rules)
        self.assertEqual(len(mailings), 2, "one mailing per rule")
        self._trigger(xmlid)
        self.assertEqual(self._mailings(), mailings, "not due again today")

    def test_mailing_sent_again_after_a_cut_sends_the_rest_only(self):
        mailing = self._create_mailing(transport_segment_ids=[(6, 0, self.segment.ids)])
        # The first batch went out before the sending was cut.
        mailing.action_send_mail(res_ids=self.clients[:2].ids)
        mailing.action_send_mail()
        traces = mailing.mailing_trace_ids
        self.assertEqual(sorted(traces.mapped("res_id")), sorted(self.clients.ids))
        mails = self.env["mail.mail"].search([("mailing_id", "=", mailing.id)])
        self.assertEqual(sorted(mails.mapped("res_id")), sorted(self.clients.ids))
        self.assertEqual(
            mailing.transport_recipient_count, 4, "each client counted once"
        )
