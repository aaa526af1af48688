"""Resources where they help: a dispositif's « S'y préparer » and « S'en inspirer », the compétences of the carnet
de bord, the reminder e-mails; and, on the resource's page, where it is used."""

import datetime
import html
from zoneinfo import ZoneInfo

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core import mail

from accompagnement.models import Dispositif
from accompagnement.services.rappels import rappel_carnet
from defis.factories import DefiFactory, MembreEquipeFactory
from programme.factories import CoachFactory, EIGFactory, PromotionFactory
from programme.models import Competence, Notification
from ressources.factories import RessourceFactory
from ressources.models import RattachementCompetence, RattachementDispositif, RattachementRappel

pytestmark = pytest.mark.django_db


def _rattacher(ressource, dispositif, usage):
    return RattachementDispositif.objects.create(
        ressource=ressource, usage=usage, object_id=dispositif.pk,
        content_type=ContentType.objects.get_for_model(Dispositif))


def test_la_page_d_un_dispositif_propose_ses_ressources_pour_s_y_preparer_et_s_en_inspirer(client):
    """Under « S'y préparer » and « S'en inspirer », the dispositif's page links the pages coaches attached; an
    anonymous visitor sees only the public ones."""
    mentorat = Dispositif.objects.get(slug="mentorat")
    preparer = RessourceFactory(slug="integration", titre="Accueillir et intégrer les EIG", publique=True)
    inspirer = RessourceFactory(slug="open-source", titre="Publier des codes sources", publique=False)
    _rattacher(preparer, mentorat, "preparer")
    _rattacher(inspirer, mentorat, "inspirer")

    anonyme = client.get("/programme/accompagnement/mentorat/").content.decode()
    assert 'href="/ressources/integration/">Accueillir et intégrer les EIG</a>' in anonyme
    assert "Publier des codes sources" not in anonyme

    client.force_login(EIGFactory())
    page = client.get("/programme/accompagnement/mentorat/").content.decode()
    preparation, inspiration = page.split("<dt>S'y préparer</dt>")[1].split("<dt>S'en inspirer</dt>")
    assert "Accueillir et intégrer les EIG" in preparation and "Publier des codes sources" not in preparation
    assert 'href="/ressources/open-source/">Publier des codes sources</a>' in inspiration


def test_la_page_d_une_ressource_dit_ou_elle_est_utilisee(client):
    """A resource's page lists the dispositifs, compétences and reminders that propose it, each dispositif a link."""
    ressource = RessourceFactory(slug="design", titre="Ressources design", publique=True)
    _rattacher(ressource, Dispositif.objects.get(slug="mentorat"), "preparer")
    competence = Competence.objects.filter(phase=1, public="eig").first()
    RattachementCompetence.objects.create(ressource=ressource, competence=competence)
    RattachementRappel.objects.create(ressource=ressource, rappel=Notification.Categorie.RAPPEL_CARNET)

    page = html.unescape(client.get("/ressources/design/").content.decode())

    assert "S'y préparer : <a href=\"/programme/accompagnement/mentorat/\">" in page
    assert f"Phase 1 – Valider l'hypothèse (EIG) : {competence.nom}" in page
    assert "Courriel : Rappel mensuel du carnet de bord" in page

    RessourceFactory(slug="vide", titre="Sans usage", publique=True)
    assert "Aucun dispositif, aucune compétence ni aucun rappel ne la propose encore." in \
        client.get("/ressources/vide/").content.decode()


def test_le_carnet_de_bord_propose_les_ressources_des_competences_de_la_phase(client):
    """Writing their carnet, the EIG finds under the compétences of the phase the pages attached to them."""
    promotion = PromotionFactory(nom="Promotion 9")
    eig = EIGFactory(promotion=promotion)
    MembreEquipeFactory(defi=DefiFactory(promotion=promotion), personne=eig)
    phase = promotion.phase_en_cours()
    competence = Competence.objects.filter(phase=phase.numero, public="eig").first()
    ressource = RessourceFactory(slug="prototyper", titre="Prototyper rapidement")
    RattachementCompetence.objects.create(ressource=ressource, competence=competence)
    client.force_login(eig)

    page = html.unescape(client.get("/carnet-de-bord/ecrire/").content.decode())

    assert "Des ressources pour progresser" in page
    assert f'<dt class="fr-text--bold">{competence.nom}</dt>' in page
    assert 'href="/ressources/prototyper/">Prototyper rapidement</a>' in page


def test_le_rappel_du_carnet_liste_les_ressources_rattachees_a_ce_rappel(django_capture_on_commit_callbacks):
    """The carnet's reminder e-mail lists, in its text and its HTML, the pages attached to that reminder, with their
    absolute address; a page attached to another reminder is not listed."""
    promotion = PromotionFactory()
    eig = EIGFactory(promotion=promotion)
    inclusive = RessourceFactory(slug="ecriture-inclusive", titre="L'écriture inclusive")
    RattachementRappel.objects.create(rappel=Notification.Categorie.RAPPEL_CARNET, ressource=inclusive)
    RattachementRappel.objects.create(rappel=Notification.Categorie.RAPPEL_SESSION,
                                      ressource=RessourceFactory(slug="securite", titre="La sécurité"))
    debut = promotion.date_debut + datetime.timedelta(days=40)
    with django_capture_on_commit_callbacks(execute=True):
        rappel_carnet(maintenant=datetime.datetime(debut.year, debut.month, 20, 9, tzinfo=ZoneInfo("Europe/Paris")))

    message = next(m for m in mail.outbox if m.to == [eig.email])
    assert "Pour vous y aider, les ressources des coachs :\n- L'écriture inclusive : " \
           "http://testserver/ressources/ecriture-inclusive/" in message.body
    assert ('<a href="http://testserver/ressources/ecriture-inclusive/">L&#x27;écriture inclusive</a>'
            in message.alternatives[0][0])
    assert "sécurité" not in message.body


def test_un_coach_rattache_une_ressource_a_un_dispositif_dans_son_administration(client):
    """On the dispositif's admin page, the coach adds a page under « S'y préparer »; the link is recorded."""
    coach = CoachFactory()
    ressource = RessourceFactory(slug="communication", titre="Communiquer")
    mentorat = Dispositif.objects.get(slug="mentorat")
    client.force_login(coach)
    formulaire = client.get(f"/admin/accompagnement/dispositif/{mentorat.pk}/change/")
    assert "ressources proposées (s'y préparer, s'en inspirer)" in html.unescape(formulaire.content.decode()).lower()
    prefixe = "ressources-rattachementdispositif-content_type-object_id"
    donnees = {champ: getattr(mentorat, champ) for champ in (
        "nom", "famille", "ordre", "public", "modalite", "cadence", "frequence", "duree", "duree_minutes",
        "description", "preparation", "suite")}
    donnees.update({f"{prefixe}-TOTAL_FORMS": "1", f"{prefixe}-INITIAL_FORMS": "0",
                    f"{prefixe}-0-usage": "preparer", f"{prefixe}-0-ressource": ressource.pk,
                    f"{prefixe}-0-ordre": "0"})

    reponse = client.post(f"/admin/accompagnement/dispositif/{mentorat.pk}/change/", donnees)

    assert reponse.status_code == 302
    lien = RattachementDispositif.objects.get()
    assert (lien.cible, lien.ressource, lien.usage) == (mentorat, ressource, "preparer")
