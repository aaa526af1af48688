"""Notifications: every e-mail is recorded under a unique key and sent by the Celery task after the commit,
once; a failing mail server is retried, then the e-mail is marked as failed without ever breaking the action
that asked for it."""

import datetime
import smtplib
from io import StringIO

import pytest
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone

from accompagnement.factories import InscriptionFactory, SessionFactory
from accompagnement.models import Session
from magellan.celery import app as celery_app
from programme.factories import CoachFactory, PersonneFactory, PromotionFactory
from programme.models import Invitation, Notification, RefusNotification
from programme.notifications import (
    EchecEnvoi,
    Envoi,
    notification_expedier,
    notifications_en_souffrance,
    notifications_renvoyer,
    notifier,
    notifier_plusieurs,
)
from programme.notifications import notifications_purger as purger
from programme.tasks import TENTATIVES_MAX, notification_envoyer, notifications_purger, notifications_relancer

pytestmark = pytest.mark.django_db

class ServeurCapricieux(EmailBackend):
    """A mail server that drops the connection the first `pannes` times it is asked to send, then delivers."""

    pannes = 0
    appels = 0

    def send_messages(self, messages):
        ServeurCapricieux.appels += 1
        if ServeurCapricieux.appels <= ServeurCapricieux.pannes:
            raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")
        return super().send_messages(messages)


@pytest.fixture
def serveur(settings):
    """Install the capricious server; the test says how many times it fails."""
    settings.EMAIL_BACKEND = "tests.programme.test_notifications.ServeurCapricieux"
    ServeurCapricieux.appels = 0

    def pannes(nombre):
        ServeurCapricieux.pannes = nombre

    return pannes


def _envoi(personne, cle, categorie=Notification.Categorie.SERVICE):
    return Envoi(personne=personne, cle=cle, gabarit="essais/rappel_test", sujet="Un essai",
                 lien="http://testserver/espace/", categorie=categorie)


@pytest.fixture(autouse=True)
def gabarit_d_essai(settings, tmp_path):
    """A small pair of templates, so these tests do not depend on another message's wording."""
    dossier = tmp_path / "gabarits" / "essais"
    dossier.mkdir(parents=True)
    (dossier / "rappel_test.txt").write_text(
        '{% autoescape off %}Bonjour {{ personne.prenom }},\n\nUn essai : {{ lien }}\n\n'
        '{% include "emails/pied.txt" %}{% endautoescape %}'
    )
    (dossier / "rappel_test.html").write_text(
        '{% extends "emails/base.html" %}{% block contenu %}<p>Un essai.</p>{% endblock %}'
    )
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [tmp_path / "gabarits", *settings.TEMPLATES[0]["DIRS"]]}]


def test_la_meme_cle_deux_fois_n_envoie_qu_un_courriel(django_capture_on_commit_callbacks):
    """Asking twice for the same key (a task run twice) sends one e-mail, with the text, the HTML and the link."""
    personne = PersonneFactory(prenom="Nina", email="nina@exemple.test")
    with django_capture_on_commit_callbacks(execute=True):
        assert notifier(_envoi(personne, "essai:1")) is not None
        assert notifier(_envoi(personne, "essai:1")) is None
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["nina@exemple.test"] and message.subject == "[Magellan] Un essai"
    assert "Bonjour Nina," in message.body and "http://testserver/espace/" in message.body
    html = message.alternatives[0][0]
    assert "Bonjour Nina," in html and 'href="http://testserver/espace/"' in html
    assert Notification.objects.get(cle="essai:1").statut == Notification.Statut.ENVOYEE


def test_notifier_plusieurs_n_envoie_que_les_cles_nouvelles(django_capture_on_commit_callbacks):
    """Three e-mails of which one was already recorded: the two new ones leave, the known one does not again."""
    personnes = [PersonneFactory(email=f"p{rang}@exemple.test") for rang in range(3)]
    with django_capture_on_commit_callbacks(execute=True):
        notifier(_envoi(personnes[0], "lot:0"))
    with django_capture_on_commit_callbacks(execute=True):
        nouveaux = notifier_plusieurs([_envoi(p, f"lot:{rang}") for rang, p in enumerate(personnes)])
    assert nouveaux == 2
    assert sorted(m.to[0] for m in mail.outbox) == ["p0@exemple.test", "p1@exemple.test", "p2@exemple.test"]
    assert Notification.objects.filter(cle__startswith="lot:").count() == 3


