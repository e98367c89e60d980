# Importquellen und der Posteingang der Vorschläge: Beiträge, die sich selbst erfassen.

import-sources-link = Importquellen
import-suggestions-link = Vorschläge
import-sources-title = Importquellen
import-sources-intro = Geben Sie an, wo Sie veröffentlichen, und Plaudit liest es täglich: Neue Beiträge, Videos, Pull Requests, Antworten und Vorträge landen in Ihren Vorschlägen, mit Art, Datum, Adresse und Reichweite bereits ausgefüllt. Zum Beitrag wird nichts, bevor Sie es übernehmen.
import-sources-none = Sie haben noch keine Quelle hinzugefügt.
import-pending-count = { $count ->
    [one] Ein Vorschlag wartet
   *[other] { $count } Vorschläge warten
}
import-accepted-count = { $count } übernommen
import-dismissed-count = { $count } verworfen
import-add-heading = Quelle hinzufügen
import-label-kind = Art der Quelle
import-label-locator = Adresse, Benutzername oder ID
import-add = Hinzufügen und importieren
import-now = Jetzt importieren
import-remove = Entfernen
import-source-added = Quelle hinzugefügt. Der erste Import läuft; neue Vorschläge erscheinen in Ihrem Posteingang.
import-source-requested = Import gestartet. Diese Seite zeigt, wie weit er ist.
import-source-removed = Quelle entfernt, mit ihren noch offenen Vorschlägen. Was Sie übernommen haben, bleibt.
import-source-queued = Wartet auf den Import …
import-source-reading = Wird gerade importiert …
import-source-never = Noch nicht importiert.
import-source-read = Zuletzt importiert am { $date }: { $added } neu von { $read } gefundenen.
import-source-failed = Der letzte Import ist fehlgeschlagen: { $reason } Plaudit versucht es später von selbst erneut.
import-source-resolved = Gelesen von { $address }
import-problems-heading = { $count ->
    [one] Ein Eintrag war nicht lesbar
   *[other] { $count } Einträge waren nicht lesbar
}
import-problem = Eintrag { $position } ({ $entry }): { $reason }
import-problem-unnamed = Eintrag { $position }: { $reason }
import-problem-detail = Technische Details:
import-problem-no_title = Der Titel fehlt.
import-problem-no_link = Der Link auf seine Seite fehlt.
import-problem-no_date = Das Datum fehlt.
import-problem-date_unreadable = Das Datum „{ $quoted }“ steht in keiner Form, die Plaudit lesen kann.
import-problem-link_not_web = Der Link „{ $quoted }“ ist keine Webadresse.
import-problem-link_too_long = Der Link ist länger als { $max } Zeichen.
import-problem-field_missing = Das Feld „{ $quoted }“ fehlt oder hat den falschen Typ.
import-problem-xml_broken = Sein XML ist fehlerhaft, deshalb wurde er übersprungen.
import-problem-unreadable = Er konnte nicht gelesen werden.
import-problem-not_an_entry = Das ist kein Beitrag, Video oder anderer Eintrag, den Plaudit lesen kann.

import-kind-feed = Blog
import-kind-feed-hint = Die Adresse Ihres Blogs genügt: Plaudit findet den RSS-, Atom- oder JSON-Feed selbst.
import-kind-youtube = YouTube-Kanal
import-kind-youtube-hint = Die Adresse Ihres Kanals (youtube.com/@name) oder seine ID (UC…).
import-kind-github = GitHub
import-kind-github-hint = Ihr GitHub-Benutzername: Ihre Pull Requests und Issues in öffentlichen Repositorys und Ihre eigenen Repositorys mit ihren Sternen.
import-kind-stack_exchange = Stack Exchange
import-kind-stack_exchange-hint = Die Adresse Ihres Profils auf Stack Overflow oder einer anderen Stack-Exchange-Seite oder Ihre Stack-Overflow-Benutzernummer. Die Bewertung jeder Antwort ist ihre Reichweite.
import-kind-sessionize = Sessionize
import-kind-sessionize-hint = Die Adresse Ihrer Sessionize-Speaker-API (in Sessionize unter „API / Embed“, dann JSON), etwa https://sessionize.com/api/speaker/json/a1b2c3d4: die Veranstaltungen, auf denen Sie gesprochen haben.

