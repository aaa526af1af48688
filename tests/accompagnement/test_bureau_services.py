"""The bureau d'aide's writes: the document check, the request, its triage and the e-mails each step sends."""

import datetime
from pathlib import Path

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from accompagnement.factories import DemandeAideFactory
from accompagnement.models import DemandeAide, Inscription, Session
from accompagnement.selectors.bureau import attente_en_clair, file_bureau_aide
from accompagnement.services import bureau as services
from accompagnement.services.sessions import session_modifier
from defis.factories import DefiFactory, MembreEquipeFactory
from defis.models import MembreEquipe
from programme.factories import CoachFactory, PromotionFactory, RoleFactory
from programme.models import Role

from .fichiers_bureau import TEXTE, fichier, trop_gros, zip_quelconque

pytestmark = pytest.mark.django_db


@pytest.fixture
def equipe():
    """A défi of a running promotion with an EIG, a porteuse and a sponsor, and a coach of that promotion."""
    promotion = PromotionFactory()
    defi = DefiFactory(promotion=promotion, titre="Hospi'Flux")
    membres = {
        role: MembreEquipeFactory(defi=defi, role=role, personne__email=f"{role}@exemple.test").personne
        for role in ("eig", "porteur", "sponsor")
    }
    coach = CoachFactory(promotion=promotion, email="coach@exemple.test", prenom="Camille", nom_usage="Coach")
    return {"promotion": promotion, "defi": defi, "coach": coach, **membres}


def _seance(jours, heure=14, minutes=60):
    debut = timezone.make_aware(datetime.datetime.combine(
        timezone.localdate() + datetime.timedelta(days=jours), datetime.time(heure)))
    return {"debut": debut, "fin": debut + datetime.timedelta(minutes=minutes),
            "lien_visio": "https://webinaire.numerique.gouv.fr/bureau", "lieu": ""}


@pytest.mark.parametrize("nom,type_reconnu", [
    ("plan.pdf", "pdf"), ("schema.png", "png"), ("photo.jpg", "jpeg"), ("photo.JPEG", "jpeg"), ("note.odt", "odt"),
    ("budget.ods", "ods"), ("pitch.odp", "odp"), ("protocole.docx", "docx"), ("mesures.xlsx", "xlsx"),
    ("restitution.pptx", "pptx"),
])
def test_document_accepte_chaque_type_reconnu_par_son_contenu(nom, type_reconnu):
    """PDF, PNG, JPEG, OpenDocument and Office files are recognised from their bytes, whatever the name's case."""
    assert services.document_verifier(fichier(nom)) == type_reconnu


def test_document_nomme_pdf_mais_texte_refuse_avec_un_message_clair():
    """A text file renamed .pdf is refused: its content is none of the accepted types."""
    with pytest.raises(ValidationError) as erreur:
        services.document_verifier(fichier("rapport.pdf", TEXTE))
    assert erreur.value.messages == [
        "Le fichier « rapport.pdf » n'a pas été accepté : son contenu n'est ni un PDF, ni une image PNG ou JPEG, "
        "ni un document OpenDocument (ODT, ODS, ODP) ou Office (DOCX, XLSX, PPTX)."
    ]


def test_document_dont_l_extension_ment_sur_le_contenu_refuse():
    """A PNG image named .pdf is refused, and the message says what it really is."""
    with pytest.raises(ValidationError) as erreur:
        services.document_verifier(fichier("rapport.pdf", fichier("x.png").read()))
    assert "son contenu, qui est une image PNG" in erreur.value.messages[0]
    assert "extension .png" in erreur.value.messages[0]


def test_document_zip_qui_n_est_pas_bureautique_refuse():
    """A zip without an OpenDocument mimetype nor an Office manifest is not a document."""
    with pytest.raises(ValidationError):
        services.document_verifier(fichier("archive.docx", zip_quelconque()))


def test_document_de_21_mo_refuse_meme_si_c_est_un_pdf():
    """Over 20 Mo, a file is refused before its content is read; the message gives both sizes."""
    with pytest.raises(ValidationError) as erreur:
        services.document_verifier(fichier("gros.pdf", trop_gros(21)))
    assert erreur.value.messages == ["Le fichier « gros.pdf » pèse 21 Mo : il ne doit pas dépasser 20 Mo."]


def test_demande_creee_range_le_document_hors_des_medias_publics(equipe, settings):
    """The document is written under PRIVATE_MEDIA_ROOT, never under the public MEDIA_ROOT."""
    demande = services.demande_aide_creer(
        defi=equipe["defi"], demandeur=equipe["eig"], nature=DemandeAide.Nature.AUDIT_CODE,
        description="  Relire notre API.  ", document=fichier("protocole.pdf"),
    )
    chemin = Path(demande.document.path)
    assert chemin.is_relative_to(Path(settings.PRIVATE_MEDIA_ROOT))
    assert not chemin.is_relative_to(Path(settings.MEDIA_ROOT))
    assert chemin.read_bytes().startswith(b"%PDF-")
    assert demande.description == "Relire notre API."
    assert demande.statut == DemandeAide.Statut.NOUVELLE


