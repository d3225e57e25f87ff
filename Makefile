# The two commands of the README, and their helpers. Everything is driven by
# setup/transport_env (standard-library Python): see README.md.
PYTHON ?= python3
ENV = PYTHONPATH=setup $(PYTHON) -m transport_env

.PHONY: run test stop pot readme bench load
run:  ## set up what is missing and serve Odoo with the transport addons and demo data
	@PORT=$(or $(PORT),8069) DB=$(or $(DB),transport) $(ENV) run
test:  ## every addon's Odoo tests, the tests/ suites, the linters and the wheels
	@$(ENV) test
stop:  ## stop the local PostgreSQL cluster
	@$(ENV) stop
pot:  ## regenerate the addons' i18n/<addon>.pot and merge it into the .po files
	@$(ENV) pot
readme:  ## regenerate the addons' README.rst from their readme/ fragments
	@$(ENV) readme
bench:  ## the benchmark suite on a throwaway database (BENCH_SCALE=0.02 for a quick run)
	@$(ENV) bench
load:  ## load test on a multi-worker server: req/s, p50/p95 vs core, 0 errors (LOAD_WORKERS=2..4)
	@$(ENV) load
