"""L'annuaire de la communauté: the promotions' EIG, the alumni and the DINUM ecosystem's parrains and marraines.

For every member of the programme (never anonymous visitors), so that each EIG knows whom to ask: searchable by
name, métier, domain, promotion and profile, each card saying how to reach the person (book their mentorat
slots, ask for heures d'accélération, write to them). A card carries only what the person chose to show
(photo, presentation, links, e-mail: `Personne.annuaire_*`, all hidden by default), chosen on
/espace/annuaire/, where the person also uploads, replaces or removes their photo (`programme.photos`), served
by /annuaire/photos/<pk>/ to the members it is shown to. It gathers programme (people, domains), defis (teams)
and accompagnement (mentorat slots), hence its place in magellan/.
"""

import unicodedata
from dataclasses import dataclass, field

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.db import transaction
from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET

from accompagnement.models import TypeMentorat
from accompagnement.selectors.mentorat import creneaux_libres
from defis.models import MembreEquipe
from programme.champs import ChoixMultiples
from programme.fichiers import IMAGES, TYPES, extensions_acceptees, type_du_nom
from programme.models import Domaine, Expertise, Personne, Promotion, Role
from programme.pagination import page_lue
from programme.photos import photo_aide, photo_preparer
from programme.reponses import image_privee
from programme.selectors import photo_de
from programme.services import photo_remplacer, photo_supprimer

# Six people a page (three rows of two cards) keep the directory light (EcoIndex A, bench/ecoindex.py).
PAR_PAGE = 6
NOM_MAX = 100
# What a person writes about themself for the annuaire: a few lines, not a document.
PRESENTATION_MAX = 2000


class Profil:
    """Who the annuaire shows, by the role that puts them in it."""

    EIG, ALUMNI, PARRAIN = Role.Type.EIG, Role.Type.ALUMNI, Role.Type.PARRAIN
    CHOIX = [(EIG, "EIG"), (ALUMNI, "Alumni"), (PARRAIN, "Parrains et marraines")]
    TYPES = (EIG, ALUMNI, PARRAIN)


def _domaines_groupes(domaines) -> list[tuple[str, list[Domaine]]]:
    """Domains by family, in the seed deck's order: [(famille, [domaine…])…], families without one left out."""
    groupes = {famille.label: [] for famille in Domaine.Famille}
    for domaine in sorted(domaines, key=lambda d: (d.ordre, d.nom)):
        groupes[Domaine.Famille(domaine.famille).label].append(domaine)
    return [(famille, liste) for famille, liste in groupes.items() if liste]


class RechercheAnnuaireForm(forms.Form):
    """The annuaire's search (GET): every value bounded, an unknown one ignored."""

    nom = forms.CharField(label="Nom", required=False, max_length=NOM_MAX, help_text="Prénom ou nom")
    profil = forms.ChoiceField(label="Profil", required=False, choices=[("", "Tous les profils"), *Profil.CHOIX])
    metier = forms.ModelChoiceField(label="Métier", queryset=Expertise.objects.all(), required=False,
                                    empty_label="Tous les métiers")
    domaine = forms.TypedChoiceField(label="Domaine des parrains et marraines", required=False, coerce=int,
                                     empty_value=None)
    promotion = forms.ModelChoiceField(label="Promotion", queryset=Promotion.objects.all(), required=False,
                                       empty_label="Toutes les promotions")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["domaine"].choices = [("", "Tous les domaines")] + [
            (famille, [(domaine.pk, domaine.nom) for domaine in liste])
            for famille, liste in _domaines_groupes(Domaine.objects.all())
        ]
        self.helper = FormHelper()
        self.helper.form_method = "get"
        self.helper.form_id = "recherche-annuaire"
        self.helper.attrs = {"aria-label": "Rechercher dans l'annuaire"}
        self.helper.add_input(Submit("", "Rechercher"))

    def filtres(self) -> dict:
        """The valid filters, as keyword arguments of `annuaire_chercher`; an invalid value is left out."""
        self.is_valid()
        return {nom: valeur for nom, valeur in self.cleaned_data.items() if valeur}