def test_demande_creee_avertit_les_coachs_de_la_promotion_et_du_programme(equipe, django_capture_on_commit_callbacks):
    """A new request e-mails each coach of the défi's promotion and each programme-wide one, not the others."""
    CoachFactory(promotion=None, email="responsable@exemple.test")
    CoachFactory(promotion=PromotionFactory(), email="ailleurs@exemple.test")
    with django_capture_on_commit_callbacks(execute=True):
        services.demande_aide_creer(defi=equipe["defi"], demandeur=equipe["porteur"],
                                    nature=DemandeAide.Nature.PASSAGE_ECHELLE, description="Passer à 10 régions.")
    assert sorted(m.to for m in mail.outbox) == [["coach@exemple.test"], ["responsable@exemple.test"]]
    message = next(m for m in mail.outbox if m.to == ["coach@exemple.test"])
    assert message.subject == "[Magellan] Bureau d'aide : nouvelle demande de Hospi'Flux"
    assert "Stratégie de passage à l'échelle" in message.body and "Passer à 10 régions." in message.body
    assert "Hospi'Flux" in message.body, "le texte brut n'est pas échappé comme du HTML"
    assert message.alternatives[0].mimetype == "text/html"


def test_demande_sans_e_mail_avant_le_commit(equipe, django_capture_on_commit_callbacks):
    """The coaches' e-mail leaves after the commit only: a rolled-back request sends nothing."""
    with django_capture_on_commit_callbacks(execute=True):
        try:
            with transaction.atomic():
                services.demande_aide_creer(defi=equipe["defi"], demandeur=equipe["eig"],
                                            nature=DemandeAide.Nature.AUTRE, description="Annulée.")
                raise RuntimeError
        except RuntimeError:
            pass
    assert mail.outbox == [] and DemandeAide.objects.count() == 0


def test_prise_en_charge_designe_le_coach_et_avertit_l_equipe(equipe, django_capture_on_commit_callbacks):
    """Taking a request sets its coach, its date and status, and e-mails each EIG and porteur of the défi."""
    demande = DemandeAideFactory(defi=equipe["defi"], demandeur=equipe["eig"])
    with django_capture_on_commit_callbacks(execute=True):
        services.demande_aide_prendre_en_charge(demande, coach=equipe["coach"])
    demande.refresh_from_db()
    assert demande.statut == DemandeAide.Statut.PRISE_EN_CHARGE
    assert demande.coach == equipe["coach"] and demande.prise_en_charge_le is not None
    assert sorted(m.to for m in mail.outbox) == [["eig@exemple.test"], ["porteur@exemple.test"]]
    assert all("prise en charge par Camille Coach" in m.body for m in mail.outbox)


def test_planifier_cree_des_sessions_publiees_du_bureau_aide_et_inscrit_l_equipe(
        equipe, django_capture_on_commit_callbacks):
    """Planning two séances creates two published sessions of the dispositif « bureau-aide », for the défi,
    linked to the request, led by its coach, with the EIG and porteurs registered; each gets one e-mail listing
    them."""
    demande = DemandeAideFactory(defi=equipe["defi"], demandeur=equipe["eig"])
    with django_capture_on_commit_callbacks(execute=True):
        sessions = services.demande_aide_planifier(demande, seances=[_seance(3), _seance(10, heure=10)],
                                                   par=equipe["coach"])
    demande.refresh_from_db()
    assert demande.statut == DemandeAide.Statut.PLANIFIEE
    assert demande.coach == equipe["coach"], "planifier une demande libre la prend en charge"
    assert set(demande.sessions.all()) == set(sessions)
    for session in sessions:
        assert session.dispositif.slug == "bureau-aide"
        assert session.statut == Session.Statut.PUBLIEE and session.sequence == 0
        assert session.audience == Session.Audience.DEFI and session.defi == equipe["defi"]
        assert session.promotion == equipe["promotion"] and session.phase.numero == 2
        assert list(session.facilitateurs.all()) == [equipe["coach"]]
        assert set(Inscription.objects.filter(session=session).values_list("personne", flat=True)) == {
            equipe["eig"].pk, equipe["porteur"].pk}
    assert sorted(m.to for m in mail.outbox) == [["eig@exemple.test"], ["porteur@exemple.test"]]
    corps = mail.outbox[0].body
    assert "des séances" in corps and "14h00 à 15h00 (heure de Paris)" in corps and "10h00 à 11h00" in corps