field-import-kind-invalid = Wählen Sie eine der Arten von Quellen.
field-import-locator-required = Geben Sie die Adresse, den Benutzernamen oder die ID an, aus der importiert werden soll.
field-import-locator-invalid = Diese Adresse, dieser Benutzername oder diese ID ist für Plaudit nicht lesbar.
field-import-locator-duplicate = Diese Quelle haben Sie bereits hinzugefügt.
field-import-locator-feed = Geben Sie die Webadresse Ihres Blogs an, etwa https://blog.example.org.
field-import-locator-youtube = Geben Sie die Adresse eines YouTube-Kanals an, etwa https://www.youtube.com/@name, oder seine ID, die mit UC beginnt.
field-import-locator-github = Geben Sie einen GitHub-Benutzernamen (Buchstaben, Ziffern und einzelne Bindestriche) oder https://github.com/benutzername an.
field-import-locator-stack_exchange = Geben Sie die Adresse Ihres Profils an, etwa https://stackoverflow.com/users/12345/name, oder Ihre Benutzernummer.
field-import-locator-sessionize = Geben Sie die Adresse Ihrer Speaker-API an, https://sessionize.com/api/speaker/json/ gefolgt von der ID, oder nur die ID. Die Adresse Ihrer Profilseite genügt nicht.

import-failure-invalid_locator = Diese Adresse, dieser Benutzername oder diese ID ist für Plaudit nicht lesbar.
import-failure-address_not_allowed = Die Adresse liegt nicht im öffentlichen Internet.
import-failure-timeout = Die Seite hat zu lange nicht geantwortet.
import-failure-network = Die Seite war nicht erreichbar.
import-failure-not_found = Laut der Seite gibt es diese Seite, diesen Feed oder diesen Benutzer nicht.
import-failure-refused = Die Seite hat die Antwort verweigert.
import-failure-server_error = Auf der Seite ist ein Fehler aufgetreten.
import-failure-rate_limited = Die Seite hat uns gebeten, langsamer zu werden.
import-failure-too_large = Die Antwort war zu groß zum Lesen.
import-failure-not_a_feed = Unter dieser Adresse wurde kein Feed gefunden.
import-failure-malformed = Die Antwort war nicht lesbar.

## A suggestion's summary, worded from what GitHub, Stack Exchange or Sessionize said, in the
## person's language when it arrives; it is then theirs to edit.
import-summary-repository = Repository { $name }.
import-summary-repository-described = Repository { $name }: { $description }
import-summary-language = In { $language } geschrieben.
import-summary-archived = Archiviert.
import-summary-pull-request-merged = Pull-Request #{ $number } an { $repository }, am { $date } übernommen.
import-summary-pull-request-closed = Pull-Request #{ $number } an { $repository }, ohne Übernahme geschlossen.
import-summary-pull-request-draft = Pull-Request-Entwurf #{ $number } an { $repository }, noch offen.
import-summary-pull-request-open = Pull-Request #{ $number } an { $repository }, offen.
import-summary-issue-open = Issue #{ $number } in { $repository }, offen.
import-summary-issue-closed = Issue #{ $number } in { $repository }, geschlossen.
import-summary-answer = Antwort auf { $site }.
import-summary-answer-accepted = Akzeptierte Antwort auf { $site }.
import-summary-talk = Vortrag bei { $event }, { $when }.
import-summary-talk-located = Vortrag bei { $event }, { $location }, { $when }.
import-summary-days = { $start } bis { $end }