# Each letter and the accented letters a French name may write in its place, either case.
VARIANTES = {
    "a": "aàâäáã", "c": "cç", "e": "eéèêë", "i": "iîïíì", "o": "oôöóòõ", "u": "uùûüú", "y": "yÿý", "n": "nñ",
}


def motif_sans_accents(mot: str) -> str:
    """A regular expression finding `mot` whatever its accents and case, on SQLite as on PostgreSQL: « helene »
    and « Hélène » find « Hélène » and « HELENE » (each letter becomes the class of its accented forms, in both
    cases, since PostgreSQL's case folding of accented letters depends on the database's locale)."""
    motif = []
    for lettre in unicodedata.normalize("NFKD", mot.lower()):
        if unicodedata.combining(lettre):
            continue
        variantes = VARIANTES.get(lettre)
        if variantes:
            motif.append("[" + variantes + variantes.upper() + "]")
        elif lettre.isalnum():
            motif.append("[" + lettre + lettre.upper() + "]" if lettre.upper() != lettre else lettre)
        else:
            motif.append("\\" + lettre if not lettre.isspace() else " ")
    return "".join(motif)


def annuaire_chercher(*, nom="", profil="", metier=None, domaine=None, promotion=None) -> QuerySet[Personne]:
    """The people of the annuaire matching every given filter, by name, with what their cards need prefetched.

    `nom`: each word in the first or last name; `profil`: a role type of `Profil.TYPES`; `metier`, `promotion`:
    an Expertise and a Promotion (or their pk); `domaine`: a Domaine pk. The query count does not depend on the
    number of people.
    """
    types = [profil] if profil in Profil.TYPES else list(Profil.TYPES)
    roles = Role.objects.filter(personne=OuterRef("pk"), type__in=types)
    if promotion:
        roles = roles.filter(promotion=promotion)
    personnes = Personne.objects.filter(Exists(roles), is_active=True)
    for mot in nom.split()[:5]:
        motif = motif_sans_accents(mot)
        personnes = personnes.filter(Q(prenom__iregex=motif) | Q(nom_usage__iregex=motif))
    if metier:
        personnes = personnes.filter(Exists(Personne.expertises.through.objects.filter(
            personne=OuterRef("pk"), expertise=metier)))
    if domaine:
        personnes = personnes.filter(Exists(Personne.domaines.through.objects.filter(
            personne=OuterRef("pk"), domaine=domaine)))
    return (
        personnes
        .annotate(offre_mentorat=Exists(creneaux_libres(TypeMentorat.MENTORAT).filter(mentor=OuterRef("pk"))))
        .prefetch_related(
            "expertises", "domaines",
            Prefetch("roles", queryset=Role.objects.filter(type__in=Profil.TYPES).select_related("promotion"),
                     to_attr="roles_annuaire"),
            Prefetch("equipes", queryset=MembreEquipe.objects.filter(role=MembreEquipe.Role.EIG)
                     .select_related("defi__administration").order_by("defi__titre"), to_attr="equipes_annuaire"),
        )
        .order_by("nom_usage", "prenom", "pk")
    )


@dataclass
class Fiche:
    """One card of the annuaire: what anyone may read of a person, plus only what they chose to show."""

    personne: Personne
    profils: list[str]
    promotions: list[str]
    metiers: list[str]
    domaines: list[tuple[str, list[Domaine]]]
    defis: list = field(default_factory=list)
    photo: str = ""
    presentation: str = ""
    liens: list[tuple[str, str]] = field(default_factory=list)
    courriel: str = ""
    reserver_mentorat: str = ""
    est_parrain: bool = False

    @property
    def ancre(self) -> str:
        return f"personne-{self.personne.pk}"


