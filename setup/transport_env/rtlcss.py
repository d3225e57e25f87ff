"""rtlcss for the right-to-left check of the tours.

Odoo turns its style sheets around for a right-to-left language (Persian,
Arabic, Hebrew) with the rtlcss command; without it Odoo only logs a warning
and serves the left-to-right layout, which the Persian tour then fails on.
"""

import os
import shutil
import subprocess

from .console import EnvironmentProblem, say

RTLCSS = "rtlcss@4"


def ensure_rtlcss():
    if shutil.which("rtlcss"):
        return
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    if not shutil.which("npm"):
        if os.geteuid() != 0 or not shutil.which("apt-get"):
            raise EnvironmentProblem(
                "The right-to-left check needs rtlcss: install Node.js and npm, "
                f"then run npm install -g {RTLCSS}."
            )
        say("Installing npm for rtlcss (apt-get install npm) ...")
        for step in (
            ["apt-get", "update", "-qq"],
            ["apt-get", "install", "-y", "-qq", "npm"],
        ):
            if subprocess.run(step, env=env, stdout=subprocess.DEVNULL).returncode:
                raise EnvironmentProblem(
                    "Installing npm failed: install it by hand (apt-get install npm)."
                )
    say(f"Installing rtlcss for the right-to-left check (npm install -g {RTLCSS}) ...")
    install = subprocess.run(
        ["npm", "install", "-g", "--no-fund", "--no-audit", RTLCSS],
        env=env,
        stdout=subprocess.DEVNULL,
    )
    if install.returncode or not shutil.which("rtlcss"):
        raise EnvironmentProblem(
            f"Installing rtlcss failed: install it by hand (npm install -g {RTLCSS})."
        )
