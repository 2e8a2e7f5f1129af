# Two commands: `make run` (install, migrate, demo data, serve) and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
HOST   ?= 127.0.0.1
PORT   ?= 5000
WORKERS ?= 3
PO     := $(wildcard training/translations/*/LC_MESSAGES/messages.po training/*/translations/*/LC_MESSAGES/messages.po)
MO     := $(PO:.po=.mo)

.PHONY: run dev test test-fast translations extract-messages instance lint bench clean

run: $(VENV)/.installed $(MO) instance/config.py
	$(BIN)/flask db upgrade
	$(BIN)/flask seed-demo --if-empty
	@echo ""
	@echo "  Nền tảng đào tạo người phát ngôn: http://$(HOST):$(PORT)"
	@echo ""
	$(BIN)/gunicorn --workers $(WORKERS) --bind $(HOST):$(PORT) --access-logfile - wsgi:app

dev: $(VENV)/.installed $(MO) instance/config.py
	$(BIN)/flask db upgrade
	$(BIN)/flask seed-demo --if-empty
	$(BIN)/flask run --debug --host $(HOST) --port $(PORT)

test: $(VENV)/.dev-installed $(MO)
	$(BIN)/python -m pytest $(PYTEST_ARGS)

$(VENV)/.created:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	touch $@

$(VENV)/.installed: requirements.txt $(VENV)/.created
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.dev-installed: requirements.txt requirements-dev.txt $(VENV)/.installed
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $@

translations: $(MO)

%.mo: %.po $(VENV)/.installed
	$(BIN)/pybabel compile --use-fuzzy -i $< -o $@ --statistics 2>/dev/null || $(BIN)/pybabel compile -i $< -o $@

extract-messages: $(VENV)/.installed
	$(BIN)/python scripts/i18n.py extract

instance: instance/config.py

instance/config.py: | $(VENV)/.installed
	$(BIN)/python -c "from training.config import generate_instance_config as g; g('instance/config.py') and print('Created instance/config.py with a new SECRET_KEY')"

lint: $(VENV)/.dev-installed
	$(BIN)/ruff check training tests bench

bench: $(VENV)/.dev-installed $(MO) instance/config.py
	@echo "Benchmarks: see bench/README.md (each script prints its ratio against a baseline)."

clean:
	rm -rf $(VENV) .pytest_cache
	find . -name __pycache__ -type d -prune -exec rm -rf {} +
