"""The demo's content, for `manage.py seed_demo`: administrations, défi ideas, fonctions and the programme's people.

Plain data, written by hand to read like a real promotion: the command draws from it with a seeded generator,
so changing a list here changes the demo and nothing else.
"""

from dataclasses import dataclass

# Every demo address is on this domain: `seed_demo --reset` removes the people it holds, and only them.
DOMAINE = "magellan.test"

# (nom, sigle, ville); the sponsor of each is one person, on every défi of the administration.
ADMINISTRATIONS = [
    ("Ministère de la Santé et de l'Accès aux soins – Direction générale de l'offre de soins", "DGOS", "Paris"),
    ("Ministère de la Justice – Direction de l'administration pénitentiaire", "DAP", "Paris"),
    ("Ministère de l'Intérieur – Direction générale des étrangers en France", "DGEF", "Paris"),
    ("Ministère de la Transition écologique – Commissariat général au développement durable", "CGDD", "La Défense"),
    ("Ministère de l'Agriculture et de la Souveraineté alimentaire – Direction générale de l'alimentation",
     "DGAL", "Paris"),
    ("Ministère de la Culture – Direction générale des patrimoines et de l'architecture", "DGPA", "Paris"),
    ("Ministère du Travail et de l'Emploi – Délégation générale à l'emploi et à la formation professionnelle",
     "DGEFP", "Paris"),
    ("Ministère de l'Éducation nationale – Direction du numérique pour l'éducation", "DNE", "Paris"),
    ("Ministère de l'Économie et des Finances – Direction générale des finances publiques", "DGFiP",
     "Noisy-le-Grand"),
    ("Ministère des Armées – Service hydrographique et océanographique de la Marine", "Shom", "Brest"),
]


@dataclass(frozen=True)
class IdeeDefi:
    """One défi of the demo: its title, its administration (index in ADMINISTRATIONS) and its team's métiers."""

    nom_court: str
    accroche: str
    description: str
    administration: int
    themes: tuple[str, ...]
    metiers: tuple[str, ...]
    enjeu: str
    hypothese: str

    @property
    def titre(self):
        return f"{self.nom_court} – {self.accroche}"