def fiche_de(personne: Personne, *, url_mentorat: str = "") -> Fiche:
    """The card of a person read by `annuaire_chercher`; `url_mentorat` is the booking page, when the reader
    may book a cycle and the person offers free slots."""
    roles = personne.roles_annuaire
    types = {role.type for role in roles}
    libelles = dict(Profil.CHOIX)
    promotions = sorted({role.promotion for role in roles if role.promotion_id}, key=lambda p: (p.numero or 0, p.nom))
    return Fiche(
        personne=personne,
        profils=[libelles[type_] for type_ in Profil.TYPES if type_ in types],
        promotions=[promotion.nom for promotion in promotions],
        metiers=[expertise.nom for expertise in personne.expertises.all()],
        domaines=_domaines_groupes(personne.domaines.all()),
        defis=[(membre.defi, membre.defi.administration) for membre in personne.equipes_annuaire],
        # Only the photo the person uploaded to Magellan: the public site's images are not served.
        photo=reverse("annuaire_photo", args=[personne.pk]) if personne.annuaire_photo and personne.photo else "",
        presentation=personne.presentation if personne.annuaire_presentation else "",
        liens=[(nom, url) for nom, url in (("LinkedIn", personne.linkedin), ("GitHub", personne.github)) if url]
        if personne.annuaire_liens else [],
        courriel=(personne.email or "") if personne.annuaire_courriel else "",
        reserver_mentorat=f"{url_mentorat}#mentor-{personne.pk}" if url_mentorat and personne.offre_mentorat else "",
        est_parrain=Role.Type.PARRAIN in types,
    )


@login_required
@permission_required("programme.voir_annuaire", raise_exception=True)
def annuaire(request):
    """The annuaire: search form, then one card per person, a page at a time."""
    formulaire = RechercheAnnuaireForm(request.GET)
    page = page_lue(request, annuaire_chercher(**formulaire.filtres()), PAR_PAGE)
    lecteur = request.user
    url_mentorat = (reverse("mentorat_reserver", args=[TypeMentorat.MENTORAT])
                    if lecteur.has_perm("accompagnement.reserver_cycle", TypeMentorat.MENTORAT) else "")
    return render(request, "magellan/annuaire/annuaire.html", {
        "formulaire": formulaire, "page_obj": page,
        "fiches": [fiche_de(personne, url_mentorat=url_mentorat) for personne in page.object_list],
        "peut_demander_aide": lecteur.has_perm("accompagnement.demander_aide"),
        "fil_ariane": {"courant": "Annuaire de la communauté"},
    })


