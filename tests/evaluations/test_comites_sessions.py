"""A comité session planned anywhere is the comité of its défi and phase: the coach's session form creates the
comité (the board, the team's page and the agenda find it), a second one is refused, moving the session moves
the comité. A comité after its promotion ended is refused; a day off is only a warning."""

import datetime
import html
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from accompagnement.factories import dispositif
from accompagnement.models import Session
from accompagnement.services.planificateur import avertissement_jour_non_ouvre, est_ouvre, jours_feries
from accompagnement.services.sessions import session_modifier
from evaluations.calendrier import dernier_jour_ouvre
from evaluations.models import Comite
from evaluations.services.comites import comite_creer
from programme.factories import CoachFactory

PARIS = ZoneInfo("Europe/Paris")
pytestmark = pytest.mark.django_db


def _session_comite(equipe, jour, heure="10:00", fin="11:30", **champs):
    return {
        "dispositif": dispositif("comite-evaluation").pk, "titre": f"Comité de phase 3 – {equipe['defi'].titre}",
        "debut": f"{jour:%Y-%m-%d}T{heure}", "fin": f"{jour:%Y-%m-%d}T{fin}", "lieu": "En ligne",
        "audience": "defi", "defi": equipe["defi"].pk, "publier": "on", **champs,
    }


def _url_nouvelle(equipe):
    return f"/coachs/sessions/promotion/{equipe['promotion'].pk}/nouvelle/"


@pytest.fixture
def fin_de_phase_3(equipe):
    return dernier_jour_ouvre(equipe["promotion"].phases.get(numero=3).date_fin)


def test_une_session_de_comite_planifiee_par_le_coach_est_le_comite_du_defi(client, equipe, fin_de_phase_3):
    """The coach plans the comité session of phase 3 from the session form: the board no longer says « Non
    planifié », the porteuse's evaluations page and her agenda show it, at the typed time."""
    client.force_login(equipe["coach"])
    assert client.post(_url_nouvelle(equipe), _session_comite(equipe, fin_de_phase_3)).status_code == 302
    comite = Comite.objects.get(defi=equipe["defi"], phase__numero=3)
    assert comite.debut == datetime.datetime.combine(fin_de_phase_3, datetime.time(10), tzinfo=PARIS)
    assert comite.duree_minutes == 90 and comite.session.statut == Session.Statut.PUBLIEE
    tableau = client.get(f"/evaluations/?promotion={equipe['promotion'].pk}&phase=3").content.decode()
    assert "Non planifié" not in tableau and comite.get_absolute_url() in tableau
    client.force_login(equipe["porteur"])
    page = client.get(f"/defis/{equipe['defi'].slug}/evaluations/").content.decode()
    assert comite.get_absolute_url() in page
    assert comite.session.inscriptions.filter(personne=equipe["porteur"]).exists()


def test_un_second_comite_pour_la_meme_phase_est_refuse_par_le_formulaire(client, equipe, fin_de_phase_3):
    """The défi already has its phase 3 comité: a second comité session is refused in French, what was typed is
    kept, nothing is written."""
    comite_creer(equipe["defi"], equipe["promotion"].phases.get(numero=3))
    client.force_login(equipe["coach"])
    reponse = client.post(_url_nouvelle(equipe), _session_comite(equipe, fin_de_phase_3, heure="09:00"))
    page = html.unescape(reponse.content.decode())
    assert reponse.status_code == 200
    assert "a déjà son comité d'évaluation de la phase 3" in page
    assert f'value="{fin_de_phase_3:%Y-%m-%d}T09:00"' in page
    assert Session.objects.filter(dispositif__slug="comite-evaluation").count() == 1


