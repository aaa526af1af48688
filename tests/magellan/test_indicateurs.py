"""The programme's indicators: the public home's figures computed from the data, the promotions compared year by
year with the two budget indicators, no count of fewer than 5 people shown, and the career records coaches keep
in the admin (bounded, validated)."""

import datetime
import re

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from accompagnement.selectors.meteo import SEUIL_ANONYMAT
from defis.factories import DefiFactory
from magellan.indicateurs import _masquer, comparaison_des_promotions
from programme.factories import AdministrationFactory, CoachFactory, EIGFactory, PromotionFactory, RoleFactory
from programme.models import Role, SuiviCarriere

pytestmark = pytest.mark.django_db


def promotion_passee(numero, annee):
    """A promotion of `annee`, over since."""
    return PromotionFactory(numero=numero, date_debut=datetime.date(annee, 1, 5))


def eig_suivis(promotion, dedans, dehors, sans_suivi=0):
    """EIG of `promotion`: `dedans` known in public service after it, `dehors` known outside, others unknown."""
    apres = promotion.date_fin + datetime.timedelta(days=30)
    for situation in [True] * dedans + [False] * dehors + [None] * sans_suivi:
        role = EIGFactory(promotion=promotion).roles.get()
        if situation is not None:
            SuiviCarriere.objects.create(role=role, dans_la_fonction_publique=situation, constate_le=apres)


def texte(page):
    return re.sub(r"\s+", " ", page.content.decode())


def test_l_accueil_compte_talents_defis_et_administrations_partenaires(client):
    """Talents are the people who were EIG (once each, whatever their promotions), défis the visible ones,
    partner organisations the administrations hosting a visible défi."""
    ancienne, recente = promotion_passee(1, 2018), PromotionFactory()
    deux_fois = EIGFactory(promotion=ancienne)
    RoleFactory(personne=deux_fois, promotion=recente, type=Role.Type.EIG)
    EIGFactory(promotion=recente)
    CoachFactory(promotion=recente)
    administration = AdministrationFactory()
    DefiFactory(promotion=ancienne, administration=administration)
    DefiFactory(promotion=recente, administration=administration)
    DefiFactory(promotion=recente)
    DefiFactory(promotion=recente, visible=False)

    page = texte(client.get("/"))

    assert ">2</p><p>talents recrutés" in page.replace("> <", "><")
    assert ">3</p><p>défis d'intérêt général" in page.replace("> <", "><").replace("&#x27;", "'")
    assert ">2</p><p>administrations partenaires" in page.replace("> <", "><")
    assert "Découvrir les 3 défis" in page


def test_l_accueil_garde_le_meme_nombre_de_requetes(client, django_assert_max_num_queries):
    """The home's figures cost the same queries for 1 promotion as for 4 with their EIG and défis."""
    promotion = PromotionFactory()
    DefiFactory(promotion=promotion)
    with django_assert_max_num_queries(10) as peu:
        client.get("/")
    for numero in range(3):
        autre = promotion_passee(numero + 1, 2018 + numero)
        eig_suivis(autre, 5, 5)
        DefiFactory(promotion=autre)
    with django_assert_max_num_queries(len(peu.captured_queries)):
        client.get("/")


def test_la_page_des_indicateurs_compare_les_promotions_annee_apres_annee(client):
    """Per promotion, oldest first: its year, EIG recruited, défis, partner administrations, EIG whose situation
    after it is known, and how many of them are in public service, with the share; the total follows."""
    p2019, p2020 = promotion_passee(3, 2019), promotion_passee(4, 2020)
    eig_suivis(p2019, dedans=6, dehors=5, sans_suivi=1)
    eig_suivis(p2020, dedans=8, dehors=7)
    for _ in range(2):
        DefiFactory(promotion=p2019)
    DefiFactory(promotion=p2020)

    page = texte(client.get("/indicateurs/"))

    assert page.index("Promotion 3") < page.index("Promotion 4")
    cellules = "</td> <td>"
    assert f"<th scope=\"row\">Promotion 3</th> <td>2019{cellules}12{cellules}2{cellules}2{cellules}11{cellules}6" \
           f"{cellules}55 %</td>" in page
    assert f"<th scope=\"row\">Promotion 4</th> <td>2020{cellules}15{cellules}1{cellules}1{cellules}15{cellules}8" \
           f"{cellules}53 %</td>" in page
    assert f"<th scope=\"row\">Toutes les promotions</th> <td>—{cellules}27{cellules}3{cellules}3{cellules}26" \
           f"{cellules}14{cellules}54 %</td>" in page
    assert f"inférieur à {SEUIL_ANONYMAT} est masqué" in page


