"""`manage.py seed_scale`: the national-scale copy for the bench, on PostgreSQL only."""

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test import Client

from accompagnement.models import Inscription, ReponseMeteo, Session
from magellan.selectors_tableau import url_du_tableau
from programme.models import Notification, Personne, Promotion, Role
from programme.selectors import promotion_par_defaut


@pytest.mark.django_db
def test_seed_scale_refuse_sqlite_en_francais(monkeypatch):
    monkeypatch.setattr(connection, "vendor", "sqlite")
    with pytest.raises(CommandError, match="ne tourne que sur PostgreSQL"):
        call_command("seed_scale", "--facteur", "0.01")
    assert not Promotion.objects.exists()


@pytest.mark.django_db
def test_seed_scale_refuse_un_facteur_hors_bornes():
    with pytest.raises(CommandError, match="entre 0,001 et 2"):
        call_command("seed_scale", "--facteur", "50")


@pytest.mark.postgres
@pytest.mark.django_db
def test_seed_scale_reduit_construit_une_copie_dont_les_pages_repondent(capsys):
    call_command("seed_scale", "--facteur", "0.01")
    sortie = capsys.readouterr().out
    assert "Lignes par table" in sortie and "inscriptions" in sortie
    assert Promotion.objects.count() == 2
    assert Session.objects.count() > 100 and Inscription.objects.count() > 500
    assert ReponseMeteo.objects.exists() and Notification.objects.count() >= 200
    chargee = Personne.objects.get(email="eig.chargee@echelle.test")
    assert Inscription.objects.filter(personne=chargee).count() >= 20
    # A second run refuses to mix its data with what is there.
    with pytest.raises(CommandError, match="--reset"):
        call_command("seed_scale", "--facteur", "0.01")

    promotion = promotion_par_defaut()
    coach = Client()
    coach.force_login(Personne.objects.filter(roles__type=Role.Type.COACH, roles__promotion=promotion).first())
    for url in ["/espace/", url_du_tableau(promotion), "/coachs/meteo/", "/coachs/sessions/",
                "/coachs/groupes/", "/coachs/carnets/", "/evaluations/",
                "/admin/accompagnement/session/", "/admin/programme/notification/"]:
        assert coach.get(url).status_code == 200, url
    eig = Client()
    eig.force_login(chargee)
    for url in ["/espace/", "/agenda/", "/agenda/liste/", "/meteo/", "/carnet-de-bord/"]:
        assert eig.get(url).status_code == 200, url
    assert Client().get("/defis/").status_code == 200
