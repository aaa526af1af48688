"""A closed round's figures are frozen at its closing: the migration freezes the rounds already closed, and no
later change of the answers moves a frozen figure."""

import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from accompagnement.models import ReponseMeteo
from accompagnement.selectors.meteo import meteo_tendance
from accompagnement.services.meteo import vagues_cloturer
from programme.factories import EIGFactory, PromotionFactory

from .outils_meteo import VagueMeteoFactory, reponse, vague_close

AVANT = [("accompagnement", "0007_effacement_anonyme_chiffres_figes")]
APRES = [("accompagnement", "0008_meteo_chiffres_figes_des_vagues_closes")]


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("schema_remis_a_jour")
def test_la_migration_fige_les_chiffres_des_vagues_deja_closes():
    """Rounds closed (or past their closing time) before the migration get their figures frozen as they were;
    an open round is left to its closing."""
    executor = MigrationExecutor(connection)
    executor.migrate(AVANT)
    # The ground floor stays at its latest migration: its tables have every column the code added since.
    programme = [noeud for noeud in executor.loader.graph.leaf_nodes() if noeud[0] == "programme"]
    anciennes = executor.loader.project_state(AVANT + programme).apps
    Promotion = anciennes.get_model("programme", "Promotion")
    Personne = anciennes.get_model("programme", "Personne")
    Vague = anciennes.get_model("accompagnement", "VagueMeteo")
    Reponse = anciennes.get_model("accompagnement", "ReponseMeteo")
    promotion = Promotion.objects.create(nom="Promotion 9")
    maintenant = timezone.now()
    jours = datetime.timedelta(days=1)
    close = Vague.objects.create(promotion=promotion, date=maintenant.date() - 20 * jours,
                                 ouverte_le=maintenant - 20 * jours, fermee_le=maintenant - 17 * jours,
                                 cloturee_le=maintenant - 17 * jours)
    echue = Vague.objects.create(promotion=promotion, date=maintenant.date() - 6 * jours,
                                 ouverte_le=maintenant - 6 * jours, fermee_le=maintenant - 3 * jours)
    ouverte = Vague.objects.create(promotion=promotion, date=maintenant.date(), ouverte_le=maintenant - jours,
                                   fermee_le=maintenant + 2 * jours)
    for n, niveau in enumerate((1, 2, 4, None)):
        eig = Personne.objects.create(email=f"eig{n}@exemple.test", prenom=f"Eig{n}", password="!")
        for vague in (close, echue, ouverte):
            Reponse.objects.create(vague=vague, eig=eig, meteo=niveau, vie_equipe=niveau and 5,
                                   epanouissement=niveau and 3, repondue_le=niveau and vague.ouverte_le)

    executor = MigrationExecutor(connection)
    executor.migrate(APRES)
    Vague = executor.loader.project_state(APRES).apps.get_model("accompagnement", "VagueMeteo")
    for vague in (close, echue):
        figee = Vague.objects.get(pk=vague.pk)
        assert (figee.invites_figes, figee.repondants_figes) == (4, 3)
        assert (round(figee.moy_meteo_figee, 3), figee.moy_equipe_figee, figee.moy_epanouissement_figee) == (
            2.333, 5, 3)
    assert Vague.objects.get(pk=close.pk).figee_le == close.cloturee_le
    assert Vague.objects.get(pk=ouverte.pk).figee_le is None


@pytest.mark.django_db
def test_une_vague_figee_ne_bouge_plus_quand_ses_reponses_changent():
    """After its closing, the trend reads the frozen figures of a round, even when an answer is removed or
    changed; a round closed before this change and never frozen still shows its answers."""
    promotion = PromotionFactory()
    ancienne = vague_close(promotion, semaines_avant=4)
    vague = VagueMeteoFactory(promotion=promotion, jours_depuis_ouverture=14)
    for niveau in (1, 3, 5):
        eig = EIGFactory(promotion=promotion)
        reponse(ancienne, eig, meteo=niveau)
        reponse(vague, eig, meteo=niveau)
    assert vagues_cloturer(vague.fermee_le + datetime.timedelta(minutes=1)) == 1
    ReponseMeteo.objects.filter(vague=vague, meteo=1).delete()
    ReponseMeteo.objects.filter(vague=vague, meteo=5).update(meteo=2, vie_equipe=2, epanouissement=2)
    ReponseMeteo.objects.filter(vague=ancienne, meteo=1).delete()

    tendance = {v.pk: v for v in meteo_tendance(promotion)}
    assert (tendance[vague.pk].invites, tendance[vague.pk].repondants, tendance[vague.pk].moy_meteo) == (3, 3, 3)
    assert tendance[vague.pk].taux == 100
    assert (tendance[ancienne.pk].repondants, tendance[ancienne.pk].moy_meteo) == (2, 4)
