"""The database server: an existing one when configured, else a local cluster.

An existing server is used when the standard ``PG*`` variables or an Odoo
configuration file (``ODOO_RC``) say where it is; Odoo and libpq read those
themselves. Otherwise a cluster lives in ``.local/postgres`` (kept between
runs), listens only on a unix socket, and belongs to a non-root account:
PostgreSQL refuses to run as root, and Odoo refuses the ``postgres`` role, so
the cluster's superuser role is ``odoo``.
"""

import glob
import hashlib
import os
import pwd
import shutil
import subprocess
import tempfile
from pathlib import Path

from .console import EnvironmentProblem, say
from .paths import LOCAL

EXTERNAL_VARIABLES = (
    "PGHOST",
    "PGPORT",
    "PGUSER",
    "PGPASSWORD",
    "PGSERVICE",
    "ODOO_RC",
)
ROLE = "odoo"
SYSTEM_ACCOUNT = "odoo"
SOCKET_PATH_MAX = 100  # unix socket paths are limited to 107 bytes


class Cluster:
    """Connection settings plus, for a local cluster, how to start and stop it."""

    def __init__(self):
        self.external = any(os.environ.get(name) for name in EXTERNAL_VARIABLES)
        self.root = LOCAL / "postgres"
        self.data = self.root / "data"
        self.socket_dir = self._socket_dir()

    # -- connection ---------------------------------------------------------

    def odoo_args(self):
        if self.external:
            rc = os.environ.get("ODOO_RC")
            return ["-c", rc] if rc else []
        return [
            "--db_host",
            str(self.socket_dir),
            "--db_port",
            "5432",
            "--db_user",
            ROLE,
        ]

    def psql(self, sql, database="postgres", **variables):
        """Run ``sql`` (with psql ``:'name'`` variables) and return its rows."""
        command = [
            _binary("psql"),
            "-X",
            "-q",
            "-At",
            "-d",
            database,
            "-v",
            "ON_ERROR_STOP=1",
        ]
        if not self.external:
            command += ["-h", str(self.socket_dir), "-p", "5432", "-U", ROLE]
        for name, value in variables.items():
            command += ["-v", f"{name}={value}"]
        out = subprocess.run(command, input=sql, capture_output=True, text=True)
        if out.returncode:
            raise EnvironmentProblem(
                f"PostgreSQL refused a query: {out.stderr.strip()}"
            )
        return [line.split("|") for line in out.stdout.splitlines() if line]

    def database_exists(self, name):
        return bool(
            self.psql("SELECT 1 FROM pg_database WHERE datname = :'db'", db=name)
        )

    def sessions_on(self, name):
        """Backend pids of other clients (a running Odoo) connected to ``name``."""
        rows = self.psql(
            "SELECT pid, application_name FROM pg_stat_activity "
            "WHERE datname = :'db' AND pid <> pg_backend_pid()",
            db=name,
        )
        return [(int(pid), app) for pid, app in rows]

    def drop_database(self, name):
        self.psql('DROP DATABASE IF EXISTS :"db" WITH (FORCE)', db=name)

    # -- local cluster --------------------------------------------------------

    def ensure_running(self):
        """Start the local cluster if needed; return True when this call started it."""
        if self.external:
            return False
        if not (self.data / "PG_VERSION").exists():
            self._init()
        if self._running():
            return False
        self._start()
        return True

    def stop(self):
        if self.external:
            say("Using an external PostgreSQL server: nothing to stop.")
            return
        if self._running():
            self._as_owner(
                [_binary("pg_ctl"), "-D", str(self.data), "-m", "fast", "-w", "stop"]
            )
            say("Local PostgreSQL stopped.")
        else:
            say("Local PostgreSQL was not running.")

    def _running(self):
        if not (self.data / "postmaster.pid").exists():
            return False
        status = subprocess.run(
            self._owner_prefix() + [_binary("pg_ctl"), "-D", str(self.data), "status"],
            capture_output=True,
        )
        return status.returncode == 0

    def _init(self):
        say(f"Creating a local PostgreSQL cluster in {self.data} ...")
        self.root.mkdir(parents=True, exist_ok=True)
        self._hand_to_owner(self.root)
        out = self._as_owner(
            [
                _binary("initdb"),
                "-D",
                str(self.data),
                "-U",
                ROLE,
                "--auth=trust",
                "-E",
                "UTF8",
            ]
            + ["--locale=C.UTF-8"],
            capture=True,
        )
        if out.returncode:
            raise EnvironmentProblem(
                f"initdb failed: {out.stderr.strip() or out.stdout.strip()}"
            )

    def _start(self):
        self.socket_dir.mkdir(parents=True, exist_ok=True)
        self._hand_to_owner(self.socket_dir)
        options = (
            f"-k {self.socket_dir} -c listen_addresses='' -c max_connections=100 "
            "-c shared_buffers=256MB -c fsync=off -c synchronous_commit=off "
            "-c full_page_writes=off"
        )
        out = self._as_owner(
            [
                _binary("pg_ctl"),
                "-D",
                str(self.data),
                "-l",
                str(self.root / "server.log"),
            ]
            + ["-o", options, "-w", "-t", "60", "start"],
            capture=True,
        )
        if out.returncode:
            tail = (self.root / "server.log").read_text(errors="replace")[-600:]
            raise EnvironmentProblem(
                f"The local PostgreSQL did not start: {tail.strip()}"
            )

    def _socket_dir(self):
        preferred = self.root / "run"
        if len(str(preferred)) < SOCKET_PATH_MAX:
            return preferred
        digest = hashlib.sha1(str(self.root).encode()).hexdigest()[:10]
        return Path(tempfile.gettempdir()) / f"transport-pg-{digest}"

    # -- running as a non-root account ---------------------------------------

    def _owner_prefix(self):
        if os.geteuid() != 0:
            return []
        _ensure_system_account()
        return ["runuser", "-u", SYSTEM_ACCOUNT, "--"]

    def _as_owner(self, command, capture=False):
        return subprocess.run(
            self._owner_prefix() + command, capture_output=capture, text=True, cwd="/"
        )

    def _hand_to_owner(self, folder):
        if os.geteuid() != 0:
            return
        account = pwd.getpwnam(SYSTEM_ACCOUNT)
        for path in [folder, *folder.rglob("*")]:
            os.chown(path, account.pw_uid, account.pw_gid)
        _make_reachable(folder)


