from datetime import timedelta

from odoo import fields, models

from .mail_mail import BACKOFF_FACTOR


class SmsSms(models.Model):
    """SMS of mailings that the provider could not take (its server failing
    or not answering: ``sms_server``) are tried again with the emails'
    growing delay, then left failed. Refusals that will not change (wrong
    number, no credit, unregistered account) fail at once, as in Odoo."""

    _inherit = "sms.sms"

    transport_attempt_count = fields.Integer(
        string="Failed attempts", readonly=True, copy=False
    )
    transport_next_attempt = fields.Datetime(
        string="Next attempt", readonly=True, copy=False
    )

    def _send(self, unlink_failed=False, unlink_sent=True, raise_exception=False):
        now = fields.Datetime.now()
        due = self.filtered(
            lambda sms: not sms.transport_next_attempt
            or sms.transport_next_attempt <= now
        )
        if not due:
            return None
        result = super(SmsSms, due)._send(
            unlink_failed=unlink_failed,
            unlink_sent=unlink_sent,
            raise_exception=raise_exception,
        )
        due = due.exists()
        # A retried SMS finally taken: its earlier failure is no longer shown.
        due.filtered(
            lambda sms: sms.transport_attempt_count and sms.state != "error"
        ).sms_tracker_id.mailing_trace_id.write({"failure_reason": False})
        due.filtered(
            lambda sms: sms.state == "error"
            and sms.failure_type == "sms_server"
            and sms.mailing_id
            and not sms.to_delete
        )._transport_schedule_retry()
        return result

    def _transport_schedule_retry(self):
        if not self:
            return
        company = self.env.company
        now = fields.Datetime.now()
        next_attempts = []
        for sms in self:
            attempts = sms.transport_attempt_count + 1
            traces = sms.sms_tracker_id.mailing_trace_id
            if attempts >= company.transport_mail_max_attempts:
                reason = self.env._(
                    "Given up after %(count)s attempts: the SMS provider failed.",
                    count=attempts,
                )
                sms.transport_attempt_count = attempts
                traces.write(
                    {"transport_attempt_count": attempts, "failure_reason": reason}
                )
                continue
            delay = company.transport_mail_retry_minutes * BACKOFF_FACTOR ** (
                attempts - 1
            )
            next_attempt = now + timedelta(minutes=delay)
            next_attempts.append(next_attempt)
            sms.write(
                {
                    "state": "outgoing",
                    "failure_type": False,
                    "transport_attempt_count": attempts,
                    "transport_next_attempt": next_attempt,
                }
            )
            traces.write(
                {
                    "trace_status": "outgoing",
                    "failure_type": False,
                    "transport_attempt_count": attempts,
                    "failure_reason": self.env._(
                        "Attempt %(attempt)s failed (the SMS provider failed), "
                        "next one after %(date)s UTC.",
                        attempt=attempts,
                        date=fields.Datetime.to_string(next_attempt),
                    ),
                }
            )
        if next_attempts:
            self.env.ref("sms.ir_cron_sms_scheduler_action")._trigger(
                min(next_attempts)
            )
