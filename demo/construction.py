"""The demo promotion, built for `manage.py seed_demo`: its people and défis (content in demo.contenu), then three
months of accompagnement (demo.accompagnement), météo (demo.meteo), groupes de partage (demo.groupes) and a
newly invited EIG with their arrival path (demo.arrivee).

Names come from seeded Faker and random generators: two runs give the same people.
"""

import io
import random
from collections import Counter

import factory.random
from django.core.files.base import ContentFile
from django.utils.text import slugify
from PIL import Image, ImageDraw

from accompagnement.models import Session
from defis.factories import corps_markdown
from defis.models import Defi, MembreEquipe
from demo.accompagnement import accompagnement_construire, accompagnement_effacer
from demo.arrivee import demo_arrivee
from demo.contenu import (
    ADMINISTRATIONS,
    ALUMNI,
    COACHS,
    DEFIS,
    DOMAINE,
    DOMAINES_DES_PARRAINS,
    FONCTIONS_EIG,
    FONCTIONS_PORTEUR,
    FONCTIONS_SPONSOR,
    INTERVENANTS,
    PARRAINS,
    PART_DE_DEFIS_A_DEUX_PORTEURS,
)
from demo.groupes import demo_groupes
from demo.meteo import demo_meteo
from programme.factories import PersonneFactory, debut_promotion_en_cours
from programme.models import Administration, Domaine, Expertise, Personne, Promotion, Role, Theme
from programme.services import photo_remplacer, photo_supprimer, promotion_replanifier

GRAINE = 8
NOM_PROMOTION = "Promotion 8"


class Annuaire:
    """The demo's people, built unsaved with PersonneFactory, their roles and métiers, then saved in bulk."""

    def __init__(self):
        self.personnes: list[Personne] = []
        self.roles: list[tuple[Personne, str, bool]] = []
        self.metiers: list[tuple[Personne, str]] = []
        self.adresses: set[str] = set()
        self.domaines: list[tuple[Personne, str]] = []

    def ajouter(self, type_role, *, fonction, feminin, metier=None, email=None, hors_promotion=False):
        """A new person with a role (in the promotion, or in the whole programme); returns the unsaved person."""
        personne = PersonneFactory.build(femme=feminin, homme=not feminin, fonction=fonction)
        personne.email = email or self._adresse(personne)
        self.adresses.add(personne.email)
        self.personnes.append(personne)
        self.roles.append((personne, type_role, hors_promotion))
        if metier:
            self.metiers.append((personne, metier))
        return personne

    def presenter(self, personne, domaines):
        """A parrain or marraine who chose to show their presentation and address, in their annuaire domains."""
        personne.presentation = f"{personne.fonction}. Sollicitez-moi sur : {', '.join(domaines).lower()}."
        personne.annuaire_presentation = personne.annuaire_courriel = True
        self.domaines.extend((personne, nom) for nom in domaines)

    def _adresse(self, personne):
        base = f"{slugify(personne.prenom)}.{slugify(personne.nom_usage)}"
        adresse, n = f"{base}@{DOMAINE}", 1
        while adresse in self.adresses:
            n += 1
            adresse = f"{base}{n}@{DOMAINE}"
        return adresse

    def enregistrer(self, promotion, expertises):
        """Save people, métiers and roles; coach roles one by one, since `Role.save` gives coaches the admin."""
        Personne.objects.bulk_create(self.personnes)
        Personne.expertises.through.objects.bulk_create(
            Personne.expertises.through(personne_id=p.pk, expertise_id=expertises[m].pk) for p, m in self.metiers
        )
        domaines = dict(Domaine.objects.values_list("nom", "pk"))
        Personne.domaines.through.objects.bulk_create(
            Personne.domaines.through(personne_id=p.pk, domaine_id=domaines[nom]) for p, nom in self.domaines
        )
        roles = [
            Role(personne=p, promotion=None if hors_promotion else promotion, type=t)
            for p, t, hors_promotion in self.roles
        ]
        Role.objects.bulk_create(r for r in roles if r.type != Role.Type.COACH)
        for role in roles:
            if role.type == Role.Type.COACH:
                role.save()


