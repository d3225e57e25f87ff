"""``make pot``: regenerate each addon's ``i18n/<addon>.pot`` from a fresh database."""

import os
import shutil
import subprocess

from . import server
from .console import EnvironmentProblem, say
from .odoo_host import ensure_environment
from .paths import ADDONS, DATA_DIR, LOCAL, LOGS, REPO, ensure_dirs
from .postgres import Cluster


def write_config(cluster, database):
    """``odoo i18n`` reads its connection from a configuration file only."""
    if cluster.external and os.environ.get("ODOO_RC"):
        return os.environ["ODOO_RC"]
    options = {"addons_path": str(REPO), "data_dir": str(DATA_DIR), "db_name": database}
    args = cluster.odoo_args()
    options.update({args[i].lstrip("-"): args[i + 1] for i in range(0, len(args), 2)})
    config = LOCAL / "i18n-odoo.conf"
    config.write_text(
        "[options]\n" + "".join(f"{key} = {value}\n" for key, value in options.items())
    )
    return str(config)


def main():
    ensure_dirs()
    python = ensure_environment()
    cluster = Cluster()
    cluster.ensure_running()
    odoo = server.Odoo(python, cluster)
    database = f"transport_pot_{os.getpid()}"
    try:
        log = LOGS / "pot-install.log"
        if odoo.run_once(
            database, "-i", ",".join(ADDONS), "--log-level", "warn", log_file=log
        ):
            raise EnvironmentProblem(f"Installing the addons failed: see {log}.")
        config = write_config(cluster, database)
        export = [
            python,
            "-m",
            "odoo",
            "i18n",
            "export",
            "-c",
            config,
            "-d",
            database,
            *ADDONS,
        ]
        if subprocess.run(export, cwd=REPO).returncode:
            raise EnvironmentProblem("Exporting the addons' terms failed.")
        say("Wrote " + ", ".join(f"{addon}/i18n/{addon}.pot" for addon in ADDONS))
    finally:
        cluster.drop_database(database)
        shutil.rmtree(DATA_DIR / "filestore" / database, ignore_errors=True)
    return 0