def _ensure_system_account():
    try:
        pwd.getpwnam(SYSTEM_ACCOUNT)
    except KeyError:
        say(
            f"Creating the system account '{SYSTEM_ACCOUNT}' "
            "to own the local PostgreSQL ..."
        )
        subprocess.run(
            [
                "useradd",
                "--system",
                "--no-create-home",
                "--shell",
                "/usr/sbin/nologin",
                SYSTEM_ACCOUNT,
            ],
            check=True,
        )


def _make_reachable(folder):
    """PostgreSQL's account must be able to traverse every parent folder."""
    for parent in folder.parents:
        mode = parent.stat().st_mode
        if not mode & 0o001:
            os.chmod(parent, mode | 0o001)


def _binary(name):
    found = shutil.which(name)
    if found:
        return found
    candidates = sorted(
        glob.glob(f"/usr/lib/postgresql/*/bin/{name}"),
        key=lambda path: int(Path(path).parts[-3])
        if Path(path).parts[-3].isdigit()
        else 0,
    )
    if candidates:
        return candidates[-1]
    raise EnvironmentProblem(
        f"PostgreSQL's `{name}` was not found: install the PostgreSQL server package "
        "(Debian/Ubuntu: apt-get install postgresql), "
        "or point PGHOST/ODOO_RC at an existing server."
    )
