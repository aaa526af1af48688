"""A coach erases a person who leaves the programme: every figure shown stays as it was (météo, hours,
attendance), nothing left names the person, they can no longer log in and their address can be invited again;
the erasure is traced without their name."""

import datetime
import re

import pytest
from django.apps import apps
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.utils import timezone

from accompagnement.factories import DemandeAideFactory, HeureAccelerationFactory, InscriptionFactory, SessionFactory
from accompagnement.models import AlerteMeteo, HeureAcceleration, Inscription, ReponseMeteo
from accompagnement.selectors.heures import consommation_par_defi, consommation_par_mois
from accompagnement.services.meteo import meteo_tour, vagues_cloturer
from accompagnement.services.sessions import presences_marquer
from defis.factories import DefiFactory, MembreEquipeFactory
from evaluations.factories import PieceJointeFactory
from evaluations.models import PieceJointe
from evaluations.services.comites import comite_creer
from magellan.effacement import effacement_inventaire, personne_effacer
from magellan.models import Effacement
from programme.factories import CoachFactory, EIGFactory, ParrainFactory, PersonneFactory, PromotionFactory
from programme.models import Notification, Personne, Role
from programme.notifications import Envoi, notifier
from programme.services import invitation_envoyer, photo_remplacer
from tests.accompagnement.outils_meteo import VagueMeteoFactory, reponse, vague_close
from tests.programme.outils_photos import photo_televersee

pytestmark = pytest.mark.django_db


@pytest.fixture
def promotion():
    return PromotionFactory(nom="Promotion 9")


@pytest.fixture
def coach(promotion):
    return CoachFactory(promotion=promotion, prenom="Camille", nom_usage="Coach")


def _tableaux(client, url) -> list[str]:
    """The tables of a page (where its figures are), as HTML."""
    page = client.get(url)
    assert page.status_code == 200, url
    return re.findall(r"<table>.*?</table>", page.content.decode(), flags=re.S)


@pytest.fixture
def meteo(promotion):
    """Seven EIG on défis answering two closed rounds (one frozen by the daily task, one closed before this
    change, never frozen), a round past its closing time the task has not recorded yet, and an open round; the
    EIG to erase gives extreme answers, so that any re-computation would move the averages."""
    eig = []
    for n in range(7):
        personne = EIGFactory(promotion=promotion, prenom=f"Eig{n}", nom_usage="Promotion")
        MembreEquipeFactory(defi=DefiFactory(promotion=promotion), personne=personne)
        eig.append(personne)
    sortante = eig[0]
    ancienne = vague_close(promotion, semaines_avant=6)
    figee = vague_close(promotion, semaines_avant=4)
    figee.cloturee_le = None
    figee.save(update_fields=["cloturee_le"])
    pas_encore_cloturee = VagueMeteoFactory(promotion=promotion, jours_depuis_ouverture=14)
    ouverte = VagueMeteoFactory(promotion=promotion)
    for vague in (ancienne, figee, pas_encore_cloturee):
        for n, personne in enumerate(eig):
            niveau = 1 if personne == sortante else 2 + n % 4
            donnee = reponse(vague, personne, meteo=niveau, vie_equipe=niveau, epanouissement=niveau,
                             reussites=f"Réussite confidentielle de {personne.prenom}")
    AlerteMeteo.objects.create(reponse=ReponseMeteo.objects.get(vague=ancienne, eig=sortante),
                               motif=AlerteMeteo.Motif.PLUS_BAS)
    for personne in eig:
        reponse(ouverte, personne, **({"meteo": 1} if personne == sortante else {}))
    assert vagues_cloturer(figee.fermee_le + datetime.timedelta(minutes=1)) == 1
    figee.refresh_from_db()
    assert figee.figee_le is not None and donnee.pk
    return {"eig": eig, "sortante": sortante, "ouverte": ouverte}


def _pages_meteo(client, coach, promotion, eig):
    """The figures of the coaches' trend, of each remaining EIG's history, and of the promotion's page an EIG
    reads."""
    client.force_login(coach)
    figures = {"tendance": _tableaux(client, f"/coachs/meteo/?promotion={promotion.pk}")[0]}
    for personne in eig:
        figures[f"historique {personne.pk}"] = _tableaux(client, f"/coachs/meteo/eig/{personne.pk}/")
    client.force_login(eig[-1])
    figures["promotion"] = _tableaux(client, "/meteo/promotion/")
    return figures


