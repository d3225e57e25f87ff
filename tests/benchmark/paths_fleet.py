"""Fleet: the daily document expiry watch."""

from measure import compare, measure

from odoo.tools import SQL

TARGET = 1.5


def expected_changes(env, today):
    """{document id: (state it must have, whether it gets an alert now)} for
    every document today's watch must touch: one SQL statement."""
    rows = env.execute_query(
        SQL(
            """
            SELECT id,
                   CASE WHEN expiry_date < %(today)s THEN 'expired'
                        WHEN alert_date <= %(today)s THEN 'expiring'
                        ELSE 'valid' END,
                   NOT expiry_alert_sent AND alert_date <= %(today)s
              FROM transport_document
             WHERE active
               AND ((state = 'valid' AND alert_date <= %(today)s)
                    OR (state != 'expired' AND expiry_date < %(today)s)
                    OR (NOT expiry_alert_sent AND alert_date <= %(today)s))
            """,
            today=today,
        )
    )
    return {doc_id: (state, alert) for doc_id, state, alert in rows}


def run(env, data):
    baseline = measure(env, lambda: expected_changes(env, data.today), repeat=3)
    ours = measure(env, env["transport.document"]._cron_check_expiry)
    expected = baseline.result
    alerted = [doc_id for doc_id, (_state, alert) in expected.items() if alert]
    found = env.execute_query(
        SQL(
            "SELECT id, state FROM transport_document WHERE id = ANY(%s)",
            list(expected),
        )
    )
    activities = env["mail.activity"].search_count(
        [("res_model", "=", "transport.document"), ("res_id", "in", alerted)]
    )
    correct = (
        all(state == expected[doc_id][0] for doc_id, state in found)
        and len(found) == len(expected)
        and activities == len(alerted)
    )
    return [
        compare(
            f"document expiry watch ({data.sizes['documents']} documents)",
            f"<= {TARGET}x",
            TARGET,
            ours,
            baseline,
            correct,
            f"{len(expected)} documents changed state or got an alert today, "
            f"{len(alerted)} activities created",
        )
    ]
