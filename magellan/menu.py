"""The site's navigation, defined once: each entry names its page, its French title and the rule that opens it.

The header's sections ("Mon espace", "Piloter") and the tiles of the "Mon espace" page are both read from
`RUBRIQUES`; `menu_du_visiteur` asks each rule once per request and says which section holds the current page.
"""

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Entree:
    """A page offered to signed-in people. `permission` is a rule of a rules.py (None: every signed-in person);
    `menu` puts it in its header section, `tuile` (its title there) on the "Mon espace" page; `voisines` are
    other URL names that belong to it, so that its section is current on them too."""

    nom: str
    titre: str
    permission: str | None = None
    menu: bool = True
    tuile: str = ""
    icone: str = ""
    bouton: str = "fr-btn--secondary"
    voisines: tuple[str, ...] = ()


@dataclass(frozen=True)
class Rubrique:
    """A header section; `cle` names it in templates (`menu.mon_espace`) and, dashed, its collapsible list."""

    cle: str
    titre: str
    entrees: tuple[Entree, ...]

    @property
    def pages(self) -> frozenset[str]:
        """The URL names on which this section is current."""
        return frozenset(nom for entree in self.entrees for nom in (entree.nom, *entree.voisines))


MON_ESPACE = Rubrique("mon_espace", "Mon espace", (
    Entree("espace", "Tableau de bord"),
    Entree("agenda", "Mon agenda", "accompagnement.voir_agenda", tuile="Mon agenda", icone="fr-icon-calendar-line",
           voisines=("agenda_liste",)),
    Entree("sessions_a_venir", "Sessions à venir", tuile="Sessions à venir", icone="fr-icon-calendar-event-line"),
    Entree("mentorat", "Mentorat", "accompagnement.voir_mentorat"),
    Entree("mentorat_collectif", "Mentorat collectif", "accompagnement.voir_mentorat",
           voisines=("mentorat_collectif_proposer",)),
    Entree("carnet", "Carnet de bord", "accompagnement.tenir_carnet", tuile="Mon carnet de bord",
           icone="fr-icon-book-2-line"),
    Entree("mentorat_mes_cycles", "Mes cycles de mentorat", "accompagnement.voir_mes_cycles", menu=False,
           tuile="Mes cycles de mentorat", icone="fr-icon-team-line"),
    Entree("mes_groupes", "Mes groupes de partage", "accompagnement.voir_mes_groupes"),
    Entree("meteo", "Ma météo", "accompagnement.repondre_meteo"),
    Entree("bureau_aide", "Bureau d'aide", "accompagnement.voir_bureau_aide", tuile="Bureau d'aide",
           icone="fr-icon-questionnaire-line"),
    Entree("mentorat_creneaux", "Mes créneaux de mentorat", "accompagnement.publier_creneaux", menu=False,
           tuile="Mes créneaux de mentorat", icone="fr-icon-time-line"),
    Entree("mentorat_mes_mentores", "Les personnes que j'accompagne", "accompagnement.voir_mes_mentores", menu=False,
           tuile="Les personnes que j'accompagne", icone="fr-icon-user-line"),
    Entree("heures", "Heures d'accélération", "accompagnement.saisir_heures", tuile="Mes heures d'accélération",
           icone="fr-icon-timer-line"),
    Entree("annuaire", "Annuaire de la communauté", "programme.voir_annuaire", tuile="Annuaire de la communauté",
           icone="fr-icon-team-line"),
    Entree("annuaire_profil", "Mon profil dans l'annuaire", "programme.choisir_profil_annuaire", menu=False,
           tuile="Mon profil dans l'annuaire", icone="fr-icon-user-setting-line", bouton="fr-btn--tertiary"),
    Entree("ressources", "Ressources", "ressources.voir_ressources", tuile="Les ressources des coachs",
           icone="fr-icon-book-2-line", voisines=("ressource",)),
    Entree("preferences_notifications", "Mes notifications"),
    Entree("mes_donnees", "Mes données", tuile="Télécharger mes données", icone="fr-icon-download-line",
           bouton="fr-btn--tertiary"),
    Entree("agenda_abonnement", "S'abonner à mon agenda", menu=False, tuile="S'abonner à mon agenda",
           icone="fr-icon-rss-line", bouton="fr-btn--tertiary"),
    Entree("bienvenue", "Mot d'accueil", "magellan.lire_bienvenue", menu=False, tuile="Mot d'accueil",
           icone="fr-icon-home-4-line", bouton="fr-btn--tertiary"),
    Entree("charte", "Charte de la communauté", "magellan.lire_charte", tuile="Charte de la communauté",
           icone="fr-icon-file-text-line", bouton="fr-btn--tertiary"),
))

PILOTER = Rubrique("piloter", "Piloter", (
    Entree("tableau_de_bord", "Tableau de bord de la promotion", "programme.voir_tableau_de_bord"),
    Entree("coach_sessions", "Sessions et calendrier", "accompagnement.gerer_sessions"),
    Entree("evaluations_tableau", "Comités d'évaluation", "evaluations.voir_tableau"),
    Entree("bureau_aide_file", "File du bureau d'aide", "accompagnement.trier_demandes_aide"),
    Entree("carnets_promotion", "Carnets de bord", "accompagnement.suivre_carnets"),
    Entree("meteo_coachs", "Météo entrepreneuriale", "accompagnement.suivre_meteo"),
    Entree("groupes_apercu", "Groupes de partage", "accompagnement.piloter_groupes"),
    Entree("heures_suivi", "Heures d'accélération", "accompagnement.suivre_heures"),
    Entree("mentorat_cycles", "Cycles de mentorat", "accompagnement.suivre_mentorat"),
    Entree("invitation_nouvelle", "Inviter une personne", "programme.inviter", tuile="Inviter une personne",
           bouton=""),
    Entree("admin:index", "Administration", "programme.administrer", tuile="Ouvrir l'administration"),
))

RUBRIQUES = (MON_ESPACE, PILOTER)


@dataclass
class RubriqueVisible:
    """A section as one visitor sees it: the entries their rules open, and whether it holds the current page."""

    cle: str
    titre: str
    courante: bool
    liens: list[Entree] = field(default_factory=list)
    tuiles: list[Entree] = field(default_factory=list)

    @property
    def liste(self) -> str:
        """The id of its collapsible list in the header."""
        return "menu-" + self.cle.replace("_", "-")


def menu_du_visiteur(request) -> dict[str, RubriqueVisible]:
    """The sections for the signed-in visitor of `request`, by key, in order; computed once per request."""
    if not hasattr(request, "_menu"):
        personne = request.user
        resolution = getattr(request, "resolver_match", None)
        page = resolution.view_name if resolution else None
        permissions = {}
        menu = {}
        for rubrique in RUBRIQUES:
            visible = RubriqueVisible(rubrique.cle, rubrique.titre, courante=page in rubrique.pages)
            for entree in rubrique.entrees if personne.is_authenticated else ():
                if entree.permission and entree.permission not in permissions:
                    permissions[entree.permission] = personne.has_perm(entree.permission)
                if entree.permission and not permissions[entree.permission]:
                    continue
                if entree.menu:
                    visible.liens.append(entree)
                if entree.tuile:
                    visible.tuiles.append(entree)
            menu[rubrique.cle] = visible
        request._menu = menu
    return request._menu
