# Ask me anything: Gastgeben, Fragen, Abstimmen, Antworten, das Archiv und sein Feed.

nav-ama = AMAs

ama-title = Ask me anything
ama-intro = Ausgezeichnete beantworten die Fragen der Community öffentlich: Stellen Sie eine Frage, stimmen Sie für die Fragen, deren Antwort Sie interessiert, und lesen Sie im Archiv der Antworten.
ama-yours = Ihr AMA
ama-open-yours = Eigenes AMA eröffnen
ama-none = Noch niemand veranstaltet ein AMA.
ama-pages-label = Seiten
ama-older = Ältere AMAs →
ama-hosted-by = Veranstaltet von
ama-topics = Themen:
ama-tag-clear = Alle Themen
ama-answers-only = Nur die Antworten
ama-feed = Feed der Antworten (Atom)
ama-edit = AMA bearbeiten
ama-default-title = Fragen Sie { $name }

ama-status-open = Nimmt Fragen an
ama-status-paused = Pausiert
ama-status-closed = Geschlossen
ama-state-open = Offen
ama-state-answered = Beantwortet
ama-state-declined = Abgelehnt
ama-state-duplicate = Doppelt
ama-state-held = Wartet auf Freigabe

ama-answered-count = { $count ->
    [0] noch keine Antworten
    [one] eine Antwort
   *[other] { $count } Antworten
}
ama-open-count = { $count ->
    [0] keine offenen Fragen
    [one] eine offene Frage
   *[other] { $count } offene Fragen
}
ama-vote-count = { $count ->
    [0] keine Stimmen
    [one] eine Stimme
   *[other] { $count } Stimmen
}

ama-questions-heading = Fragen
ama-search-label = Fragen und Antworten durchsuchen
ama-search-button = Suchen
ama-search-results = Fragen zu „{ $words }“
ama-tabs-label = Fragen nach Stand
ama-tab-open = Offen ({ $count })
ama-tab-answered = Beantwortet ({ $count })
ama-tab-declined = Abgelehnt ({ $count })
ama-tab-duplicate = Doppelt ({ $count })
ama-tab-held = Warten auf Freigabe ({ $count })
ama-list-open = Offene Fragen
ama-list-answered = Beantwortete Fragen, neueste Antwort zuerst
ama-list-declined = Abgelehnte Fragen
ama-list-duplicate = Doppelt gestellte Fragen
ama-list-held = Fragen, die auf Ihre Freigabe warten
ama-tagged-list = { $list }, zum Thema { $tag }
ama-sort-label = Reihenfolge
ama-sort-votes = meiste Stimmen
ama-sort-new = neueste
ama-questions-none = Hier gibt es noch keine Fragen.
ama-vote = Dafür stimmen
ama-unvote = Stimme zurücknehmen
ama-more-questions = Weitere Fragen →