def test_effacer_une_repondante_laisse_chaque_chiffre_de_la_meteo_inchange(client, promotion, coach, meteo):
    """The coaches' trend (answers, rate, averages per question), the history of every other EIG and the
    promotion's averages read by an EIG are the same before and after the erasure of a respondent."""
    restants = meteo["eig"][1:]
    avant = _pages_meteo(client, coach, promotion, restants)
    assert "3 sur 7" not in avant["tendance"] and "7 sur 7" in avant["tendance"]
    assert len(avant["promotion"]) == 1 and avant["promotion"][0].count("sur 5") == 3

    personne_effacer(meteo["sortante"], par=coach)

    assert _pages_meteo(client, coach, promotion, restants) == avant


def test_les_reponses_restent_anonymes_et_les_textes_partent(promotion, coach, meteo):
    """The erased EIG's levels stay in their rounds with nobody behind them; their texts, alerts and the
    invitation to the open round go."""
    sortante = meteo["sortante"]
    siennes = list(ReponseMeteo.objects.filter(eig=sortante, repondue_le__isnull=False).values_list("pk", flat=True))

    personne_effacer(sortante, par=coach)

    restees = ReponseMeteo.objects.filter(pk__in=siennes)
    assert restees.count() == len(siennes) == 4
    assert set(restees.values_list("eig", "meteo", "reussites", "difficultes")) == {(None, 1, "", "")}
    assert not AlerteMeteo.objects.filter(reponse__in=siennes).exists()
    assert ReponseMeteo.objects.filter(vague=meteo["ouverte"]).count() == 7


def test_une_vague_close_plus_tard_garde_les_niveaux_de_la_personne_effacee(promotion, coach, meteo):
    """The round open at the erasure, closed later, counts the erased person's answer among its respondents."""
    personne_effacer(meteo["sortante"], par=coach)
    meteo_tour(meteo["ouverte"].fermee_le + datetime.timedelta(minutes=1))
    meteo["ouverte"].refresh_from_db()
    assert (meteo["ouverte"].invites_figes, meteo["ouverte"].repondants_figes) == (7, 1)
    assert meteo["ouverte"].moy_meteo_figee == 1


def test_effacer_un_parrain_garde_les_totaux_des_heures(client, promotion, coach):
    """Each défi's and each month's hours, and their counts of parrains, stay; the défi's page names nobody."""
    parrain, autre = ParrainFactory(promotion=promotion), ParrainFactory(promotion=promotion)
    defi = DefiFactory(promotion=promotion)
    for donneur, minutes in ((parrain, 120), (parrain, 45), (autre, 60)):
        HeureAccelerationFactory(defi=defi, parrain=donneur, duree_minutes=minutes)
    premier = timezone.localdate().replace(day=1)
    avant = (consommation_par_defi(premier, promotion), consommation_par_mois(promotion))
    assert avant[0][0]["minutes_en_clair"] == "3 h 45" and avant[0][0]["parrains"] == 2

    personne_effacer(parrain, par=coach)

    assert (consommation_par_defi(premier, promotion), consommation_par_mois(promotion)) == avant
    assert HeureAcceleration.objects.filter(parrain__isnull=True).count() == 2
    client.force_login(coach)
    page = client.get(f"/defis/{defi.slug}/heures/").content.decode()
    assert "Personne effacée" in page and parrain.nom_complet not in page


def test_effacer_une_personne_garde_les_presences_et_libere_sa_place_a_venir(client, promotion, coach):
    """A past session keeps its registered and present counts; the person's seat at a session to come goes to
    the first person waiting."""
    maintenant = timezone.now()
    passee = SessionFactory(promotion=promotion, debut=maintenant - datetime.timedelta(days=3),
                            fin=maintenant - datetime.timedelta(days=3, hours=-2))
    sortante, presents = PersonneFactory(), PersonneFactory.create_batch(2)
    for personne in (sortante, *presents):
        InscriptionFactory(session=passee, personne=personne)
    presences_marquer(passee, [sortante, presents[0]])
    a_venir = SessionFactory(promotion=promotion, capacite=1)
    InscriptionFactory(session=a_venir, personne=sortante)
    attente = InscriptionFactory(session=a_venir, personne=presents[1], statut=Inscription.Statut.ATTENTE)
    client.force_login(coach)
    avant = client.get(f"/sessions/{passee.pk}/").content.decode()
    assert "3 personnes inscrites" in avant

    personne_effacer(sortante, par=coach)

    apres = client.get(f"/sessions/{passee.pk}/").content.decode()
    assert "3 personnes inscrites" in apres and "Personne effacée" in apres
    assert passee.inscriptions.filter(present=True).count() == 2
    presences_marquer(passee, [presents[0]])
    assert passee.inscriptions.filter(present=True).count() == 2
    attente.refresh_from_db()
    assert attente.statut == Inscription.Statut.INSCRITE
    assert not a_venir.inscriptions.filter(personne__isnull=True).exists()


