# Vorteile: was Ausgezeichnete erhalten, wie sie es abrufen und wie das Programmteam es pflegt.

nav-benefits = Meine Vorteile

benefits-title = Meine Vorteile
benefits-intro = Was Ihnen Ihre Auszeichnung in diesem Jahr bietet. Ein Code gehört nur Ihnen: Außer Ihnen sehen ihn nur die Administratoren des Programms.
benefits-none = Zu keiner Ihrer laufenden Auszeichnungen gehört bisher ein Vorteil. Sobald das Programm Ihrer Kategorie einen anbietet, erscheint er hier.
benefits-award-year = Auszeichnungsjahr { $year }
benefits-your-code = Ihr Code:
benefits-claimed-on = Abgerufen am { $date }.
benefits-claim = Meinen Code abrufen
benefits-claim-hint = Sie erhalten einen Code je Auszeichnungsjahr. Rufen Sie ihn ab, wenn Sie ihn nutzen möchten.
benefits-included = In Ihrer Auszeichnung enthalten
benefits-earlier = Frühere Jahre
benefit-claimed = Ihr Code steht unten bereit.
benefit-claimed-already = Sie hatten diesen Vorteil schon abgerufen: Hier ist Ihr Code.

benefits-admin-title = Vorteile
benefits-admin-description = was Ausgezeichnete erhalten, welchen Kategorien es angeboten wird, und die Vorräte an Codes
benefits-admin-intro = Jeder Vorteil wird Kategorien Auszeichnungsjahr für Auszeichnungsjahr angeboten. Ein Vorteil mit Codes gibt allen Ausgezeichneten, die ihn abrufen, einen Code aus einem Vorrat, den Sie per Datei auffüllen.
benefits-admin-none = Noch keine Vorteile. Legen Sie unten den ersten an.
benefits-col-name = Vorteil
benefits-col-kind = Art
benefits-col-left = Codes übrig
benefits-col-claims = Abrufe
benefits-col-status = Status
benefits-col-year = Auszeichnungsjahr
benefits-col-categories = Angeboten für
benefits-col-code = Code
benefits-low = wird knapp
benefits-active = angeboten
benefits-inactive = zurückgezogen
benefits-new-heading = Neuer Vorteil
benefits-label-name = Name
benefits-label-description = Was Ausgezeichnete erhalten
benefits-label-warning = Warnen, wenn noch so viele Codes übrig sind
benefits-warning-hint = Die Administratoren erhalten eine E-Mail, sobald der Vorrat auf diese Zahl fällt, und eine weitere erst, nachdem er wieder darüber aufgefüllt wurde.
benefits-label-kind = Was er bietet
benefit-kind-license-code = Einen Code aus einem Vorrat (Lizenzschlüssel, Gutschein)
benefit-kind-access = Zugang, ohne etwas auszugeben
benefits-create = Vorteil anlegen
benefit-created = { $name } ist angelegt. Wählen Sie jetzt die Kategorien, denen er angeboten wird.
benefit-saved = Der Vorteil ist gespeichert.
benefit-offers-saved = Das Angebot für das Auszeichnungsjahr { $year } ist gespeichert.
benefit-codes-added = { $added ->
        [one] { $added } Code wurde dem Vorrat hinzugefügt
       *[other] { $added } Codes wurden dem Vorrat hinzugefügt
    }{ $skipped ->
        [0] .
        [one] ; { $skipped } Zeile wurde ausgelassen.
       *[other] ; { $skipped } Zeilen wurden ausgelassen.
    }

benefits-pool-left = { $count ->
        [one] { $count } Code übrig.
       *[other] { $count } Codes übrig.
    }
benefits-pool-claimed = { $count ->
        [one] Bisher { $count } Abruf.
       *[other] Bisher { $count } Abrufe.
    }