def test_une_seance_est_verifiee_et_revisee_comme_toute_session(equipe):
    """A séance ending before it starts is refused in French, nothing planned; a planned séance moved later
    raises its iCalendar SEQUENCE, like any session (accompagnement's session services)."""
    demande = DemandeAideFactory(defi=equipe["defi"])
    a_l_envers = {**_seance(3), "fin": _seance(3)["debut"] - datetime.timedelta(hours=1)}
    with pytest.raises(ValidationError, match="La fin doit être après le début."):
        services.demande_aide_planifier(demande, seances=[a_l_envers], par=equipe["coach"])
    assert Session.objects.count() == 0
    [session] = services.demande_aide_planifier(demande, seances=[_seance(3)], par=equipe["coach"])
    nouvelle = _seance(4)
    session = session_modifier(session, debut=nouvelle["debut"], fin=nouvelle["fin"])
    assert session.sequence == 1


def test_planifier_sans_seance_refuse(equipe):
    """A plan needs at least one séance."""
    demande = DemandeAideFactory(defi=equipe["defi"])
    with pytest.raises(ValidationError):
        services.demande_aide_planifier(demande, seances=[], par=equipe["coach"])
    assert Session.objects.count() == 0


def test_clore_enregistre_le_resultat_et_avertit_l_equipe(equipe, django_capture_on_commit_callbacks):
    """Closing stores the outcome and date, and e-mails it to the team."""
    demande = DemandeAideFactory(defi=equipe["defi"], demandeur=equipe["eig"])
    with django_capture_on_commit_callbacks(execute=True):
        services.demande_aide_clore(demande, resultat="Protocole validé ; tester en mai.", par=equipe["coach"])
    demande.refresh_from_db()
    assert demande.statut == DemandeAide.Statut.CLOSE and demande.close_le is not None
    assert demande.coach == equipe["coach"] and demande.prise_en_charge_le is not None
    assert "Protocole validé ; tester en mai." in mail.outbox[0].body
    assert mail.outbox[0].subject == "[Magellan] Bureau d'aide : votre demande est close"


def test_une_demande_close_ne_change_plus(equipe):
    """A closed request can be neither taken, planned nor closed again."""
    demande = DemandeAideFactory(defi=equipe["defi"])
    services.demande_aide_clore(demande, resultat="Fait.", par=equipe["coach"])
    for action in (
        lambda: services.demande_aide_prendre_en_charge(demande, coach=equipe["coach"]),
        lambda: services.demande_aide_planifier(demande, seances=[_seance(2)], par=equipe["coach"]),
        lambda: services.demande_aide_clore(demande, resultat="Encore.", par=equipe["coach"]),
    ):
        with pytest.raises(ValidationError, match="close"):
            action()
    demande.refresh_from_db()
    assert demande.resultat == "Fait."


@pytest.mark.parametrize("duree,attendu", [
    (datetime.timedelta(minutes=40), "moins d'une heure"),
    (datetime.timedelta(hours=1, minutes=59), "1 heure"),
    (datetime.timedelta(hours=5), "5 heures"),
    (datetime.timedelta(days=1), "1 jour"),
    (datetime.timedelta(days=2, hours=5, minutes=30), "2 jours et 5 heures"),
    (datetime.timedelta(days=1, hours=1), "1 jour et 1 heure"),
])
def test_attente_en_clair_en_jours_et_heures(duree, attendu):
    """A waiting time reads in days and hours, in French."""
    assert attente_en_clair(duree) == attendu


def test_file_mesure_l_attente_jusqu_a_la_prise_en_charge_ou_maintenant(equipe):
    """The waiting time runs from the request to its prise en charge, or to now while nobody took it."""
    maintenant = timezone.now()
    en_attente = DemandeAideFactory(defi=equipe["defi"])
    prise = DemandeAideFactory(defi=equipe["defi"])
    DemandeAide.objects.filter(pk=en_attente.pk).update(created_at=maintenant - datetime.timedelta(days=3, hours=2))
    DemandeAide.objects.filter(pk=prise.pk).update(
        created_at=maintenant - datetime.timedelta(days=9),
        prise_en_charge_le=maintenant - datetime.timedelta(days=8, hours=19), statut="prise_en_charge")
    attentes = {d.pk: d.attente for d in file_bureau_aide(maintenant=maintenant)}
    assert attentes[en_attente.pk] == datetime.timedelta(days=3, hours=2)
    assert attentes[prise.pk] == datetime.timedelta(hours=5)


def test_equipe_des_e_mails_exclut_le_sponsor_et_les_autres_defis(equipe, django_capture_on_commit_callbacks):
    """The team told of each step is the EIG and porteurs of this défi: neither its sponsor nor another team."""
    autre = MembreEquipeFactory(role=MembreEquipe.Role.EIG, personne__email="autre@exemple.test")
    RoleFactory(personne=autre.personne, promotion=equipe["promotion"], type=Role.Type.EIG)
    demande = DemandeAideFactory(defi=equipe["defi"], demandeur=equipe["eig"])
    with django_capture_on_commit_callbacks(execute=True):
        services.demande_aide_prendre_en_charge(demande, coach=equipe["coach"])
    assert sorted(m.to for m in mail.outbox) == [["eig@exemple.test"], ["porteur@exemple.test"]]
