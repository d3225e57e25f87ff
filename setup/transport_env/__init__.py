"""Local environment of the transport suite: find or install Odoo 19, run a
PostgreSQL cluster, serve the addons with demo data, and run every test.

Standard library only: it runs with whatever ``python3`` the machine has and
drives Odoo's own interpreter for everything else.
"""
