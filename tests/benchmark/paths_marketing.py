"""Marketing: segment refresh, mailing recipients, mailing results."""

from measure import compare, measure

from odoo.fields import Domain
from odoo.tools import SQL

REFRESH_TARGET = 1.5
RECIPIENTS_TARGET = 1.5
RECIPIENTS_SMALL = 10_000  # up to this many recipients; 3x above
RECIPIENTS_LARGE_TARGET = 3.0
RESULTS_TARGET = 2.0
RESULTS_WEB_TARGET = 4.0
RESULT_FIELDS = ("recipient_count", "response_count", "order_count")
RESULT_AMOUNTS = ("order_revenue", "order_profit")


def run(env, data):
    return [
        *segment_refresh(env, data),
        *recipients(env, data),
        *results(env, data),
    ]


def _segment_members_sql(env, segment):
    """The member set a rule segment must have, by one statement."""
    rows = env.execute_query(
        SQL(
            "SELECT partner_id FROM transport_segment_partner_rel "
            "WHERE segment_id = %s ORDER BY partner_id",
            segment.id,
        )
    )
    return [row[0] for row in rows]


def segment_refresh(env, data):
    """Refreshing the rule segments from empty through ``_refresh_membership``
    vs one INSERT ... SELECT writing the same member sets; the baseline's rows
    are removed before our refresh."""
    segments = env["transport.segment"].browse(data.segment_ids)
    statements = {
        "Customers": SQL("p.is_company AND p.transport_lifecycle != 'prospect'"),
        "Top revenue": SQL("p.transport_revenue_year >= 9000"),
    }

    def by_sql():
        for segment in segments:
            env.execute_query(
                SQL(
                    "INSERT INTO transport_segment_partner_rel "
                    "(segment_id, partner_id) "
                    "SELECT %s, p.id FROM res_partner p WHERE p.active AND %s",
                    segment.id,
                    statements[segment.name],
                )
            )
        return {s.id: _segment_members_sql(env, s) for s in segments}

    def clear():
        env.execute_query(
            SQL(
                "DELETE FROM transport_segment_partner_rel WHERE segment_id = ANY(%s)",
                segments.ids,
            )
        )
        env.invalidate_all()

    def ours():
        segments._refresh_membership()
        env.flush_all()
        return {s.id: _segment_members_sql(env, s) for s in segments}

    baseline = measure(env, by_sql)
    clear()
    mine = measure(env, ours)
    sizes = ", ".join(str(len(ids)) for ids in baseline.result.values())
    return [
        compare(
            f"segment rule refresh ({len(data.client_ids)} clients)",
            f"<= {REFRESH_TARGET}x",
            REFRESH_TARGET,
            mine,
            baseline,
            mine.result == baseline.result,
            f"two rule segments from empty, {sizes} members",
        )
    ]


def recipients(env, data):
    """The recipients a segment mailing sends to, opt-outs excluded: our
    mailing (segment domain, then our opt-out hook) vs one SQL statement, and
    core's remaining-recipients path on a plain mailing with the rule domain
    (its exclusions come later, at sending)."""
    rows = []
    Partner = env["res.partner"]
    model_id = env["ir.model"]._get_id("res.partner")
    for segment in (
        env["transport.segment"]
        .browse(data.segment_ids)
        .sorted(lambda s: -s.member_count)
    ):
        mailing, core_mailing = env["mailing.mailing"].create(
            [
                {
                    "subject": f"Recipients {segment.name}",
                    "mailing_model_id": model_id,
                    "email_from": "bench@example.com",
                    "transport_segment_ids": [(6, 0, segment.ids)],
                },
                {
                    "subject": f"Core recipients {segment.name}",
                    "mailing_model_id": model_id,
                    "email_from": "bench@example.com",
                    "mailing_domain": repr(
                        list(Domain.AND([segment._get_rule_domain()]))
                    ),
                },
            ]
        )
        env.flush_all()

        def ours(mailing=mailing):
            ids = mailing._get_remaining_recipients()
            opt_out = Partner._mailing_get_opt_out_list(mailing)
            partners = Partner.browse(ids)
            partners.fetch(["email_normalized"])
            return sorted(
                p.id
                for p in partners
                if p.email_normalized and p.email_normalized not in opt_out
            )

        def core(mailing=core_mailing):
            return mailing._get_remaining_recipients()

        def by_sql(segment=segment):
            found = env.execute_query(
                SQL(
                    """
                    SELECT p.id
                      FROM transport_segment_partner_rel r
                      JOIN res_partner p ON p.id = r.partner_id
                     WHERE r.segment_id = %s AND p.active
                       AND p.email_normalized IS NOT NULL
                       AND p.email_normalized NOT IN (
                            SELECT email_normalized FROM res_partner
                             WHERE marketing_email_consent = 'opt_out'
                               AND email_normalized IS NOT NULL)
                     ORDER BY p.id
                    """,
                    segment.id,
                )
            )
            return [row[0] for row in found]

        baseline = measure(env, by_sql, repeat=3)
        mine = measure(env, ours, repeat=3)
        theirs = measure(env, core, repeat=3)
        count = len(baseline.result)
        target = (
            RECIPIENTS_TARGET if count <= RECIPIENTS_SMALL else RECIPIENTS_LARGE_TARGET
        )
        rows.append(
            compare(
                f"mailing recipients ({count} of {segment.member_count} members)",
                f"<= {target}x",
                target,
                mine,
                baseline,
                mine.result == baseline.result,
                f"core's _get_remaining_recipients on the rule domain: "
                f"{theirs.seconds:.3f} s ({theirs.seconds / baseline.seconds:.2f}x "
                f"SQL, {theirs.queries} queries, opt-outs not yet excluded)",
            )
        )
    return rows