def test_rien_ne_part_si_la_transaction_est_annulee(django_capture_on_commit_callbacks):
    """An e-mail asked inside a transaction that rolls back is neither recorded nor sent."""
    personne = PersonneFactory()
    with django_capture_on_commit_callbacks(execute=True):
        with pytest.raises(RuntimeError), transaction.atomic():
            notifier(_envoi(personne, "annulee:1"))
            raise RuntimeError
    assert mail.outbox == [] and not Notification.objects.exists()


def test_un_serveur_qui_echoue_deux_fois_est_retente_et_le_courriel_part_une_fois(
        serveur, django_capture_on_commit_callbacks):
    """The mail server drops the connection twice: the task retries, the third attempt delivers one e-mail,
    the notification is marked sent after 3 attempts and its body, which may hold a personal link, is wiped."""
    serveur(2)
    personne = PersonneFactory(email="nina@exemple.test")
    with django_capture_on_commit_callbacks(execute=True):
        notification = notifier(_envoi(personne, "capricieux:1"))
    assert [m.to for m in mail.outbox] == [["nina@exemple.test"]]
    notification.refresh_from_db()
    assert notification.statut == Notification.Statut.ENVOYEE and notification.tentatives == 3
    assert notification.envoyee_le is not None
    assert notification.texte == "" and notification.html == ""


def test_un_serveur_toujours_en_panne_mene_a_l_echec_sans_erreur_pour_l_appelant(
        serveur, settings, django_capture_on_commit_callbacks):
    """A server that never answers: after the last retry the notification is in ECHEC with the error kept
    for the coaches, nothing left, and the caller got no exception; its body, which may hold a personal link, is
    kept COURRIELS_EN_ECHEC_JOURS days for « Renvoyer », then erased by the nightly purge while its key, address
    and subject stay."""
    settings.COURRIELS_EN_ECHEC_JOURS = 7
    serveur(1000)
    personne = PersonneFactory()
    with django_capture_on_commit_callbacks(execute=True):
        notification = notifier(_envoi(personne, "panne:1"))
    notification.refresh_from_db()
    assert mail.outbox == []
    assert notification.statut == Notification.Statut.ECHEC
    assert notification.tentatives == TENTATIVES_MAX + 1
    assert "SMTPServerDisconnected" in notification.derniere_erreur
    assert "Bonjour" in notification.texte and notification.html
    assert purger(timezone.now() + datetime.timedelta(days=6)) == 0
    assert purger(timezone.now() + datetime.timedelta(days=8)) == 1
    notification.refresh_from_db()
    assert notification.texte == "" and notification.html == ""
    assert (notification.cle, notification.adresse, notification.sujet) == (
        "panne:1", personne.email, "[Magellan] Un essai")


def test_une_invitation_pendant_une_panne_du_serveur_est_enregistree_et_la_page_repond(
        client, serveur, django_capture_on_commit_callbacks):
    """A coach invites someone while the mail server is down: the page answers with its usual redirect and
    message, the invitation is saved, its e-mail waits in ECHEC for a coach to send it again."""
    serveur(1000)
    promotion = PromotionFactory()
    client.force_login(CoachFactory(promotion=promotion))
    with django_capture_on_commit_callbacks(execute=True):
        reponse = client.post("/invitations/nouvelle/", {
            "email": "sophie.durand@culture.gouv.fr", "prenom": "Sophie", "nom_usage": "Durand",
            "promotion": promotion.pk, "type_role": "sponsor",
        }, follow=True)
    assert reponse.status_code == 200
    assert "Invitation envoyée à sophie.durand@culture.gouv.fr" in reponse.content.decode()
    invitation = Invitation.objects.get(personne__email="sophie.durand@culture.gouv.fr")
    notification = Notification.objects.get(cle=f"invitation:{invitation.pk}")
    assert notification.statut == Notification.Statut.ECHEC and mail.outbox == []


def test_annuler_une_session_pendant_une_panne_du_serveur_annule_quand_meme(
        client, serveur, django_capture_on_commit_callbacks):
    """A coach cancels a session while the mail server is down: no error page, the session is cancelled and
    the registered person's e-mail is recorded, waiting to be sent again."""
    serveur(1000)
    promotion = PromotionFactory()
    session = SessionFactory(promotion=promotion)
    inscrite = InscriptionFactory(session=session).personne
    client.force_login(CoachFactory(promotion=promotion))
    with django_capture_on_commit_callbacks(execute=True):
        reponse = client.post(f"/coachs/sessions/{session.pk}/annuler/", {"motif_annulation": "Salle indisponible."})
    assert reponse.status_code == 302
    session.refresh_from_db()
    assert session.statut == Session.Statut.ANNULEE
    notification = Notification.objects.get(cle=f"session:{session.pk}:annulee:{inscrite.pk}")
    assert notification.statut in (Notification.Statut.A_ENVOYER, Notification.Statut.ECHEC)
    assert mail.outbox == []


