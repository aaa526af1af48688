"""The programme: people, promotions and their four phases, compétences, roles, taxonomies, invitations."""

import datetime
import os
import uuid

from django.contrib import auth
from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils import timezone
from simple_history.models import HistoricalRecords

from .dates import DEBUT_ABSOLU, Fenetre, dates_verifier
from .stockage import stockage_prive

SANS_MOT_DE_PASSE = (
    "Magellan n'a ni mot de passe ni super-utilisateur : on se connecte par un code envoyé par e-mail. "
    "Pour donner accès à l'administration, créez un coach : manage.py coach_creer --email … --prenom … --nom …"
)


class PersonneManager(BaseUserManager):
    use_in_migrations = True

    def create_user(self, email=None, password=None, **champs):
        if password is not None:
            raise ValidationError(SANS_MOT_DE_PASSE)
        email = self.normalize_email(email) if email else None
        personne = self.model(email=email, **champs)
        personne.set_unusable_password()
        personne.save(using=self._db)
        return personne

    def create_superuser(self, email, password=None, **champs):
        # `manage.py createsuperuser` ends here, and says in French to use `coach_creer` instead.
        raise ValidationError(SANS_MOT_DE_PASSE)


def chemin_photo(_personne, nom):
    """A path made of a random id: a new photo gets a new name, and no person's name reaches the disk."""
    return f"annuaire/photos/{uuid.uuid4().hex}{os.path.splitext(nom)[1].lower()}"


class Personne(AbstractBaseUser, PermissionsMixin):
    """Anyone Magellan knows: EIG, porteurs, sponsors, coachs, parrains, intervenants, alumni.

    The e-mail is the identifier to log in; people imported from the public site may have none yet,
    until a coach invites them.
    """

    email = models.EmailField(
        "adresse électronique", unique=True, null=True, blank=True,
        error_messages={
            "unique": "Cette adresse électronique est déjà celle d'une autre personne.",
            "invalid": "Saisissez une adresse électronique valide, par exemple prenom.nom@domaine.gouv.fr.",
        },
        help_text="Seuls les coachs la changent, dans l'administration ; l'historique garde l'ancienne.",
    )
    prenom = models.CharField("prénom", max_length=150)
    nom_usage = models.CharField("nom d'usage", max_length=150, blank=True)
    slug = models.SlugField(
        "identifiant public", max_length=200, unique=True, null=True, blank=True,
        help_text="Nom du fichier de la personne sur le site public (import).",
    )
    fonction = models.CharField("fonction", max_length=200, blank=True)
    expertises = models.ManyToManyField("Expertise", blank=True, related_name="personnes", verbose_name="métiers")
    image = models.CharField("image", max_length=300, blank=True)
    linkedin = models.URLField("LinkedIn", max_length=300, blank=True)
    github = models.URLField("GitHub", max_length=300, blank=True)
    presentation = models.TextField("présentation", blank=True)
    domaines = models.ManyToManyField(
        "Domaine", blank=True, related_name="personnes", verbose_name="domaines d'expertise",
        help_text="Pour les parrains et marraines : les domaines où l'annuaire les présente.",
    )
    # What the person chose to show in the annuaire de la communauté: nothing until they say so.
    annuaire_photo = models.BooleanField("montrer ma photo dans l'annuaire", default=False)
    annuaire_presentation = models.BooleanField("montrer ma présentation dans l'annuaire", default=False)
    annuaire_liens = models.BooleanField("montrer mes liens (LinkedIn, GitHub) dans l'annuaire", default=False)
    annuaire_courriel = models.BooleanField("montrer mon adresse électronique dans l'annuaire", default=False)
    # The photo the person uploaded for the annuaire (programme.photos), kept in the private storage and served
    # only by the annuaire's photo view.
    photo = models.FileField("photo de l'annuaire", storage=stockage_prive, upload_to=chemin_photo, max_length=300,
                             blank=True)
    is_staff = models.BooleanField(
        "statut d'équipe", default=False,
        help_text="Sans effet : l'administration s'ouvre aux seules personnes qui ont un rôle de coach.",
    )
    is_active = models.BooleanField("active", default=True)
    date_joined = models.DateTimeField("inscrite le", default=timezone.now)

    objects = PersonneManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["prenom"]

    class Meta:
        verbose_name = "personne"
        ordering = ["nom_usage", "prenom"]
        indexes = [models.Index(fields=["nom_usage", "prenom"])]
        constraints = [
            models.UniqueConstraint(
                Lower("email"), name="personne_email_unique_sans_casse",
                violation_error_message="Cette adresse électronique est déjà celle d'une autre personne.",
            ),
        ]

    def __str__(self):
        return self.nom_complet or (self.email or f"Personne {self.pk}")

    def has_perm(self, perm, obj=None):
        """Only the rules decide (rules.py): unlike Django's default, no `is_superuser` flag grants everything."""
        return self.is_active and any(
            hasattr(backend, "has_perm") and backend.has_perm(self, perm, obj) for backend in auth.get_backends()
        )

    def has_module_perms(self, app_label):
        return self.is_active and any(
            hasattr(backend, "has_module_perms") and backend.has_module_perms(self, app_label)
            for backend in auth.get_backends()
        )

    def set_password(self, raw_password):
        """Login is by a code sent by e-mail: a password can only be made unusable, never set."""
        if raw_password is not None:
            raise ValidationError(SANS_MOT_DE_PASSE)
        super().set_password(None)

    @property
    def nom_complet(self):
        return f"{self.prenom} {self.nom_usage}".strip()

    def get_full_name(self):
        return self.nom_complet

    def get_short_name(self):
        return self.prenom


