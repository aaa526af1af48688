"""Forms of the evaluations, laid out with the project's DSFR crispy pack."""

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q

from programme.champs import ChoixMultiples
from programme.dates import fenetre_comites, verifier_date
from programme.fichiers import extensions_acceptees, fichier_verifier, formats_en_clair
from programme.models import Personne, Phase, Promotion, Role

from .models import Rapport, Support
from .models.supports import OBJECTIFS_MAX
from .selectors import StatutRapport, StatutSupport
from .services.supports import TYPES_ADMIS

TEXTE = {"rows": 4}


class FichiersInput(forms.FileInput):
    allow_multiple_selected = True


class FichiersField(forms.FileField):
    """Several files at once, each checked by its content (programme.fichiers)."""

    def __init__(self, *args, types_admis=TYPES_ADMIS, **kwargs):
        self.types_admis = types_admis
        kwargs.setdefault("widget", FichiersInput(attrs={"accept": extensions_acceptees(types_admis)}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        fichiers = data if isinstance(data, (list, tuple)) else ([data] if data else [])
        fichiers = [super(FichiersField, self).clean(fichier, initial) for fichier in fichiers if fichier]
        erreurs = []
        for fichier in fichiers:
            try:
                fichier_verifier(fichier, self.types_admis)
            except ValidationError as erreur:
                erreurs.extend(erreur.messages)
        if erreurs:
            raise ValidationError(erreurs)
        return fichiers


class SupportForm(forms.ModelForm):
    """The support's texts, and new files to attach."""

    fichiers = FichiersField(
        label="Joindre des fichiers", required=False,
        help_text=f"20 Mo au plus par fichier. Formats acceptés : {formats_en_clair(TYPES_ADMIS)}. "
                  "Le format est vérifié d'après le contenu du fichier, pas d'après son nom.",
    )

    class Meta:
        model = Support
        fields = ["reussites", "difficultes", "aide_souhaitee", "objectifs_phase_suivante"]
        widgets = {nom: forms.Textarea(attrs=TEXTE) for nom in fields}
        help_texts = {
            "reussites": "Ce qui a marché pendant la phase, ce dont l'équipe est fière.",
            "difficultes": "Ce qui a freiné l'équipe : contexte, moyens, accès, décisions attendues…",
            "aide_souhaitee": "Ce que les coachs, les parrains ou le programme pourraient apporter.",
            "objectifs_phase_suivante": "Les objectifs que l'équipe se donne pour la phase suivante.",
        }


class ObjectifForm(forms.Form):
    """One of the support's four objectives; an objective without a title is left out."""

    intitule = forms.CharField(label="Objectif", max_length=300, required=False)
    livrables = forms.CharField(label="Livrables", required=False, widget=forms.Textarea(attrs={"rows": 3}))
    indicateurs = forms.CharField(label="Indicateurs", required=False, widget=forms.Textarea(attrs={"rows": 3}))
    atteinte = forms.IntegerField(
        label="Mesure d'atteinte (%)", required=False, min_value=0, max_value=100,
        help_text="Un nombre entier de 0 à 100.",
        error_messages={"min_value": "Saisissez un pourcentage entre 0 et 100.",
                        "max_value": "Saisissez un pourcentage entre 0 et 100.",
                        "invalid": "Saisissez un nombre entier entre 0 et 100."},
    )

    def clean(self):
        donnees = super().clean()
        reste = any(donnees.get(nom) not in (None, "") for nom in ("livrables", "indicateurs", "atteinte"))
        if reste and not (donnees.get("intitule") or "").strip():
            self.add_error("intitule", "Donnez un intitulé à cet objectif, ou videz ses autres champs.")
        return donnees

    @classmethod
    def pour_support(cls, support, data=None):
        """The `OBJECTIFS_MAX` objective forms, filled from the support's objectives by rank."""
        existants = {o.rang: o for o in support.objectifs.all()} if support else {}
        formulaires = []
        for rang in range(1, OBJECTIFS_MAX + 1):
            objectif = existants.get(rang)
            initial = {nom: getattr(objectif, nom) for nom in ("intitule", "livrables", "indicateurs", "atteinte")} \
                if objectif else {}
            formulaire = cls(data, prefix=f"objectif{rang}", initial=initial)
            formulaire.rang = rang
            formulaires.append(formulaire)
        return formulaires


class ComiteForm(forms.Form):
    """A coach plans a comité: date, length, link, coaches and participants."""

    debut = forms.DateTimeField(
        label="Date et heure", help_text="Heure de Paris.", input_formats=["%Y-%m-%dT%H:%M"],
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    duree_minutes = forms.IntegerField(label="Durée (minutes)", min_value=15, max_value=480)
    lien_visio = forms.URLField(
        label="Lien de visioconférence", required=False, max_length=500, assume_scheme="https",
        help_text="Format attendu : https://…",
    )
    coachs = ChoixMultiples(
        label="Coachs du comité", queryset=Personne.objects.none(), required=False,
        widget=forms.CheckboxSelectMultiple, help_text="Ils rédigent ensuite le rapport d'évaluation.",
    )
    participants = ChoixMultiples(
        label="Participants", queryset=Personne.objects.none(), required=False, widget=forms.CheckboxSelectMultiple,
        help_text="Par défaut, l'équipe du défi (EIG et porteurs). Chacun retrouve le comité dans son agenda.",
    )

    def __init__(self, *args, comite, **kwargs):
        initial = {
            "debut": comite.debut, "duree_minutes": comite.duree_minutes, "lien_visio": comite.lien_visio,
            "coachs": list(comite.coachs.all()), "participants": list(comite.participants.all()),
        }
        super().__init__(*args, initial=initial, **kwargs)
        self.fenetre = fenetre_comites(comite.defi.promotion)
        promotion = comite.defi.promotion_id
        self.fields["coachs"].queryset = Personne.objects.filter(
            Q(roles__type=Role.Type.COACH, roles__promotion=promotion)
            | Q(roles__type=Role.Type.COACH, roles__promotion__isnull=True)
            | Q(pk__in=[c.pk for c in comite.coachs.all()])
        ).distinct().order_by("nom_usage", "prenom")
        self.fields["participants"].queryset = Personne.objects.filter(
            Q(equipes__defi=comite.defi_id) | Q(pk__in=[p.pk for p in comite.participants.all()])
        ).distinct().order_by("nom_usage", "prenom")

    def clean_debut(self):
        debut = self.cleaned_data["debut"]
        verifier_date(debut, self.fenetre)
        return debut


class RapportForm(forms.ModelForm):
    """The rapport's texts and orientation."""

    class Meta:
        model = Rapport
        fields = ["synthese", "reussites", "points_attention", "recommandations", "orientation"]
        widgets = {
            **{nom: forms.Textarea(attrs=TEXTE) for nom in ["synthese", "reussites", "points_attention",
                                                          "recommandations"]},
            "orientation": forms.RadioSelect,
        }
        help_texts = {
            "synthese": "L'essentiel du comité, en quelques phrases : obligatoire pour publier.",
            "orientation": "Obligatoire pour publier.",
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["orientation"].choices = Rapport.Orientation.choices
        self.fields["orientation"].required = bool(self.instance.pk and self.instance.est_publie)


class AtteinteForm(forms.Form):
    """The coaches' measure of one objective of the support."""

    pourcentage = forms.IntegerField(
        label="Atteinte (%)", required=False, min_value=0, max_value=100, help_text="Un nombre entier de 0 à 100.",
        error_messages={"min_value": "Saisissez un pourcentage entre 0 et 100.",
                        "max_value": "Saisissez un pourcentage entre 0 et 100.",
                        "invalid": "Saisissez un nombre entier entre 0 et 100."},
    )
    commentaire = forms.CharField(label="Commentaire", required=False, widget=forms.Textarea(attrs={"rows": 3}))

    @classmethod
    def pour_rapport(cls, objectifs, rapport, data=None):
        """One form per objective of the support, filled from the rapport's measures."""
        existantes = {a.objectif_id: a for a in rapport.atteintes.all()} if rapport else {}
        formulaires = []
        for objectif in objectifs:
            atteinte = existantes.get(objectif.pk)
            initial = {"pourcentage": atteinte.pourcentage, "commentaire": atteinte.commentaire} if atteinte else {}
            formulaire = cls(data, prefix=f"atteinte{objectif.pk}", initial=initial)
            formulaire.objectif = objectif
            formulaires.append(formulaire)
        return formulaires


class FiltreTableauForm(forms.Form):
    """The board's filters: promotion, phase, statuses, a word of the défi's title."""

    promotion = forms.ModelChoiceField(label="Promotion", queryset=Promotion.objects.order_by("-numero", "nom"),
                                       required=False, empty_label=None)
    phase = forms.TypedChoiceField(label="Phase", choices=Phase.NUMEROS, coerce=int, required=False)
    support = forms.ChoiceField(label="Support", choices=[("", "Tous")] + StatutSupport.CHOIX, required=False)
    rapport = forms.ChoiceField(label="Rapport", choices=[("", "Tous")] + StatutRapport.CHOIX, required=False)
    recherche = forms.CharField(label="Défi", required=False, max_length=100, help_text="Un mot du titre.")