def test_expedier_une_notification_deja_envoyee_n_envoie_rien(django_capture_on_commit_callbacks):
    """The broker delivers the same task twice: the second run finds the e-mail sent and sends nothing."""
    with django_capture_on_commit_callbacks(execute=True):
        notification = notifier(_envoi(PersonneFactory(), "double:1"))
    assert notification_expedier(notification.pk) is False
    notification_envoyer.delay(notification.pk)
    assert len(mail.outbox) == 1


def test_relancer_renvoie_une_notification_oubliee_depuis_dix_minutes_une_seule_fois():
    """A notification recorded but whose task was lost: after ten minutes `notifications_relancer` enqueues it
    and it is sent once; a recent one is left to its own task; a second run sends nothing more."""
    # Outside a captured commit, the tasks asked by `notifier` never run: as if the broker had lost them.
    ancienne = notifier(_envoi(PersonneFactory(email="ancienne@exemple.test"), "oubliee:1"))
    recente = notifier(_envoi(PersonneFactory(email="recente@exemple.test"), "recente:1"))
    Notification.objects.filter(pk=ancienne.pk).update(created_at=timezone.now() - datetime.timedelta(minutes=11))
    assert notifications_relancer.delay().get() == 1
    assert notifications_relancer.delay().get() == 0
    assert [m.to for m in mail.outbox] == [["ancienne@exemple.test"]]
    ancienne.refresh_from_db()
    recente.refresh_from_db()
    assert ancienne.statut == Notification.Statut.ENVOYEE and recente.statut == Notification.Statut.A_ENVOYER


def test_relancer_reprend_un_essai_dont_la_reprise_s_est_perdue():
    """A notification tried twice whose retry never came (the worker stopped during the backoff) is enqueued
    again two hours after its last attempt and sent once; one tried ten minutes ago is left to its retry."""
    perdue = notifier(_envoi(PersonneFactory(email="perdue@exemple.test"), "perdue:1"))
    en_cours = notifier(_envoi(PersonneFactory(email="en-cours@exemple.test"), "en-cours:1"))

    def il_y_a(**duree):
        return timezone.now() - datetime.timedelta(**duree)

    Notification.objects.filter(pk=perdue.pk).update(tentatives=2, derniere_tentative_le=il_y_a(hours=3))
    Notification.objects.filter(pk=en_cours.pk).update(tentatives=2, derniere_tentative_le=il_y_a(minutes=10),
                                                       created_at=il_y_a(hours=5))
    assert notifications_relancer.delay().get() == 1
    assert [m.to for m in mail.outbox] == [["perdue@exemple.test"]]
    en_cours.refresh_from_db()
    assert en_cours.statut == Notification.Statut.A_ENVOYER


def test_un_rappel_refuse_n_est_pas_envoye_mais_les_autres_oui(django_capture_on_commit_callbacks):
    """Someone who declined the carnet reminder does not get it, others do; a message of the service still
    reaches them; a declinable e-mail carries the link to the preferences page."""
    refuse = PersonneFactory(email="refuse@exemple.test")
    accepte = PersonneFactory(email="accepte@exemple.test")
    RefusNotification.objects.create(personne=refuse, categorie=Notification.Categorie.RAPPEL_CARNET)
    with django_capture_on_commit_callbacks(execute=True):
        assert notifier(_envoi(refuse, "carnet:refuse", Notification.Categorie.RAPPEL_CARNET)) is None
        notifier_plusieurs([_envoi(p, f"carnet:lot:{p.pk}", Notification.Categorie.RAPPEL_CARNET)
                            for p in (refuse, accepte)])
        notifier(_envoi(refuse, "service:refuse"))
    assert sorted(m.to[0] for m in mail.outbox) == ["accepte@exemple.test", "refuse@exemple.test"]
    rappel = next(m for m in mail.outbox if m.to == ["accepte@exemple.test"])
    assert "http://testserver/comptes/notifications/" in rappel.body
    assert "http://testserver/comptes/notifications/" in rappel.alternatives[0][0]
    service = next(m for m in mail.outbox if m.to == ["refuse@exemple.test"])
    assert "/comptes/notifications/" not in service.body


