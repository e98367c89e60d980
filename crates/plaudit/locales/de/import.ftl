# Die Beiträge einer Person als Dateien: eine CSV-Datei importieren, mit einer Probe vorab,
# und die eigenen Beiträge herunterladen.

contributions-import = Aus einer CSV-Datei importieren
contributions-export = Alle Ihre Beiträge herunterladen:
contributions-export-csv = als CSV
contributions-export-json = als JSON

import-title = Beiträge aus einer CSV-Datei importieren
import-intro = Übernehmen Sie ein ganzes Jahr Arbeit auf einmal aus einer Tabelle. Zuerst sehen Sie, was importiert würde und welche Zeilen Fehler haben; gespeichert wird erst, wenn Sie bestätigen.
import-label-file = CSV-Datei
import-file-hint = UTF-8-Text mit einer Kopfzeile, höchstens { $max } MB. Speichern Sie die Tabelle als „CSV UTF-8“.
import-check = Datei prüfen
import-template = Vorlage mit allen Spalten herunterladen
import-format-title = So ist die Datei aufgebaut
import-format-intro = Die erste Zeile nennt die Spalten. Ihre Reihenfolge ist beliebig, und nur type, title, started_on und role sind Pflicht. Daten schreiben Sie als JJJJ-MM-TT, Zahlen als ganze Zahlen, Listen (areas, audiences) durch Semikolons getrennt. Eine Datei, die Sie hier heruntergeladen haben, lässt sich unverändert importieren.
import-example-intro = Eine kleine Datei sieht so aus:
import-example-label = Eine Beispieldatei
import-example-title = Wie wir unseren Build auf Rust umgestellt haben
import-example-talk = Rust beim örtlichen Meetup
import-columns-title = Die Spalten
import-required = Pflicht
import-accepted-values = Erlaubte Werte:
import-no-areas = Das Programm hat noch keine Technologiebereiche; lassen Sie diese Spalte leer.

import-column-type = Welche Art von Beitrag es ist.
import-column-title = Der Titel, in einer Zeile, höchstens 200 Zeichen.
import-column-description = Worum es ging, höchstens 5.000 Zeichen; Zeilenumbrüche bleiben erhalten.
import-column-private_note = Eine Notiz, die nur die Gutachter Ihrer Kandidaturen und die Admins lesen.
import-column-started_on = Der Tag, an dem es war, oder der erste Tag (JJJJ-MM-TT).
import-column-ended_on = Der letzte Tag, bei Arbeit über längere Zeit (JJJJ-MM-TT); sonst leer lassen.
import-column-url = Die Webadresse. Ein Beitrag, den Sie schon erfasst haben (dieselbe Adresse oder, ohne Adresse, gleiche Art, gleicher Titel und Tag), wird als Dublette gemeldet und nicht ein zweites Mal importiert.
import-column-primary_area = Der wichtigste Technologiebereich, mit einem der Kurznamen unten.
import-column-areas = Weitere Technologiebereiche, mit denselben Kurznamen, durch Semikolons getrennt.
import-column-audiences = Für wen der Beitrag ist, durch Semikolons getrennt.
import-column-role = Ihre Rolle dabei.
import-column-visibility = Wer ihn sieht; leer heißt öffentlich.
import-column-high_impact = Ob er auf Ihrem Profil hervorgehoben wird: yes oder no (auch true, false, 1 und 0); leer heißt nein.
import-column-reach = { $label }: eine ganze Zahl, nur bei diesen Arten: { $types }.

import-dry-run-title = Vor dem Import prüfen
import-another-file = Andere Datei wählen
import-file-refused = Diese Datei lässt sich so nicht importieren; es wurde nichts gespeichert:
import-dry-run-intro = Noch ist nichts gespeichert. Die unten aufgeführten Zeilen werden importiert, wenn Sie bestätigen; Zeilen mit Fehlern bleiben außen vor, Sie können sie korrigieren und später importieren.
import-summary-good = { $count ->
        [one] { $count } Zeile kann importiert werden.
       *[other] { $count } Zeilen können importiert werden.
    }
import-summary-bad = { $count ->
        [0] Keine Zeile hat Fehler.
        [one] { $count } Zeile hat Fehler und bleibt außen vor.
       *[other] { $count } Zeilen haben Fehler und bleiben außen vor.
    }
import-bad-title = Ausgelassene Zeilen
import-nothing-to-import = Keine Zeile dieser Datei lässt sich importieren. Korrigieren Sie die Zeilen oben und prüfen Sie die Datei erneut.
import-confirm = { $count ->
        [one] { $count } Beitrag importieren
       *[other] { $count } Beiträge importieren
    }
import-good-title = Zeilen, die importiert werden
import-line = Zeile
import-line-problem = Zeile { $line }: { $column } – { $problem }
import-line-problem-whole-line = Zeile { $line }: { $problem }
import-duplicate-existing = Diese Adresse haben Sie bereits erfasst, als „{ $title }“.
import-duplicate-line = Zeile { $line } dieser Datei hat dieselbe Adresse.
import-duplicate-same = „{ $title }“ haben Sie bereits erfasst, mit dieser Art und an diesem Tag.
import-duplicate-line-same = Zeile { $line } dieser Datei ist derselbe Beitrag: gleiche Art, gleicher Titel, gleicher Tag.
import-done = { $imported ->
        [one] { $imported } Beitrag importiert
       *[other] { $imported } Beiträge importiert
    }; { $skipped ->
        [one] { $skipped } Zeile ausgelassen.
       *[other] { $skipped } Zeilen ausgelassen.
    } Ihr Stand ist aktualisiert.

import-file-empty = Die Datei ist leer.
import-file-not-utf8 = Die Datei ist kein UTF-8-Text (siehe Zeile { $line }). Speichern Sie sie in Ihrer Tabellenkalkulation als „CSV UTF-8“ und versuchen Sie es erneut.
import-file-unreadable = Zeile { $line } lässt sich nicht als CSV lesen; prüfen Sie die Anführungszeichen.
import-file-unknown-column = Eine Spalte „{ $column }“ gibt es nicht. Verwenden Sie die Spaltennamen, die auf der Importseite aufgeführt sind.
import-file-duplicate-column = Die Spalte „{ $column }“ kommt zweimal vor.
import-file-missing-column = Die Spalte „{ $column }“ fehlt; jede Datei braucht sie.
import-file-no-rows = Die Datei hat eine Kopfzeile, aber keine Beiträge.
import-file-too-many-rows = Die Datei enthält mehr als { $max } Beiträge; teilen Sie sie in kleinere Dateien auf.