ama-ask-heading = Eine Frage stellen
ama-held-notice = Danke. Ihre Frage erscheint hier, sobald der Gastgeber sie freigegeben hat.
ama-not-taking = Dieses AMA nimmt zurzeit keine Fragen an.
ama-sign-in-to-ask = Melden Sie sich an, um eine Frage zu stellen
ama-anonymous-hint = Sie sind nicht angemeldet: Geben Sie einen Namen an, der mit Ihrer Frage erscheint. Der Gastgeber gibt sie frei, bevor sie erscheint.
ama-label-name = Ihr Name
ama-label-question = Ihre Frage
ama-label-details = Einzelheiten (freiwillig)
ama-markdown-hint = Markdown funktioniert: **fett**, *kursiv*, [Links](https://example.org), Listen und Code.
ama-label-tags = Themen (freiwillig)
ama-tags-hint = Wörter, getrennt durch Kommas oder Leerzeichen, etwa karriere, vorträge.
ama-ask-button = Fragen
ama-asked = Ihre Frage ist gestellt. Sie erhalten eine E-Mail, sobald sie beantwortet ist.
ama-similar-heading = Schon gefragt? Diese Fragen sehen ähnlich aus:

ama-all-questions = Alle Fragen
ama-answers-none = Noch keine Antworten.
ama-answered-on = beantwortet am { $date }
ama-asked-by = gefragt von { $name }
ama-older-answers = Ältere Antworten →

ama-open-heading = Eigenes AMA eröffnen
ama-open-program-heading = Ein AMA für das Programm eröffnen
ama-open-intro = Andere fragen und stimmen ab, Sie antworten, wann es Ihnen passt. Beantwortete Fragen zählen als Ihre Beiträge, und jede kann ein Blogartikel werden.
ama-label-title = Titel
ama-label-description = Einleitung
ama-label-topics = Themen
ama-label-time-zone = Ihre Zeitzone
ama-time-zone-hint = Etwa Europe/Berlin oder America/New_York: Als Blogartikel exportierte Antworten tragen Datum und Uhrzeit in dieser Zone. Leer lassen für die des Programms.
field-ama-time-zone-invalid = „{ $value }“ ist keine Zeitzone; schreiben Sie etwa Europe/Berlin.
ama-label-anonymous = Fragen von nicht angemeldeten Personen annehmen
ama-anonymous-setting-hint = Solche Fragen warten auf Ihre Freigabe, bevor jemand anderes sie sieht.
ama-save = Speichern
ama-open-button = AMA eröffnen
ama-opened = Ihr AMA ist eröffnet.
ama-saved = Gespeichert.
ama-status-heading = Fragen annehmen
ama-status-now = Dieses AMA ist jetzt: { $status }.
ama-status-legend = Ändern auf
ama-status-choice-open = nimmt Fragen an
ama-status-choice-paused = pausiert: vorerst keine neuen Fragen
ama-status-choice-closed = geschlossen: ein Archiv
ama-status-save = Ändern
ama-status-saved = Der Stand des AMAs ist geändert.

ama-follow = Folgen
ama-unfollow = Nicht mehr folgen
ama-following = Sie folgen dieser Frage und erhalten eine E-Mail, sobald sie beantwortet ist.
ama-not-following = Sie folgen dieser Frage nicht mehr.
ama-held-note = Diese Frage wartet auf die Freigabe des Gastgebers; noch sieht sie niemand sonst.
ama-declined-because = Abgelehnt: { $reason }
ama-duplicate-of = Schon gefragt als
ama-original-unanswered = Diese Frage ist noch nicht beantwortet.
ama-answer-by = { $name } antwortet
ama-edited-on = bearbeitet am { $date }
ama-history = { $count ->
    [one] Eine frühere Fassung
   *[other] { $count } frühere Fassungen
}
ama-revision-written = geschrieben am { $date }
ama-revision-replaced = ersetzt am { $date }

ama-answer-heading = Antworten
ama-edit-answer-heading = Ihre Antwort bearbeiten
ama-preview-heading = Vorschau
ama-parts-hint = Beantworten Sie die Frage als Ganzes oder Teil für Teil: Jeder Teil zitiert, worauf er antwortet. Lassen Sie das Zitat leer, um die ganze Frage zu beantworten.
ama-part-legend = Teil { $number }
ama-label-part = Der Teil der Frage (als Zitat)
ama-label-answer = Ihre Antwort
ama-preview = Vorschau
ama-publish-answer = Antwort veröffentlichen
ama-save-answer = Antwort speichern
ama-answer-saved = Die Antwort ist veröffentlicht.
ama-decide-heading = Entscheiden, ohne zu antworten
ama-decide-legend = Diese Frage ist
ama-decide-approve = freigegeben: für alle sichtbar
ama-decide-reopen = wieder offen
ama-decide-decline = abgelehnt
ama-decide-duplicate = doppelt, schon anders gestellt
ama-label-reason = Grund der Ablehnung (freiwillig, für alle sichtbar)
ama-label-original = Die ursprüngliche Frage (bei einer doppelten)
ama-original-hint = Ihre Nummer oder Adresse, etwa 42 oder der Link dorthin.
ama-decide-save = Speichern
ama-decision-saved = Gespeichert.
ama-feed-subtitle = Fragen, die { $host } beantwortet hat

field-ama-title-required = Schreiben Sie die Frage.
field-ama-tags-too-many = Geben Sie höchstens { $max } Themen an.
field-ama-tag-invalid = „{ $value }“ ist kein Thema: Verwenden Sie Buchstaben, Ziffern und Bindestriche.
field-ama-one-per-host = Sie veranstalten bereits ein AMA. Schließen Sie es zuerst, um ein neues zu eröffnen.
field-ama-status-invalid = Wählen Sie offen, pausiert oder geschlossen.
field-ama-tab-invalid = Diese Liste von Fragen gibt es nicht.
field-ama-sort-invalid = Sortieren Sie nach Stimmen oder nach Datum.
field-ama-name-required = Geben Sie einen Namen an, der mit Ihrer Frage erscheint.
field-ama-answer-required = Schreiben Sie die Antwort.
field-ama-too-many-parts = Eine Antwort hat höchstens { $max } Teile.
field-ama-part-unanswered = Jeder zitierte Teil braucht eine Antwort; entfernen Sie das Zitat eines Teils, den Sie nicht beantworten.
field-ama-state-invalid = Wählen Sie, was mit der Frage geschieht.
field-ama-original-invalid = Geben Sie Nummer oder Adresse einer anderen Frage dieses AMAs an, die nicht selbst doppelt ist.

mail-ama-answered-subject = Beantwortet: { $title }
mail-ama-answered-body = { $host } hat die Frage „{ $title }“ beantwortet, der Sie folgen.
mail-ama-answered-link = Antwort lesen

ama-post-title = Aus dem AMA: „{ $title }“
ama-post-link = *Gefragt von { $name } in [{ $ama }]({ $url }).*
ama-download-post = Als Blogartikel herunterladen
ama-download-draft = als Entwurf
ama-download-posts = Alle Antworten als Blogartikel herunterladen (ZIP)
ama-export-hint = Markdown-Dateien mit Front Matter, die Jekyll und Hugo so übernehmen.
ama-profile-ask = Eine Frage stellen
ama-profile-not-taking = nimmt zurzeit keine Fragen an
ama-github-heading = Ein GitHub-Repository
ama-github-intro = Führen Sie dieses AMA auch in einem GitHub-Repository, wie es üblich ist: Ein Issue ist eine Frage, Ihr Kommentar die Antwort, Schließen heißt beantwortet, Labels sind Themen. Plaudit holt die Issues alle fünfzehn Minuten herein und schickt Antworten, Stand und Themen hinaus.
ama-github-label-repo = Repository
ama-github-repo-hint = Als owner/name, etwa ada/ama. Leer lassen, um die Verbindung zu lösen.
ama-github-label-login = Ihr GitHub-Login
ama-github-login-hint = Ihre Kommentare zu den Issues sind Ihre Antworten.
ama-github-save = Speichern
ama-github-saved = Das Repository ist gespeichert. Der nächste Abgleich holt seine Issues herein.

# GitHub sync
ama-github-asked = *Gefragt von { $name } auf [Plaudit]({ $url }).*
ama-github-conflict = Diese Frage wurde seit dem letzten Abgleich sowohl hier als auch auf Plaudit geändert; die Fassung auf Plaudit wurde beibehalten. Die Frage auf Plaudit: { $url }
field-ama-github-repo-invalid = „{ $value }“ ist kein GitHub-Repository: Schreiben Sie es als Besitzer/Name.
field-ama-github-login-required = Geben Sie Ihren GitHub-Benutzernamen an: Ihre Kommentare zu den Issues sind Ihre Antworten.
field-ama-github-login-invalid = „{ $value }“ ist kein GitHub-Benutzername: Verwenden Sie Buchstaben, Ziffern und einzelne Bindestriche, höchstens 39.
