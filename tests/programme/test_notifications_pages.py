"""The pages around notifications: each person's choice of reminders at /comptes/notifications/, and the
coaches' read-only view of what was sent, with « Renvoyer » for the e-mails that failed (who reaches these pages is
in the permission matrix, tests/matrice/)."""

import pytest
from django.core import mail

from programme.factories import CoachFactory, PersonneFactory
from programme.models import Notification, RefusNotification
from programme.notifications import Envoi, notifier

pytestmark = pytest.mark.django_db


def test_un_anonyme_est_envoye_a_la_connexion(client):
    """The preferences page sends an anonymous visitor to the login page, and back after."""
    reponse = client.get("/comptes/notifications/")
    assert reponse.status_code == 302 and reponse["Location"].startswith("/comptes/login/")
    assert "next=/comptes/notifications/" in reponse["Location"]


def test_la_page_propose_une_case_par_rappel_cochee_par_defaut(client):
    """By default every reminder is received: one ticked DSFR checkbox per kind, and the service's messages
    are said to be always sent."""
    client.force_login(PersonneFactory(email="nina@exemple.test"))
    page = client.get("/comptes/notifications/").content.decode()
    assert "nina@exemple.test" in page
    assert page.count('class="fr-checkbox-group"') == len(Notification.DECLINABLES)
    assert page.count("checked") == len(Notification.DECLINABLES)
    assert "Rappel mensuel du carnet de bord" in page
    assert "sont toujours envoyés" in page


def test_refuser_le_rappel_du_carnet_l_arrete_pour_soi_seulement(client, django_capture_on_commit_callbacks):
    """A person unticks the carnet reminder: the page confirms and shows the box unticked; the next carnet
    reminder skips them and reaches the others; a message of the service still reaches them."""
    personne = PersonneFactory(email="refuse@exemple.test")
    autre = PersonneFactory(email="autre@exemple.test")
    client.force_login(personne)
    gardees = [c.value for c in Notification.DECLINABLES if c != Notification.Categorie.RAPPEL_CARNET]
    reponse = client.post("/comptes/notifications/", {"recues": gardees}, follow=True)
    page = reponse.content.decode()
    assert "Vos préférences de notification sont enregistrées." in page
    assert page.count("checked") == len(gardees)
    assert list(RefusNotification.objects.values_list("personne", "categorie")) == [
        (personne.pk, Notification.Categorie.RAPPEL_CARNET)]

    with django_capture_on_commit_callbacks(execute=True):
        for qui in (personne, autre):
            notifier(Envoi(personne=qui, cle=f"carnet:{qui.pk}", gabarit="programme/emails/invitation",
                           sujet="Carnet de bord", contexte={"role": None}, lien="http://testserver/carnet-de-bord/",
                           categorie=Notification.Categorie.RAPPEL_CARNET))
        notifier(Envoi(personne=personne, cle="service:1", gabarit="programme/emails/invitation",
                       sujet="Un message du service", contexte={"role": None}, lien="http://testserver/"))
    assert sorted((m.to[0], m.subject) for m in mail.outbox) == [
        ("autre@exemple.test", "[Magellan] Carnet de bord"),
        ("refuse@exemple.test", "[Magellan] Un message du service"),
    ]


def test_tout_decocher_refuse_tous_les_rappels_et_tout_recocher_les_retablit(client):
    """Unticking every box (the form then posts no field) declines every reminder; ticking them again
    receives them all again."""
    personne = PersonneFactory()
    client.force_login(personne)
    assert client.post("/comptes/notifications/", {}).status_code == 302
    assert RefusNotification.objects.filter(personne=personne).count() == len(Notification.DECLINABLES)
    client.post("/comptes/notifications/", {"recues": [c.value for c in Notification.DECLINABLES]})
    assert not RefusNotification.objects.filter(personne=personne).exists()


def test_un_choix_inconnu_est_refuse_et_la_saisie_gardee(client):
    """A value that is no reminder is refused with a message; the boxes ticked stay ticked, nothing saved."""
    personne = PersonneFactory()
    client.force_login(personne)
    reponse = client.post("/comptes/notifications/", {"recues": [Notification.Categorie.RAPPEL_METEO, "inconnu"]})
    page = reponse.content.decode()
    assert reponse.status_code == 200 and "fr-fieldset--error" in page
    assert page.count("checked") == 1 and f'value="{Notification.Categorie.RAPPEL_METEO}"' in page
    assert not RefusNotification.objects.exists()