JOURS_OUVRES = [(0, "lundi"), (1, "mardi"), (2, "mercredi"), (3, "jeudi"), (4, "vendredi")]
# A round closes before the next one opens, two weeks later.
METEO_DUREE_MAX_JOURS = 13
GROUPES_TAILLE_MIN = 4
GROUPES_TAILLE_MAX = 6


class Promotion(models.Model):
    """A yearly promotion of EIG: 10 months, four phases, its own settings."""

    nom = models.CharField("nom", max_length=100, unique=True, help_text="Par exemple « Promotion 7 ».")
    numero = models.PositiveSmallIntegerField("numéro", null=True, blank=True)
    date_debut = models.DateField("date de début", null=True, blank=True)
    date_fin = models.DateField("date de fin", null=True, blank=True)
    plafond_heures_acceleration = models.DecimalField(
        "plafond mensuel d'heures d'accélération", max_digits=4, decimal_places=2, default=5,
        help_text="Par parrain ou marraine et par mois.",
    )
    meteo_jour = models.PositiveSmallIntegerField(
        "jour de la météo entrepreneuriale", choices=JOURS_OUVRES, default=4,
        help_text="Une vague s'ouvre ce jour-là à midi, à la cadence de la météo.",
    )
    meteo_ancre = models.DateField(
        "semaine de référence de la météo", null=True, blank=True,
        help_text="Une date de la semaine de la première vague ; les suivantes en découlent. "
                  "Vide : la semaine du début de la promotion.",
    )
    meteo_duree_jours = models.PositiveSmallIntegerField(
        "durée d'une vague de météo (jours)", default=7,
        help_text="Les EIG qui n'ont pas répondu sont relancés avant la clôture, au délai configuré.",
    )
    groupes_taille = models.PositiveSmallIntegerField(
        "taille visée des groupes pluridisciplinaires", default=5,
        help_text="Le nombre de personnes visé par groupe, dans les bornes que la composition des groupes accepte.",
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["-numero", "nom"]
        constraints = [
            models.CheckConstraint(
                condition=Q(date_fin__isnull=True) | Q(date_debut__isnull=True)
                | Q(date_fin__gt=models.F("date_debut")),
                name="promotion_fin_apres_debut",
                violation_error_message="La fin de la promotion doit être après son début.",
            ),
            models.CheckConstraint(
                condition=Q(plafond_heures_acceleration__gte=0), name="promotion_plafond_positif",
                violation_error_message="Le plafond d'heures d'accélération ne peut pas être négatif.",
            ),
            models.CheckConstraint(
                condition=Q(meteo_jour__lte=4), name="promotion_meteo_jour_ouvre",
                violation_error_message="La météo s'ouvre un jour ouvré, du lundi au vendredi.",
            ),
            models.CheckConstraint(
                condition=Q(meteo_duree_jours__gte=1, meteo_duree_jours__lte=METEO_DUREE_MAX_JOURS),
                name="promotion_meteo_duree_dans_la_quinzaine",
                violation_error_message=f"Une vague dure de 1 à {METEO_DUREE_MAX_JOURS} jours : elle se clôt avant "
                                        "l'ouverture de la suivante.",
            ),
            models.CheckConstraint(
                condition=Q(groupes_taille__gte=GROUPES_TAILLE_MIN, groupes_taille__lte=GROUPES_TAILLE_MAX),
                name="promotion_groupes_taille_bornee",
                violation_error_message=f"Un groupe compte de {GROUPES_TAILLE_MIN} à {GROUPES_TAILLE_MAX} personnes.",
            ),
        ]

    def __str__(self):
        return self.nom

    def clean(self):
        dates_verifier(self, ["date_debut", "date_fin", "meteo_ancre"])

    def phase_en_cours(self, jour=None):
        """The current phase: the one whose dates contain `jour` (today in Paris by default), read from the
        phases (prefetched when the caller did). None before the first phase starts, after the last one ends,
        between two phases that leave a gap, and for phases without dates: a page that needs a phase anyway
        (the evaluations board) shows phase 1 then, a session or a carnet entry keeps no phase."""
        jour = jour or timezone.localdate()
        return next((phase for phase in self.phases.all() if phase.contient(jour)), None)


class Phase(models.Model):
    """One of the four phases of a promotion, each closed by a comité d'évaluation."""

    REFERENTIEL = {
        1: ("Valider l'hypothèse", "Comprendre, prototyper, aligner", 2),
        2: ("Prouver le concept", "Rechercher, tester, valider", 3),
        3: ("Prouver la valeur", "Incrémenter, impliquer, mesurer", 3),
        4: ("Amplifier l'impact", "Déployer, communiquer, accroître", 2),
    }
    NUMEROS = [(n, f"Phase {n} – {nom}") for n, (nom, _d, _m) in REFERENTIEL.items()]

    promotion = models.ForeignKey(Promotion, on_delete=models.CASCADE, related_name="phases")
    numero = models.PositiveSmallIntegerField("numéro", choices=NUMEROS)
    nom = models.CharField("nom", max_length=100)
    devise = models.CharField("devise", max_length=200, blank=True)
    duree_mois = models.PositiveSmallIntegerField("durée (mois)")
    date_debut = models.DateField("début", null=True, blank=True)
    date_fin = models.DateField("fin", null=True, blank=True)

    class Meta:
        ordering = ["promotion", "numero"]
        constraints = [
            models.UniqueConstraint(
                fields=["promotion", "numero"], name="phase_unique_par_promotion",
                violation_error_message="Cette promotion a déjà une phase de ce numéro.",
            ),
            models.CheckConstraint(
                condition=Q(numero__gte=1, numero__lte=4), name="phase_numero_du_referentiel",
                violation_error_message="Ce numéro de phase n'existe pas dans le programme.",
            ),
            models.CheckConstraint(
                condition=Q(date_fin__isnull=True) | Q(date_debut__isnull=True)
                | Q(date_fin__gte=models.F("date_debut")),
                name="phase_fin_apres_debut",
                violation_error_message="La fin de la phase ne peut pas précéder son début.",
            ),
        ]

    def __str__(self):
        return f"{self.promotion} · phase {self.numero} – {self.nom}"

    def contient(self, jour) -> bool:
        """Whether `jour` lies within the phase, its first and last days included; a phase without dates
        contains no day. `Promotion.phase_en_cours` asks this of each phase."""
        return bool(self.date_debut and self.date_fin and self.date_debut <= jour <= self.date_fin)

    def clean(self):
        dates_verifier(self, ["date_debut", "date_fin"])


class Competence(models.Model):
    """A compétence used in a phase by EIG or by porteurs: the skill grid of the carnet de bord."""

    class Public(models.TextChoices):
        EIG = "eig", "EIG"
        PORTEUR = "porteur", "Porteurs et porteuses de projet"

    phase = models.PositiveSmallIntegerField("phase", choices=Phase.NUMEROS)
    public = models.CharField("public", max_length=10, choices=Public.choices)
    nom = models.CharField("nom", max_length=150)
    ordre = models.PositiveSmallIntegerField("ordre", default=0)

    class Meta:
        verbose_name = "compétence"
        ordering = ["phase", "public", "ordre", "nom"]
        constraints = [
            models.UniqueConstraint(
                fields=["phase", "public", "nom"], name="competence_unique",
                violation_error_message="Cette compétence existe déjà pour cette phase et ce public.",
            ),
        ]

    def __str__(self):
        return self.nom


class Administration(models.Model):
    """A host administration (ministère, direction, opérateur)."""

    nom = models.CharField("nom", max_length=300, unique=True)
    sigle = models.CharField("sigle", max_length=50, blank=True)

    class Meta:
        ordering = ["nom"]

    def __str__(self):
        return self.nom


class Expertise(models.Model):
    """A métier: Développement, Design, Data science…"""

    nom = models.CharField("nom", max_length=100, unique=True)

    class Meta:
        verbose_name = "métier"
        ordering = ["nom"]

    def __str__(self):
        return self.nom


class Domaine(models.Model):
    """A domain of expertise of the DINUM ecosystem's parrains and marraines, grouped as the seed deck does
    (programme.referentiel.DOMAINES, loaded by `domaines_charger`)."""

    class Famille(models.TextChoices):
        DESIGN = "design", "Design"
        INGENIERIE = "ingenierie", "Ingénierie"
        INTERET_GENERAL = "interet_general", "Intérêt général"
        INNOVATION_OUVERTE = "innovation_ouverte", "Innovation ouverte"

    famille = models.CharField("famille", max_length=20, choices=Famille.choices)
    nom = models.CharField("nom", max_length=100, unique=True)
    ordre = models.PositiveSmallIntegerField("ordre", default=0)

    class Meta:
        verbose_name = "domaine d'expertise"
        verbose_name_plural = "domaines d'expertise"
        ordering = ["ordre", "nom"]

    def __str__(self):
        return self.nom


class Theme(models.Model):
    """A thématique of défis: Justice, Santé, Environnement…"""

    nom = models.CharField("nom", max_length=100, unique=True)

    class Meta:
        verbose_name = "thème"
        ordering = ["nom"]

    def __str__(self):
        return self.nom


class Role(models.Model):
    """What a person is in a promotion. One person may hold several roles, in several promotions."""

    class Type(models.TextChoices):
        COACH = "coach", "Coach"
        EIG = "eig", "EIG"
        PORTEUR = "porteur", "Porteur ou porteuse de projet"
        SPONSOR = "sponsor", "Sponsor"
        PARRAIN = "parrain", "Parrain ou marraine"
        INTERVENANT = "intervenant", "Intervenant ou intervenante"
        ALUMNI = "alumni", "Alumni"

    personne = models.ForeignKey(Personne, on_delete=models.CASCADE, related_name="roles")
    promotion = models.ForeignKey(
        Promotion, on_delete=models.CASCADE, related_name="roles", null=True, blank=True,
        help_text="Vide pour un rôle valable dans tout le programme (équipe du programme, alumni).",
    )
    type = models.CharField("rôle", max_length=20, choices=Type.choices)
    created_at = models.DateTimeField("donné le", auto_now_add=True)
    history = HistoricalRecords(excluded_fields=["created_at"])

    class Meta:
        verbose_name = "rôle"
        ordering = ["promotion", "type"]
        constraints = [
            models.UniqueConstraint(
                fields=["personne", "promotion", "type"], name="role_unique_par_promotion",
                violation_error_message="Cette personne a déjà ce rôle dans cette promotion.",
            ),
            models.UniqueConstraint(
                fields=["personne", "type"], condition=Q(promotion__isnull=True), name="role_unique_hors_promotion",
                violation_error_message="Cette personne a déjà ce rôle dans tout le programme.",
            ),
        ]
        indexes = [models.Index(fields=["promotion", "type"])]

    def __str__(self):
        if self.promotion_id:
            return f"{self.get_type_display()} · {self.promotion}"
        return f"{self.get_type_display()} · tout le programme"


class Invitation(models.Model):
    """A coach's invitation to a role: the invited address receives a single-use link. The role is created when
    that link is followed, never before: an invitation gives nothing to whoever holds the address meanwhile."""

    personne = models.ForeignKey(Personne, on_delete=models.CASCADE, related_name="invitations")
    email = models.EmailField(
        "adresse invitée", help_text="Le lien ne vaut que tant que la personne a encore cette adresse."
    )
    promotion = models.ForeignKey(
        Promotion, on_delete=models.CASCADE, related_name="invitations", null=True, blank=True,
        help_text="Vide pour un rôle valable dans tout le programme.",
    )
    type_role = models.CharField("rôle proposé", max_length=20, choices=Role.Type.choices)
    role = models.ForeignKey(
        Role, on_delete=models.SET_NULL, related_name="invitations", null=True, blank=True,
        verbose_name="rôle donné", help_text="Créé quand la personne suit le lien de l'invitation.",
    )
    jeton_hache = models.CharField("empreinte du jeton", max_length=64, unique=True)
    invitee_par = models.ForeignKey(
        Personne, on_delete=models.SET_NULL, null=True, blank=True, related_name="invitations_envoyees",
        verbose_name="invitée par",
    )
    created_at = models.DateTimeField("envoyée le", default=timezone.now)
    expire_le = models.DateTimeField("expire le")
    acceptee_le = models.DateTimeField("acceptée le", null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(role__isnull=True) | Q(acceptee_le__isnull=False), name="invitation_role_a_l_acceptation",
                violation_error_message="Le rôle d'une invitation n'est donné qu'à son acceptation.",
            ),
        ]

    def __str__(self):
        return f"Invitation de {self.personne} ({self.role_propose})"

    @property
    def role_propose(self) -> Role:
        """The role offered, unsaved: what the e-mail and the admin name until the link is followed."""
        return Role(personne=self.personne, promotion=self.promotion, type=self.type_role)

    @property
    def est_valide(self):
        return self.acceptee_le is None and self.expire_le > timezone.now()

    @staticmethod
    def expiration_par_defaut(jours):
        return timezone.now() + datetime.timedelta(days=jours)


