"""Forms of the sessions: a coach's session form, its cancellation, the attendance sheet, the list's filters."""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.db.models import Q

from defis.models import Defi
from programme.champs import ChoixMultiples
from programme.dates import FORMAT_MOIS, mois_en_clair, mois_lu
from programme.models import Personne, Promotion, Role

from ..models import Dispositif, Session
from ..selectors.sessions import mois_de

FORMAT_DATETIME_LOCAL = "%Y-%m-%dT%H:%M"


class ChampDateHeure(forms.DateTimeInput):
    """The browser's own date and time picker, accessible with the keyboard; read in Paris time."""

    input_type = "datetime-local"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format=FORMAT_DATETIME_LOCAL)


GROUPES_SESSION = [
    ("La session", ["dispositif", "titre", "description"]),
    ("Quand et où", ["debut", "fin", "lieu", "lien_visio"]),
    ("Qui", ["facilitateurs", "audience", "defi", "expertise", "invites", "capacite"]),
]


class SessionForm(forms.ModelForm):
    """A coach creates or changes a session of a promotion."""

    class Meta:
        model = Session
        fields = ["dispositif", "titre", "description", "debut", "fin", "lieu", "lien_visio", "facilitateurs",
                  "audience", "defi", "expertise", "invites", "capacite"]
        field_classes = {"facilitateurs": ChoixMultiples, "invites": ChoixMultiples}
        labels = {
            "dispositif": "Dispositif", "titre": "Titre", "description": "Description", "debut": "Début",
            "fin": "Fin", "lieu": "Lieu", "lien_visio": "Lien de visioconférence", "facilitateurs": "Animée par",
            "audience": "Public invité", "defi": "Défi invité", "expertise": "Métier invité",
            "invites": "Personnes invitées", "capacite": "Nombre de places",
        }
        help_texts = {
            "titre": "Tel que les invités le liront, par exemple « Conférence : mesurer l'impact d'un service ».",
            "description": "Facultatif : le programme, les intervenants, ce qu'il faut apporter.",
            "debut": "Date et heure de Paris.",
            "fin": "Date et heure de Paris, après le début.",
            "lieu": "L'adresse, la salle ; « En ligne » pour une session à distance.",
            "lien_visio": "Facultatif. Format attendu : https://…",
            "facilitateurs": "Coachs, intervenants, parrains ou alumni qui animent la session. "
                             "Maintenez Ctrl (ou Cmd) pour en choisir plusieurs.",
            "defi": "Obligatoire si le public invité est « L'équipe d'un défi ».",
            "expertise": "Obligatoire si le public invité est « Les EIG d'un métier ».",
            "invites": "Obligatoire si le public invité est « Une liste de personnes ». "
                       "Maintenez Ctrl (ou Cmd) pour en choisir plusieurs.",
            "capacite": "Facultatif : laissez vide pour une session sans limite. Au-delà, les inscriptions "
                        "passent en liste d'attente.",
        }
        widgets = {
            "debut": ChampDateHeure(), "fin": ChampDateHeure(), "audience": forms.RadioSelect,
            "description": forms.Textarea(attrs={"rows": 4}),
        }
        error_messages = {
            "lien_visio": {"invalid": "Saisissez une adresse valide, par exemple https://visio.numerique.gouv.fr/…"},
        }

    def __init__(self, *args, promotion: Promotion, **kwargs):
        super().__init__(*args, **kwargs)
        self.promotion = promotion
        # The model checks the dates against the promotion's window, before the service is called.
        self.instance.promotion = promotion
        deja = Q(pk__in=self.instance.facilitateurs.all()) if self.instance.pk else Q(pk__in=[])
        deja_invites = Q(pk__in=self.instance.invites.all()) if self.instance.pk else Q(pk__in=[])
        de_la_promotion = Q(roles__promotion=promotion) | Q(roles__promotion__isnull=True, roles__isnull=False)
        animateurs = Q(roles__type__in=[Role.Type.COACH, Role.Type.INTERVENANT, Role.Type.PARRAIN, Role.Type.ALUMNI])
        self.fields["dispositif"].queryset = Dispositif.objects.exclude(modalite=Dispositif.Modalite.ECRIT)
        self.fields["dispositif"].empty_label = "Choisissez un dispositif"
        self.fields["facilitateurs"].queryset = Personne.objects.filter(de_la_promotion | animateurs | deja).distinct()
        self.fields["invites"].queryset = Personne.objects.filter(de_la_promotion | deja_invites).distinct()
        self.fields["defi"].queryset = Defi.objects.filter(promotion=promotion)
        self.fields["defi"].empty_label = "Aucun"
        self.fields["expertise"].empty_label = "Aucun"
        for nom in ("debut", "fin"):
            self.fields[nom].error_messages["invalid"] = ("Saisissez une date et une heure valides, "
                                                          "par exemple 16/10/2025 17:00.")

    @property
    def groupes(self):
        """The fields in three fieldsets, as the template lays them out with the DSFR pack's field template."""
        return [(legende, [self[nom] for nom in noms]) for legende, noms in GROUPES_SESSION]

    def clean_capacite(self):
        capacite = self.cleaned_data.get("capacite")
        if capacite == 0:
            raise forms.ValidationError("Prévoyez au moins une place, ou laissez vide pour une session sans limite.")
        return capacite

    def clean(self):
        # The dates and the défi or métier of an audience are the model's constraints, with their French messages.
        donnees = super().clean()
        if donnees.get("audience") == Session.Audience.LISTE and not donnees.get("invites"):
            self.add_error("invites", "Choisissez au moins une personne à inviter.")
        return donnees

    def donnees_session(self) -> dict:
        """The cleaned data as the services take them; the défi, métier or list only for their audience."""
        donnees = dict(self.cleaned_data)
        audience = donnees["audience"]
        if audience != Session.Audience.DEFI:
            donnees["defi"] = None
        if audience != Session.Audience.METIER:
            donnees["expertise"] = None
        if audience != Session.Audience.LISTE:
            donnees["invites"] = []
        return donnees


