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
    ("Esprit entrepreneurial", "Faciliter le développement de la culture entrepreneuriale au sein des administrations."),
    ("Ouverture des données et des codes sources", "Ouvrir et partager les données publiques et le logiciel libre."),
    ("Écoresponsabilité", "Concevoir un numérique sobre, dont l'empreinte environnementale est mesurée."),
    ("Accessibilité", "Permettre à tous les usagers un égal accès à leurs droits, selon le RGAA."),
]