def test_deplacer_la_session_du_comite_deplace_le_comite_et_son_echeance(equipe):
    """A coach moves the comité's session (session form, admin): the comité, its deadline and the board follow."""
    comite = comite_creer(equipe["defi"], equipe["promotion"].phases.get(numero=3))
    nouveau = comite.debut - datetime.timedelta(days=1, hours=4)
    session_modifier(comite.session, debut=nouveau, fin=nouveau + datetime.timedelta(hours=1))
    comite.refresh_from_db()
    assert (comite.debut, comite.duree_minutes) == (nouveau, 60)
    assert comite.echeance_support == nouveau - datetime.timedelta(days=7)


def test_un_comite_apres_la_fin_de_la_promotion_est_refuse_partout(client, equipe, comite):
    """The day after the promotion ended: the comité's form and the session form refuse it on the date, in French,
    and keep what was typed; the comité does not move and no session is written."""
    promotion = equipe["promotion"]
    lendemain = promotion.date_fin + datetime.timedelta(days=1)
    borne = (f"Choisissez une date entre le {promotion.date_debut:%d/%m/%Y} et le {promotion.date_fin:%d/%m/%Y} "
             f"(les dates de « {promotion} » : un comité clôt l'une de ses phases).")
    client.force_login(equipe["coach"])
    reponse = client.post(f"/defis/{equipe['defi'].slug}/evaluations/phase-2/planifier/", {
        "debut": f"{lendemain:%Y-%m-%d}T10:00", "duree_minutes": "90", "coachs": [equipe["coach"].pk],
    })
    page = html.unescape(reponse.content.decode())
    assert borne in page and f'value="{lendemain:%Y-%m-%d}T10:00"' in page
    avant = comite.debut
    comite.refresh_from_db()
    assert comite.debut == avant
    reponse = client.post(_url_nouvelle(equipe), _session_comite(equipe, lendemain))
    page = html.unescape(reponse.content.decode())
    assert borne in page and f'value="{lendemain:%Y-%m-%d}T10:00"' in page
    assert not Session.objects.filter(debut__date__gte=lendemain).exists()


def _ferie_ouvrable(promotion):
    """A public holiday on a weekday, within the promotion."""
    return min(jour for annee in (promotion.date_debut.year, promotion.date_fin.year) for jour in jours_feries(annee)
               if jour.weekday() < 5 and promotion.date_debut <= jour <= promotion.date_fin)


def test_un_comite_planifie_un_jour_ferie_avertit_le_coach_sans_refuser(client, equipe, comite):
    """The comité moved to a public holiday is saved; the coach reads a French warning on the comité's page."""
    ferie = _ferie_ouvrable(equipe["promotion"])
    client.force_login(equipe["coach"])
    reponse = client.post(f"/defis/{equipe['defi'].slug}/evaluations/phase-2/planifier/", {
        "debut": f"{ferie:%Y-%m-%d}T10:00", "duree_minutes": "90", "coachs": [equipe["coach"].pk],
        "participants": [equipe["eig"].pk, equipe["porteur"].pk],
    }, follow=True)
    page = html.unescape(reponse.content.decode())
    assert "Comité enregistré" in page
    assert avertissement_jour_non_ouvre(datetime.datetime.combine(ferie, datetime.time(10), tzinfo=PARIS)) in page
    assert "est un jour férié" in page
    comite.refresh_from_db()
    assert comite.debut.astimezone(PARIS).date() == ferie


def test_une_session_planifiee_un_samedi_avertit_le_coach_sans_refuser(client, equipe, fin_de_phase_3):
    """A session on a Saturday is saved; the session's page warns the coach that it is a week-end."""
    samedi = fin_de_phase_3 + datetime.timedelta(days=(5 - fin_de_phase_3.weekday()) % 7)
    samedi -= datetime.timedelta(weeks=1)
    client.force_login(equipe["coach"])
    donnees = _session_comite(equipe, samedi, dispositif=dispositif("atelier-collaboratif").pk,
                              titre="Atelier du samedi")
    page = html.unescape(client.post(_url_nouvelle(equipe), donnees, follow=True).content.decode())
    assert "Atelier du samedi" in page and "est un jour de week-end" in page
    assert Session.objects.filter(titre="Atelier du samedi").exists()


