# Magellan's production image: one image for web (gunicorn), worker and beat (celery); see docker-compose.yml.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

RUN useradd --create-home --uid 1000 --shell /usr/sbin/nologin magellan

# pg_dump and pg_restore for `manage.py sauvegarder` and `restaurer`: Debian 12's client, PostgreSQL 15, the same
# major version as the database of docker-compose.yml.
# Pango and HarfBuzz for WeasyPrint, which renders the rapports d'évaluation as PDF/UA; gettext's msgfmt compiles
# Magellan's own translations (locale/).
RUN apt-get update \
    && apt-get install -y --no-install-recommends postgresql-client \
        libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 gettext \
    && rm -rf /var/lib/apt/lists/*

# The dependencies first, from pyproject.toml alone (the project installs no package of its own),
# so that a change of code does not reinstall them.
COPY pyproject.toml /tmp/magellan/
RUN pip install /tmp/magellan && rm -rf /tmp/magellan

WORKDIR /app
COPY . .

RUN msgfmt --check -o locale/fr/LC_MESSAGES/django.mo locale/fr/LC_MESSAGES/django.po

# Static files compressed and fingerprinted once, at build; WhiteNoise serves them from the image.
RUN DEBUG=false SECRET_KEY=collectstatic-seulement python manage.py collectstatic --noinput \
    && mkdir -p /app/media /app/private \
    && chown magellan:magellan /app/media /app/private

USER magellan
EXPOSE 8000
# Number of gunicorn workers: WEB_CONCURRENCY.
ENV WEB_CONCURRENCY=3
CMD ["gunicorn", "magellan.wsgi", "--bind", "0.0.0.0:8000", "--access-logfile", "-"]
