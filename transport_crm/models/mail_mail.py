import logging
from datetime import timedelta

from odoo import fields, models

from .ir_mail_server import FAILURES_KEY, SmtpFailure

_logger = logging.getLogger(__name__)

# Each new attempt waits this many times longer than the previous one.
BACKOFF_FACTOR = 3


class MailMail(models.Model):
    """Emails of mailings are tried again after a temporary delivery failure
    (SMTP 4xx, connection refused, dropped or timing out) with a growing
    delay, and marked failed with the server's reason after a permanent one
    (SMTP 5xx) or once the company's number of attempts is reached.

    The retried mail is the same ``mail.mail``, put back in the queue with its
    next attempt as scheduled date: the queue never picks it before, and its
    recipient never gets the mailing twice."""

    _inherit = "mail.mail"

    transport_attempt_count = fields.Integer(
        string="Failed attempts", readonly=True, copy=False
    )

    def send(self, auto_commit=False, raise_exception=False, post_send_callback=None):
        if raise_exception or FAILURES_KEY in self.env.context:
            return super().send(
                auto_commit=auto_commit,
                raise_exception=raise_exception,
                post_send_callback=post_send_callback,
            )
        # One recipient and one trace per mail of a mailing: trying it again
        # cannot reach anybody twice. Other emails keep core's behaviour.
        retried = self.filtered(lambda mail: mail.mailing_id.mailing_type == "mail")
        for mails, context in (
            (self - retried, {}),
            (retried, {FAILURES_KEY: []}),
        ):
            if mails:
                super(MailMail, mails.with_context(**context)).send(
                    auto_commit=auto_commit,
                    raise_exception=raise_exception,
                    post_send_callback=post_send_callback,
                )

    def _postprocess_sent_message(
        self, success_pids, success_emails, failure_reason=False, failure_type=None
    ):
        failures = self.env.context.get(FAILURES_KEY)
        failure = None
        if failures is not None:
            if failure_type == "mail_smtp":
                # No connection to the server for the whole batch: connecting
                # recorded why (a refused login is tried again too, giving the
                # administrator time to fix the server's settings).
                failure = (failures or [None])[-1] or SmtpFailure(
                    True, "mail_smtp", failure_reason or self[:1].failure_reason
                )
                failure = failure._replace(temporary=True, failure_type="mail_smtp")
            elif failures and not failure_type and "sent" not in self.mapped("state"):
                # The failures recorded since the previous mail are this one's
                # (a mail delivered to some of its addresses is not retried).
                failure = failures[-1]
            failures.clear()
        if failure is None:
            if not failure_type:
                self.filtered("transport_attempt_count").mailing_trace_ids.write(
                    {"failure_reason": False}
                )
            return super()._postprocess_sent_message(
                success_pids,
                success_emails,
                failure_reason=failure_reason,
                failure_type=failure_type,
            )
        for mail, reason in self._transport_handle_failure(failure):
            # Failed for good: core marks the traces failed.
            super(MailMail, mail)._postprocess_sent_message(
                [], [], failure_reason=reason, failure_type=failure.failure_type
            )
        return True

    def _transport_handle_failure(self, failure):
        """Put the mails back in the queue for a later attempt, or mark them
        failed for good with the reason: return these with their reason."""
        company = self.env.company
        now = fields.Datetime.now()
        failed = []
        next_attempts = []
        for mail in self:
            attempts = mail.transport_attempt_count + 1
            traces = mail.mailing_trace_ids
            if failure.temporary and attempts < company.transport_mail_max_attempts:
                delay = company.transport_mail_retry_minutes * BACKOFF_FACTOR ** (
                    attempts - 1
                )
                next_attempt = now + timedelta(minutes=delay)
                next_attempts.append(next_attempt)
                reason = self.env._(
                    "Attempt %(attempt)s failed, next one after %(date)s UTC: "
                    "%(reason)s",
                    attempt=attempts,
                    date=fields.Datetime.to_string(next_attempt),
                    reason=failure.reason,
                )
                mail.write(
                    {
                        "state": "outgoing",
                        "scheduled_date": next_attempt,
                        "transport_attempt_count": attempts,
                        "failure_type": False,
                        "failure_reason": reason,
                    }
                )
                traces.write(
                    {
                        "trace_status": "outgoing",
                        "transport_attempt_count": attempts,
                        "failure_reason": reason,
                    }
                )
                continue
            reason = failure.reason
            if failure.temporary:
                reason = self.env._(
                    "Given up after %(count)s attempts: %(reason)s",
                    count=attempts,
                    reason=reason,
                )
            mail.write(
                {
                    "state": "exception",
                    "transport_attempt_count": attempts,
                    "failure_type": failure.failure_type,
                    "failure_reason": reason,
                }
            )
            traces.write(
                {"transport_attempt_count": attempts, "failure_reason": reason}
            )
            failed.append((mail, reason))
        if next_attempts:
            self.env.ref("mail.ir_cron_mail_scheduler_action")._trigger(
                min(next_attempts)
            )
        _logger.info(
            "Mailing emails: %s to try again, %s failed: %s",
            len(self) - len(failed),
            len(failed),
            failure.reason,
        )
        return failed