@pytest.mark.django_db(transaction=True)
def test_la_demo_envoie_ses_courriels_en_memoire_sans_rien_laisser_au_courtier(settings, monkeypatch, capsys):
    """`seed_demo` with a real broker configured: the demo's e-mails are sent in memory while it is built,
    nothing is handed to the broker (a worker would send them for real) and none is left waiting; the
    setting is put back after."""
    settings.EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
    confiees = []
    monkeypatch.setattr(celery_app, "send_task", lambda nom, *args, **kwargs: confiees.append(nom))
    celery_app.conf.task_always_eager = False
    try:
        call_command("seed_demo", stdout=StringIO())
        assert celery_app.conf.task_always_eager is False
    finally:
        celery_app.conf.task_always_eager = True
    assert confiees == []
    assert "Subject:" not in capsys.readouterr().out
    assert any("cycle de mentorat" in message.subject for message in mail.outbox)
    assert Notification.objects.exists()
    assert not Notification.objects.exclude(statut=Notification.Statut.ENVOYEE).exists()


def test_notifier_plusieurs_par_lots_ecarte_les_refus_et_les_cles_connues(
        django_capture_on_commit_callbacks, django_assert_max_num_queries):
    """25 reminders recorded in batches of 10: the person who declined this reminder and the key already sent
    get nothing, the 23 others one e-mail each; the refusals, the known keys and the new ids are read once
    whatever the number of e-mails, and each batch costs one insert."""
    personnes = [PersonneFactory(email=f"eig{rang}@exemple.test") for rang in range(25)]
    RefusNotification.objects.create(personne=personnes[4], categorie=Notification.Categorie.RAPPEL_CARNET)
    with django_capture_on_commit_callbacks(execute=True):
        notifier(_envoi(personnes[17], "carnet:17", Notification.Categorie.RAPPEL_CARNET))
    mail.outbox.clear()
    envois = [_envoi(p, f"carnet:{rang}", Notification.Categorie.RAPPEL_CARNET) for rang, p in enumerate(personnes)]
    with django_capture_on_commit_callbacks(execute=True) as rappels:
        # Three reads, one insert per batch, and one for the resources attached to this reminder (ressources.selectors).
        with django_assert_max_num_queries(3 + 3 + 1):
            assert notifier_plusieurs(envois, taille_lot=10) == 23
    assert len(rappels) == 1
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        p.email for rang, p in enumerate(personnes) if rang not in (4, 17))


def test_un_courtier_injoignable_ne_fait_pas_echouer_l_action_et_la_relance_rattrape(
        client, monkeypatch, django_capture_on_commit_callbacks):
    """The broker is down when a coach cancels a session: the page answers normally, the session is cancelled,
    the e-mail waits recorded; ten minutes later `notifications_relancer` sends it, once."""
    from kombu.exceptions import OperationalError

    def courtier_injoignable(*args, **kwargs):
        raise OperationalError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")

    promotion = PromotionFactory()
    session = SessionFactory(promotion=promotion)
    inscrite = InscriptionFactory(session=session, personne__email="inscrite@exemple.test").personne
    client.force_login(CoachFactory(promotion=promotion))
    with monkeypatch.context() as patch:
        patch.setattr(notification_envoyer, "delay", courtier_injoignable)
        with django_capture_on_commit_callbacks(execute=True):
            reponse = client.post(f"/coachs/sessions/{session.pk}/annuler/", {"motif_annulation": "Grève."})
    assert reponse.status_code == 302
    session.refresh_from_db()
    assert session.statut == Session.Statut.ANNULEE
    notification = Notification.objects.get(cle=f"session:{session.pk}:annulee:{inscrite.pk}")
    assert (notification.statut, notification.tentatives, mail.outbox) == (Notification.Statut.A_ENVOYER, 0, [])
    Notification.objects.filter(pk=notification.pk).update(created_at=timezone.now() - datetime.timedelta(minutes=11))
    notifications_relancer.delay()
    notifications_relancer.delay()
    assert [m.to for m in mail.outbox] == [["inscrite@exemple.test"]]


def test_apres_l_echec_final_renvoyer_fait_partir_le_courriel_une_fois_le_serveur_revenu(
        serveur, django_capture_on_commit_callbacks):
    """The server was down through every retry: asking for the occasion again sends nothing (the key holds), but
    once the server is back, « Renvoyer » within the kept days delivers the whole e-mail once, then erases its
    body."""
    serveur(1000)
    personne = PersonneFactory(prenom="Nina", email="nina@exemple.test")
    with django_capture_on_commit_callbacks(execute=True):
        notification = notifier(_envoi(personne, "echec:renvoi"))
    serveur(0)
    with django_capture_on_commit_callbacks(execute=True):
        assert notifier(_envoi(personne, "echec:renvoi")) is None
        assert notifications_renvoyer([notification.pk]) == 1
        assert notifications_renvoyer([notification.pk]) == 0
    assert [m.to for m in mail.outbox] == [["nina@exemple.test"]] and "Bonjour Nina," in mail.outbox[0].body
    notification.refresh_from_db()
    assert notification.statut == Notification.Statut.ENVOYEE and notification.texte == ""