class ProfilAnnuaireForm(forms.ModelForm):
    """What a person shows of themself in the annuaire, and the photo, texts and links behind it."""

    photo = forms.FileField(
        label="Ma photo", required=False, help_text=photo_aide(),
        # The stored file is never offered as a link: the page shows the photo itself, through its view.
        widget=forms.FileInput(attrs={"accept": extensions_acceptees(IMAGES)}),
    )
    photo_supprimer = forms.BooleanField(label="Supprimer ma photo", required=False)

    class Meta:
        model = Personne
        fields = ["annuaire_photo", "annuaire_presentation", "annuaire_liens", "annuaire_courriel",
                  "presentation", "linkedin", "github", "domaines"]
        labels = {
            "annuaire_photo": "Montrer ma photo", "annuaire_presentation": "Montrer ma présentation",
            "annuaire_liens": "Montrer mes liens LinkedIn et GitHub",
            "annuaire_courriel": "Montrer mon adresse électronique",
            "presentation": "Ma présentation", "linkedin": "Mon profil LinkedIn", "github": "Mon profil GitHub",
            "domaines": "Mes domaines d'expertise",
        }
        help_texts = {
            "presentation": "Quelques lignes sur votre parcours et ce sur quoi l'on peut vous solliciter.",
            "linkedin": "Adresse complète, par exemple https://www.linkedin.com/in/votre-nom",
            "github": "Adresse complète, par exemple https://github.com/votre-nom",
            "domaines": "Les domaines où l'annuaire vous présente aux EIG.",
        }
        field_classes = {"domaines": ChoixMultiples}
        widgets = {"domaines": forms.CheckboxSelectMultiple, "presentation": forms.Textarea(attrs={"rows": 5})}

    field_order = ["annuaire_photo", "annuaire_presentation", "annuaire_liens", "annuaire_courriel", "photo",
                   "photo_supprimer"]

    def __init__(self, *args, parrain=False, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.instance.photo:
            del self.fields["photo_supprimer"]
        self.fields["presentation"].validators.append(MaxLengthValidator(PRESENTATION_MAX))
        self.fields["presentation"].widget.attrs["maxlength"] = PRESENTATION_MAX
        if parrain:
            self.fields["domaines"].queryset = Domaine.objects.all()
        else:
            del self.fields["domaines"]
        self.helper = FormHelper()
        self.helper.form_id = "profil-annuaire"
        self.helper.add_input(Submit("", "Enregistrer mes choix"))

    def clean_photo(self):
        # Checked and written anew once, here: the service stores the prepared photo as it is.
        photo = self.cleaned_data.get("photo")
        return photo_preparer(photo) if photo else photo

    def clean(self):
        donnees = super().clean()
        if donnees.get("photo") and donnees.get("photo_supprimer"):
            self.add_error("photo_supprimer", "Vous avez choisi une nouvelle photo : elle remplacera l'actuelle. "
                                              "Décochez « Supprimer ma photo », ou ne choisissez pas de fichier.")
        return donnees


def profil_annuaire_enregistrer(formulaire: ProfilAnnuaireForm) -> Personne:
    """Save what a person chose to show in the annuaire (a valid ProfilAnnuaireForm of their own profile), and
    their photo: a new one replaces the former, « Supprimer ma photo » removes it (the file leaves the storage)."""
    with transaction.atomic():
        personne = formulaire.save()
        if formulaire.cleaned_data.get("photo"):
            photo_remplacer(personne, formulaire.cleaned_data["photo"])
        elif formulaire.cleaned_data.get("photo_supprimer"):
            photo_supprimer(personne)
    return personne


@login_required
@permission_required("programme.choisir_profil_annuaire", raise_exception=True)
def profil_annuaire(request):
    """A person's choices of what the annuaire shows of them; nothing until they choose."""
    parrain = Role.objects.filter(personne=request.user, type=Role.Type.PARRAIN).exists()
    formulaire = ProfilAnnuaireForm(request.POST or None, request.FILES or None, instance=request.user,
                                    parrain=parrain)
    if request.method == "POST" and formulaire.is_valid():
        try:
            profil_annuaire_enregistrer(formulaire)
        except ValidationError as erreur:
            formulaire.add_error("photo", erreur)
        else:
            messages.success(request, "Vos choix sont enregistrés : l'annuaire montre ce que vous avez coché, "
                                      "rien d'autre.")
            return redirect("annuaire_profil")
    return render(request, "magellan/annuaire/profil.html", {
        "formulaire": formulaire,
        "photo": reverse("annuaire_photo", args=[request.user.pk]) if request.user.photo else "",
        "fil_ariane": {"liens": [{"url": reverse("espace"), "titre": "Mon espace"}],
                       "courant": "Mon profil dans l'annuaire"},
    })


@require_GET
@login_required
@permission_required("programme.voir_annuaire", raise_exception=True)
def photo(request, pk):
    """A person's annuaire photo, shown in the page only to the members it is shown to (rule
    `programme.voir_photo_annuaire`); otherwise, as when there is none, it does not exist."""
    personne = photo_de(pk)
    if personne is None or not request.user.has_perm("programme.voir_photo_annuaire", personne):
        raise Http404("Cette photo n'existe pas ou ne vous est pas montrée.")
    try:
        fichier = personne.photo.open("rb")
    except FileNotFoundError:
        raise Http404("Cette photo est introuvable.") from None
    return image_privee(fichier, TYPES[type_du_nom(personne.photo.name)].mime)
