"""The agenda as iCalendar (RFC 5545), written with the `icalendar` library.

Times go out in Europe/Paris with the zone's definition (VTIMEZONE) built from the tz database, so a
calendar that does not know the zone still places every event at the right instant, on both sides of a
daylight-saving change. UIDs are stable, SEQUENCE follows the session's revision, cancelled ones say so.
"""

import datetime
import zoneinfo

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar, Event, Timezone, TimezoneDaylight, TimezoneStandard

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


def _vevent(evenement, zone, horodatage, site):
    vevent = Event()
    vevent.add("uid", evenement.uid)
    vevent.add("dtstamp", horodatage)
    vevent.add("dtstart", evenement.debut.astimezone(zone))
    vevent.add("dtend", evenement.fin.astimezone(zone))
    vevent.add("summary", evenement.titre)
    lieu = evenement.lieu or evenement.lien
    if lieu:
        vevent.add("location", lieu)
    if evenement.url:
        vevent.add("url", site + evenement.url)
    lignes = [f"{evenement.dispositif} · {evenement.famille_libelle}"]
    if evenement.en_attente:
        lignes.append("Vous êtes sur la liste d'attente.")
    if evenement.description:
        lignes.append(evenement.description)
    if evenement.lien:
        lignes.append(f"Lien de visioconférence : {evenement.lien}")
    if evenement.url:
        lignes.append(f"Dans Magellan : {site}{evenement.url}")
    vevent.add("description", "\n\n".join(lignes))
    vevent.add("categories", [evenement.famille_libelle])
    vevent.add("sequence", evenement.sequence)
    vevent.add("status", "CANCELLED" if evenement.annule else "TENTATIVE" if evenement.en_attente else "CONFIRMED")
    return vevent


def calendrier_ical(evenements, *, nom: str, debut: datetime.datetime, fin: datetime.datetime) -> bytes:
    """A VCALENDAR of these events, with the Europe/Paris definition covering [debut, fin) and the events."""
    zone = PARIS
    site = settings.SITE_URL.rstrip("/")
    horodatage = timezone.now().astimezone(datetime.UTC).replace(microsecond=0)
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
    for evenement in evenements:
        calendrier.add_component(_vevent(evenement, zone, horodatage, site))
    return calendrier.to_ical()