def test_la_personne_effacee_ne_se_connecte_plus_et_son_adresse_peut_etre_invitee(client, promotion, coach):
    """The account is gone (their open session no longer opens their space) and the same address can be invited
    again, as a new person."""
    sortante = EIGFactory(promotion=promotion, email="depart@exemple.test")
    client.force_login(sortante)
    assert client.get("/espace/").status_code == 200

    personne_effacer(sortante, par=coach)

    assert client.get("/espace/").status_code == 302
    assert not Personne.objects.filter(email__iexact="depart@exemple.test").exists()
    invitation = invitation_envoyer(email="depart@exemple.test", prenom="Nouvelle", nom_usage="Arrivée",
                                    promotion=promotion, type_role=Role.Type.EIG, par=coach)
    assert invitation.personne.pk != sortante.pk


def test_l_effacement_est_trace_sans_le_nom(client, promotion, coach):
    """The trace says who erased, when, the former number and the role types — never the name nor the address;
    coaches read it in the admin."""
    sortante = EIGFactory(promotion=promotion, prenom="Dominique", nom_usage="Sortante", email="dominique@exemple.test")
    ancien = sortante.pk
    for objet in (sortante, sortante.roles.get()):
        LogEntry.objects.create(user=coach, content_type=ContentType.objects.get_for_model(objet),
                                object_id=str(objet.pk), object_repr=str(objet), action_flag=CHANGE)
    client.force_login(coach)
    assert "Sortante" in client.get("/admin/journal/").content.decode()

    effacement = personne_effacer(sortante, par=coach)

    assert (effacement.par, effacement.ancien_numero, effacement.types_de_roles) == (coach, ancien, "EIG")
    page = client.get(f"/admin/magellan/effacement/{effacement.pk}/change/").content.decode()
    assert str(ancien) in page and "Camille Coach" in page
    assert "Sortante" not in page and "dominique@" not in page
    journal = client.get("/admin/journal/")
    assert journal.status_code == 200 and "Sortante" not in journal.content.decode()
    assert not LogEntry.objects.filter(object_repr__contains="Sortante").exists()


def test_ce_que_la_personne_a_depose_et_recu_part(promotion, coach, django_capture_on_commit_callbacks):
    """The files they uploaded leave the storage, their e-mails are deleted; the team's requests stay."""
    sortante = EIGFactory(promotion=promotion)
    piece = PieceJointeFactory(ajoutee_par=sortante)
    demande = DemandeAideFactory(demandeur=sortante, document=ContentFile(b"%PDF-1.4 besoin", name="besoin.pdf"))
    fichiers = [(piece.fichier.storage, piece.fichier.name), (demande.document.storage, demande.document.name)]
    notifier(Envoi(personne=sortante, cle="essai:1", gabarit="programme/emails/invitation", sujet="Bonjour",
                   contexte={"role": None}, lien="http://testserver/"))
    assert all(stockage.exists(chemin) for stockage, chemin in fichiers)

    with django_capture_on_commit_callbacks(execute=True):
        personne_effacer(sortante, par=coach)

    assert not any(stockage.exists(chemin) for stockage, chemin in fichiers)
    assert not PieceJointe.objects.filter(pk=piece.pk).exists()
    demande.refresh_from_db()
    assert demande.demandeur is None and not demande.document
    assert not Notification.objects.filter(adresse=sortante.email).exists()


def test_la_photo_de_l_annuaire_part_avec_la_personne(promotion, coach, django_capture_on_commit_callbacks):
    """The annuaire photo is counted among the files that leave, and its file leaves the storage."""
    sortante = EIGFactory(promotion=promotion)
    photo_remplacer(sortante, photo_televersee())
    stockage, chemin = sortante.photo.storage, sortante.photo.name
    fichiers = next(ligne for ligne in effacement_inventaire(sortante).part if "photo de l'annuaire" in ligne.libelle)
    assert fichiers.nombre == 1

    with django_capture_on_commit_callbacks(execute=True):
        personne_effacer(sortante, par=coach)

    assert not stockage.exists(chemin)


