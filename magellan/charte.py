"""The community's charter: its first text (the « déontologie » of the accompaniment deck — values and practices —
with the values of the coaches' documentation), and its rendering as HTML.

The text is written with three marks only, so that a coach edits it in the admin without any markup language:
« ## » starts a heading, « ### » a sub-heading, « - » a list item; a blank line separates paragraphs. Everything
else is escaped.
"""

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

CHARTE_INITIALE = """\
Cette charte dit les valeurs que partage la communauté des Entrepreneurs d'intérêt général et les pratiques qui \
rendent le travail ensemble agréable et utile. Chaque personne qui rejoint une promotion en prend connaissance ; \
une nouvelle version de la charte est proposée à la relecture de toutes et tous.

## Les valeurs

### Un service public inclusif et accessible

L'accessibilité numérique est essentielle à la promesse d'un service public numérique : depuis 2012, tous les sites \
publics doivent être conformes au Référentiel général d'amélioration de l'accessibilité (RGAA), pour que chaque \
usager et chaque usagère accède également à ses droits.

L'égalité et la diversité au sein des équipes font un service numérique d'intérêt général : le programme est \
attentif aux bonnes pratiques d'inclusion, dans le recrutement comme dans l'écriture.

### Un service public ouvert et intelligible

- L'ouverture des données : une exigence de transparence et de redevabilité de l'État, au service des réutilisations \
d'intérêt général.
- Le logiciel libre : ouvrir les codes sources facilite l'émulation entre pairs, l'échange d'expertise et le \
développement des communs numériques.
- L'explicabilité des algorithmes : les algorithmes publics qui fondent des décisions individuelles sont rendus \
intelligibles, par souci de redevabilité.

### Un service public moderne, collaboratif et responsable

- L'esprit entrepreneurial : explorer, faire émerger, adapter sa trajectoire au contexte de l'administration \
d'accueil pour y laisser une valeur durable.
- La co-construction : innover en bonne intelligence avec les parties prenantes de l'administration, dans un \
dialogue serein avec les usagers et usagères ; l'empathie et l'écoute en sont les clés.
- Le numérique écoresponsable : la consommation d'énergie du numérique croît chaque année ; chaque équipe en tient \
compte dans ses choix.

## Les pratiques

### S'adresser aux autres comme on voudrait qu'on s'adresse à nous

Lorsque vous exprimez un point de vue ou signalez un problème, vous vous adressez à des êtres humains sensibles, \
qui ont fait au mieux dans les conditions données. Réfléchissez à la formulation de votre objection et à l'effet \
qu'elle pourrait produire avant d'appuyer sur « Envoyer » ; n'hésitez pas à expliciter vos bonnes intentions.

### Dire « je ne sais pas » et savoir l'entendre

Nous avons toutes et tous des parcours, des connaissances et des compétences différents. Avant de vous lancer dans \
une explication, demandez à l'autre ce qu'elle ou il connaît déjà du sujet, et accueillez sa réponse sans jugement.

### Éviter les postures de dépositaire du savoir

Les précisions ou corrections qui ne sont pas décisives pour l'échange en cours inhibent la conversation et \
séparent celles et ceux qui savent des autres. Laissez la personne aller au bout de son raisonnement.

### Éviter de conduire à la place des autres

Apporter son aide trop vite, en suggérant des solutions à la volée, peut mener vers de fausses pistes. Votre aide \
est la bienvenue : prenez d'abord le temps de comprendre le problème.

### Développer une culture du retour

Les retours sont indispensables à l'amélioration continue de nos pratiques. En recevoir : notre travail ne définit \
pas ce que nous sommes ; écoutons ce qui est dit et rebondissons par un « oui, et » plutôt qu'un « non, mais ». En \
faire : équilibrer le positif, ce qui fonctionne moins bien, des suggestions et des questions.
"""


def charte_en_html(texte: str) -> SafeString:
    """The charter's text as HTML: headings (« ## » is a level 2, « ### » a level 3), lists and paragraphs, every
    character of the text escaped."""
    blocs, liste, paragraphe = [], [], []

    def fermer():
        if paragraphe:
            blocs.append(f"<p>{escape(' '.join(paragraphe))}</p>")
            paragraphe.clear()
        if liste:
            blocs.append("<ul>" + "".join(f"<li>{escape(element)}</li>" for element in liste) + "</ul>")
            liste.clear()

    for ligne in texte.replace("\r\n", "\n").split("\n"):
        ligne = ligne.strip()
        if not ligne:
            fermer()
        elif ligne.startswith("### "):
            fermer()
            blocs.append(f"<h3>{escape(ligne[4:].strip())}</h3>")
        elif ligne.startswith("## "):
            fermer()
            blocs.append(f"<h2>{escape(ligne[3:].strip())}</h2>")
        elif ligne.startswith("- "):
            if paragraphe:
                fermer()
            liste.append(ligne[2:].strip())
        elif liste:
            liste[-1] += " " + ligne
        else:
            paragraphe.append(ligne)
    fermer()
    return mark_safe("\n".join(blocs))  # noqa: S308 (every piece of text above is escaped)


def charte_charger(VersionCharte=None) -> None:
    """The charter's first version, when there is none yet (idempotent: a coach's later versions are kept). Given
    the historical model by the data migration, the current one otherwise."""
    if VersionCharte is None:
        from .models import VersionCharte
    if not VersionCharte.objects.exists():
        VersionCharte.objects.create(numero=1, texte=CHARTE_INITIALE, changements="Première version.")
