"""The agenda as iCalendar (RFC 5545), written with the `icalendar` library.

Times go out in Europe/Paris with the zone's definition (VTIMEZONE) built from the tz database, so a
calendar that does not know the zone still places every event at the right instant, on both sides of a
daylight-saving change. UIDs are stable, SEQUENCE follows the session's revision, cancelled ones say so.
"""

import datetime
import zoneinfo

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar, Timezone, TimezoneDaylight, TimezoneStandard

from programme.dates import PARIS

PRODID = "-//DINUM//Magellan, l'accompagnement des EIG//FR"


def _decalage(zone, instant: datetime.datetime) -> datetime.timedelta:
    return instant.astimezone(zone).utcoffset()


def _changements(zone, debut: datetime.datetime, fin: datetime.datetime):
    """The instants (UTC, to the second) where the zone's offset changes within [debut, fin)."""
    instant = debut
    while instant < fin:
        suivant = instant + datetime.timedelta(days=1)
        if _decalage(zone, instant) != _decalage(zone, suivant):
            bas, haut = instant, suivant
            while haut - bas > datetime.timedelta(seconds=1):
                milieu = bas + (haut - bas) / 2
                if _decalage(zone, milieu) == _decalage(zone, bas):
                    bas = milieu
                else:
                    haut = milieu
            yield haut.replace(microsecond=0)
        instant = suivant


def _observance(zone, instant, avant, apres):
    local = instant.astimezone(zone)
    observance = TimezoneDaylight() if local.dst() else TimezoneStandard()
    # RFC 5545 §3.6.5: the onset is the local time of the change, read with the offset in force before it.
    observance.add("dtstart", (instant + avant).replace(tzinfo=None))
    observance.add("tzoffsetfrom", avant)
    observance.add("tzoffsetto", apres)
    observance.add("tzname", local.tzname())
    return observance


def vtimezone(tzid: str, debut: datetime.datetime, fin: datetime.datetime) -> Timezone:
    """The VTIMEZONE of `tzid` between two instants: the change in force at `debut`, then each one until `fin`.

    Starting from a real change (not a made-up observance with equal offsets) lets readers such as
    dateutil tell summer from winter time in the ambiguous hour of October.
    """
    zone = zoneinfo.ZoneInfo(tzid)
    debut = debut.astimezone(datetime.UTC).replace(hour=0, minute=0, second=0, microsecond=0)
    changements = list(_changements(zone, debut - datetime.timedelta(days=400), fin.astimezone(datetime.UTC)))
    anterieurs = [instant for instant in changements if instant <= debut]
    fuseau = Timezone()
    fuseau.add("tzid", tzid)
    if not anterieurs:
        decalage = _decalage(zone, debut)
        fuseau.add_component(_observance(zone, debut, decalage, decalage))
    for instant in changements[max(len(anterieurs) - 1, 0):]:
        seconde_avant = instant - datetime.timedelta(seconds=1)
        fuseau.add_component(_observance(zone, instant, _decalage(zone, seconde_avant), _decalage(zone, instant)))
    return fuseau


def _texte(valeur: str) -> str:
    """A TEXT value escaped as RFC 5545 §3.3.11 says (and as the `icalendar` library writes it)."""
    return (valeur.replace(r"\N", "\n").replace("\\", "\\\\").replace(";", r"\;").replace(",", r"\,")
            .replace("\r\n", r"\n").replace("\n", r"\n").replace("\r", r"\n"))


def _pliee(ligne: str) -> str:
    """A content line folded under 75 octets (RFC 5545 §3.1), never right after a backslash, as `icalendar` folds."""
    if len(ligne) < 75 and ligne.isascii():
        return ligne
    morceaux, courant, octets = [], [], 0
    for caractere in ligne:
        taille = len(caractere.encode())
        if courant and octets + taille >= 75:
            reporte = [courant.pop()] if len(courant) > 1 and courant[-1] in "\\^" else []
            morceaux.append("".join(courant))
            courant, octets = reporte, sum(len(c.encode()) for c in reporte)
        courant.append(caractere)
        octets += taille
    morceaux.append("".join(courant))
    return "\r\n ".join(morceaux)


def _local(instant: datetime.datetime, zone) -> str:
    return instant.astimezone(zone).strftime("%Y%m%dT%H%M%S")


def _vevent(evenement, zone, horodatage: str, site: str) -> str:
    """One VEVENT, its lines written directly (500 of them in a busy agenda: no object per property), in the order
    and with the escaping and folding of the `icalendar` library, so the feed reads the same."""
    lignes = [f"{evenement.dispositif} · {evenement.famille_libelle}"]
    if evenement.en_attente:
        lignes.append("Vous êtes sur la liste d'attente.")
    if evenement.description:
        lignes.append(evenement.description)
    if evenement.lien:
        lignes.append(f"Lien de visioconférence : {evenement.lien}")
    if evenement.url:
        lignes.append(f"Dans Magellan : {site}{evenement.url}")
    description = "\n\n".join(lignes)
    proprietes = [
        "BEGIN:VEVENT",
        f"SUMMARY:{_texte(evenement.titre)}",
        f"DTSTART;TZID={zone.key}:{_local(evenement.debut, zone)}",
        f"DTEND;TZID={zone.key}:{_local(evenement.fin, zone)}",
        f"DTSTAMP:{horodatage}",
        f"UID:{_texte(evenement.uid)}",
        f"SEQUENCE:{evenement.sequence}",
        f"CATEGORIES:{_texte(evenement.famille_libelle)}",
        f"DESCRIPTION:{_texte(description)}",
    ]
    lieu = evenement.lieu or evenement.lien
    if lieu:
        proprietes.append(f"LOCATION:{_texte(lieu)}")
    statut = "CANCELLED" if evenement.annule else "TENTATIVE" if evenement.en_attente else "CONFIRMED"
    proprietes.append(f"STATUS:{statut}")
    if evenement.url:
        proprietes.append(f"URL:{site}{evenement.url}")
    proprietes.append("END:VEVENT")
    return "".join(_pliee(propriete) + "\r\n" for propriete in proprietes)


def calendrier_ical(evenements, *, nom: str, debut: datetime.datetime, fin: datetime.datetime) -> bytes:
    """A VCALENDAR of these events, with the Europe/Paris definition covering [debut, fin) and the events."""
    zone = PARIS
    site = settings.SITE_URL.rstrip("/")
    horodatage = timezone.now().astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")
    calendrier = Calendar()
    calendrier.add("prodid", PRODID)
    calendrier.add("version", "2.0")
    calendrier.add("calscale", "GREGORIAN")
    calendrier.add("method", "PUBLISH")
    calendrier.add("x-wr-calname", nom)
    calendrier.add("x-wr-timezone", PARIS.key)
    # Subscribed calendars read these to refresh the feed every hour.
    calendrier.add("refresh-interval", datetime.timedelta(hours=1), parameters={"VALUE": "DURATION"})
    calendrier.add("x-published-ttl", "PT1H")
    debut = min([debut, *(e.debut for e in evenements)])
    fin = max([fin, *(e.fin for e in evenements)])
    calendrier.add_component(vtimezone(PARIS.key, debut - datetime.timedelta(days=1), fin + datetime.timedelta(days=1)))
    # The calendar and its zone by the library, the events written directly before its last line.
    entete = calendrier.to_ical()
    fin_du_calendrier = b"END:VCALENDAR\r\n"
    evenements_ical = "".join(_vevent(evenement, zone, horodatage, site) for evenement in evenements)
    return entete.removesuffix(fin_du_calendrier) + evenements_ical.encode() + fin_du_calendrier
