"""Exports for coaches (see programme.exports): sessions with registrations and attendance, heures
d'accélération, carnet de bord completion, météo participation.

The carnet export says who wrote which month, never what; the météo export says who answered which round, never
the answer: those columns are not even read from the database."""

from django.db.models import Count, Q

from programme.exports import DateIso, MoisIso, Nombre, RessourceExport, colonne
from programme.models import Role

from .models import CarnetDeBord, HeureAcceleration, Inscription, ReponseMeteo, Session

REPONSE_METEO = ("meteo", "vie_equipe", "epanouissement", "reussites", "difficultes", "souhaite_echanger")


class SessionResource(RessourceExport):
    """Sessions: one row per session, with its registrations and who came."""

    titre = colonne("titre", "titre")
    dispositif = colonne("dispositif__nom", "dispositif")
    promotion = colonne("promotion__nom", "promotion")
    phase = colonne("phase__numero", "phase", Nombre())
    debut = colonne("debut", "début", DateIso())
    fin = colonne("fin", "fin", DateIso())
    statut = colonne("statut", "statut")
    audience = colonne("audience", "public invité")
    capacite = colonne("capacite", "nombre de places", Nombre())
    inscrites = colonne("nb_inscrites", "inscrites", Nombre())
    attente = colonne("nb_attente", "en liste d'attente", Nombre())
    declinees = colonne("nb_declinees", "ont décliné", Nombre())
    presentes = colonne("nb_presentes", "présentes", Nombre())
    absentes = colonne("nb_absentes", "absentes", Nombre())

    class Meta(RessourceExport.Meta):
        model = Session
        name = "Sessions, inscriptions et présence"
        fields = ("titre", "dispositif", "promotion", "phase", "debut", "fin", "statut", "audience", "capacite",
                  "inscrites", "attente", "declinees", "presentes", "absentes")
        export_order = fields

    # Labels looked up in a dict: `get_statut_display` costs more on thousands of rows.
    STATUTS, AUDIENCES = dict(Session.Statut.choices), dict(Session.Audience.choices)

    def dehydrate_statut(self, session):
        return self.STATUTS.get(session.statut, session.statut)

    def dehydrate_audience(self, session):
        return self.AUDIENCES.get(session.audience, session.audience)

    def preparer(self, queryset):
        inscrite = Q(inscriptions__statut=Inscription.Statut.INSCRITE)
        # Only the columns the rows show: a promotion's 8,000 sessions are read and decoded faster.
        return queryset.select_related("dispositif", "promotion", "phase").only(
            "titre", "debut", "fin", "statut", "audience", "capacite", "dispositif__nom", "promotion__nom",
            "phase__numero",
        ).annotate(
            nb_inscrites=Count("inscriptions", filter=inscrite),
            nb_attente=Count("inscriptions", filter=Q(inscriptions__statut=Inscription.Statut.ATTENTE)),
            nb_declinees=Count("inscriptions", filter=Q(inscriptions__statut=Inscription.Statut.DECLINEE)),
            nb_presentes=Count("inscriptions", filter=inscrite & Q(inscriptions__present=True)),
            nb_absentes=Count("inscriptions", filter=inscrite & Q(inscriptions__present=False)),
        )

    @classmethod
    def pour_promotion(cls, promotion):
        return Session.objects.filter(promotion=promotion).order_by("debut", "pk")


class HeureAccelerationResource(RessourceExport):
    """Heures d'accélération: one row per entry of the ledger."""

    date = colonne("date", "date", DateIso())
    parrain = colonne("parrain", "parrain ou marraine")
    courriel = colonne("parrain__email", "courriel")
    defi = colonne("defi__titre", "défi")
    promotion = colonne("defi__promotion__nom", "promotion")
    duree = colonne("duree_minutes", "durée (minutes)", Nombre())
    sujet = colonne("sujet", "sujet")
    saisie = colonne("created_at", "saisie le", DateIso())

    class Meta(RessourceExport.Meta):
        model = HeureAcceleration
        name = "Heures d'accélération"
        fields = ("date", "parrain", "courriel", "defi", "promotion", "duree", "sujet", "saisie")
        export_order = fields

    def preparer(self, queryset):
        return queryset.select_related("parrain", "defi__promotion")

    @classmethod
    def pour_promotion(cls, promotion):
        return HeureAcceleration.objects.filter(defi__promotion=promotion).order_by("date", "pk")


class CarnetDeBordResource(RessourceExport):
    """Carnet de bord completion: one row per month an EIG wrote, never its content."""

    eig = colonne("eig", "EIG")
    courriel = colonne("eig__email", "courriel")
    mois = colonne("mois", "mois", MoisIso())
    phase = colonne("phase__numero", "phase", Nombre())
    ecrit = colonne("created_at", "écrit le", DateIso())
    modifie = colonne("updated_at", "modifié le", DateIso())

    class Meta(RessourceExport.Meta):
        model = CarnetDeBord
        name = "Carnets de bord (remplis, sans leur contenu)"
        fields = ("eig", "courriel", "mois", "phase", "ecrit", "modifie")
        export_order = fields

    def preparer(self, queryset):
        return queryset.select_related("eig", "phase").defer(*CarnetDeBord.TEXTES)

    @classmethod
    def pour_promotion(cls, promotion):
        carnets = CarnetDeBord.objects.filter(eig__roles__promotion=promotion, eig__roles__type=Role.Type.EIG)
        if promotion.date_debut and promotion.date_fin:
            carnets = carnets.filter(mois__range=(promotion.date_debut.replace(day=1), promotion.date_fin))
        return carnets.order_by("mois", "eig__nom_usage", "eig__prenom")


class ParticipationMeteoResource(RessourceExport):
    """Météo participation: one row per EIG invited to a round, answered or not — never the answer."""

    vague = colonne("vague__date", "vague du", DateIso())
    promotion = colonne("vague__promotion__nom", "promotion")
    eig = colonne("eig", "EIG")
    courriel = colonne("eig__email", "courriel")
    repondu = colonne("repondue_le", "a répondu")

    class Meta(RessourceExport.Meta):
        model = ReponseMeteo
        name = "Participation à la météo (sans les réponses)"
        fields = ("vague", "promotion", "eig", "courriel", "repondu")
        export_order = fields

    def dehydrate_repondu(self, reponse):
        return "oui" if reponse.repondue_le else "non"

    def preparer(self, queryset):
        return queryset.select_related("vague__promotion", "eig").defer(*REPONSE_METEO)

    @classmethod
    def pour_promotion(cls, promotion):
        return ReponseMeteo.objects.filter(vague__promotion=promotion).order_by("vague__date", "eig__nom_usage",
                                                                               "eig__prenom")
