"""Helpers of the fuzz test (tests/magellan/test_fuzz.py): the world with an object behind every URL parameter,
the pages found by the URL resolver and the admin, their forms and links read from the HTML, and the hypothesis
strategies that mix valid values (so a form reaches its deeper validation) with hostile ones."""

import datetime
import inspect
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import parse_qsl, urlsplit

from django.contrib import admin
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import Resolver404, URLResolver, get_resolver, resolve, reverse
from django.utils import timezone
from hypothesis import strategies as st

from accompagnement.factories import (
    CreneauFactory,
    CycleFactory,
    DemandeAideFactory,
    HeureAccelerationFactory,
    InscriptionFactory,
    SessionFactory,
)
from accompagnement.models import AlerteMeteo, Session, TypeMentorat
from accompagnement.services.agenda import jeton_agenda_creer
from accompagnement.services.meteo import jeton_reponse
from evaluations.factories import ComiteFactory, ObjectifFactory, PieceJointeFactory, RapportFactory, SupportFactory
from magellan.exports import EXPORTS
from magellan.selectors_tableau import VOLETS
from programme.factories import ExpertiseFactory
from ressources.factories import RessourceFactory
from tests.accompagnement.outils_groupes import groupes_construits
from tests.accompagnement.outils_meteo import VagueMeteoFactory, reponse, vague_close

# What must never come back raw in an HTML page: escaped (&lt;script&gt;…) is fine.
MARQUEURS = ['<script>fuzz("xss")</script>', "<b onmouseover=fuzz()>gras</b>"]

HOSTILES = [
    *MARQUEURS,
    "x" * 1_000_000,
    "avant\x00après",
    "\u202egnp.exe\u202c \u200f مرحبا 🚀👩🏽‍💻",
    "' OR 1=1; DROP TABLE programme_personne; --",
    "",
    "   ",
    "-1",
    "-99999999999999999999999",
    "9" * 400,
    "1e309",
    "NaN",
    "0001-01-01",
    "9999-12-31",
    "0001-01-01T00:00",
    "9999-12-31T23:59:59",
    "99999-12-31",
    "2026-02-30",
    "0000-00-00",
    "2026-13",
    "abc",
    "%",
    "../../../etc/passwd",
    "http://exemple.invalid/\r\nSet-Cookie: piege=1",
    "//exemple.invalid/",
    "{{ 7|add:7 }}",
]

ABSENT = object()


@dataclass(frozen=True)
class Fichier:
    """A file to upload, built afresh for each request (an upload is read once)."""

    nom: str
    contenu: bytes
    type_mime: str

    def construire(self):
        return SimpleUploadedFile(self.nom, self.contenu, content_type=self.type_mime)


