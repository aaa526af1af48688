"""The seventeen dispositifs of the programme, in the coaches' own words (doc-coachs and the promotion 5 deck).

Loaded on migrate; coaches edit them afterwards in the admin.
"""

DISPOSITIFS = [
    {
        "slug": "atelier-collaboratif", "nom": "Atelier collaboratif", "famille": "defi", "public": "equipe",
        "modalite": "presentiel", "cadence": "par_phase", "frequence": "1 ou 2 fois par phase",
        "duree": "½ à 1 journée", "duree_minutes": 240,
        "description": "Un rendez-vous en présentiel, animé par un ou deux coachs EIG, avec éventuellement le "
                       "concours d'experts du sujet, pour servir les objectifs du défi à un moment-clé du programme.",
        "preparation": "Réfléchir collectivement à l'objet de l'atelier.",
        "suite": "Poursuivre la dynamique au sein du défi.",
    },
    {
        "slug": "comite-evaluation", "nom": "Comité d'évaluation", "famille": "defi", "public": "equipe",
        "modalite": "en_ligne", "cadence": "fin_de_phase", "frequence": "1 fois par phase, à son terme",
        "duree": "1 h 30", "duree_minutes": 90,
        "description": "Un rendez-vous en ligne, au terme de chaque phase, avec les EIG et leur porteur ou "
                       "porteuse de projet, pour identifier les succès, analyser les difficultés, évaluer "
                       "l'atteinte des objectifs et orienter les travaux.",
        "preparation": "Renseigner en équipe le support du comité, en fonction des consignes.",
        "suite": "Mettre en œuvre les actions définies en séance.",
    },
    {
        "slug": "rapport-evaluation", "nom": "Rapport d'évaluation", "famille": "defi", "public": "equipe",
        "modalite": "ecrit", "cadence": "fin_de_phase", "frequence": "1 fois par phase, après le comité",
        "duree": "1 h 15 de lecture et d'échange", "duree_minutes": 75,
        "description": "Une évaluation du défi au terme d'une phase, sous forme de rapport rédigé par les "
                       "coachs ayant conduit le comité d'évaluation, pour aider l'équipe à améliorer sa "
                       "trajectoire entrepreneuriale.",
        "preparation": "Faire un bilan interne en équipe après le comité d'évaluation.",
        "suite": "Se saisir des suggestions des coachs, voire réadapter la feuille de route.",
    },
    {
        "slug": "bureau-aide", "nom": "Bureau d'aide", "famille": "defi", "public": "equipe",
        "modalite": "en_ligne", "cadence": "a_la_demande", "frequence": "À la demande",
        "duree": "1 h, en un rendez-vous ou plusieurs séances", "duree_minutes": 60,
        "description": "Un rendez-vous en ligne, à la demande de tout ou partie d'une équipe, pour réfléchir "
                       "ensemble à un besoin précis : un plan d'expérimentation, une stratégie de passage à "
                       "l'échelle, un code à auditer, une revue de littérature scientifique…",
        "preparation": "Transmettre en amont un document ou présenter la problématique en début de séance.",
        "suite": "Approfondir et mettre en œuvre les idées discutées.",
    },
    {
        "slug": "seminaire-porteurs", "nom": "Séminaire porteurs", "famille": "porteurs", "public": "porteurs",
        "modalite": "presentiel", "cadence": "par_phase", "frequence": "1 fois par phase (4 séminaires)",
        "duree": "½ journée", "duree_minutes": 210,
        "description": "Quatre séminaires dédiés aux porteurs et porteuses de projet autour du management de "
                       "l'innovation et de la transformation numérique. Les sponsors sont les bienvenus, ainsi "
                       "que des collègues invités.",
        "preparation": "Proposer aux coachs les sujets que vous souhaitez évoquer.",
        "suite": "Partager vos enseignements avec vos pairs et votre hiérarchie.",
    },
    {
        "slug": "mentorat", "nom": "Mentorat", "famille": "individuel", "public": "eig",
        "modalite": "hybride", "cadence": "a_la_demande",
        "frequence": "À la demande, par cycle de 4 sessions sur 1 mois", "duree": "1 h 30", "duree_minutes": 90,
        "description": "Des heures de soutien et de conseil prodiguées par des spécialistes de la DINUM, pour "
                       "accélérer la démarche entrepreneuriale des équipes et faciliter la relève des défis.",
        "preparation": "Formaliser une expression de ses besoins.",
        "suite": "Mettre en pratique, approfondir par des échanges asynchrones.",
    },
    {
        "slug": "mentorat-individuel", "nom": "Mentorat individuel", "famille": "individuel",
        "public": "eig_porteurs", "modalite": "hybride", "cadence": "hebdomadaire",
        "frequence": "Hebdomadaire, pendant 1 mois", "duree": "30 minutes à 1 h par session", "duree_minutes": 60,
        "description": "Un cycle d'entretiens menés par les coachs, pour aider les EIG et les porteurs et "
                       "porteuses de projet sur des problématiques précises, selon des objectifs personnalisés "
                       "définis ensemble.",
        "preparation": "Lister les difficultés et les réussites, préparer des questions.",
        "suite": "Observer sa propre évolution par rapport aux objectifs.",
    },
    {
        "slug": "mentorat-collectif", "nom": "Mentorat collectif", "famille": "individuel",
        "public": "eig_porteurs", "modalite": "hybride", "cadence": "ponctuelle", "frequence": "Ponctuel",
        "duree": "1 h à 1 h 30", "duree_minutes": 90,
        "description": "Une session destinée à plusieurs EIG ou porteurs et porteuses de projet pour progresser "
                       "ensemble face à des problématiques similaires, dans un esprit d'échange et de "
                       "co-construction.",
        "preparation": "Réfléchir à la problématique, préparer des questions.",
        "suite": "Expérimenter les apprentissages, faire évoluer sa pratique.",
    },
    {
        "slug": "carnet-de-bord", "nom": "Carnet de bord", "famille": "individuel", "public": "eig",
        "modalite": "ecrit", "cadence": "mensuelle", "frequence": "1 fois par mois", "duree": "1 h",
        "duree_minutes": 60,
        "description": "Un dispositif individualisé, pour chaque EIG, pour organiser et mesurer son avancement "
                       "personnel dans les nouveaux apprentissages et sa trajectoire de carrière.",
        "preparation": "Réfléchir à ses objectifs et à ses besoins individuels.",
        "suite": "Organiser et évaluer son travail dans cette perspective.",
    },
    {
        "slug": "meteo-entrepreneuriale", "nom": "Météo entrepreneuriale", "famille": "individuel",
        "public": "eig", "modalite": "ecrit", "cadence": "quinzaine", "frequence": "Toutes les 2 semaines",
        "duree": "5 à 10 minutes", "duree_minutes": 10,
        "description": "Une enquête individuelle pour remonter ses succès et ses difficultés, en toute "
                       "confidentialité et confiance. Un suivi de la vie de l'équipe et de l'épanouissement "
                       "individuel.",
        "preparation": "Prendre note régulièrement des points à remonter.",
        "suite": "Ne pas hésiter à solliciter les coachs en dehors de l'enquête.",
    },
    {
        "slug": "heures-acceleration", "nom": "Heures d'accélération", "famille": "individuel",
        "public": "equipe", "modalite": "hybride", "cadence": "a_la_demande",
        "frequence": "À la discrétion des parrains et marraines", "duree": "À concurrence de 5 h par mois",
        "duree_minutes": 60,
        "description": "Des heures de soutien et de conseil prodiguées par des spécialistes de la DINUM, les "
                       "parrains et marraines, pour accélérer la démarche entrepreneuriale des équipes.",
        "preparation": "Formaliser une expression de ses besoins.",
        "suite": "Mettre en pratique, approfondir par des échanges asynchrones.",
    },
    {
        "slug": "seminaire-integration", "nom": "Séminaire d'intégration", "famille": "promotion",
        "public": "promotion", "modalite": "presentiel", "cadence": "deux_par_an",
        "frequence": "Une fois, après 3 semaines dans l'administration d'accueil", "duree": "2 jours",
        "duree_minutes": 960,
        "description": "Deux journées en présentiel pour faire promotion : retours d'expérience d'alumni, "
                       "conférences sur la transformation numérique, la mesure d'impact, la culture usager, "
                       "l'ouverture des données et des codes, l'accessibilité et l'écoresponsabilité.",
        "preparation": "Se documenter sur les thématiques abordées.",
        "suite": "Approfondir les apprentissages dans sa pratique.",
    },
    {
        "slug": "seminaire-acceleration", "nom": "Séminaire d'accélération", "famille": "promotion",
        "public": "promotion", "modalite": "presentiel", "cadence": "deux_par_an",
        "frequence": "Une fois, à 2 mois du terme du programme", "duree": "2 jours", "duree_minutes": 960,
        "description": "Deux journées en présentiel à deux mois du terme, pour préparer la pérennisation des "
                       "défis, valoriser les réalisations et dessiner la suite.",
        "preparation": "Se documenter sur les thématiques abordées.",
        "suite": "Approfondir les apprentissages dans sa pratique.",
    },
    {
        "slug": "conference", "nom": "Conférence, table ronde ou masterclass", "famille": "promotion",
        "public": "promotion", "modalite": "hybride", "cadence": "mensuelle", "frequence": "1 fois par mois",
        "duree": "1 h à 1 h 30", "duree_minutes": 90,
        "description": "Des spécialistes partagent leur expertise sur des sujets touchant tant au numérique "
                       "qu'au service public. Un moment d'inspiration et d'apprentissage où l'interactivité "
                       "est privilégiée.",
        "preparation": "Se documenter sur le sujet, voire préparer des questions.",
        "suite": "Réfléchir au champ d'application dans le cadre du défi.",
    },
    {
        "slug": "partage-entre-pairs", "nom": "Groupe de partage entre pairs", "famille": "promotion",
        "public": "metier", "modalite": "hybride", "cadence": "mensuelle", "frequence": "1 fois par mois",
        "duree": "1 h 30", "duree_minutes": 90,
        "description": "Un rendez-vous régulier réunissant les EIG du même métier, pour échanger autour de "
                       "problématiques communes et partager les savoirs et les savoir-faire.",
        "preparation": "Travailler sur le sujet choisi ensemble à l'issue de la rencontre précédente.",
        "suite": "Mettre en œuvre les apprentissages dans son périmètre.",
    },
    {
        "slug": "partage-pluridisciplinaire", "nom": "Groupe de partage pluridisciplinaire",
        "famille": "promotion", "public": "promotion", "modalite": "hybride", "cadence": "mensuelle",
        "frequence": "1 fois par mois", "duree": "1 h 30", "duree_minutes": 90,
        "description": "Un rendez-vous régulier pour donner la parole à des EIG, qui présentent une facette de "
                       "leur travail au reste de la promotion, répartie en petits groupes, quels que soient le "
                       "métier ou le défi.",
        "preparation": "Préparer un support pour expliquer et illustrer son expérience.",
        "suite": "Réfléchir au champ d'application dans le cadre du défi.",
    },
    {
        "slug": "expedition-apprenante", "nom": "Expédition apprenante", "famille": "promotion",
        "public": "promotion", "modalite": "presentiel", "cadence": "bimestrielle", "frequence": "Tous les 2 mois",
        "duree": "2 h à ½ journée", "duree_minutes": 180,
        "description": "La promotion découvre des lieux d'intérêt, publics ou privés. L'expédition est aussi "
                       "l'occasion de conférences entrepreneuriales, où les EIG partagent leur expérience avec "
                       "les membres des organisations visitées.",
        "preparation": "Se documenter sur le lieu, son histoire, sa fonction.",
        "suite": "Poursuivre les échanges avec les personnes rencontrées.",
    },
]


def dispositifs_charger(Dispositif=None) -> int:
    """Create the dispositifs of `DISPOSITIFS` missing from the catalogue; an entry already there (perhaps edited by
    coaches) is left as it is; idempotent. Used by the data migration (with its historical model) and by whoever
    empties the table (test flushes). Returns how many were created."""
    if Dispositif is None:
        from .models import Dispositif
    existants = set(Dispositif.objects.values_list("slug", flat=True))
    nouveaux = [Dispositif(**champs, ordre=ordre) for ordre, champs in enumerate(DISPOSITIFS)
                if champs["slug"] not in existants]
    Dispositif.objects.bulk_create(nouveaux)
    return len(nouveaux)
