"""The site's people (`personnes/`), their roles in the promotions and their place in their défis' teams.

A person is keyed on their file name (their slug) and created without e-mail; the import adds roles and team
places from the site and never removes one a coach set by hand. A parrain or marraine (agent-ecosysteme) gets
the annuaire's domains their métiers and job name (`DOMAINES_DU_SITE`), added, never removed; what the
annuaire shows of a person (`Personne.annuaire_*`) is theirs to choose, never the import's.
"""

from programme.models import Expertise, Personne, Role

from ..models import MembreEquipe
from .bilan import CREE, INCHANGE, MIS_A_JOUR
from .lecture import _cle_de_titre, _liste, _texte, _url_valide

ROLES_DU_SITE = {
    "participant": Role.Type.EIG,
    "agent-public": Role.Type.PORTEUR,
    "agent-programme": Role.Type.COACH,
    "agent-programme-alumni": Role.Type.ALUMNI,
    "agent-ecosysteme": Role.Type.PARRAIN,
}
# Words of a parrain's métiers or job on the site, and the annuaire domain (programme.referentiel.DOMAINES) each says.
DOMAINES_DU_SITE = (
    ("recherche utilisateur", "Recherche utilisateur"), ("ux research", "Recherche utilisateur"),
    ("architecte", "Architecture logicielle"), ("data scien", "Sciences de la donnée"),
    ("devops", "Intégration et déploiement"), ("accessibilit", "Accessibilité"),
    ("écoconception", "Écoresponsabilité"), ("numérique responsable", "Écoresponsabilité"),
    ("logiciel libre", "Logiciel libre"), ("open source", "Logiciel libre"),
    ("open data", "Données ouvertes"), ("données ouvertes", "Données ouvertes"), ("data.gouv", "Données ouvertes"),
)
ROLES_D_EQUIPE = {
    Role.Type.EIG: MembreEquipe.Role.EIG,
    Role.Type.PORTEUR: MembreEquipe.Role.PORTEUR,
    Role.Type.SPONSOR: MembreEquipe.Role.SPONSOR,
}


class ImportDesPersonnes:
    """The people part of `execution._Import`, which holds the caches `personnes`, `roles` and `membres`."""

    def importer_personne(self, suivi, chemin, champs, corps):
        slug = self.reserver_slug(suivi, chemin.stem)
        prenom, _espace, nom_usage = " ".join(_texte(champs["title"]).split()).partition(" ")
        valeurs = {
            "prenom": prenom,
            "nom_usage": nom_usage,
            "fonction": _texte(champs.get("job")),
            "image": _texte(champs.get("image")),
            "linkedin": self._lien_de_profil(suivi, champs, "linkedin", "LinkedIn"),
            "github": self._lien_de_profil(suivi, champs, "github", "GitHub"),
            # The body is the full presentation; `desc` is its summary, used when there is no body.
            "presentation": corps.strip() or _texte(champs.get("desc")),
        }
        expertises = {self.terme(suivi, Expertise, "métiers", nom).pk for nom in _liste(champs.get("expertises"))}

        personne = self.personnes.get(slug)
        if personne is None:
            personne = Personne.objects.create_user(email=None, slug=slug, **valeurs)
            self.personnes[slug] = personne
            etat = CREE
        else:
            changes = [nom for nom, valeur in valeurs.items() if getattr(personne, nom) != valeur]
            for nom in changes:
                setattr(personne, nom, valeurs[nom])
            if changes:
                personne.save(update_fields=changes)
            etat = MIS_A_JOUR if changes else INCHANGE
        if expertises != self.expertises_des_personnes[personne.pk]:
            personne.expertises.set(expertises)
            self.expertises_des_personnes[personne.pk] = expertises
            etat = etat if etat == CREE else MIS_A_JOUR
        if _texte(champs.get("role")).lower() == "agent-ecosysteme" and self.importer_domaines(personne, champs):
            etat = etat if etat == CREE else MIS_A_JOUR
        suivi.noter("personnes", etat)
        self.importer_roles(suivi, personne, champs)

    def importer_domaines(self, personne, champs) -> bool:
        """Add the domains a parrain's métiers and job name say; True when one was added."""
        texte = " ".join([*_liste(champs.get("expertises")), _texte(champs.get("job"))]).lower()
        dits = {self.domaines[nom] for mot, nom in DOMAINES_DU_SITE if mot in texte and nom in self.domaines}
        nouveaux = dits - self.domaines_des_personnes[personne.pk]
        if nouveaux:
            personne.domaines.add(*nouveaux)
            self.domaines_des_personnes[personne.pk] |= nouveaux
        return bool(nouveaux)

    def _lien_de_profil(self, suivi, champs, cle, nom):
        url = _texte(champs.get(cle))
        if url and (len(url) > 300 or not _url_valide(url)):
            suivi.avertir(f"adresse {nom} invalide « {url} », ignorée")
            return ""
        return url

    def importer_roles(self, suivi, personne, champs):
        """The person's roles in their promotions, and their place in their défis' teams."""
        role_du_site = _texte(champs.get("role")).lower()
        type_role = ROLES_DU_SITE.get(role_du_site)
        if type_role is None:
            suivi.avertir(f"rôle inconnu « {role_du_site} » : aucun rôle ni équipe importés")
            return
        if type_role == Role.Type.PORTEUR and "sponsor" in _texte(champs.get("job")).lower():
            type_role = Role.Type.SPONSOR
        defis = []
        for titre in _liste(champs.get("defis")):
            defi = self.defis_par_titre.get(_cle_de_titre(titre))
            if defi is None:
                suivi.avertir(f"défi inconnu « {titre} »")
            elif defi not in defis:
                defis.append(defi)
        promotions = [self.promotion(suivi, nom).pk for nom in _liste(champs.get("promos"))]
        role_equipe = ROLES_D_EQUIPE.get(type_role)
        if not promotions and role_equipe:
            # A team member the site gives no promotion belongs to their défis' promotions.
            promotions = [defi.promotion_id for defi in defis if defi.promotion_id]
        for promotion_id in dict.fromkeys(promotions) or [None]:
            cle = (personne.pk, promotion_id, type_role)
            if cle in self.roles:
                suivi.noter("rôles", INCHANGE)
                continue
            Role.objects.create(personne=personne, promotion_id=promotion_id, type=type_role)
            self.roles.add(cle)
            suivi.noter("rôles", CREE)
        if role_equipe is None:
            return
        for defi in defis:
            cle = (defi.pk, personne.pk, role_equipe)
            if cle in self.membres:
                suivi.noter("membres d'équipe", INCHANGE)
                continue
            MembreEquipe.objects.create(defi=defi, personne=personne, role=role_equipe)
            self.membres.add(cle)
            suivi.noter("membres d'équipe", CREE)
