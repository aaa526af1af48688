"""The carnet de bord's pages: an EIG writes the month's entry and reads their history and chart; the coaches
see who wrote this month's entry and each EIG's carnet."""

import html
import re

import pytest
from dateutil.relativedelta import relativedelta
from django.utils.formats import date_format
from django.utils.text import capfirst

from accompagnement.factories import CarnetDeBordFactory
from accompagnement.models import CarnetDeBord
from accompagnement.views.carnet import EIG_PAR_PAGE
from defis.factories import DefiFactory, MembreEquipeFactory
from programme.dates import de_mois, premier_du_mois
from programme.factories import CoachFactory, EIGFactory, PromotionFactory
from programme.models import Competence

pytestmark = pytest.mark.django_db


@pytest.fixture
def promotion():
    return PromotionFactory(nom="Promotion 9")


@pytest.fixture
def eig(promotion):
    """An EIG of a promotion in phase 2, on a défi."""
    personne = EIGFactory(promotion=promotion, prenom="Inès", nom_usage="Martin")
    MembreEquipeFactory(defi=DefiFactory(promotion=promotion, titre="Hospi'Flux"), personne=personne)
    return personne


def _phase2():
    return list(Competence.objects.filter(phase=2, public="eig").order_by("ordre", "nom"))


def _saisie(niveau=2, **textes):
    donnees = {"objectifs": "Publier le prototype.", "apprentissages": "Les tests utilisateurs.", **textes}
    donnees.update({f"competence_{c.pk}": str(niveau) for c in _phase2()})
    return donnees


def _mois(date):
    return date_format(date, "F Y")


def test_eig_ecrit_son_carnet_du_mois(client, eig):
    """The EIG saves the month's entry: it is stored with its self-assessment and shown on their carnet."""
    client.force_login(eig)
    reponse = client.post("/carnet-de-bord/ecrire/", _saisie(niveau=3, mot_coachs="Tout va bien."))
    assert reponse.status_code == 302 and reponse.url == "/carnet-de-bord/"
    carnet = CarnetDeBord.objects.get(eig=eig)
    assert carnet.mois == premier_du_mois() and carnet.phase.numero == 2 and carnet.mot_coachs == "Tout va bien."
    assert sorted(carnet.evaluations.values_list("niveau", flat=True)) == [3] * 5
    page = client.get("/carnet-de-bord/").content.decode()
    assert f"Votre carnet de bord {de_mois(premier_du_mois())} est enregistré.".replace("'", "&#x27;") in page
    assert "Publier le prototype." in page and "Modifier mon carnet" in page


def test_eig_modifie_son_carnet_sans_doublon(client, eig):
    """Saving again the same month updates the entry; the form comes back filled with it."""
    client.force_login(eig)
    client.post("/carnet-de-bord/ecrire/", _saisie(niveau=1))
    formulaire = html.unescape(client.get("/carnet-de-bord/ecrire/").content.decode())
    assert "Publier le prototype.</textarea>" in formulaire
    assert len(re.findall(r'value="1"[^>]*checked', formulaire)) == 5
    client.post("/carnet-de-bord/ecrire/", _saisie(niveau=4, objectifs="Ouvrir le code."))
    carnet = CarnetDeBord.objects.get(eig=eig)
    assert carnet.objectifs == "Ouvrir le code."
    assert sorted(carnet.evaluations.values_list("niveau", flat=True)) == [4] * 5


def test_formulaire_propose_les_competences_de_la_phase_en_cours_en_boutons_radio(client, eig):
    """Each compétence of phase 2 is a fieldset of four radio buttons with its legend; phase 1's are absent."""
    client.force_login(eig)
    page = client.get("/carnet-de-bord/ecrire/").content.decode()
    for competence in _phase2():
        legende = re.search(rf'<legend[^>]*id="id_competence_{competence.pk}-legende"[^>]*>([^<]*)', page)
        assert legende and legende.group(1).strip() == competence.nom.replace("'", "&#x27;")
        assert len(re.findall(rf'type="radio" name="competence_{competence.pk}"', page)) == 4
    assert "1 – Je découvre" in page and "4 – Je peux transmettre" in page
    assert "Agilité" not in page
    assert "Où en sont les objectifs du mois dernier" not in page, "sans carnet précédent, rien à revoir"


