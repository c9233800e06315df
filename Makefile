# Developer commands. Each target is a thin call to a script in tools/.
# Variables given on the command line reach the scripts, e.g.
#   make run HTTP_PORT=8070      make test WITHOUT_DEMO=1
SHELL := /bin/bash
.DEFAULT_GOAL := help
.PHONY: help run test test-demo test-nodemo test-odoo bench guide lint clean

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

bench: ## generate a district in a throwaway database and print the benchmark table (docs/benchmarks.md)
	@tools/bench.sh

guide: ## take the screenshots of the user guide (docs/guide/img/) from a fresh demo database
	@tools/guide.sh

lint: ## ruff on the Python code and shellcheck on the scripts (each if installed)
	@for f in tools/*.sh .ci/run; do bash -n "$$f" || exit 1; done
	@if command -v shellcheck >/dev/null; then shellcheck -x tools/*.sh .ci/run; \
	 else echo "shellcheck is not installed: only bash -n on the scripts"; fi
	@if command -v ruff >/dev/null; then ruff check .; \
	 else echo "ruff is not installed (pip install ruff): Python lint skipped"; fi

clean: ## stop the embedded PostgreSQL and remove .local/ (databases, logs)
	@tools/clean.sh