def adresse_de(type_role: Role.Type) -> str:
    """The memorable address of the demo's login for a role: coach@magellan.test, eig@magellan.test…"""
    return f"{type_role.value}@{DOMAINE}"


def _par_nom(modele, noms, **champs_par_nom):
    """The rows of a taxonomy named `noms`, the missing ones created in one query."""
    existants = {o.nom: o for o in modele.objects.filter(nom__in=noms)}
    manquants = [modele(nom=nom, **champs_par_nom.get(nom, {})) for nom in noms if nom not in existants]
    modele.objects.bulk_create(manquants)
    return existants | {o.nom: o for o in modele.objects.filter(nom__in=[m.nom for m in manquants])}


# The demo's portraits: (background, figure) colours of the State's palette, drawn in memory.
PORTRAITS = {Role.Type.EIG: ("#e3e3fd", "#000091"), Role.Type.PARRAIN: ("#fee9e6", "#a94645")}


def portrait(fond: str, figure: str, cote: int = 240) -> ContentFile:
    """A PNG silhouette (a head above shoulders), drawn in memory: the demo's people need no real photo."""
    image = Image.new("RGB", (cote, cote), fond)
    dessin = ImageDraw.Draw(image)
    dessin.ellipse((cote * 0.32, cote * 0.16, cote * 0.68, cote * 0.52), fill=figure)
    dessin.ellipse((cote * 0.14, cote * 0.58, cote * 0.86, cote * 1.3), fill=figure)
    contenu = io.BytesIO()
    image.save(contenu, "PNG")
    return ContentFile(contenu.getvalue(), name="portrait.png")


def demo_effacer(promotion: Promotion):
    """Remove the demo's people (every address on its domain, with their annuaire photos), the promotion's défis
    and its accompagnement (sessions, comités…); keep the promotion."""
    accompagnement_effacer(promotion)
    Defi.objects.filter(promotion=promotion).delete()
    for personne in Personne.objects.filter(email__iendswith=f"@{DOMAINE}").exclude(photo=""):
        photo_supprimer(personne)
    Personne.objects.filter(email__iendswith=f"@{DOMAINE}").delete()
    promotion.date_debut = debut_promotion_en_cours()
    promotion.save(update_fields=["date_debut"])
    promotion_replanifier(promotion)


