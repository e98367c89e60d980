# Vorträge: Ausgezeichnete, die Vortragsanfragen annehmen, und wer sie anfragt.

nav-speaking = Vorträge

speaking-title = Vorträge
speaking-intro = Geben Sie an, ob Sie Vortragsanfragen annehmen. Dann stehen Sie im Verzeichnis als „für Vorträge verfügbar“, und Veranstaltende können Ihnen hier eine Anfrage schicken. Ihre E-Mail-Adresse sehen sie nie, es sei denn, Sie geben sie frei.
speaking-label-accepts = Ich nehme Vortragsanfragen an
speaking-label-topics = Themen
speaking-topics-hint = Worüber Sie gern sprechen, durch Kommas getrennt.
speaking-label-regions = Regionen
speaking-regions-hint = Wohin Sie reisen würden, oder „überall“.
speaking-label-languages = Sprachen
speaking-languages-hint = Die Sprachen, in denen Sie Vorträge halten.
speaking-label-format = Wie
speaking-remote = Online
speaking-in-person = Vor Ort
speaking-save = Speichern
speaking-saved = Ihre Angaben zu Vorträgen sind gespeichert.
speaking-received-heading = Erhaltene Anfragen
speaking-received-none = Noch keine Anfragen.
speaking-from = Von { $name }
speaking-to = An { $name }
speaking-label-note = Eine Notiz für die Veranstaltenden (freiwillig)
speaking-label-share = Meine E-Mail-Adresse an die Veranstaltenden weitergeben
speaking-share-hint = Nur wenn Sie zusagen. Bis dahin sehen die Veranstaltenden nur Ihren Namen.
speaking-accept = Zusagen
speaking-decline = Absagen
speaking-accepted = Sie haben zugesagt; die Veranstaltenden werden informiert.
speaking-declined = Sie haben abgesagt; die Veranstaltenden werden informiert.
speaking-travel-paid = Reisekosten werden übernommen
speaking-status-pending = Wartet auf Antwort
speaking-status-accepted = Zugesagt
speaking-status-declined = Abgesagt

speaking-request-title = { $name } um einen Vortrag bitten
speaking-request-intro = Erzählen Sie von Ihrer Veranstaltung. Die Antwort kommt hier, und Sie erhalten eine E-Mail dazu.
speaking-label-event = Veranstaltung
speaking-label-url = Webseite der Veranstaltung (freiwillig)
speaking-label-date = Datum
speaking-label-place = Ort
speaking-label-remote = Der Vortrag findet online statt
speaking-label-audience = Publikum
speaking-audience-hint = Wer kommt, und wie viele: „etwa 300 Backend-Entwickler“.
speaking-label-travel = Wir übernehmen Reise und Hotel
speaking-label-message = Ihre Nachricht
speaking-request-privacy = Die angefragte Person sieht Ihren Namen und Ihre E-Mail-Adresse, damit sie antworten kann.
speaking-send = Anfrage senden
speaking-request-sent = Ihre Anfrage ist verschickt.
speaking-sent-title = Ihre Vortragsanfragen
speaking-sent-intro = Was Sie angefragt haben, und was die Angefragten geantwortet haben.
speaking-sent-none = Sie haben noch keine Vortragsanfrage verschickt.
speaking-find = Vortragende finden

field-speaking-required = Füllen Sie dieses Feld aus.
field-speaking-one-line = Bitte nur eine Zeile.
field-speaking-format-required = Wählen Sie online, vor Ort oder beides.
field-speaking-url-invalid = Geben Sie die Webadresse der Veranstaltung an, beginnend mit https://.
field-speaking-date-past = Das Datum liegt in der Vergangenheit; wählen Sie einen Tag ab heute.

mail-speaking-request-subject = Eine Vortragsanfrage: { $event }
mail-speaking-request-body = { $organizer } fragt, ob Sie am { $date } bei { $event } sprechen würden. Lesen und beantworten Sie die Anfrage in { $program }; Ihre E-Mail-Adresse bleibt privat, solange Sie sie nicht freigeben.
mail-speaking-request-link = Anfrage lesen
mail-speaking-accepted-subject = { $speaker } hat Ihre Anfrage für { $event } angenommen
mail-speaking-accepted-body = { $speaker } wird bei { $event } sprechen.
mail-speaking-declined-subject = { $speaker } hat Ihre Anfrage für { $event } abgelehnt
mail-speaking-declined-body = { $speaker } kann bei { $event } nicht sprechen.
mail-speaking-note = Die Notiz dazu: { $note }
mail-speaking-email-shared = Sie erreichen die Person unter { $email }.
mail-speaking-sent-link = Ihre Anfragen ansehen

profile-public-speaking = Vorträge
profile-public-request-talk = Für Ihre Veranstaltung anfragen