def test_l_avertissement_nomme_le_jour_et_se_tait_un_jour_ouvre():
    """Saturday 1 May 2027 is a week-end, Monday 1 November 2027 a public holiday, 28 December the year-end break;
    a working Tuesday has no warning."""
    def a_10_h(jour):
        return datetime.datetime.combine(jour, datetime.time(10), tzinfo=PARIS)

    assert avertissement_jour_non_ouvre(a_10_h(datetime.date(2027, 5, 1))).startswith(
        "Attention : le samedi 1er mai 2027 est un jour de week-end.")
    assert "le lundi 1er novembre 2027 est un jour férié" in avertissement_jour_non_ouvre(
        a_10_h(datetime.date(2027, 11, 1)))
    assert "pendant la trêve de fin d'année" in avertissement_jour_non_ouvre(a_10_h(datetime.date(2027, 12, 28)))
    mardi = datetime.date(2027, 5, 4)
    assert est_ouvre(mardi) and avertissement_jour_non_ouvre(a_10_h(mardi)) is None


def _session_admin(equipe, jour, **champs):
    return {
        "dispositif": dispositif("comite-evaluation").pk, "promotion": equipe["promotion"].pk,
        "titre": "Comité de phase 3", "debut_0": f"{jour:%Y-%m-%d}", "debut_1": "09:30:00",
        "fin_0": f"{jour:%Y-%m-%d}", "fin_1": "11:00:00", "audience": "defi", "defi": equipe["defi"].pk,
        "inscriptions-TOTAL_FORMS": 0, "inscriptions-INITIAL_FORMS": 0, **champs,
    }


def test_une_session_de_comite_ajoutee_dans_l_administration_est_le_comite_du_defi(client, equipe, fin_de_phase_3):
    """The admin's new comité session creates the défi's phase 3 comité at its time, with the team registered."""
    client.force_login(equipe["coach"])
    reponse = client.post("/admin/accompagnement/session/add/", _session_admin(equipe, fin_de_phase_3))
    assert reponse.status_code == 302
    comite = Comite.objects.get(defi=equipe["defi"], phase__numero=3)
    assert comite.debut == datetime.datetime.combine(fin_de_phase_3, datetime.time(9, 30), tzinfo=PARIS)
    assert set(comite.session.inscriptions.values_list("personne_id", flat=True)) == {equipe["eig"].pk,
                                                                                       equipe["porteur"].pk}


def test_un_second_comite_ajoute_dans_l_administration_est_refuse_sur_le_formulaire(client, equipe,
                                                                                   fin_de_phase_3):
    """The admin refuses a second comité session for the phase on its form, in French: no server error, nothing
    written."""
    comite_creer(equipe["defi"], equipe["promotion"].phases.get(numero=3))
    client.force_login(equipe["coach"])
    reponse = client.post("/admin/accompagnement/session/add/", _session_admin(equipe, fin_de_phase_3))
    assert reponse.status_code == 200
    assert "a déjà son comité d'évaluation de la phase 3" in html.unescape(reponse.content.decode())
    assert Session.objects.filter(dispositif__slug="comite-evaluation").count() == 1


def test_la_migration_rattache_les_sessions_de_comite_planifiees_avant(equipe, fin_de_phase_3):
    """A comité session written before evaluations followed them (no comité behind it) gets its comité at its
    time, with the team registered; a défi's phase that already has a comité is left alone."""
    import importlib

    from django.apps import apps

    migration = importlib.import_module("evaluations.migrations.0006_comites_des_sessions_planifiees")
    debut = datetime.datetime.combine(fin_de_phase_3, datetime.time(11), tzinfo=PARIS)
    phase = equipe["promotion"].phases.get(numero=3)
    orpheline = Session.objects.create(
        promotion=equipe["promotion"], dispositif=dispositif("comite-evaluation"), phase=phase, defi=equipe["defi"],
        titre="Comité d'évaluation – phase 3 – Hospi'Flux", debut=debut, fin=debut + datetime.timedelta(minutes=90),
        audience="defi", statut="brouillon",
    )
    migration.comites_rattacher(apps, None)
    migration.comites_rattacher(apps, None)
    comite = Comite.objects.get(defi=equipe["defi"], phase=phase)
    assert (comite.session_id, comite.debut, comite.duree_minutes) == (orpheline.pk, debut, 90)
    assert comite.echeance_support == debut - datetime.timedelta(days=7)
    assert set(orpheline.inscriptions.values_list("personne_id", flat=True)) == {equipe["eig"].pk,
                                                                                  equipe["porteur"].pk}