def demo_construire(promotion: Promotion) -> dict[str, int]:
    """Fill the promotion with administrations, défis and people, then their accompagnement; returns how many of
    each were made."""
    factory.random.reseed_random(GRAINE)
    rng = random.Random(GRAINE)
    expertises = _par_nom(Expertise, sorted({m for *_r, m in COACHS + PARRAINS + INTERVENANTS + ALUMNI}
                                            | {m for d in DEFIS for m in d.metiers}))
    themes = _par_nom(Theme, sorted({t for d in DEFIS for t in d.themes}))
    par_nom = _par_nom(
        Administration, [nom for nom, _s, _v in ADMINISTRATIONS],
        **{nom: {"sigle": sigle} for nom, sigle, _v in ADMINISTRATIONS},
    )
    administrations = [par_nom[nom] for nom, _s, _v in ADMINISTRATIONS]

    annuaire = Annuaire()
    for type_role, gens, hors_promotion in [
        (Role.Type.COACH, COACHS, False), (Role.Type.PARRAIN, PARRAINS, False),
        (Role.Type.INTERVENANT, INTERVENANTS, False), (Role.Type.ALUMNI, ALUMNI, True),
    ]:
        for rang, (fonction, feminin, metier) in enumerate(gens):
            personne = annuaire.ajouter(
                type_role, fonction=fonction, feminin=feminin, metier=metier, hors_promotion=hors_promotion,
                email=adresse_de(type_role) if rang == 0 else None,
            )
            if type_role == Role.Type.PARRAIN:
                annuaire.presenter(personne, DOMAINES_DES_PARRAINS[rang])

    sponsors = []
    for index, (_nom, sigle, _ville) in enumerate(ADMINISTRATIONS):
        feminin = rng.random() < 0.5
        fonction = rng.choice(FONCTIONS_SPONSOR)[feminin]
        sponsors.append(annuaire.ajouter(
            Role.Type.SPONSOR, fonction=f"{fonction} ({sigle})", feminin=feminin,
            email=adresse_de(Role.Type.SPONSOR) if index == 0 else None,
        ))

    defis, membres = [], []
    for index, idee in enumerate(DEFIS):
        nom_admin, sigle, ville = ADMINISTRATIONS[idee.administration]
        defi = Defi(
            slug=slugify(idee.nom_court), titre=idee.titre, description=idee.description,
            administration=administrations[idee.administration], promotion=promotion, ville=ville,
            annee=promotion.date_debut.year, visible=True,
            corps=f"Administration d'accueil : {nom_admin} ({sigle}).\n\n" + corps_markdown(idee.enjeu, idee.hypothese),
        )
        defis.append(defi)
        membres.append(MembreEquipe(defi=defi, personne=sponsors[idee.administration], role=MembreEquipe.Role.SPONSOR))
        for rang, metier in enumerate(idee.metiers):
            feminin = rng.random() < 0.5
            eig = annuaire.ajouter(
                Role.Type.EIG, fonction=FONCTIONS_EIG[metier][feminin], feminin=feminin, metier=metier,
                email=adresse_de(Role.Type.EIG) if index == rang == 0 else None,
            )
            membres.append(MembreEquipe(defi=defi, personne=eig, role=MembreEquipe.Role.EIG))
        nombre_porteurs = 2 if rng.random() < PART_DE_DEFIS_A_DEUX_PORTEURS else 1
        for rang in range(nombre_porteurs):
            feminin = rng.random() < 0.5
            porteur = annuaire.ajouter(
                Role.Type.PORTEUR, fonction=f"{rng.choice(FONCTIONS_PORTEUR)[feminin]} ({sigle})", feminin=feminin,
                email=adresse_de(Role.Type.PORTEUR) if index == rang == 0 else None,
            )
            membres.append(MembreEquipe(defi=defi, personne=porteur, role=MembreEquipe.Role.PORTEUR))

    annuaire.enregistrer(promotion, expertises)
    Defi.objects.bulk_create(defis)
    Defi.themes.through.objects.bulk_create(
        Defi.themes.through(defi_id=d.pk, theme_id=themes[t].pk) for d, i in zip(defis, DEFIS) for t in i.themes
    )
    Defi.expertises.through.objects.bulk_create(
        Defi.expertises.through(defi_id=d.pk, expertise_id=expertises[m].pk)
        for d, i in zip(defis, DEFIS) for m in i.metiers
    )
    MembreEquipe.objects.bulk_create(membres)

    demo = {t: Personne.objects.get(email=adresse_de(t)) for t in Role.Type}
    # The demo EIG and parrain show a photo in the annuaire.
    for type_role, (fond, figure) in PORTRAITS.items():
        photo_remplacer(demo[type_role], portrait(fond, figure))
        Personne.objects.filter(pk=demo[type_role].pk).update(annuaire_photo=True)
    comptes = {
        "defis": len(defis), "administrations": len(administrations), **Counter(t for _p, t, _h in annuaire.roles),
        **accompagnement_construire(promotion, demo, random.Random(GRAINE)),
        **demo_meteo(promotion),
        "groupes de partage": len(demo_groupes(promotion)),
        **demo_arrivee(promotion, demo[Role.Type.COACH]),
    }
    # The groups' sessions come on top of the calendar's.
    comptes["sessions"] = Session.objects.filter(promotion=promotion, statut=Session.Statut.PUBLIEE).count()
    return comptes