def test_un_coach_ne_s_efface_pas_lui_meme_mais_un_autre_coach_le_peut(client, promotion, coach):
    """A coach may not erase themself (page 403, service refused); another coach may erase them; a person who is
    not a coach may erase nobody."""
    autre_coach, eig = CoachFactory(promotion=promotion), EIGFactory(promotion=promotion)
    client.force_login(coach)
    assert client.get(f"/coachs/personnes/{coach.pk}/effacer/").status_code == 403
    with pytest.raises(PermissionDenied):
        personne_effacer(coach, par=coach)
    with pytest.raises(PermissionDenied):
        personne_effacer(autre_coach, par=eig)
    client.force_login(autre_coach)
    assert client.post(f"/coachs/personnes/{coach.pk}/effacer/", {"confirme": "on"}).status_code == 302
    assert not Personne.objects.filter(pk=coach.pk).exists()
    assert Effacement.objects.get().par == autre_coach


def test_la_page_dit_ce_qui_part_et_ce_qui_reste_et_demande_de_confirmer(client, promotion, coach, meteo):
    """The confirmation page lists what will go and what stays anonymous; sent unticked, it erases nothing and
    says why in French."""
    sortante = meteo["sortante"]
    client.force_login(coach)
    page = client.get(f"/coachs/personnes/{sortante.pk}/effacer/").content.decode()
    assert "Ce qui sera supprimé" in page and "Ce qui reste, sans son nom" in page
    assert "Réponses à la météo" in page and "Carnets de bord" in page
    refus = client.post(f"/coachs/personnes/{sortante.pk}/effacer/", {})
    assert refus.status_code == 200 and "Cochez la case pour confirmer" in refus.content.decode()
    assert Personne.objects.filter(pk=sortante.pk).exists()
    lignes = {ligne.libelle.split(" (")[0]: ligne.nombre for ligne in effacement_inventaire(sortante).reste}
    assert lignes["Réponses à la météo"] == 4


def test_l_administration_n_offre_plus_la_suppression_mais_le_lien_d_effacement(client, promotion, coach):
    """On a person's admin page: no bare deletion, a link to the erasure page (not on the coach's own page)."""
    eig = EIGFactory(promotion=promotion)
    client.force_login(coach)
    assert client.get(f"/admin/programme/personne/{eig.pk}/delete/").status_code == 403
    assert f"/coachs/personnes/{eig.pk}/effacer/" in client.get(
        f"/admin/programme/personne/{eig.pk}/change/").content.decode()
    assert "/effacer/" not in client.get(f"/admin/programme/personne/{coach.pk}/change/").content.decode()


@pytest.mark.parametrize("nom", ["sessions", "heures", "meteo"])
def test_les_exports_des_coachs_lisent_les_reponses_detachees(client, promotion, coach, meteo, nom):
    """After an erasure, the coaches' exports of sessions, hours and météo participation still answer, naming
    nobody for the detached rows."""
    parrain = ParrainFactory(promotion=promotion, nom_usage="Donneuse")
    HeureAccelerationFactory(defi=DefiFactory(promotion=promotion), parrain=parrain)
    passee = SessionFactory(promotion=promotion, debut=timezone.now() - datetime.timedelta(days=2),
                            fin=timezone.now() - datetime.timedelta(days=2, hours=-1))
    InscriptionFactory(session=passee, personne=meteo["sortante"], present=True)
    personne_effacer(meteo["sortante"], par=coach)
    personne_effacer(parrain, par=coach)
    client.force_login(coach)

    export = client.get(f"/coachs/exports/{nom}.csv?promotion={promotion.pk}")

    assert export.status_code == 200
    assert "Eig0" not in export.content.decode() and "Donneuse" not in export.content.decode()


def test_aucune_version_du_journal_ne_garde_le_numero_de_la_personne_effacee(client, promotion, coach):
    """The erased person was on a role, gave hours, facilitated a session and sat on a comité, all historised:
    afterwards no version of the journal keeps their number, and the journal reads « une personne effacée »."""
    sortante = ParrainFactory(promotion=promotion, prenom="Dominique", nom_usage="Sortante")
    ancien = sortante.pk
    defi = DefiFactory(promotion=promotion)
    HeureAccelerationFactory(parrain=sortante, defi=defi)
    session = SessionFactory(promotion=promotion, titre="Atelier données")
    session.facilitateurs.add(sortante)
    session.invites.add(sortante)
    comite = comite_creer(defi, promotion.phases.get(numero=2), coachs=[coach], participants=[sortante])

    personne_effacer(sortante, par=coach)

    restes = [
        (historique.__name__, champ.name)
        for historique in apps.get_models() if historique.__name__.startswith("Historical")
        for champ in historique._meta.concrete_fields
        if champ.is_relation and champ.related_model is Personne
        and historique.objects.filter(**{champ.attname: ancien}).exists()
    ]
    assert restes == []
    client.force_login(coach)
    page = client.get("/admin/journal/", {"modele": "evaluations.comite", "objet": comite.pk}).content.decode()
    assert "une personne effacée" in page and "Sortante" not in page
