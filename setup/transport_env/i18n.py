"""Translation templates: ``make pot`` regenerates each addon's
``i18n/<addon>.pot`` and merges it into the translations; the test command
checks the committed templates are current."""

import os
import re
import shutil
import subprocess

from . import server
from .console import EnvironmentProblem, say
from .odoo_host import ensure_environment
from .paths import ADDONS, DATA_DIR, LOCAL, LOGS, REPO, ensure_dirs
from .postgres import Cluster

DATED_HEADER = re.compile(r'^"(POT-Creation-Date|PO-Revision-Date): .*\n', re.MULTILINE)


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


def export_pot(odoo, database, addon, target):
    """Write ``addon``'s template, as installed in ``database``, to ``target``."""
    config = write_config(odoo.cluster, database)
    command = [
        odoo.python,
        "-m",
        "odoo",
        "i18n",
        "export",
        "-c",
        config,
        "-d",
        database,
    ]
    command += ["-o", str(target), addon]
    with open(LOGS / f"pot-{addon}.log", "w") as log:
        done = subprocess.run(command, cwd=REPO, stdout=log, stderr=subprocess.STDOUT)
    if done.returncode:
        raise EnvironmentProblem(f"Exporting {addon}'s terms failed: see {log.name}.")


def same_template(left, right):
    """Equal but for the creation dates of the header."""
    return DATED_HEADER.sub("", left.read_text()) == DATED_HEADER.sub(
        "", right.read_text()
    )


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
        for addon in ADDONS:
            target = REPO / addon / "i18n" / f"{addon}.pot"
            target.parent.mkdir(exist_ok=True)
            export_pot(odoo, database, addon, target)
            say(f"Wrote {target.relative_to(REPO)}")
        merger = REPO / "setup" / "transport_env" / "po_merge.py"
        addon_dirs = [str(REPO / addon) for addon in ADDONS]
        subprocess.run([python, str(merger), *addon_dirs], cwd=REPO, check=True)
    finally:
        cluster.drop_database(database)
        shutil.rmtree(DATA_DIR / "filestore" / database, ignore_errors=True)
    return 0