def test_aucune_case_ne_compte_moins_de_5_personnes_ni_ne_se_deduit_du_total(client):
    """A promotion with 3 EIG known in public service and 1 outside shows neither count; as it is the only hidden
    one of its column, the next smallest is hidden too, so that the total does not give it back."""
    petite, moyenne, grande = promotion_passee(5, 2021), promotion_passee(6, 2022), promotion_passee(7, 2023)
    eig_suivis(petite, dedans=3, dehors=1)
    eig_suivis(moyenne, dedans=6, dehors=6)
    eig_suivis(grande, dedans=9, dehors=9)

    lignes, total = comparaison_des_promotions()

    par_nom = {ligne.nom: ligne for ligne in lignes}
    assert par_nom["Promotion 5"].eig is None and par_nom["Promotion 5"].suivis is None
    assert par_nom["Promotion 5"].dans_la_fonction_publique is None and par_nom["Promotion 5"].part is None
    assert par_nom["Promotion 6"].dans_la_fonction_publique is None and par_nom["Promotion 6"].eig is None
    assert par_nom["Promotion 7"].dans_la_fonction_publique == 9 and par_nom["Promotion 7"].part == 50
    assert (total.eig, total.suivis, total.dans_la_fonction_publique) == (34, 34, 18)
    page = texte(client.get("/indicateurs/"))
    assert page.count("masqué") >= 6


def test_le_nombre_dans_la_fonction_publique_est_masque_quand_ceux_qui_n_y_sont_plus_sont_moins_de_5():
    """8 of 10 known EIG in public service would tell that the other 2 left: the count is hidden."""
    assert _masquer([8, 20, 30], [2, 10, 10]) == [None, None, 30]
    assert _masquer([8, 20, 30]) == [8, 20, 30]
    assert _masquer([4]) == [None]


def test_la_derniere_situation_connue_de_chaque_eig_compte():
    """An EIG back in public service after a spell outside counts as in it."""
    promotion = promotion_passee(8, 2019)
    eig_suivis(promotion, dedans=5, dehors=6)
    role = Role.objects.filter(suivis_carriere__dans_la_fonction_publique=False).first()
    SuiviCarriere.objects.create(role=role, dans_la_fonction_publique=True,
                                 constate_le=promotion.date_fin + datetime.timedelta(days=400))

    (ligne,), _ = comparaison_des_promotions()

    assert (ligne.eig, ligne.suivis, ligne.dans_la_fonction_publique) == (11, 11, 6)


def test_la_page_des_indicateurs_garde_le_meme_nombre_de_requetes(client, django_assert_max_num_queries):
    """The same queries for 1 promotion as for 5 with their EIG, défis and career records."""
    eig_suivis(promotion_passee(1, 2018), 5, 5)
    with django_assert_max_num_queries(12) as peu:
        assert client.get("/indicateurs/").status_code == 200
    for numero in range(4):
        promotion = promotion_passee(numero + 2, 2019 + numero)
        eig_suivis(promotion, 6, 5, sans_suivi=2)
        DefiFactory(promotion=promotion)
    with django_assert_max_num_queries(len(peu.captured_queries)):
        assert client.get("/indicateurs/").status_code == 200


def test_le_suivi_de_carriere_est_borne_entre_la_fin_de_la_promotion_et_aujourd_hui():
    """A situation is known after the promotion's end and never tomorrow; it belongs to an EIG's role."""
    promotion = promotion_passee(9, 2019)
    role = EIGFactory(promotion=promotion).roles.get()
    SuiviCarriere(role=role, dans_la_fonction_publique=True, constate_le=promotion.date_fin).full_clean()
    for jour in (promotion.date_fin - datetime.timedelta(days=1), timezone.localdate() + datetime.timedelta(days=1)):
        with pytest.raises(ValidationError) as erreur:
            SuiviCarriere(role=role, dans_la_fonction_publique=True, constate_le=jour).full_clean()
        assert "constate_le" in erreur.value.message_dict
    coach = CoachFactory(promotion=promotion).roles.get()
    with pytest.raises(ValidationError) as erreur:
        SuiviCarriere(role=coach, dans_la_fonction_publique=True, constate_le=promotion.date_fin).full_clean()
    assert "Le suivi de carrière concerne le rôle d'un EIG dans une promotion." in erreur.value.message_dict["role"]


def test_un_coach_consigne_un_suivi_de_carriere_dans_l_administration(client):
    """The coach adds a record in the admin; a second one on the same day is refused in French."""
    promotion = promotion_passee(10, 2019)
    role = EIGFactory(promotion=promotion).roles.get()
    client.force_login(CoachFactory(promotion=promotion))
    donnees = {"role": role.pk, "dans_la_fonction_publique": "on", "constate_le": "2021-02-01"}

    assert client.post("/admin/programme/suivicarriere/add/", donnees).status_code == 302
    page = client.post("/admin/programme/suivicarriere/add/", donnees)

    assert SuiviCarriere.objects.get().constate_le == datetime.date(2021, 2, 1)
    assert "Cet EIG a déjà un suivi de carrière constaté ce jour-là." in page.content.decode()
