"""Forms of the bureau d'aide: the team's request, and the coaches' triage (take, plan séances, close) and filters."""

import datetime

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone

from programme.dates import fenetre_absolue, verifier_date
from programme.fichiers import extensions_acceptees
from programme.models import Promotion

from ..models import DemandeAide
from ..selectors import bureau as selectors
from ..services import bureau as services

EXTENSIONS_ACCEPTEES = extensions_acceptees(services.TYPES_BUREAU)
DUREES = [(30, "30 minutes"), (45, "45 minutes"), (60, "1 heure"), (90, "1 h 30"), (120, "2 heures")]


def _mettre_en_page(formulaire, bouton, method="post"):
    """Give a form its crispy helper with one submit button."""
    formulaire.helper = FormHelper()
    formulaire.helper.form_method = method
    formulaire.helper.add_input(Submit("", bouton))


class DemandeAideForm(forms.Form):
    """A team member's request: for which défi (when they have several), the need, an optional document."""

    defi = forms.ModelChoiceField(label="Défi concerné", queryset=None, empty_label=None)
    nature = forms.ChoiceField(label="Nature du besoin", choices=DemandeAide.Nature.choices,
                               widget=forms.RadioSelect)
    description = forms.CharField(
        label="Description du besoin", widget=forms.Textarea(attrs={"rows": 6}),
        help_text="Le contexte, la question que vous vous posez, ce que vous attendez des coachs.",
    )
    document = forms.FileField(
        label="Document (facultatif)", required=False,
        help_text="Taille maximale : 20 Mo. Formats acceptés : PDF, PNG, JPEG, OpenDocument (ODT, ODS, ODP), "
                  "Office (DOCX, XLSX, PPTX).",
        widget=forms.FileInput(attrs={"accept": EXTENSIONS_ACCEPTEES}),
    )

    def __init__(self, *args, defis, **kwargs):
        super().__init__(*args, **kwargs)
        self.defis = list(defis)
        if len(self.defis) == 1:
            del self.fields["defi"]
        else:
            self.fields["defi"].queryset = defis
        _mettre_en_page(self, "Envoyer la demande")

    def defi_choisi(self):
        """The défi of the request: the one chosen, or the person's only one."""
        return self.cleaned_data["defi"] if "defi" in self.fields else self.defis[0]

    def clean_document(self):
        document = self.cleaned_data.get("document")
        if document:
            services.document_verifier(document)
        return document


class PriseEnChargeForm(forms.Form):
    """A coach takes the request, or hands it to another coach."""

    coach = forms.ModelChoiceField(label="Coach référent", queryset=None, empty_label=None,
                                   help_text="La personne qui suit la demande et anime ses séances.")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["coach"].queryset = selectors.coachs()
        _mettre_en_page(self, "Prendre en charge")


class SeanceForm(forms.Form):
    """One séance: a day, a start time in Europe/Paris, a duration, a video link or a place."""

    date = forms.DateField(label="Date", widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    heure = forms.TimeField(label="Heure de début", widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"))
    duree = forms.TypedChoiceField(label="Durée", choices=DUREES, coerce=int, initial=60)
    lien_visio = forms.URLField(label="Lien de visioconférence (facultatif)", required=False, assume_scheme="https",
                                help_text="Par exemple https://webinaire.numerique.gouv.fr/…")
    lieu = forms.CharField(label="Lieu (facultatif)", required=False, max_length=300)

    def clean_date(self):
        # The défi's promotion narrows it further when the session is written.
        date = self.cleaned_data["date"]
        verifier_date(date, fenetre_absolue())
        return date

    def seance(self):
        debut = timezone.make_aware(datetime.datetime.combine(self.cleaned_data["date"], self.cleaned_data["heure"]))
        return {"debut": debut, "fin": debut + datetime.timedelta(minutes=self.cleaned_data["duree"]),
                "lien_visio": self.cleaned_data["lien_visio"], "lieu": self.cleaned_data["lieu"]}


class BaseSeancesFormSet(forms.BaseFormSet):
    """Up to three séances at once; the blank ones are ignored, at least one is needed."""

    def clean(self):
        if not any(self.errors) and not self.seances():
            raise ValidationError("Indiquez au moins une séance : sa date et son heure.")

    def seances(self):
        return [form.seance() for form in self.forms if form.has_changed() and form.is_valid()]


SeancesFormSet = forms.formset_factory(SeanceForm, formset=BaseSeancesFormSet, extra=3)


class CloreForm(forms.Form):
    """The outcome the team will read."""

    resultat = forms.CharField(
        label="Résultat", widget=forms.Textarea(attrs={"rows": 6}),
        help_text="Ce que la demande a donné : conseils, suites, ressources. L'équipe le lira.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _mettre_en_page(self, "Clore la demande")


class FiltreFileForm(forms.Form):
    """The queue's filters: open requests by default, or by status, nature and promotion."""

    statut = forms.ChoiceField(label="Statut", required=False, choices=[
        ("", "En cours (non closes)"), ("toutes", "Toutes les demandes"), *DemandeAide.Statut.choices])
    nature = forms.ChoiceField(label="Nature", required=False,
                               choices=[("", "Toutes les natures"), *DemandeAide.Nature.choices])
    promotion = forms.ModelChoiceField(label="Promotion", queryset=Promotion.objects.all(), required=False,
                                       empty_label="Toutes les promotions")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _mettre_en_page(self, "Filtrer", method="get")
        self.helper.attrs = {"aria-label": "Filtrer les demandes"}

    def filtres(self):
        """The valid filters, as keyword arguments of the queue's selector; an unknown value is ignored."""
        if not self.is_bound:
            return {}
        self.is_valid()
        return {cle: valeur for cle, valeur in self.cleaned_data.items() if valeur}
