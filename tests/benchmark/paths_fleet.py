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


def watch_by_sql(env, today):
    """The whole watch by hand: the selection above, the new states and alert
    flags written by one UPDATE, and one activity per document entering its
    alert window inserted by one INSERT ... SELECT (same type, summary, note,
    deadline and user as ours). Returns the selection."""
    activity_type = env.ref("transport_fleet.mail_activity_document_expiry")
    rows = env.execute_query(
        SQL(
            """
            WITH due AS (
                SELECT id,
                       CASE WHEN expiry_date < %(today)s THEN 'expired'
                            WHEN alert_date <= %(today)s THEN 'expiring'
                            ELSE 'valid' END AS new_state,
                       NOT expiry_alert_sent AND alert_date <= %(today)s AS alert
                  FROM transport_document
                 WHERE active
                   AND ((state = 'valid' AND alert_date <= %(today)s)
                        OR (state != 'expired' AND expiry_date < %(today)s)
                        OR (NOT expiry_alert_sent AND alert_date <= %(today)s))
            ), updated AS (
                UPDATE transport_document d
                   SET state = due.new_state,
                       expiry_alert_sent = d.expiry_alert_sent OR due.alert,
                       write_uid = %(uid)s, write_date = now() at time zone 'UTC'
                  FROM due
                 WHERE d.id = due.id
             RETURNING d.id, d.name, d.type_id, d.expiry_date, d.responsible_id,
                       d.vehicle_id, d.partner_id, due.new_state, due.alert
            ), activities AS (
                INSERT INTO mail_activity (
                    res_model_id, res_model, res_id, res_name, activity_type_id,
                    summary, note, date_deadline, automated, active, user_id,
                    create_uid, create_date, write_uid, write_date)
                SELECT %(model_id)s, 'transport.document', u.id,
                       t.name->>'en_US' || ' ' || u.name, %(type_id)s, %(summary)s,
                       '<p>' || (t.name->>'en_US') || ' ' || u.name || ' of '
                           || coalesce(v.name, p.name) || ' expires on '
                           || u.expiry_date || '.</p>',
                       greatest(u.expiry_date, %(today)s), TRUE, TRUE,
                       coalesce(u.responsible_id, %(uid)s),
                       %(uid)s, now() at time zone 'UTC',
                       %(uid)s, now() at time zone 'UTC'
                  FROM updated u
                  JOIN transport_document_type t ON t.id = u.type_id
                  LEFT JOIN fleet_vehicle v ON v.id = u.vehicle_id
                  LEFT JOIN res_partner p ON p.id = u.partner_id
                 WHERE u.alert
             RETURNING id
            )
            SELECT u.id, u.new_state, u.alert, (SELECT count(*) FROM activities)
              FROM updated u
            """,
            today=today,
            uid=env.uid,
            model_id=env["ir.model"]._get_id("transport.document"),
            type_id=activity_type.id,
            summary=activity_type.summary or "",
        )
    )
    return {doc_id: (state, alert) for doc_id, state, alert, _count in rows}


def run(env, data):
    expected = expected_changes(env, data.today)
    # the baseline does the work: measured in a savepoint rolled back after
    baseline = None
    for _attempt in range(3):
        env.cr.execute("SAVEPOINT bench_expiry")
        timing = measure(env, lambda: watch_by_sql(env, data.today))
        env.cr.execute("ROLLBACK TO SAVEPOINT bench_expiry")
        env.invalidate_all()
        if baseline is None or timing.seconds < baseline.seconds:
            baseline = timing
    ours = measure(env, env["transport.document"]._cron_check_expiry)
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
        baseline.result == expected
        and all(state == expected[doc_id][0] for doc_id, state in found)
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
            f"{len(alerted)} activities created; baseline: SELECT + UPDATE + "
            "INSERT of the activities in one statement (ours creates them "
            "through mail.activity: access checks, the responsible follows)",
        )
    ]
