"""Answering the météo: from the personal link without a password (once, only while the round is open) or from
« Ma météo », and the alerts an answer raises for the coaches."""

import datetime

import pytest
from django.core import mail, signing
from django.utils import timezone

from accompagnement.models import AlerteMeteo, ReponseMeteo
from accompagnement.services import meteo as services_meteo
from accompagnement.services.meteo import jeton_reponse
from programme.factories import CoachFactory, EIGFactory, PromotionFactory
from tests.constantes import constante_changer

from .outils_meteo import VagueMeteoFactory, reponse, vague_close

pytestmark = pytest.mark.django_db

SAISIE = {"meteo": "4", "vie_equipe": "3", "epanouissement": "5", "reussites": "Premier déploiement.",
          "difficultes": "Accès aux données.", "souhaite_echanger": ""}


@pytest.fixture
def promotion():
    return PromotionFactory()


@pytest.fixture
def ouverte(promotion):
    """An open round and the invitation of one EIG to it."""
    vague = VagueMeteoFactory(promotion=promotion)
    return reponse(vague, EIGFactory(promotion=promotion, prenom="Inès"))


def _lien(invitation):
    return f"/meteo/lien/{jeton_reponse(invitation)}/"


def test_le_lien_personnel_ouvre_le_formulaire_sans_mot_de_passe(client, ouverte):
    """An anonymous visitor with the link sees the form with the five levels by name."""
    page = client.get(_lien(ouverte))
    assert page.status_code == 200
    contenu = page.content.decode()
    assert "Météo entrepreneuriale du" in contenu
    for libelle in ("1 – Orage", "3 – Nuageux", "5 – Grand soleil", "Je souhaite échanger avec un coach"):
        assert libelle in contenu


def test_le_lien_enregistre_la_reponse_une_seule_fois(client, ouverte, django_capture_on_commit_callbacks):
    """Posting through the link records the answer; the link then says « déjà répondu » and changes nothing."""
    reponse_page = client.post(_lien(ouverte), SAISIE)
    assert reponse_page.status_code == 200 and "Votre météo est enregistrée" in reponse_page.content.decode()
    ouverte.refresh_from_db()
    assert (ouverte.meteo, ouverte.vie_equipe, ouverte.epanouissement) == (4, 3, 5)
    assert ouverte.reussites == "Premier déploiement." and ouverte.repondue_le is not None
    encore = client.post(_lien(ouverte), {**SAISIE, "meteo": "1"})
    assert encore.status_code == 410 and "déjà répondu" in encore.content.decode()
    assert client.get(_lien(ouverte)).status_code == 410
    ouverte.refresh_from_db()
    assert ouverte.meteo == 4 and not AlerteMeteo.objects.exists()


def test_le_lien_ne_marche_plus_apres_la_cloture(client, promotion):
    """Once the round closes, the link shows « cette météo est close » and records nothing."""
    invitation = reponse(vague_close(promotion))
    page = client.get(_lien(invitation))
    assert page.status_code == 410 and "Cette météo est close" in page.content.decode()
    assert client.post(_lien(invitation), SAISIE).status_code == 410
    invitation.refresh_from_db()
    assert invitation.repondue_le is None


def test_le_lien_est_clos_a_l_heure_meme_si_la_tache_n_est_pas_passee(client, promotion):
    """A round whose closing time passed is closed for its links, even before the daily task records it."""
    vague = VagueMeteoFactory(promotion=promotion, jours_depuis_ouverture=8)
    assert vague.cloturee_le is None and vague.fermee_le < timezone.now()
    assert client.get(_lien(reponse(vague))).status_code == 410


@pytest.mark.parametrize("jeton", ["n-importe-quoi", "altere"])
def test_un_lien_altere_repond_404(client, ouverte, jeton):
    """A forged or altered link, or one signed for something else, answers 404."""
    if jeton == "altere":
        vrai = jeton_reponse(ouverte)
        jeton = vrai[:-2] + ("AA" if not vrai.endswith("AA") else "BB")
    assert client.get(f"/meteo/lien/{jeton}/").status_code == 404
    assert client.get(f"/meteo/lien/{signing.dumps(ouverte.pk)}/").status_code == 404


def test_les_erreurs_sont_en_francais_et_la_saisie_conservee(client, ouverte):
    """A form without the levels is refused with French errors, and what was typed stays."""
    page = client.post(_lien(ouverte), {"reussites": "Texte tapé avant l'erreur."})
    contenu = page.content.decode()
    assert page.status_code == 200
    assert "Choisissez votre météo." in contenu and "Choisissez un niveau pour la vie de l&#x27;équipe." in contenu
    assert "Texte tapé avant l&#x27;erreur." in contenu
    ouverte.refresh_from_db()
    assert ouverte.repondue_le is None


def test_ma_meteo_montre_la_vague_ouverte_et_mon_historique(client, promotion, ouverte):
    """« Ma météo » shows the EIG their open round to answer and their past answers, not other EIG's."""
    passee = vague_close(promotion)
    reponse(passee, ouverte.eig, meteo=2, reussites="Mon texte à moi.")
    reponse(passee, meteo=5, reussites="Le texte d'un autre.")
    client.force_login(ouverte.eig)
    contenu = client.get("/meteo/").content.decode()
    assert f"/meteo/reponse/{ouverte.pk}/" in contenu and "Mon texte à moi." in contenu
    assert "Le texte d" not in contenu


