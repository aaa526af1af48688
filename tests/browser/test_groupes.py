"""The groupes de partage in a real Chromium: a coach composes next month's groups, moves a person and publishes
them; an EIG then finds their groups and sets the next topic of their entre-pairs group. axe-core finds no
violation on any of these pages."""

import re

import pytest
from django.core import mail
from django.utils.formats import date_format

from accompagnement.models import GroupePartage, MembreGroupe
from programme.dates import de_mois, premier_du_mois
from programme.factories import CoachFactory
from tests.accompagnement.outils_groupes import (  # noqa: F401
    composition_rapide,
    groupes_construits,
    mois_prochain,
    promotion_avec_eig,
)
from tests.browser.connexion import connecter

pytestmark = pytest.mark.django_db(transaction=True)
PLURI, PAIRS = GroupePartage.Type.PLURI, GroupePartage.Type.PAIRS
SUJET = "Comment négocier l'accès aux données avec une DSI"


@pytest.fixture
def promotion(composition_rapide):  # noqa: F811
    """Promotion 8: ten EIG over four métiers, Camille Martin first, and their coach Inès."""
    promotion, eig = promotion_avec_eig(10, nom="Promotion 8", numero=8)
    camille = eig[0]
    camille.prenom, camille.nom_usage = "Camille", "Martin"
    camille.save(update_fields=["prenom", "nom_usage"])
    return {"promotion": promotion, "camille": camille, "coach": CoachFactory(promotion=promotion)}


def test_un_coach_compose_deplace_et_publie_puis_une_eig_choisit_le_sujet_suivant(page, live_server, promotion,
                                                                                   verifier_accessibilite):
    """The coach composes next month's drafts, moves Camille to another pluridisciplinary group, publishes
    (each member is invited by e-mail); Camille sees her two groups and records the next entre-pairs topic."""
    mois = mois_prochain()
    nom_du_mois, du_mois = date_format(mois, "F Y"), de_mois(mois)
    connecter(page, live_server, promotion["coach"])
    page.goto("/coachs/groupes/")
    page.get_by_role("heading", name="Groupes de partage", exact=True).wait_for()
    verifier_accessibilite(page)

    page.get_by_role("button", name=f"Composer les groupes {du_mois}").click()
    page.get_by_text(f"Les groupes {du_mois} sont composés en brouillon").wait_for()
    assert page.get_by_role("heading", name=f"Promotion 8 — {nom_du_mois.capitalize()}").is_visible()
    verifier_accessibilite(page)

    depuis = MembreGroupe.objects.get(personne=promotion["camille"], type=PLURI).groupe
    vers = GroupePartage.objects.filter(promotion=promotion["promotion"], mois=mois, type=PLURI) \
        .exclude(pk=depuis.pk).first()
    page.get_by_label("Personne").select_option(label=f"Camille Martin ({depuis})")
    page.get_by_label("Vers le groupe").select_option(label=str(vers))
    page.get_by_role("button", name="Déplacer").click()
    page.get_by_text(f"Camille Martin est désormais dans le groupe {vers}.").wait_for()
    assert MembreGroupe.objects.get(personne=promotion["camille"], type=PLURI).groupe == vers
    verifier_accessibilite(page)

    page.get_by_role("button", name=f"Publier les groupes {du_mois}").click()
    page.get_by_text(re.compile(r"\d+ groupes publiés : chaque membre reçoit son invitation par courriel\.")) \
        .wait_for()
    assert page.get_by_text("Publiés : les invitations sont parties").is_visible()
    assert not page.get_by_role("button", name="Déplacer").count()
    verifier_accessibilite(page)
    sujets = sorted(m.subject for m in mail.outbox if m.to == [promotion["camille"].email])
    assert [s.split(" : ")[0] for s in sujets] == [
        f"[Magellan] Groupe de partage entre pairs {du_mois}",
        f"[Magellan] Groupe de partage pluridisciplinaire {du_mois}"]

    connecter(page, live_server, promotion["camille"])
    page.goto("/groupes/")
    page.get_by_role("heading", name="Mes groupes de partage").wait_for()
    assert page.get_by_role("heading", name=nom_du_mois.capitalize()).is_visible()
    assert page.get_by_role("heading", name=f"Pluridisciplinaire n° {vers.numero}").is_visible()
    verifier_accessibilite(page)
    entre_pairs = page.locator(".magellan-encadre", has=page.get_by_role("heading", name=re.compile("^Entre pairs")))
    entre_pairs.get_by_label("Sujet de la prochaine rencontre").fill(SUJET)
    entre_pairs.get_by_role("button", name="Enregistrer le sujet").focus()
    page.keyboard.press("Enter")
    page.get_by_text("Le sujet de la prochaine rencontre est enregistré.").wait_for()
    assert f"Sujet de la prochaine rencontre : {SUJET}" in entre_pairs.inner_text()
    assert GroupePartage.objects.get(membres=promotion["camille"], type=PAIRS).sujet_suivant == SUJET
    verifier_accessibilite(page)

    # Once this month's groups are out too, they come first, next month's after.
    ce_mois = premier_du_mois()
    groupes_construits(promotion["promotion"], [promotion["camille"]], ce_mois, publies=True)
    page.goto("/groupes/")
    assert page.locator("main h2").all_inner_texts()[:2] == [
        date_format(ce_mois, "F Y").capitalize(), nom_du_mois.capitalize()]
    verifier_accessibilite(page)