def _notification(adresse, cle, statut, sujet="Un essai"):
    notification = notifier(Envoi(personne=PersonneFactory(email=adresse), cle=cle,
                                  gabarit="programme/emails/invitation", sujet=sujet, contexte={"role": None},
                                  lien="http://testserver/"))
    envoyee_le = notification.created_at if statut == Notification.Statut.ENVOYEE else None
    Notification.objects.filter(pk=notification.pk).update(statut=statut, tentatives=9, envoyee_le=envoyee_le,
                                                           derniere_erreur="SMTP en panne")
    return notification


def test_la_liste_des_notifications_se_filtre_et_se_recherche(client, django_assert_max_num_queries):
    """Coaches read subject, address, category, status and attempts; filter by status; search by address;
    the list costs the same queries for 3 e-mails as for 30."""
    client.force_login(CoachFactory())
    for rang in range(3):
        _notification(f"p{rang}@exemple.test", f"liste:{rang}", Notification.Statut.ECHEC, sujet=f"Sujet {rang}")
    _notification("partie@exemple.test", "liste:envoyee", Notification.Statut.A_ENVOYER)
    page = client.get("/admin/programme/notification/").content.decode()
    for texte in ("Sujet 0", "p1@exemple.test", "Échec après plusieurs tentatives", "Tentatives", "Envoyée le"):
        assert texte in page
    echecs = client.get("/admin/programme/notification/?statut__exact=echec").content.decode()
    assert "p2@exemple.test" in echecs and "partie@exemple.test" not in echecs
    trouvee = client.get("/admin/programme/notification/?q=partie@").content.decode()
    assert "partie@exemple.test" in trouvee and "p0@exemple.test" not in trouvee
    with django_assert_max_num_queries(12) as requetes:
        client.get("/admin/programme/notification/")
    for rang in range(3, 30):
        _notification(f"p{rang}@exemple.test", f"liste:{rang}", Notification.Statut.ECHEC)
    with django_assert_max_num_queries(len(requetes)):
        client.get("/admin/programme/notification/")


def test_les_notifications_ne_s_ajoutent_ni_ne_se_modifient_ni_ne_se_suppriment(client):
    """The record of e-mails is read only: no add page, no save, no delete, even for a coach."""
    client.force_login(CoachFactory())
    notification = _notification("p@exemple.test", "lecture:1", Notification.Statut.ENVOYEE)
    assert client.get("/admin/programme/notification/add/").status_code == 403
    client.post(f"/admin/programme/notification/{notification.pk}/change/", {"sujet": "Changé"})
    assert client.get(f"/admin/programme/notification/{notification.pk}/delete/").status_code == 403
    notification.refresh_from_db()
    assert notification.sujet == "[Magellan] Un essai"


def test_renvoyer_remet_a_l_envoi_les_notifications_en_echec_seulement(client, django_capture_on_commit_callbacks):
    """« Renvoyer » on a failed e-mail and a sent one: the failed one leaves now (sent, its attempts counted
    again from zero), the sent one is not sent twice, and the coach reads how many left."""
    client.force_login(CoachFactory())
    echec = _notification("echec@exemple.test", "renvoi:echec", Notification.Statut.ECHEC)
    envoyee = _notification("envoyee@exemple.test", "renvoi:envoyee", Notification.Statut.ENVOYEE)
    with django_capture_on_commit_callbacks(execute=True):
        reponse = client.post("/admin/programme/notification/", {
            "action": "renvoyer", "_selected_action": [echec.pk, envoyee.pk],
        }, follow=True)
    assert "1 notification(s) remise(s) à l&#x27;envoi." in reponse.content.decode()
    assert [m.to for m in mail.outbox] == [["echec@exemple.test"]]
    echec.refresh_from_db()
    assert echec.statut == Notification.Statut.ENVOYEE and echec.tentatives == 1 and echec.derniere_erreur == ""


def test_renvoyer_un_courriel_dont_le_contenu_est_efface_n_envoie_rien_et_dit_pourquoi(
        client, django_capture_on_commit_callbacks):
    """« Renvoyer » on a failed e-mail whose body was erased after its last attempt sends no empty e-mail: the
    coach reads that its content is gone (erased days after the last attempt) and that the action which sent it is
    to be done again."""
    client.force_login(CoachFactory())
    echec = _notification("echec@exemple.test", "renvoi:vide", Notification.Statut.ECHEC)
    Notification.objects.filter(pk=echec.pk).update(texte="", html="")
    with django_capture_on_commit_callbacks(execute=True):
        reponse = client.post("/admin/programme/notification/", {
            "action": "renvoyer", "_selected_action": [echec.pk],
        }, follow=True)
    assert "il est effacé 7 jours après le dernier essai" in reponse.content.decode()
    assert mail.outbox == []
    echec.refresh_from_db()
    assert echec.statut == Notification.Statut.ECHEC