def test_l_administration_avertit_d_un_comite_ou_d_une_session_un_jour_non_ouvre(client, equipe, fin_de_phase_3):
    """A comité session added in the admin on a Saturday is saved, with the French warning of the week-end."""
    samedi = fin_de_phase_3 - datetime.timedelta(days=(fin_de_phase_3.weekday() - 5) % 7 or 7)
    client.force_login(equipe["coach"])
    reponse = client.post("/admin/accompagnement/session/add/", _session_admin(equipe, samedi), follow=True)
    page = html.unescape(reponse.content.decode())
    assert "est un jour de week-end" in page
    assert Comite.objects.get(defi=equipe["defi"]).debut.astimezone(PARIS).date() == samedi


def test_changer_les_animateurs_de_la_session_change_les_coachs_du_comite(equipe):
    """A coach swaps who facilitates the comité's session from the calendar: the comité's coaches follow (the comité
    page and the rapport name them), and nobody is left on the comité who no longer facilitates it."""
    comite = comite_creer(equipe["defi"], equipe["promotion"].phases.get(numero=3), coachs=[equipe["coach"]])
    relais = CoachFactory(promotion=equipe["promotion"], prenom="Inès", nom_usage="Relais")
    session_modifier(comite.session, facilitateurs=[relais])
    assert list(comite.coachs.all()) == [relais]


def test_changer_les_animateurs_dans_l_administration_change_les_coachs_du_comite(client, equipe):
    """The same change made in the admin's session form: the comité's coaches follow too."""
    comite = comite_creer(equipe["defi"], equipe["promotion"].phases.get(numero=3), coachs=[equipe["coach"]])
    session = comite.session
    relais = CoachFactory(promotion=equipe["promotion"], prenom="Inès", nom_usage="Relais")
    debut, fin = timezone.localtime(session.debut), timezone.localtime(session.fin)
    inscriptions = list(session.inscriptions.all())
    donnees = {
        "dispositif": session.dispositif_id, "promotion": session.promotion_id, "titre": session.titre,
        "description": session.description, "debut_0": f"{debut:%d/%m/%Y}", "debut_1": f"{debut:%H:%M}",
        "fin_0": f"{fin:%d/%m/%Y}", "fin_1": f"{fin:%H:%M}", "lieu": session.lieu, "lien_visio": session.lien_visio,
        "audience": session.audience, "defi": session.defi_id, "capacite": "", "facilitateurs": [relais.pk],
        "inscriptions-TOTAL_FORMS": len(inscriptions), "inscriptions-INITIAL_FORMS": len(inscriptions),
        "inscriptions-MIN_NUM_FORMS": "0", "inscriptions-MAX_NUM_FORMS": "1000",
    }
    for rang, inscription in enumerate(inscriptions):
        donnees.update({f"inscriptions-{rang}-id": inscription.pk, f"inscriptions-{rang}-session": session.pk,
                        f"inscriptions-{rang}-personne": inscription.personne_id,
                        f"inscriptions-{rang}-statut": inscription.statut, f"inscriptions-{rang}-present": "unknown"})
    client.force_login(equipe["coach"])
    reponse = client.post(f"/admin/accompagnement/session/{session.pk}/change/", donnees)
    assert reponse.status_code == 302, reponse.context["adminform"].form.errors if reponse.context else reponse
    assert list(comite.coachs.all()) == [relais]
