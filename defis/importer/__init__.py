"""Import of the public EIG site (Hugo content) into Magellan: taxonomies, défis, réalisations, people, roles, teams.

For coaches who load the programme's history, and for re-running after the site changed. `site_eig_importer`
reads a copy of the site's `content/` folder; every file is imported in its own transaction, so a bad file is
reported and loses nothing else. The import only adds and updates what comes from the site (keyed on the file
name), never e-mails nor roles a coach set by hand, and a second run over the same content changes nothing.

One module per part: `lecture` reads a file, `bilan` counts, `execution` runs the import file by file, and
`taxonomies`, `defis` and `personnes` import each folder of the site.
"""

from .bilan import CREE, INCHANGE, MIS_A_JOUR, SORTES, Bilan
from .execution import ContenuIntrouvable, site_eig_importer
from .lecture import FichierIllisible, lire_fichier
from .personnes import ROLES_D_EQUIPE, ROLES_DU_SITE

__all__ = [
    "CREE", "INCHANGE", "MIS_A_JOUR", "ROLES_DU_SITE", "ROLES_D_EQUIPE", "SORTES", "Bilan", "ContenuIntrouvable",
    "FichierIllisible", "lire_fichier", "site_eig_importer",
]
