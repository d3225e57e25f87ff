"""A 1,000-recipient campaign sent to a local SMTP sink: our segment mailing
vs Odoo's own mailing on the same recipients.

The sending commits (core's composer auto-commits outside tests): the
benchmark database is a throwaway one.
"""

import socketserver
import threading

from measure import Row, measure

THROUGHPUT_TARGET = 0.8  # at least this share of core's mails per second
QUERIES_TARGET = 1.2  # at most this multiple of core's queries per mail


class SMTPSink(socketserver.ThreadingTCPServer):
    """Accepts every message and counts them: just enough SMTP for smtplib."""

    daemon_threads = True
    allow_reuse_address = True

    def __init__(self):
        super().__init__(("127.0.0.1", 0), _SMTPHandler)
        self.received = 0
        self.lock = threading.Lock()

    def __enter__(self):
        threading.Thread(target=self.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc):
        self.shutdown()
        self.server_close()


class _SMTPHandler(socketserver.StreamRequestHandler):
    def reply(self, line):
        self.wfile.write(line.encode() + b"\r\n")

    def handle(self):
        self.reply("220 bench ESMTP")
        while line := self.rfile.readline():
            command = line[:4].upper()
            if command == b"EHLO":
                self.reply("250-bench")
                self.reply("250 SIZE 100000000")
            elif command == b"DATA":
                self.reply("354 go ahead")
                while self.rfile.readline() not in (b".\r\n", b""):
                    pass
                with self.server.lock:
                    self.server.received += 1
                self.reply("250 queued")
            elif command == b"QUIT":
                self.reply("221 bye")
                return
            else:
                self.reply("250 ok")


def run(env, data):
    """Ours: a mailing to the campaign segment; core: a mailing whose domain
    lists the same clients. Each is sent by ``action_send_mail`` (traces and
    queued mails) then the queue of its mails, as the mail cron does."""
    model_id = env["ir.model"]._get_id("res.partner")
    segment = env["transport.segment"].search([("name", "=", "Campaign")])
    with SMTPSink() as sink:
        server = env["ir.mail_server"].create(
            {
                "name": "Bench sink",
                "smtp_host": "127.0.0.1",
                "smtp_port": sink.server_address[1],
                "smtp_encryption": "none",
            }
        )
        common = {
            "mailing_model_id": model_id,
            "email_from": "bench@example.com",
            "body_html": "<p>Our trucks have room next week.</p>",
            "mail_server_id": server.id,
        }
        ours_mailing, core_mailing = env["mailing.mailing"].create(
            [
                {
                    **common,
                    "subject": "Campaign (ours)",
                    "transport_segment_ids": [(6, 0, segment.ids)],
                },
                {
                    **common,
                    "subject": "Campaign (core)",
                    "mailing_domain": repr([("id", "in", data.campaign_partner_ids)]),
                },
            ]
        )
        env.cr.commit()

        def send(mailing):
            def go():
                before = sink.received
                mailing.action_send_mail()
                mails = env["mail.mail"].search([("mailing_id", "=", mailing.id)])
                mails.send(auto_commit=True)
                return sink.received - before

            return go

        core = measure(env, send(core_mailing))
        ours = measure(env, send(ours_mailing))
    count = len(data.campaign_partner_ids)
    rate = {name: t.result / t.seconds for name, t in (("ours", ours), ("core", core))}
    per_mail = {
        name: t.queries / max(t.result, 1)
        for name, t in (("ours", ours), ("core", core))
    }
    throughput = rate["ours"] / rate["core"]
    queries = per_mail["ours"] / per_mail["core"]
    if ours.result != count or core.result != count:
        status = "FAILED"
    elif throughput >= THROUGHPUT_TARGET and queries <= QUERIES_TARGET:
        status = "pass"
    else:
        status = "MISS"
    return [
        Row(
            f"campaign send ({count} recipients, local SMTP)",
            f">= {THROUGHPUT_TARGET}x mails/s, <= {QUERIES_TARGET}x q/mail",
            ours.seconds,
            core.seconds,
            core.seconds / ours.seconds,
            f"{per_mail['ours']:.1f} vs {per_mail['core']:.1f} per mail",
            status,
            f"{rate['ours']:.0f} vs core {rate['core']:.0f} mails/s "
            f"({throughput:.2f}x), queries per mail {queries:.2f}x core; "
            f"{ours.result} and {core.result} mails received by the sink "
            "(ratio column: core time / ours, i.e. relative throughput)",
        )
    ]