def test_apres_l_effacement_du_contenu_rien_de_vide_ne_part(serveur, django_capture_on_commit_callbacks):
    """A failed e-mail whose body the purge erased: « Renvoyer », the catch-up of forgotten e-mails and a stray
    task send no empty e-mail."""
    serveur(1000)
    personne = PersonneFactory(email="nina@exemple.test")
    with django_capture_on_commit_callbacks(execute=True):
        notification = notifier(_envoi(personne, "echec:vide"))
    serveur(0)
    purger(timezone.now() + datetime.timedelta(days=30))
    with django_capture_on_commit_callbacks(execute=True):
        assert notifications_renvoyer([notification.pk]) == 0
    Notification.objects.filter(pk=notification.pk).update(
        statut=Notification.Statut.A_ENVOYER, created_at=timezone.now() - datetime.timedelta(hours=1))
    assert notifications_en_souffrance() == []
    assert notification_expedier(notification.pk) is False
    assert mail.outbox == []
    notification.refresh_from_db()
    assert notification.statut == Notification.Statut.ECHEC


def test_entre_deux_essais_le_courriel_garde_son_contenu_jusqu_au_dernier(
        serveur, django_capture_on_commit_callbacks):
    """The server fails on the first attempt: the body stays for the retry, which delivers the whole text and
    link; only then is the body erased."""
    serveur(1)
    personne = PersonneFactory(prenom="Nina", email="nina@exemple.test")
    notification = notifier(_envoi(personne, "reprise:1"))
    with pytest.raises(EchecEnvoi):
        notification_expedier(notification.pk)
    notification.refresh_from_db()
    assert notification.statut == Notification.Statut.A_ENVOYER and "Bonjour Nina," in notification.texte
    assert notification.html
    assert notification_expedier(notification.pk) is True
    assert "Bonjour Nina," in mail.outbox[0].body and "http://testserver/espace/" in mail.outbox[0].body
    notification.refresh_from_db()
    assert notification.texte == "" and notification.html == ""


def _ancienne(personne, cle, jours, statut=Notification.Statut.ENVOYEE):
    notification = notifier(_envoi(personne, cle))
    quand = timezone.now() - datetime.timedelta(days=jours)
    Notification.objects.filter(pk=notification.pk).update(
        statut=statut, created_at=quand, envoyee_le=quand if statut == Notification.Statut.ENVOYEE else None,
        derniere_erreur="SMTP en panne" if statut == Notification.Statut.ECHEC else "",
        texte="" if statut != Notification.Statut.A_ENVOYER else notification.texte,
    )
    return notification


def test_la_purge_efface_destinataire_et_objet_des_courriels_anciens_et_garde_leur_cle(
        settings, django_capture_on_commit_callbacks):
    """Past the configured period, a sent and a failed e-mail lose address, person, subject and error; a recent
    one and one still waiting keep everything; the occasion of a purged e-mail is still never sent again."""
    settings.NOTIFICATIONS_CONSERVATION_JOURS = 30
    personne = PersonneFactory(email="nina@exemple.test")
    envoyee = _ancienne(personne, "purge:envoyee", 31)
    echec = _ancienne(personne, "purge:echec", 31, Notification.Statut.ECHEC)
    recente = _ancienne(personne, "purge:recente", 29)
    en_attente = _ancienne(personne, "purge:attente", 31, Notification.Statut.A_ENVOYER)
    assert notifications_purger.delay().get() == 2
    assert notifications_purger.delay().get() == 0
    for purgee in (envoyee, echec):
        purgee.refresh_from_db()
        assert (purgee.adresse, purgee.destinataire, purgee.sujet, purgee.derniere_erreur) == ("", None, "", "")
        assert purgee.cle.startswith("purge:") and purgee.created_at < timezone.now() - datetime.timedelta(days=30)
    envoyee.refresh_from_db()
    assert envoyee.statut == Notification.Statut.ENVOYEE and envoyee.envoyee_le is not None
    for gardee in (recente, en_attente):
        gardee.refresh_from_db()
        assert gardee.adresse == "nina@exemple.test" and gardee.sujet == "[Magellan] Un essai"
    with django_capture_on_commit_callbacks(execute=True):
        assert notifier(_envoi(personne, "purge:envoyee")) is None
        assert notifier_plusieurs([_envoi(personne, "purge:echec")]) == 0
    assert mail.outbox == []
