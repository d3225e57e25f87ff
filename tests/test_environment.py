"""The README's commands explain a broken environment in one sentence."""

import socket
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "setup"))

from transport_env import (  # noqa: E402
    odoo_host,
    pdf_tools,
    postgres,
    readme,
    rtlcss,
    server,
    testing,
)
from transport_env.console import EnvironmentProblem  # noqa: E402


def test_a_taken_port_is_named_with_the_way_out():
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        with pytest.raises(EnvironmentProblem, match=f"Port {port} is already taken"):
            server.check_port_free(port)


def test_an_odoo_source_that_is_not_odoo_is_refused(tmp_path):
    with pytest.raises(EnvironmentProblem, match="is not an Odoo source tree"):
        odoo_host._materialise_source(str(tmp_path))


def test_an_odoo_source_of_another_version_is_refused(tmp_path):
    (tmp_path / "odoo").mkdir()
    (tmp_path / "odoo" / "release.py").write_text(
        "version_info = (18, 0, 0, 'final', 0)\n"
    )
    with pytest.raises(EnvironmentProblem, match="is not Odoo 19.0"):
        odoo_host._materialise_source(str(tmp_path))


def test_no_odoo_and_no_network_says_what_to_set(monkeypatch, tmp_path):
    monkeypatch.setattr(odoo_host, "LOCAL", tmp_path)
    with pytest.raises(EnvironmentProblem, match="set ODOO_SOURCE"):
        odoo_host._download("http://127.0.0.1:9/odoo.tar.gz")


def test_missing_postgresql_binaries_name_the_package(monkeypatch):
    monkeypatch.setattr(postgres.shutil, "which", lambda name: None)
    monkeypatch.setattr(postgres.glob, "glob", lambda pattern: [])
    with pytest.raises(EnvironmentProblem, match="apt-get install postgresql"):
        postgres._binary("initdb")


def test_missing_pdf_tools_name_the_packages_when_they_cannot_be_installed(
    monkeypatch,
):
    monkeypatch.setattr(pdf_tools.shutil, "which", lambda name: None)
    monkeypatch.setattr(pdf_tools.os, "geteuid", lambda: 1000)
    with pytest.raises(
        EnvironmentProblem,
        match="apt-get install wkhtmltopdf poppler-utils fonts-lato",
    ):
        pdf_tools.ensure_pdf_tools()


def test_missing_rtlcss_says_how_to_get_it_when_npm_cannot_be_installed(
    monkeypatch,
):
    monkeypatch.setattr(rtlcss.shutil, "which", lambda name: None)
    monkeypatch.setattr(rtlcss.os, "geteuid", lambda: 1000)
    with pytest.raises(EnvironmentProblem, match="npm install -g rtlcss@4"):
        rtlcss.ensure_rtlcss()


def test_the_odoo_command_s_own_python_is_found(tmp_path):
    script = tmp_path / "odoo"
    script.write_text("#!/opt/odoo/venv/bin/python3.11\nimport odoo.cli\n")
    assert odoo_host._shebang_interpreter(script) == "/opt/odoo/venv/bin/python3.11"


def test_the_test_report_counts_odoo_s_summary_and_log_errors(tmp_path):
    log = tmp_path / "odoo.log"
    log.write_text(
        "2026-01-01 10:00:00,000 1 INFO db odoo.modules: fine\n"
        "2026-01-01 10:00:01,000 1 ERROR db odoo.tests: FAIL: test_x\n"
        "Traceback (most recent call last):\n"
        "AssertionError: 1 != 2\n"
        "2026-01-01 10:00:02,000 1 INFO db odoo.tests.result: "
        "1 failed, 0 error(s) of 12 tests when loading database 'db'\n"
    )
    [block] = testing.error_blocks(log)
    assert block[-1] == "AssertionError: 1 != 2"
    assert testing.SUMMARY.findall(log.read_text()) == [("1", "0", "12")]


def test_readme_fragments_become_restructured_text():
    rst = readme.markdown_to_rst("# Usage\n\nUse `make run`.\n")
    assert rst == "Usage\n~~~~~\n\nUse ``make run``.\n"