def results(env, data):
    """Recipients, responses, orders, revenue and profit per mailing: the
    report's grouped read (backend) and the web client's ``web_read_group``
    vs one hand-written SQL statement."""
    report = env(user=env.ref("base.user_admin"))["transport.mailing.result.report"]
    aggregates = [f"{name}:sum" for name in RESULT_FIELDS + RESULT_AMOUNTS]

    def _key(values):
        return tuple(values[:3]) + tuple(round(v or 0.0, 2) for v in values[3:])

    def grouped_read():
        return {
            mailing.id: _key(values)
            for mailing, *values in report._read_group([], ["mailing_id"], aggregates)
        }

    def web_grouped_read():
        groups = report.web_read_group([], ["mailing_id"], aggregates)["groups"]
        return {
            group["mailing_id"][0]: _key([group[name] for name in aggregates])
            for group in groups
        }

    def by_sql():
        found = env.execute_query(
            SQL(
                """
                WITH reached AS (
                    SELECT tr.mass_mailing_id AS mailing_id,
                           p.commercial_partner_id AS client_id,
                           MIN(COALESCE(tr.sent_datetime, tr.create_date)) AS sent_at
                      FROM mailing_trace tr
                      JOIN res_partner p ON p.id = tr.res_id
                     WHERE tr.model = 'res.partner'
                       AND tr.trace_status NOT IN ('cancel', 'error', 'bounce')
                     GROUP BY 1, 2
                ), windows AS (
                    SELECT r.mailing_id, r.client_id, r.sent_at,
                           r.sent_at + make_interval(
                               days => mm.transport_attribution_days) AS until_at
                      FROM reached r
                      JOIN mailing_mailing mm ON mm.id = r.mailing_id
                ), sent AS (
                    SELECT mass_mailing_id AS mailing_id,
                           count(*) FILTER (WHERE trace_status != 'cancel') AS n
                      FROM mailing_trace WHERE model = 'res.partner'
                     GROUP BY 1
                ), answers AS (
                    SELECT w.mailing_id, count(DISTINCT i.id) AS n
                      FROM windows w
                      JOIN transport_interaction i ON i.partner_id = w.client_id
                     WHERE i.kind IN ('call_in', 'meeting', 'email', 'message', 'visit')
                       AND i.date >= w.sent_at AND i.date < w.until_at
                     GROUP BY 1
                ), leads AS (
                    SELECT w.mailing_id, count(DISTINCT l.id) AS n
                      FROM windows w
                      JOIN res_partner lp ON lp.commercial_partner_id = w.client_id
                      JOIN crm_lead l ON l.partner_id = lp.id
                     WHERE l.create_date >= w.sent_at AND l.create_date < w.until_at
                     GROUP BY 1
                ), orders AS (
                    SELECT w.mailing_id, count(DISTINCT so.id) AS n,
                           sum(so.transport_revenue) AS revenue,
                           sum(so.transport_profit) AS profit
                      FROM windows w
                      JOIN res_partner op ON op.commercial_partner_id = w.client_id
                      JOIN sale_order so ON so.partner_id = op.id
                     WHERE so.is_transport AND so.state = 'sale'
                       AND so.date_order >= w.sent_at AND so.date_order < w.until_at
                     GROUP BY 1
                )
                SELECT s.mailing_id, s.n,
                       coalesce(a.n, 0) + coalesce(l.n, 0),
                       coalesce(o.n, 0), coalesce(o.revenue, 0), coalesce(o.profit, 0)
                  FROM sent s
                  LEFT JOIN answers a ON a.mailing_id = s.mailing_id
                  LEFT JOIN leads l ON l.mailing_id = s.mailing_id
                  LEFT JOIN orders o ON o.mailing_id = s.mailing_id
                """
            )
        )
        return {
            mailing_id: _key([n, responses, orders, float(revenue), float(profit)])
            for mailing_id, n, responses, orders, revenue, profit in found
        }

    baseline = measure(env, by_sql, repeat=2)
    backend = measure(env, grouped_read, repeat=2)
    web = measure(env, web_grouped_read, repeat=2)
    traces = env["mailing.trace"].search_count([])
    orders = sum(values[2] for values in baseline.result.values())
    note = f"{len(baseline.result)} mailings, {orders} attributed orders"
    return [
        compare(
            f"mailing results report ({traces} traces, backend)",
            f"<= {RESULTS_TARGET}x",
            RESULTS_TARGET,
            backend,
            baseline,
            backend.result == baseline.result,
            note,
        ),
        compare(
            f"mailing results report ({traces} traces, web_read_group)",
            f"<= {RESULTS_WEB_TARGET}x",
            RESULTS_WEB_TARGET,
            web,
            baseline,
            web.result == baseline.result,
            note,
        ),
    ]
