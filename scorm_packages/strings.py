"""Interface texts of the generated pages in English and German (English is the fallback)."""
from __future__ import annotations

STRINGS = {
    "en": {
        "skip": "Skip to content",
        "contents": "Contents",
        "show_contents": "Show contents",
        "previous": "Previous",
        "next": "Next",
        "page_of": "Page {n} of {total}",
        "quiz": "Knowledge check",
        "quiz_intro": "Answer all {count} questions, then check your answers. "
                      "You pass with {mastery}% or more.",
        "question_of": "Question {n} of {total}",
        "choose_one": "Choose one answer.",
        "choose_many": "Choose all answers that apply.",
        "check": "Check answers",
        "needs_js": "Checking answers needs JavaScript. You can still read all pages.",
        "correct": "Correct.",
        "incorrect": "Not quite.",
        "unanswered": "Please answer every question first. Not answered yet: {list}.",
        "result": "You answered {right} of {total} questions correctly: {score}%.",
        "passed": "You passed (pass mark {mastery}%).",
        "failed": "You have not passed yet (pass mark {mastery}%).",
        "attempts_left": "The questions marked \"Not quite\" are not yet right: read the pages "
                         "on them again, change your answers and check again. "
                         "Attempts left: {left}.",
        "no_attempts_left": "That was your last attempt. The feedback on each answer is now "
                            "shown; ask your course coordinator about a new attempt.",
        "changed": "You changed an answer. Check your answers again to update your result.",
        "preview": "Preview mode: no learning platform is connected, so your progress "
                   "and score are not saved.",
        "not_recorded": "Your answers are checked here but not recorded.",
        "connected": "Connected to your learning platform: your progress is saved.",
        "new_window": "(opens in a new window)",
        "objectives": "What you will learn",
        "duration": "About {minutes} minutes",
        "version": "Version {version}",
        "footnote_back": "Jump back to footnote %d in the text",
        "table": "Table",
    },
    "de": {
        "skip": "Zum Inhalt springen",
        "contents": "Inhalt",
        "show_contents": "Inhalt anzeigen",
        "previous": "Zurück",
        "next": "Weiter",
        "page_of": "Seite {n} von {total}",
        "quiz": "Wissensüberprüfung",
        "quiz_intro": "Beantworten Sie alle {count} Fragen und prüfen Sie dann Ihre Antworten. "
                      "Bestanden ist ab {mastery} %.",
        "question_of": "Frage {n} von {total}",
        "choose_one": "Wählen Sie eine Antwort.",
        "choose_many": "Wählen Sie alle zutreffenden Antworten.",
        "check": "Antworten prüfen",
        "needs_js": "Zum Prüfen der Antworten wird JavaScript benötigt. Alle Seiten können "
                    "Sie trotzdem lesen.",
        "correct": "Richtig.",
        "incorrect": "Nicht ganz.",
        "unanswered": "Bitte beantworten Sie zuerst alle Fragen. Noch offen: {list}.",
        "result": "Sie haben {right} von {total} Fragen richtig beantwortet: {score} %.",
        "passed": "Bestanden (Bestehensgrenze {mastery} %).",
        "failed": "Noch nicht bestanden (Bestehensgrenze {mastery} %).",
        "attempts_left": "Die mit „Nicht ganz“ markierten Fragen sind noch nicht richtig: Lesen "
                         "Sie die Seiten dazu noch einmal, ändern Sie Ihre Antworten und prüfen "
                         "Sie erneut. Verbleibende Versuche: {left}.",
        "no_attempts_left": "Das war Ihr letzter Versuch. Die Rückmeldungen zu jeder Antwort "
                            "werden jetzt angezeigt; für einen neuen Versuch wenden Sie sich an "
                            "Ihre Kurskoordination.",
        "changed": "Sie haben eine Antwort geändert. Prüfen Sie erneut, um Ihr Ergebnis "
                   "zu aktualisieren.",
        "preview": "Vorschaumodus: Es ist keine Lernplattform verbunden, Ihr Fortschritt und "
                   "Ihr Ergebnis werden nicht gespeichert.",
        "not_recorded": "Ihre Antworten werden hier geprüft, aber nicht gespeichert.",
        "connected": "Mit Ihrer Lernplattform verbunden: Ihr Fortschritt wird gespeichert.",
        "new_window": "(öffnet in einem neuen Fenster)",
        "objectives": "Das lernen Sie",
        "duration": "Etwa {minutes} Minuten",
        "version": "Version {version}",
        "footnote_back": "Zurück zur Fußnote %d im Text",
        "table": "Tabelle",
    },
}


def strings_for(lang: str) -> dict[str, str]:
    """Return the interface texts for `lang`, English where a text is missing."""
    return {**STRINGS["en"], **STRINGS.get(lang, {})}
