"""Documents of the good-practice library: a practice as PDF, the blank template as a .docx."""
import io
import zipfile
from xml.sax.saxutils import escape

from flask import render_template
from flask_babel import force_locale
from flask_babel import lazy_gettext as _l

from bridge.core.competences import competences
from bridge.core.pdf import html_to_pdf

DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
FIXED_TIME = (1980, 1, 1, 0, 0, 0)
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
DOC_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
HEADER = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'

FIELDS = {
    "title": (_l("Title"), _l("A short name others will recognise.")),
    "department": (_l("Department"), _l("Where did this happen?")),
    "context": (_l("Context"), _l("Where and with whom did this happen?")),
    "challenge": (_l("Challenge"), _l("What problem or need did you face?")),
    "approach": (_l("Approach"), _l("What did you do, step by step?")),
    "tools_used": (_l("Tools used"), _l("Checklists, templates, interpreters, meetings, materials.")),
    "outcome": (_l("Outcome"), _l("What changed for staff, clients or the organisation?")),
    "evidence": (_l("Evidence"), _l("How do you know it worked?")),
    "transferability": (_l("Transferability"), _l("How could other departments or pairs use it?")),
}


def field_labels() -> dict:
    """Return the template's field labels."""
    return {name: label for name, (label, _hint) in FIELDS.items()}


def practice_pdf(practice) -> bytes:
    """Render a good practice to PDF (no external resources)."""
    html = render_template("community/practice_pdf.html", practice=practice, labels=field_labels(),
                           fields=[f for f in FIELDS if f not in ("title", "department")])
    return html_to_pdf(html)


def _run(text: str, italic: bool = False) -> str:
    props = "<w:rPr><w:i/></w:rPr>" if italic else ""
    return f'<w:r>{props}<w:t xml:space="preserve">{escape(text)}</w:t></w:r>'


def _para(text: str = "", style: str | None = None, italic: bool = False) -> str:
    props = f'<w:pPr><w:pStyle w:val="{style}"/></w:pPr>' if style else ""
    return f"<w:p>{props}{_run(text, italic) if text else ''}</w:p>"


def _body(lang: str) -> str:
    parts = [_para(str(_l("Good practice or case study")), "Title"),
             _para(str(_l("Fill in each section. Write so that a colleague in another department can follow it.")),
                   italic=True)]
    for label, hint in FIELDS.values():
        parts += [_para(str(label), "Heading1"), _para(str(hint), italic=True), _para(), _para()]
    parts.append(_para(str(_l("Competences")), "Heading1"))
    parts += [_para("\u2610 " + c.label(lang)) for c in competences()]
    return "".join(parts)


def _document_xml(lang: str) -> str:
    with force_locale(lang):
        body = _body(lang)
    return (f'{HEADER}<w:document xmlns:w="{W_NS}"><w:body>{body}'
            '<w:sectPr><w:pgSz w:w="11906" w:h="16838"/>'
            '<w:pgMar w:top="1134" w:right="1134" w:bottom="1134" w:left="1134"/></w:sectPr>'
            "</w:body></w:document>")


def _style(style_id: str, name: str, size: int, bold: bool) -> str:
    run = f'<w:rPr>{"<w:b/>" if bold else ""}<w:sz w:val="{size}"/></w:rPr>'
    return (f'<w:style w:type="paragraph" w:styleId="{style_id}"><w:name w:val="{name}"/>'
            f'<w:basedOn w:val="Normal"/><w:pPr><w:spacing w:before="240" w:after="120"/></w:pPr>{run}</w:style>')


STYLES = (f'{HEADER}<w:styles xmlns:w="{W_NS}">'
          '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/>'
          '<w:rPr><w:sz w:val="22"/></w:rPr></w:style>'
          + _style("Title", "Title", 36, True) + _style("Heading1", "heading 1", 28, True) + "</w:styles>")
CONTENT_TYPES = (f'{HEADER}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                 '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
                 '<Default Extension="xml" ContentType="application/xml"/>'
                 '<Override PartName="/word/document.xml" ContentType="application/'
                 'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
                 '<Override PartName="/word/styles.xml" ContentType="application/'
                 'vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/></Types>')
ROOT_RELS = (f'{HEADER}<Relationships xmlns="{REL_NS}"><Relationship Id="rId1" '
             f'Type="{DOC_REL}/officeDocument" Target="word/document.xml"/></Relationships>')
DOC_RELS = (f'{HEADER}<Relationships xmlns="{REL_NS}"><Relationship Id="rId1" '
            f'Type="{DOC_REL}/styles" Target="styles.xml"/></Relationships>')


def template_docx(lang: str) -> bytes:
    """Return the blank good-practice template as a .docx (same bytes for the same language)."""
    parts = [("[Content_Types].xml", CONTENT_TYPES), ("_rels/.rels", ROOT_RELS),
             ("word/document.xml", _document_xml(lang)), ("word/_rels/document.xml.rels", DOC_RELS),
             ("word/styles.xml", STYLES)]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in parts:
            info = zipfile.ZipInfo(name, date_time=FIXED_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, text.encode("utf-8"))
    return buffer.getvalue()
