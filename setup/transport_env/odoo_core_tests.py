"""Run Odoo's own tests of the modules we extend, on a database where our
addons are installed, so that every override of ours is in force.

Odoo runs a module's at_install tests right after loading that module, before
our addons load; this runner loads the full registry first. Browser tours of
core are left out (they test core's JS, which we do not change). Run with
Odoo's interpreter: ``python odoo_core_tests.py MODULES -- ODOO_OPTIONS...``.
"""

import sys

from odoo.modules.registry import Registry
from odoo.netsvc import init_logger
from odoo.tests import loader
from odoo.tests.common import HttpCase
from odoo.tests.suite import OdooSuite
from odoo.tools import config


def main(argv):
    separator = argv.index("--")
    modules = argv[:separator][0].split(",")
    # Tests are enabled only once the registry is loaded: enabled while
    # loading, Odoo would run each module's at_install tests on a registry set
    # up only up to that module, without the modules that extend it.
    config.parse_config(argv[separator + 1 :])
    init_logger()
    Registry(config["db_name"][0])
    config["test_enable"] = True
    config["test_tags"] = ",".join(f"/{module}" for module in modules)
    tests = [
        test
        for position in ("at_install", "post_install")
        for test in loader.make_suite(modules, position)
        if not isinstance(test, HttpCase)
    ]
    result = loader.run_suite(OdooSuite(tests))
    print(f"core tests: {result}", flush=True)
    return 0 if result.wasSuccessful() else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