DEFIS = [
    IdeeDefi(
        "Hospi'Flux", "fluidifier les admissions hospitalières",
        "Anticiper les pics d'admission aux urgences pour mieux répartir les lits entre services et établissements.",
        0, ("Santé",), ("Data science", "Développement", "Design"),
        "Chaque hiver, les urgences saturent alors que des lits restent libres dans d'autres services ou dans "
        "les établissements voisins. Les cellules de gestion des lits travaillent au téléphone, avec des "
        "tableurs qui ne se parlent pas.",
        "Un tableau de bord partagé entre établissements, avec une prévision des admissions à 72 heures, réduit "
        "le temps que passent les patients aux urgences avant d'être hospitalisés.",
    ),
    IdeeDefi(
        "Pharma'Stock", "anticiper les ruptures de médicaments",
        "Détecter au plus tôt les tensions d'approvisionnement en médicaments dans les pharmacies hospitalières.",
        0, ("Santé",), ("Data engineering", "Data science"),
        "Les pharmacies hospitalières découvrent les ruptures de stock le jour où elles commandent. Les "
        "signaux existent pourtant, dispersés entre les déclarations des laboratoires et les consommations.",
        "Croiser les déclarations de tension et les consommations des établissements permet d'alerter les "
        "pharmaciens deux semaines avant une rupture.",
    ),
    IdeeDefi(
        "Réinsertion+", "préparer la sortie de détention",
        "Réunir en un seul parcours les démarches de logement, d'emploi et de santé des personnes détenues.",
        1, ("Justice", "Social"), ("Design", "Développement", "Direction de produit"),
        "À la sortie de détention, une personne doit ouvrir ses droits, trouver un hébergement et un emploi "
        "en quelques jours. Les conseillers d'insertion jonglent avec des dizaines de partenaires.",
        "Un parcours partagé entre le service pénitentiaire d'insertion et ses partenaires, commencé six mois "
        "avant la sortie, diminue les sorties « sèches », sans solution d'hébergement.",
    ),
    IdeeDefi(
        "Parloir Connect", "simplifier la réservation des parloirs",
        "Permettre aux familles de réserver un parloir en ligne et aux établissements de planifier les visites.",
        1, ("Justice",), ("Développement", "Design"),
        "Réserver un parloir se fait encore par téléphone, à des horaires restreints. Les familles attendent "
        "des heures au bout du fil et les agents passent leurs matinées à décrocher.",
        "Une réservation en ligne, accessible depuis un téléphone, libère du temps d'agent et réduit les "
        "parloirs annulés faute de place.",
    ),
    IdeeDefi(
        "Titre Simple", "renouveler son titre de séjour sans allers-retours",
        "Aider les usagers à constituer un dossier complet du premier coup et réduire les passages en préfecture.",
        2, ("Citoyenneté", "Intégration"), ("Design", "Juriste"),
        "Un dossier de renouvellement sur deux arrive incomplet. Chaque pièce manquante coûte un nouveau "
        "rendez-vous, des semaines de délai et parfois une rupture de droits.",
        "Une liste de pièces personnalisée, écrite en langage clair et vérifiée avant le dépôt, divise par deux "
        "les dossiers incomplets.",
    ),
    IdeeDefi(
        "Fil'Asile", "suivre les demandes d'asile de bout en bout",
        "Donner aux agents une vue consolidée des délais de chaque étape de la demande d'asile.",
        2, ("Intégration",), ("Data engineering", "Direction de produit"),
        "Une demande d'asile traverse quatre administrations et autant de systèmes d'information. Personne "
        "ne voit où se forment les files d'attente.",
        "Des indicateurs de délai partagés, mis à jour chaque semaine, permettent de réaffecter les moyens là "
        "où les demandes s'accumulent.",
    ),
    IdeeDefi(
        "Sobri'Data", "mesurer l'empreinte des services numériques publics",
        "Outiller les administrations pour estimer et réduire l'empreinte environnementale de leurs services.",
        3, ("Environnement", "Numérique public"), ("Data science", "Développement"),
        "Les administrations veulent un numérique plus sobre, mais ne savent pas mesurer l'empreinte de leurs "
        "sites et de leurs serveurs. Les méthodes existent, leur application reste artisanale.",
        "Un outil de mesure ouvert, fondé sur le référentiel général d'écoconception, permet à chaque "
        "équipe de fixer et de suivre un objectif de réduction.",
    ),
    IdeeDefi(
        "Eau'Rizon", "anticiper les sécheresses avec les collectivités",
        "Rassembler les niveaux des nappes et les arrêtés de restriction d'eau pour aider les communes à anticiper.",
        3, ("Environnement", "Ecologie"), ("Data engineering", "Design"),
        "Les données sur l'eau sont publiques mais éclatées entre bassins, préfectures et opérateurs. Les "
        "élus découvrent les restrictions au moment de les appliquer.",
        "Une vue commune des ressources et des restrictions à l'échelle du bassin versant aide les communes "
        "à préparer leurs mesures avant l'été.",
    ),
    IdeeDefi(
        "Inspect'Alim", "cibler les contrôles sanitaires des restaurants",
        "Orienter les inspections sanitaires vers les établissements à risque grâce aux signalements passés.",
        4, ("Agriculture", "Santé"), ("Data science", "Direction de produit"),
        "Les inspecteurs ne peuvent contrôler qu'une petite part des établissements chaque année. Le choix "
        "des contrôles repose encore sur l'expérience de chacun.",
        "Un ciblage fondé sur les signalements des consommateurs et l'historique des contrôles augmente la part "
        "des inspections qui relèvent une non-conformité.",
    ),
    IdeeDefi(
        "Bio'Parcelles", "suivre les conversions en agriculture biologique",
        "Simplifier le suivi des parcelles en conversion entre agriculteurs, certificateurs et services de l'État.",
        4, ("Agriculture",), ("Développement", "Design"),
        "Un agriculteur en conversion déclare ses parcelles trois fois, à trois interlocuteurs, sous trois "
        "formats. Les erreurs retardent les aides à la conversion.",
        "Une déclaration unique, partagée avec les organismes certificateurs, raccourcit le délai de versement "
        "des aides.",
    ),
    IdeeDefi(
        "Patrimoine Vivant", "connaître l'état sanitaire des monuments historiques",
        "Permettre aux conservations régionales de suivre l'état des monuments protégés et de prioriser les travaux.",
        5, ("Culture",), ("Data engineering", "Design"),
        "L'état des 45 000 monuments protégés est connu par des rapports dispersés dans les directions "
        "régionales. Les priorités de travaux se décident sans vue d'ensemble.",
        "Un référentiel commun de l'état sanitaire, renseigné depuis le terrain, permet de programmer les "
        "crédits de restauration sur des critères partagés.",
    ),
    IdeeDefi(
        "Archi'Avis", "accélérer les avis des architectes des bâtiments de France",
        "Dématérialiser et prioriser les demandes d'avis sur les projets situés aux abords des monuments.",
        5, ("Culture", "Logement"), ("Développement", "Juriste"),
        "Les architectes des bâtiments de France rendent chaque année des centaines de milliers d'avis, souvent "
        "sur des dossiers papier. Les délais légaux sont tenus au prix de soirées entières.",
        "Un circuit numérique qui trie les demandes par enjeu patrimonial réduit le délai moyen d'avis sans "
        "augmenter la charge des agents.",
    ),
    IdeeDefi(
        "Cap'Alternance", "rapprocher apprentis et employeurs",
        "Aider les jeunes sans contrat d'apprentissage à trouver une entreprise d'accueil près de chez eux.",
        6, ("Travail", "Formation"), ("Design", "Développement"),
        "Chaque rentrée, des milliers de jeunes inscrits en formation n'ont pas trouvé d'employeur, alors que "
        "des entreprises voisines cherchent des apprentis sans les trouver.",
        "Proposer aux jeunes les entreprises qui ont déjà recruté des apprentis dans leur métier augmente le "
        "nombre de contrats signés avant la rentrée.",
    ),
    IdeeDefi(
        "Compétences+", "rendre lisibles les formations financées",
        "Mesurer le retour à l'emploi après une formation financée pour éclairer le choix des demandeurs d'emploi.",
        6, ("Travail", "Formation"), ("Data science", "Direction de produit"),
        "Les demandeurs d'emploi choisissent une formation sans savoir ce que sont devenus ceux qui l'ont suivie. "
        "Les financeurs n'en savent guère plus.",
        "Publier le taux de retour à l'emploi de chaque formation oriente les choix vers les formations qui "
        "débouchent sur un emploi durable.",
    ),
    IdeeDefi(
        "Classe Inclusive", "adapter les supports de cours aux élèves en situation de handicap",
        "Donner aux enseignants des outils simples pour produire des supports de cours accessibles.",
        7, ("Education",), ("Design", "Développement"),
        "Les enseignants adaptent eux-mêmes leurs supports pour les élèves dyslexiques ou malvoyants, le soir, "
        "avec les moyens du bord. Les adaptations ne circulent pas d'une classe à l'autre.",
        "Un éditeur qui rend accessible un support existant en quelques clics, et une bibliothèque pour les "
        "partager, font gagner une heure par semaine aux enseignants concernés.",
    ),
    IdeeDefi(
        "Parcours Lycée", "éclairer l'orientation des lycéens professionnels",
        "Montrer aux lycéens professionnels les débouchés réels de chaque formation dans leur territoire.",
        7, ("Education", "Formation"), ("Data science", "Design"),
        "Les lycéens choisissent leur spécialité à quinze ans, sur la foi de l'offre locale et du bouche-à-oreille. "
        "Les données d'insertion existent mais ne leur parviennent pas.",
        "Des fiches de débouchés par formation et par bassin d'emploi, utilisées en classe, changent les vœux "
        "d'orientation d'une partie des élèves.",
    ),
    IdeeDefi(
        "Fisc'Clair", "expliquer l'avis d'impôt en langage simple",
        "Rendre compréhensible l'avis d'imposition et réduire les appels aux centres des finances publiques.",
        8, ("Finance", "Citoyenneté"), ("Design", "Direction de produit"),
        "Chaque été, l'envoi des avis d'impôt déclenche des millions d'appels et de messages. Beaucoup portent "
        "sur la lecture de l'avis plus que sur le montant.",
        "Une explication personnalisée de l'avis, ligne à ligne, réduit les demandes de contact dans les "
        "semaines qui suivent l'envoi.",
    ),
    IdeeDefi(
        "Cadastre Ouvert", "fiabiliser les données foncières ouvertes",
        "Améliorer la qualité et la réutilisation des données foncières publiées en open data.",
        8, ("Finance", "Logement"), ("Data engineering", "Développement"),
        "Les données foncières publiées sont très réutilisées, mais leurs erreurs remontent mal et leur "
        "documentation décourage les nouveaux réutilisateurs.",
        "Un circuit de signalement des erreurs et une documentation tenue par les réutilisateurs améliorent "
        "la qualité des données d'une publication à l'autre.",
    ),
    IdeeDefi(
        "Littoral'Alerte", "prévoir les submersions marines",
        "Croiser marées, houle et relief pour alerter les communes littorales des risques de submersion.",
        9, ("Environnement", "Sécurité"), ("Data science", "Direction technique"),
        "Les communes littorales reçoivent des vigilances départementales, trop larges pour décider de fermer "
        "une route ou d'évacuer un quartier.",
        "Une prévision de submersion à l'échelle du quartier, diffusée douze heures à l'avance, permet aux "
        "maires de déclencher leurs plans de sauvegarde à temps.",
    ),
    IdeeDefi(
        "Carto'Mer", "ouvrir les cartes marines aux plaisanciers",
        "Rendre les données bathymétriques et les cartes marines consultables en ligne pour la navigation de loisir.",
        9, ("Environnement", "Sport"), ("Développement", "Design"),
        "Les cartes marines officielles sont conçues pour les professionnels. Les plaisanciers naviguent avec "
        "des applications privées dont les données ne sont pas à jour.",
        "Un service public de consultation des cartes, gratuit et mis à jour avec les avis aux navigateurs, "
        "attire une part des plaisanciers vers des données fiables.",
    ),
]