class Notification(models.Model):
    """One e-mail to one person, recorded before it leaves: its unique key makes sending it twice impossible,
    whether a task runs twice, is retried after a crash or is delivered twice by the broker."""

    class Categorie(models.TextChoices):
        SERVICE = "service", "Messages du service (invitations, confirmations, annulations, décisions)"
        RAPPEL_SESSION = "rappel_session", "Rappel la veille d'une session à laquelle je suis inscrite"
        RAPPEL_CARNET = "rappel_carnet", "Rappel mensuel du carnet de bord"
        RAPPEL_METEO = "rappel_meteo", "Relance de la météo entrepreneuriale quand je n'ai pas répondu"
        RAPPEL_COMITE = "rappel_comite", "Rappels des comités d'évaluation (supports, comité, rapport)"
        RESUME_HEURES = "resume_heures", "Récapitulatif mensuel des heures d'accélération"

    # Messages about one's own actions or decisions cannot be declined; reminders can.
    DECLINABLES = [
        Categorie.RAPPEL_SESSION, Categorie.RAPPEL_CARNET, Categorie.RAPPEL_METEO, Categorie.RAPPEL_COMITE,
        Categorie.RESUME_HEURES,
    ]

    class Statut(models.TextChoices):
        A_ENVOYER = "a_envoyer", "À envoyer"
        ENVOYEE = "envoyee", "Envoyée"
        ECHEC = "echec", "Échec après plusieurs tentatives"

    cle = models.CharField("clé", max_length=250, unique=True)
    destinataire = models.ForeignKey(
        Personne, on_delete=models.SET_NULL, null=True, blank=True, related_name="notifications"
    )
    adresse = models.EmailField("adresse")
    categorie = models.CharField("catégorie", max_length=20, choices=Categorie.choices, default=Categorie.SERVICE)
    sujet = models.CharField("objet", max_length=300)
    texte = models.TextField("texte", blank=True, help_text="Effacé après l'envoi : il peut porter un lien personnel.")
    html = models.TextField("HTML", blank=True)
    statut = models.CharField("statut", max_length=20, choices=Statut.choices, default=Statut.A_ENVOYER)
    tentatives = models.PositiveSmallIntegerField("tentatives", default=0)
    derniere_erreur = models.TextField("dernière erreur", blank=True)
    derniere_tentative_le = models.DateTimeField("dernière tentative le", null=True, blank=True)
    created_at = models.DateTimeField("créée le", default=timezone.now)
    envoyee_le = models.DateTimeField("envoyée le", null=True, blank=True)

    class Meta:
        verbose_name = "notification"
        ordering = ["-created_at"]
        # The worker's queue (by status), and the admin's list newest first (the tie broken by id), whole or by
        # category.
        indexes = [models.Index(fields=["statut", "created_at"]),
                   models.Index(fields=["-created_at", "-id"], name="notification_recentes"),
                   models.Index(fields=["categorie", "-created_at"], name="notif_categorie_recentes")]
        constraints = [
            models.CheckConstraint(
                condition=~Q(statut="envoyee") | Q(envoyee_le__isnull=False), name="notification_envoyee_datee",
                violation_error_message="Une notification envoyée porte sa date d'envoi.",
            ),
        ]

    def __str__(self):
        # Past the retention period only the key remains.
        return f"{self.sujet} → {self.adresse}" if self.adresse else self.cle