class AnnulationForm(forms.Form):
    """A coach cancels a session: the reason is sent to everyone registered."""

    motif_annulation = forms.CharField(
        label="Motif de l'annulation", widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Il figure dans l'e-mail envoyé aux personnes inscrites et en liste d'attente.",
        error_messages={"required": "Indiquez le motif de l'annulation : il est envoyé aux personnes inscrites."},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.add_input(Submit("annuler", "Annuler la session et prévenir les personnes inscrites"))


class EmargementForm(forms.Form):
    """The attendance sheet: one box per registered person."""

    presents = ChoixMultiples(
        label="Personnes présentes", queryset=Personne.objects.none(), required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Cochez les personnes venues ; les autres inscrites sont notées absentes.",
    )

    def __init__(self, *args, inscriptions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["presents"].queryset = Personne.objects.filter(pk__in=[i.personne_id for i in inscriptions])
        self.fields["presents"].initial = [i.personne_id for i in inscriptions if i.present]
        self.helper = FormHelper()
        self.helper.add_input(Submit("enregistrer", "Enregistrer les présences"))


class FiltreSessionsForm(forms.Form):
    """The filters of the coaches' list of sessions, laid out in a row by the template."""

    promotion = forms.ModelChoiceField(label="Promotion", queryset=Promotion.objects.all(), empty_label=None)
    dispositif = forms.ModelChoiceField(label="Dispositif", queryset=Dispositif.objects.all(), required=False,
                                        empty_label="Tous")
    statut = forms.ChoiceField(label="Statut", required=False, choices=[("", "Tous"), *Session.Statut.choices])
    mois = forms.CharField(label="Mois", required=False, widget=forms.Select)

    def __init__(self, *args, promotion: Promotion, **kwargs):
        super().__init__(*args, **kwargs)
        choisie = promotion
        if self.is_bound:
            try:
                choisie = self.fields["promotion"].clean(self.data.get("promotion")) or promotion
            except forms.ValidationError:
                choisie = promotion
        self.fields["promotion"].initial = promotion
        self.fields["mois"].widget.choices = [("", "Tous")] + [
            (valeur, mois_en_clair(jour)) for valeur, jour in mois_de(choisie)
        ]

    def filtres(self) -> dict:
        """The valid filters, as keyword arguments of `sessions_de_promotion` plus the promotion."""
        self.is_valid()
        return {nom: self.cleaned_data.get(nom) for nom in ("promotion", "dispositif", "statut", "mois")}

    def clean_mois(self):
        premier = mois_lu(self.cleaned_data["mois"])
        return f"{premier:{FORMAT_MOIS}}" if premier else ""
