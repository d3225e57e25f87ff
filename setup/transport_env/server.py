"""Starting Odoo: one-shot runs (install, upgrade, tests) and a served instance."""

import os
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request

from .console import EnvironmentProblem
from .paths import DATA_DIR, REPO


class Odoo:
    """The ``odoo`` command of the project's interpreter, with our addons path."""

    def __init__(self, python, cluster):
        self.python = python
        self.cluster = cluster

    def options(self, database, *args):
        """Options of an Odoo process on ``database`` (our addons, our cluster)."""
        return [
            "--addons-path",
            str(REPO),
            "--data-dir",
            str(DATA_DIR),
            "-d",
            database,
            "--db-filter",
            f"^{database}$",
            "--http-interface",
            "127.0.0.1",
            *self.cluster.odoo_args(),
            *args,
        ]

    def command(self, database, *args):
        return [self.python, "-m", "odoo", *self.options(database, *args)]

    def run_once(self, database, *args, log_file=None):
        """Run Odoo with ``--stop-after-init``; return its exit code."""
        command = self.command(database, "--stop-after-init", *args)
        if log_file is None:
            return subprocess.run(command, cwd=REPO).returncode
        with open(log_file, "w") as log:
            return subprocess.run(
                command, cwd=REPO, stdout=log, stderr=subprocess.STDOUT
            ).returncode

    def serve(self, database, port, *args, log_file=None):
        """Start a server in the background; return its process once it answers."""
        command = self.command(database, "--http-port", str(port), *args)
        output = open(log_file, "w") if log_file else None  # noqa: SIM115
        process = subprocess.Popen(
            command,
            cwd=REPO,
            stdout=output,
            stderr=subprocess.STDOUT if output else None,
        )
        wait_until_serving(port, process)
        return process


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def check_port_free(port):
    with socket.socket() as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(("127.0.0.1", port))
        except OSError as error:
            raise EnvironmentProblem(
                f"Port {port} is already taken (another Odoo running?): "
                "stop it or choose "
                "another port, e.g. `make run PORT=8070`."
            ) from error


def wait_until_serving(port, process, timeout=600):
    url = f"http://127.0.0.1:{port}/web/login"
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise EnvironmentProblem(
                f"Odoo stopped while starting (exit code {process.returncode})."
            )
        try:
            with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.5)
    stop(process)
    raise EnvironmentProblem(f"Odoo did not answer on {url} within {timeout} s.")


def stop(process, timeout=30):
    if process.poll() is not None:
        return
    process.send_signal(signal.SIGINT)
    try:
        process.wait(timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def environ_port(default=8069):
    value = os.environ.get("PORT", str(default))
    if not value.isdigit():
        raise EnvironmentProblem(f"PORT={value} is not a port number.")
    return int(value)
