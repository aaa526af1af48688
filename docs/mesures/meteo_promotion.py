"""Measure the coaches' météo page query on a national-scale copy, on PostgreSQL (issue 15).

Builds, once, in the database of DATABASE_URL (never the demo's): 10,000 people, EIG of 20 promotions (one of
300 EIG, the others of about 510), 50 rounds per promotion and one answer per EIG and round (about 500,000
answers); then prints EXPLAIN ANALYZE of the query of `eig_de_la_promotion_et_leur_meteo` for the 300-EIG promotion,
in the form it had before issue 15 and in its current form.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/<base> .venv/bin/python manage.py migrate
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/<base> .venv/bin/python docs/mesures/meteo_promotion.py
"""

import datetime
import os
import sys
from pathlib import Path

import django

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "magellan.settings")
django.setup()

from django.db import connection, transaction  # noqa: E402
from django.db.models import Count, OuterRef, Q, Subquery  # noqa: E402
from django.utils import timezone  # noqa: E402

from accompagnement.models import ReponseMeteo  # noqa: E402
from accompagnement.selectors.meteo import eig_de_la_promotion_et_leur_meteo  # noqa: E402
from programme.models import Personne, Promotion, Role  # noqa: E402

PROMOTIONS, PERSONNES, EIG_EN_COURS, VAGUES = 20, 10_000, 300, 50
PREFIXE = "Mesure météo"


def construire():
    if Promotion.objects.filter(nom=f"{PREFIXE} 1").exists():
        return
    assert connection.vendor == "postgresql", "Cette mesure se fait sur PostgreSQL (DATABASE_URL)."
    with transaction.atomic():
        promotions = Promotion.objects.bulk_create(
            Promotion(nom=f"{PREFIXE} {n}", numero=900 + n, date_debut=datetime.date(2006 + n, 1, 1),
                      date_fin=datetime.date(2006 + n, 10, 31)) for n in range(1, PROMOTIONS + 1))
        personnes = Personne.objects.bulk_create(
            (Personne(email=f"mesure{n}@exemple.test", prenom=f"Prénom {n}", nom_usage=f"Nom {n:05d}")
             for n in range(PERSONNES)), batch_size=2000)
        en_cours, passees = promotions[-1], promotions[:-1]
        roles = [Role(personne=p, promotion=en_cours, type=Role.Type.EIG) for p in personnes[:EIG_EN_COURS]]
        roles += [Role(personne=p, promotion=passees[rang % len(passees)], type=Role.Type.EIG)
                  for rang, p in enumerate(personnes[EIG_EN_COURS:])]
        Role.objects.bulk_create(roles, batch_size=5000)
        with connection.cursor() as curseur:
            curseur.execute("""
                INSERT INTO accompagnement_vaguemeteo (promotion_id, date, ouverte_le, fermee_le, cloturee_le)
                SELECT p.id, p.date_debut + 14 * n, (p.date_debut + 14 * n)::timestamptz,
                       (p.date_debut + 14 * n + 7)::timestamptz, (p.date_debut + 14 * n + 7)::timestamptz
                FROM programme_promotion p CROSS JOIN generate_series(0, %s - 1) n WHERE p.nom LIKE %s""",
                            [VAGUES, f"{PREFIXE} %"])
            curseur.execute("""
                INSERT INTO accompagnement_reponsemeteo (vague_id, eig_id, invitee_le, repondue_le, meteo, vie_equipe,
                    epanouissement, reussites, difficultes, souhaite_echanger)
                SELECT v.id, r.personne_id, v.ouverte_le,
                       CASE WHEN (v.id + r.personne_id) %% 5 = 0 THEN NULL ELSE v.ouverte_le + interval '1 day' END,
                       CASE WHEN (v.id + r.personne_id) %% 5 = 0 THEN NULL ELSE 1 + (v.id + r.personne_id) %% 5 END,
                       CASE WHEN (v.id + r.personne_id) %% 5 = 0 THEN NULL ELSE 3 END,
                       CASE WHEN (v.id + r.personne_id) %% 5 = 0 THEN NULL ELSE 4 END, '', '', false
                FROM accompagnement_vaguemeteo v JOIN programme_role r
                  ON r.promotion_id = v.promotion_id AND r.type = 'eig'
                JOIN programme_promotion p ON p.id = v.promotion_id WHERE p.nom LIKE %s""", [f"{PREFIXE} %"])
    with connection.cursor() as curseur:
        curseur.execute("ANALYZE")


def ancienne_forme(promotion):
    """The query as it was before issue 15: a join on the roles made distinct, and a count grouped by person."""
    leurs = ReponseMeteo.objects.filter(eig=OuterRef("pk"), vague__promotion=promotion, repondue_le__isnull=False)
    return (
        Personne.objects.filter(roles__promotion=promotion, roles__type=Role.Type.EIG).distinct()
        .annotate(derniere_meteo=Subquery(leurs.order_by("-vague__date").values("meteo")[:1]),
                  repondues=Count("reponses_meteo", filter=Q(reponses_meteo__vague__promotion=promotion,
                                                             reponses_meteo__repondue_le__isnull=False)))
        .order_by("nom_usage", "prenom")
    )


def mesurer():
    construire()
    promotion = Promotion.objects.get(nom=f"{PREFIXE} {PROMOTIONS}")
    print(f"{Personne.objects.count()} personnes, {ReponseMeteo.objects.count()} réponses à la météo ; "
          f"{promotion} : {promotion.roles.filter(type=Role.Type.EIG).count()} EIG")
    for nom, requete in (("avant", ancienne_forme(promotion)),
                         ("après", eig_de_la_promotion_et_leur_meteo(promotion).prefetch_related(None))):
        requete.explain(analyze=True)  # the first run warms the cache: the second one is shown
        debut = timezone.now()
        plan = requete.explain(analyze=True)
        print(f"\n=== {nom} ({(timezone.now() - debut).total_seconds() * 1000:.0f} ms)\n{plan}")


if __name__ == "__main__":
    mesurer()