def test_objectifs_du_mois_precedent_reviennent_en_tete_avec_le_champ_de_revue(client, eig):
    """Last month's objectives are shown first, with the field to review them, which is saved."""
    precedent = premier_du_mois() - relativedelta(months=1)
    CarnetDeBordFactory(eig=eig, mois=precedent, objectifs="Rencontrer dix agents d'accueil.")
    client.force_login(eig)
    page = client.get("/carnet-de-bord/ecrire/").content.decode()
    assert f"Les objectifs {de_mois(precedent)}".replace("'", "&#x27;") in page
    assert page.index("Rencontrer dix agents d&#x27;accueil.") < page.index("Où en sont les objectifs du mois dernier")
    assert page.index("Où en sont les objectifs du mois dernier") < page.index("Mes objectifs du mois")
    client.post("/carnet-de-bord/ecrire/", _saisie(revue_objectifs="Huit rencontrés sur dix."))
    assert CarnetDeBord.objects.get(eig=eig, mois=premier_du_mois()).revue_objectifs == "Huit rencontrés sur dix."


def test_competence_oubliee_refusee_et_saisie_conservee(client, eig):
    """A compétence left without a level is refused with its own message; the texts typed stay."""
    client.force_login(eig)
    donnees = _saisie(objectifs="Mes objectifs à garder.")
    oubliee = _phase2()[3]
    del donnees[f"competence_{oubliee.pk}"]
    reponse = client.post("/carnet-de-bord/ecrire/", donnees)
    page = reponse.content.decode()
    assert reponse.status_code == 200 and CarnetDeBord.objects.count() == 0
    assert "Choisissez votre niveau pour « Accessibilité numérique »." in page
    assert "Mes objectifs à garder.</textarea>" in page
    assert len(re.findall(r'value="2"[^>]*checked', page)) == 4


def test_graphique_et_tableau_alternatif_montrent_les_niveaux_de_chaque_mois(client, eig):
    """The chart draws one bar per assessed month and compétence; the table gives the same values by month."""
    mois = premier_du_mois()
    architecture, libre = _phase2()[:2]
    CarnetDeBordFactory(eig=eig, mois=mois - relativedelta(months=1), niveaux={architecture: 1, libre: 2})
    CarnetDeBordFactory(eig=eig, mois=mois, niveaux={architecture: 3, libre: 4})
    client.force_login(eig)
    page = client.get("/carnet-de-bord/").content.decode()
    graphique = page[page.index('class="carnet-graphique'):page.index('id="tableau-competences"')]
    assert 'aria-hidden="true"' in page[page.index("<figure"):page.index("<figure") + 80]
    assert re.findall(r"carnet-graphique__barre--(\d)", graphique) == ["1", "3", "2", "4"]
    tableau = page[page.index('id="tableau-competences"'):]
    entetes = re.findall(r'<th scope="col">([^<]*)</th>', tableau)
    assert entetes == ["Compétence", _mois(mois - relativedelta(months=1)).capitalize(), _mois(mois).capitalize()]
    lignes = dict(re.findall(r'<tr><th scope="row">([^<]*)</th>(.*?)</tr>', tableau))
    assert re.findall(r"<td>(\d)</td>", lignes["Architecture agile"]) == ["1", "3"]
    assert re.findall(r"<td>(\d)</td>", lignes["Logiciel libre"]) == ["2", "4"]


def test_historique_liste_chaque_carnet_du_plus_recent_au_plus_ancien(client, eig):
    """The history shows every entry, newest first, with its objectives and self-assessment in words."""
    mois = premier_du_mois()
    CarnetDeBordFactory(eig=eig, mois=mois - relativedelta(months=1), objectifs="Objectifs d'avant",
                        niveaux={_phase2()[0]: 2})
    CarnetDeBordFactory(eig=eig, mois=mois, objectifs="Objectifs de maintenant")
    client.force_login(eig)
    page = client.get("/carnet-de-bord/").content.decode()
    assert page.index("Objectifs de maintenant") < page.index("Objectifs d&#x27;avant")
    assert "Architecture agile : 2 sur 4, « je pratique avec de l&#x27;aide »" in page


