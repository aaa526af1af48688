"""The programme's reference content, from the coaches' documentation (doc-coachs/programme/approche.md)."""

COMPETENCES = {
    1: {
        "eig": ["Agilité", "Gestion de produit", "Prototypage", "Cadre juridique du service public"],
        "porteur": ["Stratégies d'innovation", "Facilitation et collaboration", "Approche centrée sur les usages"],
    },
    2: {
        "eig": [
            "Architecture agile", "Logiciel libre", "Système de design de l'État", "Accessibilité numérique",
            "Écoconception",
        ],
        "porteur": ["Management de l'innovation"],
    },
    3: {
        "eig": ["Analyse d'audience", "Gestion de communauté", "Marketing produit", "Hacking de croissance",
                "Mesure d'impact"],
        "porteur": ["Transformation numérique"],
    },
    4: {
        "eig": ["Ouverture des données", "Ouverture des codes sources", "Communication événementielle",
                "Pitch entrepreneurial"],
        "porteur": ["Stratégies de financement", "Pérennisation des talents"],
    },
}

VALEURS = [
    (
        "Esprit entrepreneurial",
        "Faciliter le développement de la culture entrepreneuriale au sein des administrations.",
    ),
    ("Ouverture des données et des codes sources", "Ouvrir et partager les données publiques et le logiciel libre."),
    ("Écoresponsabilité", "Concevoir un numérique sobre, dont l'empreinte environnementale est mesurée."),
    ("Accessibilité", "Permettre à tous les usagers un égal accès à leurs droits, selon le RGAA."),
]


def competences_charger(Competence=None) -> int:
    """Create the compétences of `COMPETENCES` missing from the table, leaving the others as they are; idempotent.
    Used by the data migration (with its historical model) and by whoever empties the table (test flushes).
    Returns how many were created."""
    if Competence is None:
        from .models import Competence
    existantes = set(Competence.objects.values_list("phase", "public", "nom"))
    nouvelles = [
        Competence(phase=phase, public=public, nom=nom, ordre=ordre)
        for phase, publics in COMPETENCES.items() for public, noms in publics.items()
        for ordre, nom in enumerate(noms) if (phase, public, nom) not in existantes
    ]
    Competence.objects.bulk_create(nouvelles)
    return len(nouvelles)


# The domains of the DINUM ecosystem's parrains and marraines, by family, as the seed deck groups them.
DOMAINES = {
    "design": ["Recherche utilisateur", "Design d'expérience", "Design d'interface"],
    "ingenierie": ["Architecture logicielle", "Sciences de la donnée", "Intégration et déploiement"],
    "interet_general": ["Accessibilité", "Écoresponsabilité"],
    "innovation_ouverte": ["Logiciel libre", "Données ouvertes"],
}


def domaines_charger(Domaine=None) -> int:
    """Create the domains of `DOMAINES` missing from the table, leaving the others as they are; idempotent.
    Used by the data migration (with its historical model) and by whoever empties the table (test flushes).
    Returns how many were created."""
    if Domaine is None:
        from .models import Domaine
    existants = set(Domaine.objects.values_list("nom", flat=True))
    rang = 0
    nouveaux = []
    for famille, noms in DOMAINES.items():
        for nom in noms:
            rang += 1
            if nom not in existants:
                nouveaux.append(Domaine(famille=famille, nom=nom, ordre=rang))
    Domaine.objects.bulk_create(nouveaux)
    return len(nouveaux)