PDF_VALIDE = Fichier("document.pdf", b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n", "application/pdf")
FICHIERS_HOSTILES = [
    Fichier("vide.pdf", b"", "application/pdf"),
    Fichier("programme.exe", b"MZ\x90\x00" + b"\x00" * 64, "application/x-msdownload"),
    Fichier("faux.pdf", b'%PDF-1.4\n<script>fuzz("xss")</script>\n/JS (app.alert(1))\n%%EOF', "application/pdf"),
    Fichier(f'{MARQUEURS[0]}.pdf', PDF_VALIDE.contenu, "application/pdf"),
    Fichier("page.html", MARQUEURS[0].encode(), "text/html"),
    Fichier("a" * 300 + ".pdf", PDF_VALIDE.contenu, "application/pdf"),
]


# The world -----------------------------------------------------------------------------------------------------

def monde_construire(scenario) -> dict:
    """The matrix's scenario, plus one object behind every URL parameter and every form: a published session
    with the EIG registered and a draft, a comité with its support (an objective, a file) and rapport, a request
    to the bureau d'aide, free slots of a coach and of the parrain and a booked cycle, an hour, the month's
    groups, an open météo round with the EIG's response and a closed one with an alert."""
    promotion, personnes = scenario["promotion"], scenario["personnes"]
    eig, coach = personnes["eig"], personnes["coach"]
    session = SessionFactory(promotion=promotion, facilitateurs=[personnes["intervenant"]])
    comite = ComiteFactory(defi=scenario["defi"], numero=2, coachs=[coach],
                           debut=timezone.now() + datetime.timedelta(days=20))
    support = SupportFactory(comite=comite)
    ObjectifFactory(support=support)
    piece = PieceJointeFactory(support=support)
    RapportFactory(comite=comite)
    cycle = CycleFactory(demandeur=eig, mentor=coach)
    lundi = timezone.localdate() + datetime.timedelta(days=7 - timezone.localdate().weekday())
    premier = timezone.make_aware(datetime.datetime.combine(lundi, datetime.time(10)))
    for semaine in range(4):
        CreneauFactory(mentor=personnes["parrain"], type=TypeMentorat.MENTORAT,
                       debut=premier + datetime.timedelta(weeks=semaine))
    InscriptionFactory(session=session, personne=eig)
    SessionFactory(promotion=promotion, statut=Session.Statut.BROUILLON)
    for personne in (eig, personnes["eig_autre"]):
        personne.expertises.add(ExpertiseFactory())
    groupes = groupes_construits(promotion, [eig, personnes["eig_autre"]], timezone.localdate().replace(day=1),
                                 publies=True)
    ouverte = VagueMeteoFactory(promotion=promotion)
    a_repondre = reponse(ouverte, eig)
    AlerteMeteo.objects.create(reponse=reponse(vague_close(promotion), personnes["eig_autre"], meteo=1),
                               motif=AlerteMeteo.Motif.PLUS_BAS)
    return {
        **scenario,
        "session": session,
        "comite": comite,
        "piece": piece,
        "demande": DemandeAideFactory(defi=scenario["defi"], demandeur=eig),
        "creneau": CreneauFactory(mentor=coach),
        "cycle": cycle,
        "reservation": cycle.reservations.first(),
        "heure": HeureAccelerationFactory(defi=scenario["defi"], parrain=personnes["parrain"]),
        "groupe_pairs": next(g for g in groupes if g.type == g.Type.PAIRS),
        "reponse_meteo": a_repondre,
        "jeton_meteo": jeton_reponse(a_repondre),
        "alerte": AlerteMeteo.objects.get(),
        "jeton_agenda": jeton_agenda_creer(eig),
    }


def _comite(m, **autres):
    return {"slug": m["comite"].defi.slug, "numero": m["comite"].phase.numero, **autres}


def _par_pk(cle):
    return lambda m: {"pk": m[cle].pk}


# The objects behind each named URL's parameters. A new page with parameters is added here: the test fails until
# it is.
PARAMETRES = {
    "invitation_accepter": lambda m: {"jeton": "jeton-inconnu"},
    "defi": lambda m: {"slug": m["defi"].slug},
    "heures_defi": lambda m: {"slug": m["defi"].slug},
    "defi_evaluations": lambda m: {"slug": m["defi"].slug},
    "dispositif": lambda m: {"slug": m["session"].dispositif.slug},
    **{nom: _par_pk("session") for nom in [
        "session", "session_repondre", "session_modifier", "session_annuler", "session_supprimer", "session_publier",
        "session_emargement", "session_ics"]},
    **{nom: lambda m: {"promotion_pk": m["promotion"].pk} for nom in [
        "session_creer", "calendrier_planifier", "calendrier_planifie", "calendrier_publier"]},
    "agenda_ical": lambda m: {"jeton": m["jeton_agenda"]},
    "mentorat_reserver": lambda m: [{"type_mentorat": type_mentorat} for type_mentorat in TypeMentorat.values],
    "mentorat_cycle": _par_pk("cycle"),
    "mentorat_cycle_annuler": _par_pk("cycle"),
    "mentorat_seance_annuler": _par_pk("reservation"),
    "mentorat_creneau_supprimer": _par_pk("creneau"),
    "heure_supprimer": _par_pk("heure"),
    **{nom: _par_pk("demande") for nom in [
        "bureau_aide_demande", "bureau_aide_document", "bureau_aide_prendre_en_charge", "bureau_aide_planifier",
        "bureau_aide_clore"]},
    "carnet_eig": lambda m: {"pk": m["personnes"]["eig"].pk},
    "meteo_eig": lambda m: {"pk": m["personnes"]["eig"].pk},
    "tableau_de_bord_volet": lambda m: [{"volet": volet} for volet in VOLETS],
    "meteo_repondre": _par_pk("reponse_meteo"),
    "meteo_repondre_lien": lambda m: {"jeton": m["jeton_meteo"]},
    "meteo_alerte_traiter": _par_pk("alerte"),
    "groupe_sujet_suivant": _par_pk("groupe_pairs"),
    **{nom: _comite for nom in [
        "comite", "comite_modifier", "support", "support_modifier", "support_soumettre", "support_rouvrir",
        "support_historique", "rapport", "rapport_modifier", "rapport_publier", "rapport_historique", "rapport_pdf"]},
    "piece_jointe": lambda m: _comite(m, pk=m["piece"].pk),
    "piece_jointe_supprimer": lambda m: _comite(m, pk=m["piece"].pk),
    "personne_effacer": lambda m: {"pk": m["personnes"]["alumni"].pk},
    "annuaire_photo": lambda m: {"pk": m["personnes"]["eig"].pk},
    "ressource": lambda m: {"slug": RessourceFactory(slug="fuzz", publique=True).slug},
    "ressource_image": lambda m: {"nom": "0123456789abcdef.png"},
    "export_coachs": lambda m: [{"nom": nom, "format": format} for nom in EXPORTS for format in ("csv", "xlsx")],
}


def _routes(motifs, prefixe=""):
    """(name, address pattern, parameter names) of every URL outside the admin, in the resolver's order."""
    for motif in motifs:
        if isinstance(motif, URLResolver):
            if motif.namespace != "admin":
                yield from _routes(motif.url_patterns, prefixe + str(motif.pattern))
            continue
        yield motif.name, prefixe + str(motif.pattern), set(motif.pattern.regex.groupindex)


def pages_du_site(monde) -> list[str]:
    """Every address of the site outside the admin, parameters filled from the world."""
    adresses, manquantes = [], []
    for nom, motif, parametres in _routes(get_resolver().url_patterns):
        if not parametres:
            adresses.append(reverse(nom) if nom else "/" + motif)
        elif nom in PARAMETRES:
            jeux = PARAMETRES[nom](monde)
            adresses += [reverse(nom, kwargs=jeu) for jeu in (jeux if isinstance(jeux, list) else [jeux])]
        else:
            manquantes.append(f"{nom} ({', '.join(sorted(parametres))})")
    assert not manquantes, ("Pages sans objet pour leurs paramètres, à ajouter à PARAMETRES dans "
                            f"tests/fuzz_outils.py : {', '.join(manquantes)}")
    return list(dict.fromkeys(adresses))


def pages_de_l_administration() -> list[str]:
    """Each registered model's list, add form and the change form of its first object."""
    adresses = []
    for modele in admin.site._registry:
        prefixe = f"admin:{modele._meta.app_label}_{modele._meta.model_name}"
        adresses += [reverse(f"{prefixe}_changelist"), reverse(f"{prefixe}_add")]
        premier = modele._default_manager.order_by("pk").first()
        if premier is not None:
            adresses.append(reverse(f"{prefixe}_change", args=[premier.pk]))
    return adresses


def parametres_lus_par_la_vue(page: str) -> set[str]:
    """The query parameters the page's view module reads directly (`request.GET.get("page")`), from its source."""
    module = inspect.getmodule(inspect.unwrap(resolve(urlsplit(page).path).func))
    motif = re.compile(r"""request\.GET(?:\.get\(|\.getlist\(|\[)\s*["'](\w+)["']""")
    return set(motif.findall(inspect.getsource(module)))


# Forms and links read from the HTML ----------------------------------------------------------------------------

@dataclass
class Champ:
    nom: str
    genre: str
    valeurs: list = field(default_factory=list)
    attributs: dict = field(default_factory=dict)
    multiple: bool = False


@dataclass
class Formulaire:
    """A form (or a page's query parameters) to fuzz: who sends it, where, how, and its fields by name."""

    role: str
    page: str
    methode: str
    action: str
    champs: dict
    parametres: bool = False

    def signature(self):
        """The same form on another object (the answer to another session) is the same form."""
        try:
            cible = resolve(urlsplit(self.action).path).url_name
        except Resolver404:
            cible = self.action
        return self.methode, cible, frozenset(self.champs), self.parametres

    def __str__(self):
        return f"{self.methode.upper()} {self.action} (page {self.page}, en tant que {self.role})"


class LecteurDePage(HTMLParser):
    """Reads a page's forms (inputs, selects with their options, textareas, named buttons) and its links."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.formulaires, self.liens = [], []
        self._par_id, self._courant, self._select, self._textarea = {}, None, None, None

    def _ajouter(self, attributs, genre, valeur=None):
        nom = attributs.get("name")
        cible = self._par_id.get(attributs.get("form")) or self._courant
        if not nom or cible is None:
            return None
        champ = cible["champs"].setdefault(nom, Champ(nom, genre, attributs=attributs))
        if valeur is not None:
            champ.valeurs.append(valeur)
        return champ

    def handle_starttag(self, balise, attrs):
        attributs = {cle: valeur if valeur is not None else "" for cle, valeur in attrs}
        if balise == "form":
            self._courant = {"methode": attributs.get("method", "get").lower(), "action": attributs.get("action", ""),
                             "champs": {}}
            self.formulaires.append(self._courant)
            if "id" in attributs:
                self._par_id[attributs["id"]] = self._courant
        elif balise == "input":
            genre = attributs.get("type", "text").lower()
            if genre in ("checkbox", "radio") or attributs.get("value"):
                self._ajouter(attributs, genre, attributs.get("value", "on"))
            else:
                self._ajouter(attributs, genre)
        elif balise == "button" and attributs.get("type", "submit") == "submit":
            self._ajouter(attributs, "button", attributs.get("value", ""))
        elif balise == "select":
            self._select = self._ajouter(attributs, "select")
            if self._select is not None:
                self._select.multiple = "multiple" in attributs
        elif balise == "option" and self._select is not None:
            self._select.valeurs.append(attributs.get("value", ""))
        elif balise == "textarea":
            self._textarea = self._ajouter(attributs, "textarea")
        elif balise == "a" and "?" in attributs.get("href", ""):
            self.liens.append(attributs["href"])

    def handle_data(self, donnees):
        if self._textarea is not None and donnees.strip():
            self._textarea.valeurs.append(donnees)

    def handle_endtag(self, balise):
        if balise == "form":
            self._courant = None
        elif balise == "select":
            self._select = None
        elif balise == "textarea":
            self._textarea = None


def lire_page(role, page, html) -> list[Formulaire]:
    """The page's forms, then its query parameters (those of its links to itself and those its view reads), if
    any, as one more GET form on the page itself."""
    lecteur = LecteurDePage()
    lecteur.feed(html)
    formulaires = [
        Formulaire(role, page, brut["methode"], brut["action"] or page, brut["champs"])
        for brut in lecteur.formulaires if brut["methode"] in ("get", "post")
    ]
    filtres = {nom: Champ(nom, "text") for nom in parametres_lus_par_la_vue(page)}
    for lien in lecteur.liens:
        adresse = urlsplit(lien)
        if adresse.path in ("", page):
            for nom, valeur in parse_qsl(adresse.query, keep_blank_values=True):
                filtres.setdefault(nom, Champ(nom, "text")).valeurs.append(valeur)
    if filtres:
        formulaires.append(Formulaire(role, page, "get", page, filtres, parametres=True))
    return formulaires


# Values ----------------------------------------------------------------------------------------------------------

def _entier(attributs, cle, defaut):
    try:
        return int(float(attributs.get(cle, defaut)))
    except ValueError:
        return defaut


JOURS = st.dates(datetime.date(2020, 1, 1), datetime.date(2030, 12, 31))
INSTANTS = st.datetimes(datetime.datetime(2020, 1, 1), datetime.datetime(2030, 12, 31))
TEXTES = st.text(st.characters(codec="utf-8", categories=("L", "N", "Zs", "P")), min_size=1, max_size=40)


def valeur_valide(champ: Champ):
    """What a person would send: an offered option, the shown value, or a plausible value of the field's type."""
    connues = [v for v in champ.valeurs if v != ""]
    if champ.genre in ("checkbox",):
        return st.sampled_from([connues, ABSENT])
    if champ.genre in ("radio", "select") and champ.multiple:
        return st.lists(st.sampled_from(connues or [""]), max_size=3, unique=True)
    if champ.genre in ("radio", "select", "hidden", "submit", "button"):
        return st.sampled_from(connues or [""])
    par_type = {
        "number": st.integers(_entier(champ.attributs, "min", 0), _entier(champ.attributs, "max", 100)).map(str),
        "date": JOURS.map(datetime.date.isoformat),
        "datetime-local": INSTANTS.map(lambda instant: instant.strftime("%Y-%m-%dT%H:%M")),
        "time": st.times().map(lambda heure: heure.strftime("%H:%M")),
        "month": JOURS.map(lambda jour: jour.strftime("%Y-%m")),
        "email": st.just("fuzz@exemple.fr"),
        "url": st.just("https://exemple.fr/page"),
        "file": st.just(PDF_VALIDE),
    }
    generee = par_type.get(champ.genre, TEXTES)
    return st.one_of(st.sampled_from(connues), generee) if connues else generee


def valeur_hostile(champ: Champ):
    """A hostile value: text from HOSTILES, a nonexistent choice, several values at once, or nothing at all."""
    simples = st.sampled_from(HOSTILES + ["999999999", "0"])
    if champ.genre == "file":
        return st.one_of(st.sampled_from(FICHIERS_HOSTILES), simples)
    return st.one_of(simples, st.lists(simples, min_size=2, max_size=3), st.just(ABSENT),
                     st.sampled_from(FICHIERS_HOSTILES[2:4]))


def _jeton_csrf(formulaire: Formulaire) -> dict:
    return {nom: champ.valeurs[0] for nom, champ in formulaire.champs.items() if nom == "csrfmiddlewaretoken"}


def _champs_a_remplir(formulaire: Formulaire) -> list[Champ]:
    return [champ for nom, champ in formulaire.champs.items() if nom != "csrfmiddlewaretoken"]


def valeurs_partout(formulaire: Formulaire, hostile: str) -> dict:
    """The same hostile value in every field (a hostile file in file fields)."""
    return {**_jeton_csrf(formulaire), **{
        champ.nom: FICHIERS_HOSTILES[2] if champ.genre == "file" else hostile
        for champ in _champs_a_remplir(formulaire)}}


# What every form gets at least once, whatever hypothesis draws: PostgreSQL refuses NUL in text, and markup
# must come back escaped.
PARTOUT_A_CHAQUE_FOIS = ["avant\x00après", MARQUEURS[1]]


@st.composite
def valeurs_du_formulaire(draw, formulaire: Formulaire):
    """Field values for one example: either one field hostile and the others valid (to reach the deeper
    validation), each field valid or hostile at random, or the same hostile value everywhere."""
    champs = _champs_a_remplir(formulaire)
    mode = draw(st.sampled_from(["un", "chacun", "partout"]))
    if mode == "partout" or not champs:
        return valeurs_partout(formulaire, draw(st.sampled_from(HOSTILES)))
    cible = draw(st.integers(0, len(champs) - 1))
    valeurs = _jeton_csrf(formulaire)
    for rang, champ in enumerate(champs):
        if mode == "un" and rang != cible:
            valeurs[champ.nom] = draw(valeur_valide(champ))
        elif mode == "un":
            valeurs[champ.nom] = draw(valeur_hostile(champ))
        else:
            valeurs[champ.nom] = draw(st.one_of(valeur_valide(champ), valeur_hostile(champ)))
    return valeurs


def donnees_a_envoyer(valeurs: dict) -> dict:
    """The test client's data: absent fields left out, files built afresh."""
    donnees = {}
    for nom, valeur in valeurs.items():
        if valeur is ABSENT:
            continue
        donnees[nom] = valeur.construire() if isinstance(valeur, Fichier) else valeur
    return donnees


def abrege(valeurs: dict) -> str:
    """The values of a failing example, each cut to 80 characters (a 1 MB string would drown the report)."""
    return ", ".join(f"{nom}={str(valeur)[:80]!r}" for nom, valeur in valeurs.items() if nom != "csrfmiddlewaretoken")