class RefusNotification(models.Model):
    """A kind of reminder a person chose not to receive."""

    personne = models.ForeignKey(Personne, on_delete=models.CASCADE, related_name="refus_notifications")
    categorie = models.CharField("catégorie", max_length=20, choices=Notification.Categorie.choices)

    class Meta:
        verbose_name = "rappel refusé"
        verbose_name_plural = "rappels refusés"
        constraints = [
            models.UniqueConstraint(
                fields=["personne", "categorie"], name="refus_notification_unique",
                violation_error_message="Cette personne refuse déjà cette catégorie de notifications.",
            ),
        ]

    def __str__(self):
        return f"{self.personne} · {self.get_categorie_display()}"


class SuiviCarriere(models.Model):
    """Whether an EIG worked in public service after their promotion, as known on a date: the programme's budget
    indicator « EIG toujours dans la fonction publique » reads each EIG's latest record (magellan.indicateurs)."""

    role = models.ForeignKey(
        Role, on_delete=models.CASCADE, related_name="suivis_carriere", verbose_name="EIG et sa promotion",
        limit_choices_to={"type": Role.Type.EIG, "promotion__isnull": False},
    )
    dans_la_fonction_publique = models.BooleanField(
        "dans la fonction publique", help_text="Cochée : l'EIG travaillait alors pour une administration publique.",
    )
    constate_le = models.DateField("constaté le", help_text="Le jour où cette situation était connue.")
    created_at = models.DateTimeField("saisi le", auto_now_add=True)

    class Meta:
        verbose_name = "suivi de carrière"
        verbose_name_plural = "suivis de carrière"
        ordering = ["role", "-constate_le"]
        constraints = [
            models.UniqueConstraint(
                fields=["role", "constate_le"], name="suivi_carriere_unique_par_jour",
                violation_error_message="Cet EIG a déjà un suivi de carrière constaté ce jour-là.",
            ),
        ]

    def __str__(self):
        situation = "dans la fonction publique" if self.dans_la_fonction_publique else "hors de la fonction publique"
        return f"{self.role.personne} · {situation} le {self.constate_le:%d/%m/%Y}"

    def clean(self):
        if not self.role_id:
            return
        if self.role.type != Role.Type.EIG or self.role.promotion_id is None:
            raise ValidationError({"role": "Le suivi de carrière concerne le rôle d'un EIG dans une promotion."})
        if self.constate_le is not None:
            # The indicator is about after the promotion: from its end (its start, or Magellan's first day, when
            # it has no end) to today.
            promotion = self.role.promotion
            debut = promotion.date_fin or promotion.date_debut or DEBUT_ABSOLU
            fenetre = Fenetre(debut, timezone.localdate(), f"après « {promotion} », jusqu'à aujourd'hui")
            dates_verifier(self, ["constate_le"], fenetre)