def test_coach_voit_qui_a_rempli_son_carnet_ce_mois_ci(client, promotion, eig):
    """The coaches' list counts and badges who wrote this month's entry; an EIG of another promotion is absent."""
    retard = EIGFactory(promotion=promotion, prenom="Paul", nom_usage="Durand")
    EIGFactory(promotion=PromotionFactory(), prenom="Zoé", nom_usage="Ailleurs")
    CarnetDeBordFactory(eig=eig)
    CarnetDeBordFactory(eig=retard, mois=premier_du_mois() - relativedelta(months=1))
    client.force_login(CoachFactory(promotion=promotion))
    page = client.get("/coachs/carnets/").content.decode()
    assert f"1 EIG sur 2 a rempli son carnet {de_mois(premier_du_mois())}".replace("'", "&#x27;") in page
    lignes = dict(re.findall(r'<a href="/carnet-de-bord/\d+/">([^<]*)</a>(.*?)</tr>', page, re.S))
    assert "Rempli le" in lignes["Inès Martin"] and "Hospi&#x27;Flux" in lignes["Inès Martin"]
    assert "Pas encore rempli" in lignes["Paul Durand"]
    assert _mois(premier_du_mois() - relativedelta(months=1)).capitalize() in lignes["Paul Durand"]
    assert "Zoé Ailleurs" not in page  # the full name: the coach of the header may be a Zoé


def test_la_liste_des_carnets_se_lit_par_pages_et_compte_toute_la_promotion(client, promotion, eig,
                                                                              django_assert_max_num_queries):
    """Beyond a page of EIG the list is cut into pages, for the same queries: the count of who wrote this month's
    entry covers the whole promotion, and the next page shows the others."""
    client.force_login(CoachFactory(promotion=promotion))
    with django_assert_max_num_queries(15) as peu:
        client.get("/coachs/carnets/")
    for rang in range(EIG_PAR_PAGE):
        CarnetDeBordFactory(eig=EIGFactory(promotion=promotion, prenom="Zacharie", nom_usage=f"Zz {rang:03}"))
    with django_assert_max_num_queries(len(peu.captured_queries)):
        page = client.get("/coachs/carnets/").content.decode()
    total = EIG_PAR_PAGE + 1
    assert f"{EIG_PAR_PAGE} EIG sur {total} ont rempli leur carnet" in page
    assert page.count('<a href="/carnet-de-bord/') == EIG_PAR_PAGE and "Inès Martin" in page
    suivante = client.get(f"/coachs/carnets/?promotion={promotion.pk}&page=2").content.decode()
    assert suivante.count('<a href="/carnet-de-bord/') == 1 and f"Zacharie Zz {EIG_PAR_PAGE - 1:03}" in suivante


def test_coach_choisit_une_autre_promotion(client, promotion, eig):
    """The promotion chooser shows another promotion's EIG."""
    autre = PromotionFactory(nom="Promotion 5")
    EIGFactory(promotion=autre, prenom="Zoé", nom_usage="Ailleurs")
    client.force_login(CoachFactory(promotion=promotion))
    page = client.get(f"/coachs/carnets/?promotion={autre.pk}").content.decode()
    assert "Zoé Ailleurs" in page and "Inès Martin" not in page


def test_coach_lit_le_carnet_complet_d_un_eig(client, promotion, eig):
    """A coach reads an EIG's entries, the word for the coaches included, with the chart."""
    CarnetDeBordFactory(eig=eig, mot_coachs="J'aimerais parler de la suite.", niveaux={_phase2()[0]: 3})
    client.force_login(CoachFactory(promotion=promotion))
    page = client.get(f"/carnet-de-bord/{eig.pk}/").content.decode()
    assert "Carnet de bord de Inès Martin" in page
    assert "J&#x27;aimerais parler de la suite." in page and 'id="tableau-competences"' in page
    assert "Remplir mon carnet" not in page and "Modifier mon carnet" not in page


