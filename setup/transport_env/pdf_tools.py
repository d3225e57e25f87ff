"""What the PDF checks need: wkhtmltopdf renders the reports, poppler's tools
read the pages back, and the Lato font lets the text of the page be read.

Without wkhtmltopdf Odoo cannot print at all; the checks in
``transport_fleet/tests/pdf_render_common.py`` fail (they never skip) when
any of these is missing, so ``make test`` installs them first.
"""

import os
import shutil
import subprocess

from .console import EnvironmentProblem, say

# Debian package -> how to tell it is there
PACKAGES = {
    "wkhtmltopdf": lambda: bool(shutil.which("wkhtmltopdf")),
    "poppler-utils": lambda: all(
        shutil.which(tool) for tool in ("pdfinfo", "pdftoppm", "pdftotext")
    ),
    "fonts-lato": lambda: _has_font("Lato"),
}


def _has_font(family):
    if not shutil.which("fc-list"):
        return False
    listed = subprocess.run(
        ["fc-list", family], capture_output=True, text=True, check=False
    )
    return bool(listed.stdout.strip())


def missing_packages():
    return [package for package, present in PACKAGES.items() if not present()]


def ensure_pdf_tools():
    """Install the missing packages with apt-get, or say what to install."""
    missing = missing_packages()
    if not missing:
        return
    command = f"apt-get install {' '.join(missing)}"
    if os.geteuid() != 0 or not shutil.which("apt-get"):
        raise EnvironmentProblem(
            f"The PDF report checks need {', '.join(missing)}: install them "
            f"(Debian/Ubuntu: {command})."
        )
    say(f"Installing the PDF report tools ({command}) ...")
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    for step in (
        ["apt-get", "update", "-qq"],
        ["apt-get", "install", "-y", "-qq", *missing],
    ):
        if subprocess.run(step, env=env, stdout=subprocess.DEVNULL).returncode:
            raise EnvironmentProblem(
                f"Installing {', '.join(missing)} failed: install them by hand "
                f"({command})."
            )
    still_missing = missing_packages()
    if still_missing:
        raise EnvironmentProblem(
            f"{', '.join(still_missing)} still missing after apt-get install."
        )
