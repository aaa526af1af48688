"""Throughput under gunicorn (2 workers, as in production) measured with wrk (Debian package `wrk`): the public
home `/` and the home of an authenticated EIG, on the database of DATABASE_URL. `bench/run.py --national` ends
with it. Needs the collected static files (`manage.py collectstatic`, done here when missing) and wrk: installed by
apt-get when we are root, else the line says how to install it."""

import os
import re
import shutil
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from django.conf import settings
from django.test import Client

RACINE = Path(__file__).resolve().parent.parent
PORT = 8765
DUREE = "10s"


def _wrk() -> str | None:
    if shutil.which("wrk"):
        return shutil.which("wrk")
    if os.geteuid() == 0 and shutil.which("apt-get"):
        subprocess.run(["apt-get", "install", "-y", "-qq", "wrk"], capture_output=True)
    return shutil.which("wrk")


def _requetes_par_seconde(wrk, url, cookie=None) -> float:
    commande = [wrk, "-t2", "-c8", f"-d{DUREE}", url]
    if cookie:
        commande[1:1] = ["-H", f"Cookie: {cookie}"]
    sortie = subprocess.run(commande, capture_output=True, text=True, check=True).stdout
    if "Non-2xx" in sortie:
        raise RuntimeError(f"{url} ne répond pas 200 sous wrk :\n{sortie}")
    return float(re.search(r"Requests/sec:\s+([\d.]+)", sortie).group(1))


def debit(personne) -> list[str]:
    """Lines telling the requests per second of `/` and of `/espace/` for `personne`, and whether the EIG home
    reaches half of `/`."""
    wrk = _wrk()
    if wrk is None:
        return ["débit : wrk est introuvable ; installez-le (sudo apt-get install wrk) puis relancez."]
    environnement = {**os.environ, "DEBUG": "False", "SECRET_KEY": settings.SECRET_KEY,
                     "SECURE_SSL_REDIRECT": "False", "ALLOWED_HOSTS": "127.0.0.1",
                     "DJANGO_SETTINGS_MODULE": "magellan.settings"}
    if not (RACINE / "staticfiles" / "staticfiles.json").exists():
        subprocess.run([sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"], cwd=RACINE,
                       env=environnement, check=True)
    client = Client()
    client.force_login(personne)
    cookie = f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"
    serveur = subprocess.Popen(
        [str(Path(sys.executable).parent / "gunicorn"), "-w", "2", "-b", f"127.0.0.1:{PORT}", "magellan.wsgi"],
        cwd=RACINE, env=environnement, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for _ in range(60):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{PORT}/", timeout=2)
                break
            except OSError:
                time.sleep(0.5)
        accueil = _requetes_par_seconde(wrk, f"http://127.0.0.1:{PORT}/")
        eig = _requetes_par_seconde(wrk, f"http://127.0.0.1:{PORT}/espace/", cookie)
        # The simplest page for the same person (a text, her menu): what any signed-in page costs before its own.
        simple = _requetes_par_seconde(wrk, f"http://127.0.0.1:{PORT}/mentions-legales/", cookie)
    finally:
        serveur.terminate()
        serveur.wait(timeout=30)
    borne = "tient" if eig >= accueil / 2 else "NON"
    return [f"débit sous gunicorn (2 workers, wrk -t2 -c8 -d{DUREE}) : `/` {accueil:.0f} req/s ; "
            f"Mon espace d'un EIG authentifié {eig:.0f} req/s, soit {eig / accueil:.0%} de `/` "
            f"(borne ≥ 50 % : {borne}) ; pour comparer, la page la plus simple pour la même personne connectée "
            f"(mentions légales) {simple:.0f} req/s, soit {simple / accueil:.0%} de `/`"]