# Masculine and feminine forms of each fonction; the person's first name follows the form drawn.
FONCTIONS_EIG = {
    "Développement": ("Développeur", "Développeuse"),
    "Design": ("Designer", "Designer"),
    "Data science": ("Data scientist", "Data scientist"),
    "Direction de produit": ("Chef de produit", "Cheffe de produit"),
    "Data engineering": ("Data engineer", "Data engineer"),
    "Direction technique": ("Directeur technique", "Directrice technique"),
    "Juriste": ("Juriste", "Juriste"),
}
FONCTIONS_PORTEUR = [
    ("Chef du bureau de l'innovation", "Cheffe du bureau de l'innovation"),
    ("Chargé de mission données", "Chargée de mission données"),
    ("Chef de projet numérique", "Cheffe de projet numérique"),
    ("Administrateur des données", "Administratrice des données"),
    ("Adjoint au sous-directeur des systèmes d'information", "Adjointe au sous-directeur des systèmes d'information"),
    ("Responsable du pôle usagers", "Responsable du pôle usagers"),
]
FONCTIONS_SPONSOR = [
    ("Directeur général adjoint", "Directrice générale adjointe"),
    ("Secrétaire général", "Secrétaire générale"),
    ("Chef de service", "Cheffe de service"),
    ("Directeur du numérique", "Directrice du numérique"),
]
# (fonction, féminin, métier) of the programme's people; the first of each list gets the role's memorable address.
COACHS = [
    ("Responsable du programme EIG", True, "Direction des opérations"),
    ("Chargé des opérations", False, "Direction des opérations"),
    ("Coach tech", False, "Direction technique"),
    ("Coach design", True, "Design"),
    ("Coach produit", True, "Direction de produit"),
]
PARRAINS = [
    ("Etalab – Référent logiciels libres", False, "Développement"),
    ("Design Gouv – Experte accessibilité", True, "Design"),
    ("Etalab – Experte ouverture des données", True, "Data engineering"),
    ("beta.gouv.fr – Coach de startups d'État", False, "Direction de produit"),
    ("ANSSI – Référent sécurité des systèmes d'information", False, "Direction technique"),
    ("Design Gouv – Designer du Système de design de l'État", True, "Design"),
]
# The annuaire's domains of each parrain or marraine above, in order: every domain of the seed deck has someone.
DOMAINES_DES_PARRAINS = [
    ["Logiciel libre", "Architecture logicielle", "Intégration et déploiement"],
    ["Accessibilité", "Design d'interface"],
    ["Données ouvertes", "Sciences de la donnée"],
    ["Recherche utilisateur", "Design d'expérience"],
    ["Architecture logicielle", "Intégration et déploiement"],
    ["Design d'interface", "Écoresponsabilité", "Design d'expérience"],
]
INTERVENANTS = [
    ("Cofondatrice d'une coopérative de design des politiques publiques", True, "Design"),
    ("Chercheur en sociologie de l'action publique", False, "Direction de l'impact"),
]
ALUMNI = [
    ("Ancienne EIG (promotion 5), cheffe de produit à la DINUM", True, "Direction de produit"),
    ("Ancien EIG (promotion 6), développeur à l'Agence nationale de la cohésion des territoires", False,
     "Développement"),
    ("Ancienne EIG (promotion 7), data scientist à la Cour des comptes", True, "Data science"),
]
PART_DE_DEFIS_A_DEUX_PORTEURS = 0.4
