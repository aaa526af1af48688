"""Forms of the carnet de bord: the EIG's monthly entry, and the coaches' choice of a promotion."""

from django import forms

from ..models import AutoEvaluation

CHAMPS_TEXTE = ("revue_objectifs", "objectifs", "apprentissages", "parcours", "besoins", "mot_coachs")
NIVEAUX = [(valeur, f"{valeur} – {libelle}") for valeur, libelle in AutoEvaluation.Niveau.choices]


def _texte(label, aide, requis=False, lignes=4):
    return forms.CharField(label=label, help_text=aide, required=requis, widget=forms.Textarea(attrs={"rows": lignes}))


class CarnetForm(forms.Form):
    """The month's entry: last month's objectives reviewed (when there were some), this month's objectives,
    learnings, one level per compétence of the running phase, career path, needs, a word for the coaches."""

    revue_objectifs = _texte("Où en sont ces objectifs ?",
                             "Ce qui est atteint, ce qui ne l'est pas encore, et pourquoi.")
    objectifs = _texte("Mes objectifs du mois",
                       "Deux ou trois objectifs concrets : vous les reverrez le mois prochain.", requis=True)
    apprentissages = _texte("Ce que j'ai appris",
                            "Une méthode, un outil, une façon de travailler dans l'administration…")
    parcours = _texte("Ma trajectoire de carrière",
                      "Où vous souhaitez aller après le programme, ce qui vous en rapproche.")
    besoins = _texte("Mes besoins", "Une formation, un mentorat, une mise en relation, une aide du bureau d'aide…")
    mot_coachs = _texte("Un mot pour les coachs",
                        "Ce que vous voulez leur dire ; seuls les coachs lisent votre carnet.", lignes=3)

    def __init__(self, *args, competences, avec_revue, **kwargs):
        super().__init__(*args, **kwargs)
        self.competences = competences
        if not avec_revue:
            del self.fields["revue_objectifs"]
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
        initial = {champ: getattr(carnet, champ) for champ in CHAMPS_TEXTE}
        initial.update({f"competence_{e.competence_id}": e.niveau for e in carnet.evaluations.all()})
        return initial

    def champs_competences(self):
        return [self[self.nom_du_champ(competence)] for competence in self.competences]

    def textes(self):
        return {champ: self.cleaned_data.get(champ, "") for champ in CHAMPS_TEXTE}

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