import-suggestions-title = Vorschläge
import-suggestions-intro = Was Ihre Quellen gebracht haben. Übernehmen Sie, was zählen soll: Es wird ein öffentlicher Beitrag, den Sie bearbeiten können. Verwerfen Sie den Rest: Er wird nie wieder vorgeschlagen.
import-suggestions-none = Hier ist nichts.
import-tabs-label = Vorschläge nach Stand
import-tab-pending = Offen
import-tab-accepted = Übernommen
import-tab-dismissed = Verworfen
import-accept-chosen = Ausgewählte übernehmen
import-dismiss-chosen = Ausgewählte verwerfen
import-accept-all = Alle offenen übernehmen
import-edit-contribution = Beitrag bearbeiten
import-next-page = Ältere Vorschläge
import-none-chosen = Wählen Sie zuerst Vorschläge aus.
import-accepted = { $count ->
    [one] Ein Vorschlag übernommen: Er ist jetzt ein Beitrag.
   *[other] { $count } Vorschläge übernommen: Sie sind jetzt Beiträge.
}
import-dismissed = { $count ->
    [one] Ein Vorschlag verworfen.
   *[other] { $count } Vorschläge verworfen.
}

## Importe aus Sicht der Verwaltung: vertrauenswürdige Quellen und Personen, die eine sind.
admin-imports-title = Importe und Zusammenführungen
admin-imports-description = Quellen wählen, deren Beiträge keine Prüfung brauchen, und Personen zusammenführen, die laut Import dieselbe sind.
admin-imports-intro = Personen importieren ihre Beiträge aus ihren Blogs, Kanälen und Profilen. Hier legen Sie fest, welchen Arten von Quellen das Programm vertraut und welche Personen dieselbe Person sind.
admin-imports-trusted-heading = Vertrauenswürdige Quellen
admin-imports-trusted-legend = Beiträge aus diesen Arten von Quellen werden ohne Rückfrage übernommen
admin-imports-trusted-hint = Alles andere wartet in den Vorschlägen der Person, bis sie es übernimmt. Vertrauen Sie nur Quellen, deren Einträge immer die eigene Arbeit der Person sind.
admin-imports-trusted-save = Vertrauenswürdige Quellen speichern
admin-imports-trusted-saved = Vertrauenswürdige Quellen gespeichert.
admin-imports-same-heading = Personen, die dieselbe sein könnten
admin-imports-same-intro = Ein Import hat dasselbe Konto bei zwei Personen gefunden, oder eine von beiden hat eine Adresse bestätigt, unter der die andere bekannt war. Beim Zusammenführen gehen Beiträge, Auszeichnungen, Kandidaturen und Verlauf der einen auf die andere über, die Sie behalten, und beide Konten melden sich danach als diese Person an; das lässt sich rückgängig machen.
admin-imports-same-none = Keine vorgeschlagenen Zusammenführungen.
admin-imports-reason-same_email = dieselbe bestätigte E-Mail-Adresse
admin-imports-reason-same_github = dasselbe GitHub-Konto
admin-imports-reason-same_stack_exchange = dasselbe Stack-Exchange-Profil
admin-imports-reason-same_youtube_channel = derselbe YouTube-Kanal
admin-imports-reason-same_sessionize = dasselbe Sessionize-Profil
admin-imports-keep = Zusammenführen, { $name } behalten
admin-imports-different = Verschiedene Personen
admin-imports-merged = Die beiden Personen sind zusammengeführt. Unten können Sie das rückgängig machen.
admin-imports-dismissed = Vermerkt: Es sind verschiedene Personen; sie werden nicht wieder vorgeschlagen.
admin-imports-merges-heading = Letzte Zusammenführungen
admin-imports-merges-none = Bisher wurde niemand zusammengeführt.
admin-imports-col-kept = Behalten
admin-imports-col-merged = Darin aufgegangen
admin-imports-col-moved = Verschobene Datensätze
admin-imports-col-when = Zusammengeführt am
admin-imports-undo = Rückgängig machen
admin-imports-undo-hidden = die Zusammenführung von { $name }
admin-imports-undone-on = Rückgängig gemacht am { $date }
admin-imports-undone = Die Zusammenführung ist rückgängig gemacht: Alles, was sie verschoben hat, ist wieder an seinem Platz.
field-merge-kept-invalid = Wählen Sie eine der beiden Personen zum Behalten.
