"""Messages for people: one clear sentence per problem, no tracebacks."""

import sys


class EnvironmentProblem(Exception):
    """Something on this machine prevents the command; the message says what to do."""


def say(message):
    print(f"[transport] {message}", flush=True)


def fail(message):
    print(f"[transport] ERROR: {message}", file=sys.stderr, flush=True)