def test_liste_des_coachs_en_nombre_constant_de_requetes(client, promotion, eig, django_assert_max_num_queries):
    """The coaches' list keeps the same number of queries however many EIG and entries the promotion has."""
    client.force_login(CoachFactory(promotion=promotion))
    with django_assert_max_num_queries(15) as peu:
        assert client.get("/coachs/carnets/").status_code == 200
    plafond = len(peu.captured_queries)
    for _ in range(15):
        personne = EIGFactory(promotion=promotion)
        MembreEquipeFactory(defi=DefiFactory(promotion=promotion), personne=personne)
        CarnetDeBordFactory(eig=personne)
    with django_assert_max_num_queries(plafond):
        page = client.get("/coachs/carnets/").content.decode()
    assert "15 EIG sur 16 ont rempli leur carnet" in page
    assert page.count('<th scope="row">') == EIG_PAR_PAGE


def test_la_liste_des_coachs_se_lit_page_par_page(client, promotion, eig):
    """Beyond a page of EIG, the carnets' list goes on to the next page for the same promotion; every EIG is on
    one of them."""
    client.force_login(CoachFactory(promotion=promotion))
    autres = [EIGFactory(promotion=promotion) for _ in range(EIG_PAR_PAGE)]
    premiere = client.get(f"/coachs/carnets/?promotion={promotion.pk}").content.decode()
    assert f"?promotion={promotion.pk}&amp;page=2" in premiere
    suivante = client.get(f"/coachs/carnets/?promotion={promotion.pk}&page=2").content.decode()
    for personne in [eig, *autres]:
        assert (f'/carnet-de-bord/{personne.pk}/"' in premiere) != (f'/carnet-de-bord/{personne.pk}/"' in suivante)


def test_historique_en_nombre_constant_de_requetes(client, eig, django_assert_max_num_queries):
    """An EIG's carnet page keeps the same number of queries however many months and levels it holds."""
    client.force_login(eig)
    mois = premier_du_mois()
    competences = list(Competence.objects.filter(public="eig"))
    CarnetDeBordFactory(eig=eig, niveaux={competences[0]: 2})
    with django_assert_max_num_queries(15) as peu:
        assert client.get("/carnet-de-bord/").status_code == 200
    plafond = len(peu.captured_queries)
    for decalage in range(1, 10):
        CarnetDeBordFactory(eig=eig, mois=mois - relativedelta(months=decalage),
                            niveaux={c: 1 + decalage % 4 for c in competences[:6]})
    with django_assert_max_num_queries(plafond):
        reponse = client.get("/carnet-de-bord/")
    assert len(reponse.context["carnets"]) == 10
    assert len(reponse.context["evolution"].lignes) == 6


def test_un_texte_trop_long_est_refuse_et_la_saisie_conservee(client, eig):
    """An answer beyond the model's bound is refused with a French message naming the limit; the rest of what
    was typed stays in the form, and nothing is stored."""
    limite = CarnetDeBord._meta.get_field("besoins").max_length
    client.force_login(eig)
    page = client.post("/carnet-de-bord/ecrire/", _saisie(besoins="x" * (limite + 1))).content.decode()
    assert f"comporte au plus {limite} caractères" in page
    assert "Les tests utilisateurs." in page
    assert not CarnetDeBord.objects.filter(eig=eig).exists()


def test_chaque_texte_du_modele_est_demande_puis_montre(client, promotion, eig):
    """The form asks every text the model declares, with its question and help, and the entry shows each
    answer under that question to the EIG and to the coaches: a new text in the model needs no other change."""
    precedent = CarnetDeBordFactory(eig=eig, mois=premier_du_mois() - relativedelta(months=1))
    assert precedent
    client.force_login(eig)
    formulaire = html.unescape(client.get("/carnet-de-bord/ecrire/").content.decode())
    reponses = {}
    for nom in CarnetDeBord.TEXTES:
        champ = CarnetDeBord._meta.get_field(nom)
        assert f'name="{nom}"' in formulaire and str(champ.help_text) in formulaire, nom
        reponses[nom] = f"Réponse écrite pour {nom}."
    client.post("/carnet-de-bord/ecrire/", _saisie(**reponses))
    for lecteur in (eig, CoachFactory(promotion=promotion)):
        client.force_login(lecteur)
        page = html.unescape(client.get(f"/carnet-de-bord/{eig.pk}/").content.decode())
        for nom, texte in reponses.items():
            question = capfirst(CarnetDeBord._meta.get_field(nom).verbose_name)
            assert f"<dt>{question}</dt><dd>{texte}</dd>" in page, (lecteur, nom)
