import smtplib
from typing import NamedTuple

from odoo import models

from odoo.addons.base.models.ir_mail_server import MailDeliveryException

# Context key set by ``mail.mail.send`` for the mails of mailings: the list
# the failures of their deliveries are recorded in instead of being raised.
FAILURES_KEY = "transport_smtp_failures"


class SmtpFailure(NamedTuple):
    """A failed delivery: temporary ones are tried again later."""

    temporary: bool
    failure_type: str
    reason: str


def _reply(code, message):
    if isinstance(message, bytes):
        message = message.decode(errors="replace")
    return f"{code} {message}".strip()


def classify_smtp_error(env, error):
    """The failure an SMTP client error stands for, or None when it is not a
    delivery problem (a bug, a bad address format caught by Odoo...).

    SMTP replies 4xx are temporary and 5xx permanent (RFC 5321); a connection
    that is refused, dropped or timing out is temporary."""
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        replies = list(error.recipients.values())
        temporary = any(code < 500 for code, _message in replies)
        reason = env._(
            "The recipient's mail server refused the message: %(reply)s",
            reply="; ".join(_reply(code, message) for code, message in replies),
        )
        return SmtpFailure(
            temporary, "unknown" if temporary else "mail_email_invalid", reason
        )
    if isinstance(error, smtplib.SMTPServerDisconnected):
        return SmtpFailure(
            True,
            "mail_smtp",
            env._("The mail server closed the connection: %(error)s", error=error),
        )
    if isinstance(error, smtplib.SMTPResponseException):
        code = error.smtp_code
        reason = env._(
            "The mail server refused the message: %(reply)s",
            reply=_reply(code, error.smtp_error),
        )
        return SmtpFailure(code < 500, "unknown", reason)
    if isinstance(error, smtplib.SMTPException):
        return None
    if isinstance(error, OSError):
        return SmtpFailure(
            True,
            "mail_smtp",
            env._(
                "The mail server could not be reached: %(error)s",
                error=error.strerror or error,
            ),
        )
    return None


class IrMailServer(models.Model):
    _inherit = "ir.mail_server"

    def _connect__(self, *args, **kwargs):  # noqa: PLW3201 (core's name)
        """Record why the server could not be reached: core keeps only the
        exception's text (``111`` for a refused connection)."""
        failures = self.env.context.get(FAILURES_KEY)
        try:
            return super()._connect__(*args, **kwargs)
        except Exception as error:
            if failures is not None:
                failures.append(
                    classify_smtp_error(self.env, error)
                    or SmtpFailure(
                        True,
                        "mail_smtp",
                        self.env._(
                            "The mail server could not be reached: %(error)s",
                            error=error,
                        ),
                    )
                )
            raise

    def send_email(self, message, *args, **kwargs):
        """For the mails of mailings (see ``mail.mail.send``), record a
        delivery failure in the context's list instead of raising it, so the
        mail can be tried again or marked failed with its reason."""
        failures = self.env.context.get(FAILURES_KEY)
        if failures is None:
            return super().send_email(message, *args, **kwargs)
        try:
            return super().send_email(message, *args, **kwargs)
        except (MailDeliveryException, smtplib.SMTPServerDisconnected) as error:
            # Core wraps the SMTP error in a MailDeliveryException (its
            # context), except a dropped connection which comes as is.
            cause = error if isinstance(error, smtplib.SMTPException) else None
            failure = classify_smtp_error(self.env, cause or error.__context__)
            if failure is None:
                raise
            failures.append(failure)
        return None
