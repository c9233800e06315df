# Developer commands. Each target is a thin call to a script in tools/.
# Variables given on the command line reach the scripts, e.g.
#   make run HTTP_PORT=8070      make test WITHOUT_DEMO=1
SHELL := /bin/bash
.DEFAULT_GOAL := help
.PHONY: help run test test-demo test-nodemo test-odoo test-upgrade pytest bench bench-growth load guide lint format readme dist dist-check clean

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F ':.*## ' '{printf "  make %-12s %s\n", $$1, $$2}'

run: ## serve both addons with demo data, in Russian, at http://127.0.0.1:8069 (admin/admin)
	@tools/run.sh

test: ## run the addons' tests, with demo data and without; ends with "N passed, M failed"
	@tools/test.sh

test-demo: ## only the pass with demo data
	@DEMO_ONLY=1 tools/test.sh

test-nodemo: ## only the pass without demo data (same as make test WITHOUT_DEMO=1)
	@WITHOUT_DEMO=1 tools/test.sh

test-odoo: ## only Odoo's own tests of hr, hr_contract, hr_skills, survey, portal, spreadsheet, spreadsheet_dashboard with our addons installed
	@ODOO_ONLY=1 tools/test.sh

test-upgrade: ## install the addons of an earlier release (UPGRADE_FROM) with demo data, customise, upgrade with -u, check nothing changed
	@tools/test_upgrade.sh

pytest: ## the addons' tests with pytest-odoo on a kept database with Russian (UPDATE=1 after a change)
	@tools/pytest.sh

bench: ## generate a district in a throwaway database and print the benchmark table (docs/benchmarks.md)
	@tools/bench.sh

bench-growth: ## the benchmark on districts of 0.25, 0.5 and 1× the sizes (BENCH_SCALES), and how each cost grows
	@tools/bench_growth.sh

load: ## multi-worker load test with locust over a district, with and without a read replica (docs/benchmarks.md, "Load test")
	@tools/load.sh

guide: ## take the screenshots of the user guide (docs/guide/img/) from a fresh demo database
	@tools/guide.sh

lint: ## OCA's checks of .pre-commit-config.yaml (pylint-odoo mandatory, ruff, prettier, eslint, module and PO checks)
	@tools/lint.sh
	@for f in tools/*.sh .ci/run; do bash -n "$$f" || exit 1; done
	@if command -v shellcheck >/dev/null; then shellcheck -x tools/*.sh .ci/run; fi

format: ## let the linters fix what they can (ruff, ruff format, prettier, eslint, whitespace), then check
	@tools/lint.sh --fix

readme: ## write each addon's README.rst and static/description/index.html from its readme/*.md
	@python3 tools/readme_gen.py

dist: ## build the addons' wheels (whool) into dist/
	@tools/dist.sh

dist-check: ## install the wheels into a fresh virtualenv and install both addons from it into a throwaway database
	@tools/dist_check.sh

clean: ## stop the embedded PostgreSQL and remove .local/ (databases, logs)
	@tools/clean.sh