benefits-pool-low = Der Vorrat ist auf oder unter seiner Warnschwelle von { $warning }: Laden Sie neue Codes hoch, bevor er leer ist.
benefits-offers-heading = Angeboten für
benefits-offers-intro = Wählen Sie für ein Auszeichnungsjahr die Kategorien, deren Ausgezeichnete diesen Vorteil erhalten. Speichern ersetzt die Auswahl dieses Jahres; schon abgerufene Codes bleiben.
benefits-offers-none = Noch niemandem angeboten.
benefits-label-year = Auszeichnungsjahr
benefits-label-categories = Kategorien
benefits-categories-hint = Entfernen Sie alle Häkchen, um das Angebot für dieses Jahr zurückzuziehen.
benefits-save-offer = Angebot speichern
benefits-codes-heading = Codes hinzufügen
benefits-codes-intro = Laden Sie eine Text- oder CSV-Datei mit einem Code je Zeile hoch (bei CSV in der ersten Spalte; eine Kopfzeile „code“ wird übersprungen). Bevor etwas gespeichert wird, sehen Sie, was hinzukäme, und jede ausgelassene Zeile mit ihrem Grund.
benefits-label-file = Datei mit Codes
benefits-check-file = Datei prüfen
benefits-edit-heading = Name, Beschreibung und Warnschwelle
benefits-label-active = Angeboten (entfernen, um ihn von den Seiten aller Ausgezeichneten zu nehmen)
benefits-save = Speichern

benefits-dry-run-title = Hinzuzufügende Codes
benefits-dry-run-good = { $count ->
        [one] { $count } neuer Code kann hinzugefügt werden.
       *[other] { $count } neue Codes können hinzugefügt werden.
    }
benefits-dry-run-bad = { $count ->
        [0] Keine Zeile wird ausgelassen.
        [one] { $count } Zeile wird ausgelassen.
       *[other] { $count } Zeilen werden ausgelassen.
    }
benefits-dry-run-bad-heading = Ausgelassene Zeilen
benefits-dry-run-nothing = Aus dieser Datei kann nichts hinzugefügt werden.
benefits-dry-run-confirm = { $count ->
        [one] { $count } Code hinzufügen
       *[other] { $count } Codes hinzufügen
    }
benefits-dry-run-sample = Die ersten Codes der Datei

benefit-code-problem-whitespace = Der Code enthält ein Leerzeichen oder ein unsichtbares Zeichen (zwei Codes in einer Zeile?).
benefit-code-problem-too-long = Der Code ist länger als { $max } Zeichen.
benefit-code-problem-repeated = Derselbe Code steht schon in Zeile { $first }.
benefit-code-problem-in-pool = Dieser Code ist schon im Vorrat.
benefit-codes-file-not-utf8 = Die Datei ist kein Text in UTF-8. Speichern Sie sie als UTF-8-Text oder CSV und laden Sie sie erneut hoch.
benefit-codes-file-empty = Die Datei enthält keine Codes.
benefit-codes-file-too-many = Die Datei enthält mehr als { $max } Codes. Teilen Sie sie in kleinere Dateien auf.

field-benefit-name-required = Geben Sie dem Vorteil einen Namen.
field-benefit-name-taken = Ein anderer Vorteil hat schon diesen Namen.
field-benefit-kind-invalid = Wählen Sie, was der Vorteil bietet.
field-benefit-warning-invalid = Geben Sie eine ganze Zahl von 0 bis { $max } ein.
field-benefit-year-invalid = Geben Sie ein Auszeichnungsjahr von { $first } bis { $last } ein.
field-benefit-category-unknown = Eine der gewählten Kategorien gibt es nicht mehr. Laden Sie die Seite neu und wählen Sie erneut.

mail-benefit-pool-low-subject = Die Codes für { $benefit } werden knapp
mail-benefit-pool-low-body = Von { $benefit } sind nur noch { $left } Codes abrufbar (Sie wollten bei { $warning } benachrichtigt werden). Laden Sie neue Codes hoch, damit alle Ausgezeichneten ihren erhalten.
mail-benefit-pool-low-link = Vorteil öffnen
benefits-col-awardee = Ausgezeichnete Person
benefits-col-claimed = Abgerufen am
benefits-claims-heading = Abrufe
benefits-claims-intro = Die neuesten hundert Abrufe, mit dem jeweils vergebenen Code. Einen Code sehen nur Sie und die Person, die ihn hat.
benefits-claims-none = Noch niemand hat diesen Vorteil abgerufen.
