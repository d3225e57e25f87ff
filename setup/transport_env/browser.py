"""Chromium for the tours: Odoo skips browser tests silently without it."""

import os
import shutil
import subprocess

from .console import EnvironmentProblem, say

BROWSERS = ("chromium", "chromium-browser", "google-chrome")


def ensure_chromium():
    if any(shutil.which(name) for name in BROWSERS):
        return
    if os.geteuid() != 0 or not shutil.which("apt-get"):
        raise EnvironmentProblem(
            "The tours need Chromium: install it "
            "(Debian/Ubuntu: apt-get install chromium)."
        )
    say("Installing Chromium for the tours (apt-get install chromium) ...")
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    for command in (
        ["apt-get", "update", "-qq"],
        ["apt-get", "install", "-y", "-qq", "chromium"],
    ):
        if subprocess.run(command, env=env, stdout=subprocess.DEVNULL).returncode:
            raise EnvironmentProblem(
                "Installing Chromium failed: "
                "install it by hand (apt-get install chromium)."
            )
