"""Forms of the carnet de bord: the EIG's monthly entry, and the coaches' choice of a promotion."""

from django import forms

from ..models import AutoEvaluation, CarnetDeBord

NIVEAUX = [(valeur, f"{valeur} – {libelle}") for valeur, libelle in AutoEvaluation.Niveau.choices]
LIGNES = {"mot_coachs": 3}


class CarnetForm(forms.Form):
    """The month's entry: the texts of `CarnetDeBord` (questions, helps and bounds read from the model, in its
    sections), last month's objectives reviewed only when there were some, and one level per compétence of the
    running phase."""

    def __init__(self, *args, competences, avec_revue, **kwargs):
        super().__init__(*args, **kwargs)
        self.competences = competences
        for nom in CarnetDeBord.TEXTES:
            if nom == "revue_objectifs" and not avec_revue:
                continue
            self.fields[nom] = CarnetDeBord._meta.get_field(nom).formfield(
                widget=forms.Textarea(attrs={"rows": LIGNES.get(nom, 4)}),
            )
        self.fields["objectifs"].error_messages["required"] = "Indiquez vos objectifs du mois."
        for competence in competences:
            self.fields[self.nom_du_champ(competence)] = forms.TypedChoiceField(
                label=competence.nom, choices=NIVEAUX, coerce=int, widget=forms.RadioSelect,
                error_messages={"required": f"Choisissez votre niveau pour « {competence.nom} »."},
            )

    @staticmethod
    def nom_du_champ(competence):
        return f"competence_{competence.pk}"

    @staticmethod
    def initial_depuis(carnet):
        """The form's initial values from an existing entry."""
        if carnet is None:
            return {}
        initial = {champ: getattr(carnet, champ) for champ in CarnetDeBord.TEXTES}
        initial.update({f"competence_{e.competence_id}": e.niveau for e in carnet.evaluations.all()})
        return initial

    def _champs(self, noms):
        return [self[nom] for nom in noms if nom in self.fields]

    def champs_du_mois(self):
        return self._champs(CarnetDeBord.TEXTES_DU_MOIS)

    def champs_de_trajectoire(self):
        return self._champs(CarnetDeBord.TEXTES_DE_TRAJECTOIRE)

    def champs_competences(self):
        return [self[self.nom_du_champ(competence)] for competence in self.competences]

    def textes(self):
        return {champ: self.cleaned_data.get(champ, "") for champ in CarnetDeBord.TEXTES}

    def niveaux(self):
        return {competence: self.cleaned_data[self.nom_du_champ(competence)] for competence in self.competences}


class ChoixPromotionForm(forms.Form):
    """Which promotion a coaches' page shows (GET), drawn by includes/choix_promotion.html."""

    # The form's accessible name.
    libelle = "Choisir la promotion"
    promotion = forms.TypedChoiceField(label="Promotion", coerce=int, required=False)

    def __init__(self, *args, promotions, **kwargs):
        super().__init__(*args, **kwargs)
        self.promotions = {promotion.pk: promotion for promotion in promotions}
        self.fields["promotion"].choices = [(promotion.pk, str(promotion)) for promotion in promotions]

    def promotion_choisie(self):
        """The chosen promotion, or None when none (or an unknown one) was chosen."""
        return self.promotions.get(self.cleaned_data.get("promotion")) if self.is_valid() else None
