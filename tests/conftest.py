"""Cross-addon suites: they talk to a live server over JSON-RPC.

``make test`` starts the server on a fresh database with the three addons and
sets ODOO_URL and ODOO_DB; ODOO_LOGIN/ODOO_PASSWORD default to the admin.
"""

import itertools
import os

import pytest
from odoo_rpc import OdooClient

_unique = itertools.count(1)


@pytest.fixture(scope="session")
def admin():
    url = os.environ.get("ODOO_URL")
    if not url:
        pytest.skip(
            "no server: run these suites through `make test` "
            "(it sets ODOO_URL and ODOO_DB)"
        )
    return OdooClient(
        url,
        os.environ["ODOO_DB"],
        os.environ.get("ODOO_LOGIN", "admin"),
        os.environ.get("ODOO_PASSWORD", "admin"),
    )


@pytest.fixture
def make_user(admin):
    """Create a user in the given groups (xml ids); return their client."""

    def make(*group_xmlids, company_ids=None):
        login = f"rpc-user-{os.getpid()}-{next(_unique)}"
        values = {
            "name": login,
            "login": login,
            "password": login,
            "group_ids": [(6, 0, [admin.ref(xmlid) for xmlid in group_xmlids])],
        }
        if company_ids:
            values.update(company_id=company_ids[0], company_ids=[(6, 0, company_ids)])
        admin.execute("res.users", "create", [values])
        return admin.as_user(login, login)

    return make


def pytest_terminal_summary(terminalreporter):
    """Print the access matrix when tests/test_access_matrix.py has run."""
    import access_matrix  # noqa: PLC0415 - a suite's table, read after the run

    if access_matrix.RESULTS:
        terminalreporter.write_sep("-", "access matrix")
        terminalreporter.write(access_matrix.render())
