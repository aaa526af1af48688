"""A rapport d'évaluation as a PDF, drawn by reportlab in pure Python.

The standard Helvetica fonts need no file and no system library; they are encoded in WinAnsi (cp1252), which
holds every French letter (é, è, à, ç, œ…) and the « » quotes. The rare character outside it is replaced.
"""

from io import BytesIO
from xml.sax.saxutils import escape

from django.utils import timezone
from django.utils.formats import date_format
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import cm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

BLEU_FRANCE = colors.HexColor("#000091")
GRIS = colors.HexColor("#dddddd")


def _texte(valeur) -> str:
    """Text safe for a reportlab Paragraph: escaped, in cp1252, line breaks kept."""
    valeur = str(valeur or "").replace("\u202f", "\u00a0").replace("\u2009", " ").replace("\r\n", "\n")
    valeur = valeur.encode("cp1252", "replace").decode("cp1252")
    return escape(valeur).replace("\n", "<br/>")


def _date(moment) -> str:
    return date_format(timezone.localtime(moment), "j F Y à H\\hi")


def _styles():
    feuille = getSampleStyleSheet()
    return {
        "titre": ParagraphStyle("titre", parent=feuille["Title"], textColor=BLEU_FRANCE, alignment=0),
        "sous_titre": ParagraphStyle("sous_titre", parent=feuille["Heading2"], spaceBefore=0),
        "section": ParagraphStyle("section", parent=feuille["Heading3"], textColor=BLEU_FRANCE, spaceBefore=10),
        "corps": ParagraphStyle("corps", parent=feuille["BodyText"], fontSize=10, leading=14),
        "cellule": ParagraphStyle("cellule", parent=feuille["BodyText"], fontSize=9, leading=12),
    }


def _pied_de_page(canvas, document):
    canvas.saveState()
    canvas.setFont("Helvetica", 8)
    canvas.setFillColor(colors.HexColor("#666666"))
    canvas.drawString(2 * cm, 1.2 * cm, _texte_brut("Magellan — programme Entrepreneurs d'intérêt général (DINUM)"))
    canvas.drawRightString(A4[0] - 2 * cm, 1.2 * cm, f"Page {document.page}")
    canvas.restoreState()


def _texte_brut(valeur) -> str:
    return str(valeur).encode("cp1252", "replace").decode("cp1252")


def rapport_en_pdf(rapport) -> bytes:
    """The rapport, its comité's facts and the measure of each objective, as an A4 PDF in French."""
    comite = rapport.comite
    defi, phase = comite.defi, comite.phase
    styles = _styles()
    tampon = BytesIO()
    document = SimpleDocTemplate(
        tampon, pagesize=A4, leftMargin=2 * cm, rightMargin=2 * cm, topMargin=2 * cm, bottomMargin=2 * cm,
        title=_texte_brut(f"Rapport d'évaluation — {defi.titre} — phase {phase.numero}"),
        author="Magellan — programme EIG (DINUM)", subject="Rapport d'évaluation", lang="fr-FR",
    )
    coachs = ", ".join(coach.nom_complet for coach in comite.coachs.all()) or "—"
    statut = (f"Publié le {_date(rapport.publie_le)}" if rapport.est_publie else "Brouillon, non publié")
    faits = [
        ["Défi", defi.titre],
        ["Promotion", str(defi.promotion)],
        ["Phase", f"{phase.numero} – {phase.nom}"],
        ["Comité", _date(comite.debut)],
        ["Coachs", coachs],
        ["Statut", statut],
        ["Orientation", rapport.get_orientation_display() or "—"],
    ]
    tableau_faits = Table(
        [[Paragraph(f"<b>{_texte(cle)}</b>", styles["cellule"]), Paragraph(_texte(valeur), styles["cellule"])]
         for cle, valeur in faits],
        colWidths=[3.5 * cm, 13.5 * cm],
    )
    tableau_faits.setStyle(TableStyle([
        ("VALIGN", (0, 0), (-1, -1), "TOP"), ("LINEBELOW", (0, 0), (-1, -1), 0.25, GRIS),
    ]))
    contenu = [
        Paragraph("Rapport d'évaluation", styles["titre"]),
        Paragraph(_texte(f"{defi.titre} · phase {phase.numero} – {phase.nom}"), styles["sous_titre"]),
        tableau_faits,
    ]
    for titre, texte in [
        ("Synthèse", rapport.synthese), ("Réussites", rapport.reussites),
        ("Points d'attention", rapport.points_attention), ("Recommandations", rapport.recommandations),
    ]:
        contenu += [Paragraph(_texte(titre), styles["section"]), Paragraph(_texte(texte or "—"), styles["corps"])]
    atteintes = sorted(rapport.atteintes.all(), key=lambda a: a.objectif.rang)
    if atteintes:
        contenu.append(Paragraph("Atteinte des objectifs", styles["section"]))
        lignes = [[Paragraph(f"<b>{_texte(t)}</b>", styles["cellule"]) for t in
                   ("Objectif", "Mesure de l'équipe", "Mesure des coachs", "Commentaire des coachs")]]
        for atteinte in atteintes:
            objectif = atteinte.objectif
            lignes.append([
                Paragraph(_texte(f"{objectif.rang}. {objectif.intitule}"), styles["cellule"]),
                Paragraph(_texte("—" if objectif.atteinte is None else f"{objectif.atteinte} %"), styles["cellule"]),
                Paragraph(_texte("—" if atteinte.pourcentage is None else f"{atteinte.pourcentage} %"),
                          styles["cellule"]),
                Paragraph(_texte(atteinte.commentaire or "—"), styles["cellule"]),
            ])
        tableau = Table(lignes, colWidths=[5.5 * cm, 2.5 * cm, 2.5 * cm, 6.5 * cm], repeatRows=1)
        tableau.setStyle(TableStyle([
            ("VALIGN", (0, 0), (-1, -1), "TOP"), ("GRID", (0, 0), (-1, -1), 0.25, GRIS),
            ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#eeeeee")),
        ]))
        contenu.append(tableau)
    contenu += [Spacer(1, 0.5 * cm), Paragraph(
        _texte(f"Document produit par Magellan le {_date(timezone.now())}."), styles["cellule"])]
    document.build(contenu, onFirstPage=_pied_de_page, onLaterPages=_pied_de_page)
    return tampon.getvalue()
