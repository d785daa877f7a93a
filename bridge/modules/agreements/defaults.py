"""The agreement sections and the default templates in English and German (the coordinator edits copies)."""
from bridge.core.errors import N_

SECTIONS = ("goals", "deliverables", "duration", "meeting_frequency", "confidentiality", "cooperation_rules",
            "reporting")
# Sections the tandem writes itself; the template gives guidance for them, not text.
PAIR_SECTIONS = ("goals", "deliverables")
SECTION_LABELS = {
    "goals": N_("Goals"),
    "deliverables": N_("Deliverables"),
    "duration": N_("Duration"),
    "meeting_frequency": N_("Meeting frequency"),
    "confidentiality": N_("Confidentiality"),
    "cooperation_rules": N_("Rules of cooperation"),
    "reporting": N_("Reporting duties"),
}
LANGUAGES = ("en", "de")

DEFAULTS = {
    "en": {
        "goals": "The mentee describes two to four goals for the mentoring, as concretely as possible "
                 "(what should be different at the end?).",
        "deliverables": "The mentor adds what the tandem will produce or do together, for example a "
                        "checklist for counselling sessions or two job-shadowing visits.",
        "duration": "The mentoring lasts six months from the date of signing. The tandem may agree with the "
                    "coordinator to extend it once by up to three months.",
        "meeting_frequency": "We meet at least every three weeks for about 60 to 90 minutes, on site or online. "
                             "Meetings take place during working hours.",
        "confidentiality": "Everything discussed in our meetings stays between us. Information about clients "
                           "is only shared in anonymised form. This does not apply where the law or the "
                           "organisation's rules require a report, for example when someone is at risk.",
        "cooperation_rules": "1. We are on time and prepared for each meeting.\n"
                             "2. If one of us cannot come, we cancel at least 24 hours in advance and "
                             "propose a new date.\n"
                             "3. We treat each other with respect and give honest, constructive feedback.\n"
                             "4. The mentee decides what to work on; the mentor advises and does not give "
                             "instructions.\n"
                             "5. Personal data is processed only in the workspace of this service and "
                             "according to the organisation's data-protection rules; nothing is shared with "
                             "line managers without the consent of both.\n"
                             "6. If the cooperation does not work, either of us may contact the coordinator "
                             "at any time.",
        "reporting": "After each meeting one of us records a short session report in the workspace and the "
                     "other confirms it. The coordinator sees dates, duration and ratings, not personal "
                     "notes beyond what we write in the report. At the end both fill in the final "
                     "evaluation and the mutual evaluation.",
    },
    "de": {
        "goals": "Die Mentee beschreibt zwei bis vier Ziele für das Mentoring, so konkret wie möglich "
                 "(was soll am Ende anders sein?).",
        "deliverables": "Die Mentorin bzw. der Mentor ergänzt, was das Tandem gemeinsam erarbeitet oder "
                        "unternimmt, zum Beispiel eine Checkliste für Beratungsgespräche oder zwei "
                        "Hospitationen.",
        "duration": "Das Mentoring dauert sechs Monate ab Unterzeichnung. Das Tandem kann mit der "
                    "Koordination eine einmalige Verlängerung um bis zu drei Monate vereinbaren.",
        "meeting_frequency": "Wir treffen uns mindestens alle drei Wochen für etwa 60 bis 90 Minuten, vor Ort "
                             "oder online. Die Treffen finden während der Arbeitszeit statt.",
        "confidentiality": "Was wir in unseren Treffen besprechen, bleibt unter uns. Informationen über "
                           "Klientinnen und Klienten geben wir nur anonymisiert weiter. Dies gilt nicht, wenn "
                           "Gesetz oder Dienstvorschriften eine Meldung verlangen, etwa bei Gefährdung.",
        "cooperation_rules": "1. Wir sind pünktlich und bereiten uns auf jedes Treffen vor.\n"
                             "2. Wenn eine Person nicht kommen kann, sagt sie mindestens 24 Stunden vorher ab "
                             "und schlägt einen neuen Termin vor.\n"
                             "3. Wir begegnen uns mit Respekt und geben einander ehrliches, konstruktives "
                             "Feedback.\n"
                             "4. Die Mentee bestimmt die Themen; die Mentorin bzw. der Mentor berät und gibt "
                             "keine Weisungen.\n"
                             "5. Personenbezogene Daten verarbeiten wir nur im Arbeitsbereich dieses Dienstes "
                             "und nach den Datenschutzregeln der Organisation; an Vorgesetzte geben wir "
                             "nichts ohne Zustimmung beider weiter.\n"
                             "6. Wenn die Zusammenarbeit nicht gelingt, können sich beide jederzeit an die "
                             "Koordination wenden.",
        "reporting": "Nach jedem Treffen erfasst eine Person einen kurzen Sitzungsbericht im Arbeitsbereich, "
                     "die andere bestätigt ihn. Die Koordination sieht Datum, Dauer und Bewertungen, aber "
                     "keine persönlichen Notizen über den Bericht hinaus. Zum Abschluss füllen beide die "
                     "Abschlussevaluation und die gegenseitige Evaluation aus.",
    },
}
