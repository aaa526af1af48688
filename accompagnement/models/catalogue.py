"""The catalogue of dispositifs: what the programme offers, to whom, how often, how to prepare."""

from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.urls import reverse


class Dispositif(models.Model):
    """One of the programme's dispositifs (DESIGN §3), editable by the coaches."""

    class Famille(models.TextChoices):
        DEFI = "defi", "L'accompagnement des défis"
        PORTEURS = "porteurs", "L'accompagnement des porteurs et porteuses"
        INDIVIDUEL = "individuel", "L'accompagnement individuel"
        PROMOTION = "promotion", "L'accompagnement de la promotion"

    class Public(models.TextChoices):
        EQUIPE = "equipe", "L'équipe d'un défi (EIG et porteurs)"
        PORTEURS = "porteurs", "Les porteurs et porteuses, sponsors bienvenus"
        EIG = "eig", "Chaque EIG"
        EIG_ET_PORTEURS = "eig_porteurs", "EIG et porteurs, individuellement"
        PROMOTION = "promotion", "Toute la promotion"
        METIER = "metier", "Les EIG d'un même métier"

    class Modalite(models.TextChoices):
        PRESENTIEL = "presentiel", "En présentiel"
        EN_LIGNE = "en_ligne", "En ligne"
        HYBRIDE = "hybride", "En présentiel ou en ligne"
        ECRIT = "ecrit", "Par écrit, dans Magellan"

    class Cadence(models.TextChoices):
        PAR_PHASE = "par_phase", "Une ou plusieurs fois par phase"
        FIN_DE_PHASE = "fin_de_phase", "Au terme de chaque phase"
        MENSUELLE = "mensuelle", "Une fois par mois"
        BIMESTRIELLE = "bimestrielle", "Tous les deux mois"
        QUINZAINE = "quinzaine", "Toutes les deux semaines"
        HEBDOMADAIRE = "hebdomadaire", "Chaque semaine, pendant un mois"
        DEUX_PAR_AN = "deux_par_an", "Deux fois par promotion"
        A_LA_DEMANDE = "a_la_demande", "À la demande"
        PONCTUELLE = "ponctuelle", "Ponctuellement"

    slug = models.SlugField("identifiant", max_length=60, unique=True)
    nom = models.CharField("nom", max_length=150)
    famille = models.CharField("famille", max_length=20, choices=Famille.choices)
    public = models.CharField("public", max_length=20, choices=Public.choices)
    modalite = models.CharField("modalité", max_length=20, choices=Modalite.choices)
    cadence = models.CharField("cadence", max_length=20, choices=Cadence.choices)
    frequence = models.CharField("fréquence, en clair", max_length=150)
    duree = models.CharField("durée, en clair", max_length=100)
    duree_minutes = models.PositiveIntegerField("durée par défaut (minutes)", default=90)
    description = models.TextField("description")
    preparation = models.TextField("s'y préparer")
    suite = models.TextField("s'en inspirer")
    ordre = models.PositiveSmallIntegerField("ordre", default=0)
    # The resource pages coaches attach to its « S'y préparer » and « S'en inspirer » (no column: deleting the
    # dispositif deletes these links).
    ressources = GenericRelation("ressources.RattachementDispositif", related_query_name="dispositif")

    class Meta:
        verbose_name = "dispositif"
        ordering = ["ordre", "nom"]

    def __str__(self):
        return self.nom

    def get_absolute_url(self):
        return reverse("dispositif", kwargs={"slug": self.slug})
