# Magellan — les deux commandes : `make run` (le site en local, avec des données de démonstration)
# et `make test` (toute la suite). Il suffit de Python 3.11 et de pip ; le reste s'installe dans .venv.

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
# CI passes PIP_OPTIONS=-qq to hide warnings about the machine's own pip configuration.
PIP_OPTIONS ?= --quiet --disable-pip-version-check
PIP := $(PY) -m pip $(PIP_OPTIONS)
CHROMIUM := /usr/bin/chromium
ADRESSE ?= 127.0.0.1:8000
# Les liens des courriels, du flux iCal et de la démonstration mènent à l'adresse que sert `make run`.
SITE_URL ?= http://$(ADRESSE)
# Arguments passés à pytest, par exemple : make test PYTEST_ARGS="tests/defis -x"
PYTEST_ARGS ?=

.DEFAULT_GOAL := aide
.PHONY: aide run test bench bench-national chromium pango gettext clean

aide:
	@echo "make run    installe, migre, charge la démonstration et lance http://$(ADRESSE)"
	@echo "make test   installe (avec les extras de test) et lance toute la suite pytest"
	@echo "make bench  lance le banc de mesure (bench/run.py)"
	@echo "make bench-national  construit la copie nationale (seed_scale, PostgreSQL) et mesure les deux échelles"
	@echo "make clean  supprime l'environnement virtuel, les caches et les fichiers statiques collectés"

$(PY):
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || \
		{ echo "Magellan demande Python 3.11 ou plus récent ($(PYTHON) est trop ancien)." >&2; exit 1; }
	$(PYTHON) -m venv $(VENV)

# Les tampons ne réinstallent que lorsque pyproject.toml change.
$(VENV)/.installe: pyproject.toml | $(PY)
	$(PIP) install -e .
	@touch $@

$(VENV)/.installe-test: pyproject.toml | $(PY)
	$(PIP) install -e '.[test]'
	@touch $@ $(VENV)/.installe

# Le worker Celery et son beat tournent à côté du site : sur Redis si REDIS_URL est défini, sinon sur un courtier
# en fichiers sous var/celery (rien à installer). Les courriels qu'ils envoient s'affichent dans ce terminal ;
# ils s'arrêtent avec le serveur (Ctrl+C).
CELERY_LOG ?= WARNING
run: export SITE_URL := $(SITE_URL)
run: $(VENV)/.installe pango $(TRADUCTIONS)
	$(PY) manage.py migrate --noinput
	$(PY) manage.py seed_demo
	@echo "Worker et beat Celery démarrés (journal : make run CELERY_LOG=INFO)."
	@$(VENV)/bin/celery -A magellan worker --beat --loglevel $(CELERY_LOG) --concurrency 1 & \
		worker=$$!; trap 'kill $$worker 2>/dev/null; wait $$worker 2>/dev/null' EXIT INT TERM; \
		$(PY) manage.py runserver $(ADRESSE)

# Les tests de navigateur pilotent le Chromium de Debian ; Playwright ne télécharge jamais le sien.
chromium:
	@if [ ! -x $(CHROMIUM) ]; then \
		if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
			echo "Installation de Chromium (paquet Debian chromium)…"; \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
		else \
			echo "Chromium est introuvable : les tests de navigateur ont besoin de $(CHROMIUM)." >&2; \
			echo "Installez-le avec : sudo apt-get install chromium   (Debian ou Ubuntu)" >&2; \
			echo "puis relancez : make test" >&2; \
			exit 1; \
		fi; \
	fi

# WeasyPrint (le PDF des rapports d'évaluation) demande Pango : installé par apt-get quand il manque et qu'on est root.
PANGO_PAQUETS := libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0
pango:
	@if ! { ldconfig -p 2>/dev/null || /sbin/ldconfig -p 2>/dev/null; } | grep -q 'libpangoft2-1.0.so.0'; then \
		if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
			echo "Installation de Pango (paquets Debian $(PANGO_PAQUETS))…"; \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(PANGO_PAQUETS) >/dev/null; \
		else \
			echo "Pango est introuvable : le PDF des rapports d'évaluation (WeasyPrint) en a besoin." >&2; \
			echo "Installez-le avec : sudo apt-get install $(PANGO_PAQUETS)   (Debian ou Ubuntu)" >&2; \
			exit 1; \
		fi; \
	fi

# Les traductions propres à Magellan (locale/fr) se compilent avec msgfmt, de GNU gettext, installé s'il manque.
TRADUCTIONS := locale/fr/LC_MESSAGES/django.mo
gettext:
	@if ! command -v msgfmt >/dev/null 2>&1; then \
		if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
			echo "Installation de gettext (paquet Debian gettext)…"; \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq gettext >/dev/null; \
		else \
			echo "msgfmt est introuvable : les traductions de Magellan en ont besoin." >&2; \
			echo "Installez-le avec : sudo apt-get install gettext   (Debian ou Ubuntu)" >&2; \
			exit 1; \
		fi; \
	fi

%.mo: %.po | gettext
	msgfmt --check -o $@ $<

# Le code de sortie de pytest est aussi écrit dans .venv/.pytest-sortie, pour que .ci/run le rende tel quel.
test: $(VENV)/.installe-test chromium pango $(TRADUCTIONS)
	@rm -f $(VENV)/.pytest-sortie
	@$(VENV)/bin/pytest $(PYTEST_ARGS); code=$$?; echo $$code > $(VENV)/.pytest-sortie; exit $$code

# Le banc de mesure : temps serveur et nombre de requêtes des pages à l'échelle nationale (voir README).
bench: $(VENV)/.installe-test
	$(PY) bench/run.py

# Le banc aux deux échelles : la copie nationale (manage.py seed_scale) sur la base PostgreSQL BANC_URL, puis la
# démonstration dans une base jetable ; un tableau avec les bornes de l'issue 15. SEED=non garde la copie existante.
BANC_URL ?= postgres://postgres@127.0.0.1:5432/banc
SEED ?= oui
REPETITIONS ?= 5
bench-national: $(VENV)/.installe-test
	@command -v createdb >/dev/null && createdb -h 127.0.0.1 -U postgres banc 2>/dev/null || true
	DATABASE_URL=$(BANC_URL) $(PY) manage.py migrate --noinput -v0
	@if [ "$(SEED)" = oui ]; then DATABASE_URL=$(BANC_URL) $(PY) manage.py seed_scale --reset; fi
	DATABASE_URL=$(BANC_URL) $(PY) bench/run.py --national --repetitions $(REPETITIONS)

clean:
	rm -rf $(VENV) staticfiles .pytest_cache
	find . -name __pycache__ -type d -prune -exec rm -rf {} +