def test_l_eig_connecte_repond_depuis_ma_meteo(client, ouverte, django_capture_on_commit_callbacks):
    """A logged-in EIG answers from « Ma météo » and comes back to it with a confirmation."""
    client.force_login(ouverte.eig)
    page = client.post(f"/meteo/reponse/{ouverte.pk}/", SAISIE, follow=True)
    assert page.redirect_chain[-1][0] == "/meteo/"
    assert "Merci, votre météo est enregistrée." in page.content.decode()
    assert ReponseMeteo.objects.get(pk=ouverte.pk).meteo == 4


@pytest.fixture
def coachs(promotion):
    """A coach of the promotion, one of the programme team (no promotion), one of another promotion."""
    return {"promotion": CoachFactory(promotion=promotion), "equipe": CoachFactory(promotion=None),
            "autre": CoachFactory()}


def _repondre(client, invitation, captures, **saisie):
    with captures(execute=True):
        return client.post(_lien(invitation), {**SAISIE, **saisie})


def test_une_baisse_de_deux_niveaux_alerte_les_coachs(client, promotion, ouverte, coachs,
                                                       django_capture_on_commit_callbacks):
    """A météo two levels below the EIG's previous answer raises a « baisse » alert, e-mailed once to each
    coach of the promotion and of the programme team, with a link to the EIG's history; not to other coaches."""
    reponse(vague_close(promotion, semaines_avant=4), ouverte.eig, meteo=2)
    reponse(vague_close(promotion), ouverte.eig, meteo=5)
    _repondre(client, ouverte, django_capture_on_commit_callbacks, meteo="3")
    alerte = AlerteMeteo.objects.get()
    assert alerte.motif == AlerteMeteo.Motif.BAISSE and alerte.reponse == ouverte
    assert sorted(m.to[0] for m in mail.outbox) == sorted([coachs["promotion"].email, coachs["equipe"].email])
    message = mail.outbox[0]
    assert message.subject == f"[Magellan] Météo : baisse de deux niveaux ou plus — {ouverte.eig.nom_complet}"
    assert f"http://testserver/coachs/meteo/eig/{ouverte.eig.pk}/" in message.body
    assert "Premier déploiement." not in message.body, "le courriel ne recopie pas la réponse"


def test_une_baisse_d_un_seul_niveau_n_alerte_pas(client, promotion, ouverte, coachs,
                                                  django_capture_on_commit_callbacks):
    """One level below the previous answer is no alert, and no coach is e-mailed."""
    reponse(vague_close(promotion), ouverte.eig, meteo=4)
    _repondre(client, ouverte, django_capture_on_commit_callbacks, meteo="3")
    assert not AlerteMeteo.objects.exists() and mail.outbox == []


def test_la_meteo_au_plus_bas_et_la_demande_d_echange_alertent(client, ouverte, coachs,
                                                               django_capture_on_commit_callbacks):
    """« Orage » and « je souhaite échanger » each raise their alert (one per motif), each e-mailed once to the
    promotion's coaches; a first answer cannot be a drop."""
    _repondre(client, ouverte, django_capture_on_commit_callbacks, meteo="1", souhaite_echanger="on")
    assert set(AlerteMeteo.objects.values_list("motif", flat=True)) == {"plus_bas", "echange"}
    assert len(mail.outbox) == 4
    sujets = {m.subject for m in mail.outbox}
    assert sujets == {f"[Magellan] Météo : météo au plus bas — {ouverte.eig.nom_complet}",
                      f"[Magellan] Météo : souhaite échanger avec un coach — {ouverte.eig.nom_complet}"}
    _repondre(client, ouverte, django_capture_on_commit_callbacks, meteo="1", souhaite_echanger="on")
    assert AlerteMeteo.objects.count() == 2 and len(mail.outbox) == 4


def test_la_baisse_se_compare_a_la_derniere_reponse_donnee(client, promotion, ouverte, coachs,
                                                           django_capture_on_commit_callbacks):
    """A round left unanswered is skipped: the drop is measured from the last answered round."""
    reponse(vague_close(promotion, semaines_avant=4), ouverte.eig, meteo=5)
    reponse(vague_close(promotion), ouverte.eig)
    _repondre(client, ouverte, django_capture_on_commit_callbacks, meteo="2")
    assert list(AlerteMeteo.objects.values_list("motif", flat=True)) == ["baisse"]


def test_une_alerte_se_date_de_la_reponse(client, ouverte, coachs, django_capture_on_commit_callbacks):
    """The alert is dated when the EIG answers, and its round is the one answered."""
    avant = timezone.now() - datetime.timedelta(seconds=1)
    _repondre(client, ouverte, django_capture_on_commit_callbacks, meteo="1")
    alerte = AlerteMeteo.objects.get()
    assert alerte.created_at >= avant and alerte.reponse.vague == ouverte.vague and alerte.traitee_le is None


def test_les_pages_disent_la_cadence_de_sa_constante(client, promotion, monkeypatch):
    """With `SEMAINES_ENTRE_VAGUES` at three, « Ma météo » and a closed link both say three weeks."""
    constante_changer(monkeypatch, services_meteo, "SEMAINES_ENTRE_VAGUES", 3)
    invitation = reponse(vague_close(promotion))
    assert "Rendez-vous à la prochaine vague, dans trois semaines." in client.get(_lien(invitation)).content.decode()
    client.force_login(invitation.eig)
    assert "Toutes les trois semaines, cinq minutes" in client.get("/meteo/").content.decode()
