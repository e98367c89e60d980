# Produktfeedback: was Ausgezeichnete den Produktteams sagen, und wie die Teams antworten.

nav-feedback = Feedback
nav-product-team = Feedback-Eingang

feedback-title = Produktfeedback
feedback-intro = Sagen Sie den Produktteams, was gut funktioniert, was stört und was fehlt. Das Team des gewählten Produktbereichs liest es, antwortet hier und sagt Ihnen, wie es darum steht; über jede Antwort erhalten Sie eine E-Mail. Jedes Feedback zählt außerdem als Beitrag, den nur das Programm sieht.
feedback-mine-heading = Ihr Feedback
feedback-none = Sie haben noch kein Feedback eingereicht.
feedback-file-heading = Feedback einreichen
feedback-no-areas = Das Programm hat noch keine Produktbereiche eingerichtet, es gibt also noch kein Team, an das Feedback gehen könnte.
feedback-label-area = Produktbereich
feedback-choose-area = Bereich wählen
feedback-label-title = Titel
feedback-label-body = Was passiert ist und was Sie erwartet haben
feedback-body-hint = Markdown funktioniert: **fett**, Listen, `Code` und Links.
feedback-label-severity = Schweregrad
feedback-label-nda = Dieses Feedback betrifft etwas, das unter NDA steht
feedback-nda-hint = Der Thread wird dann als NDA-Inhalt gekennzeichnet, und E-Mails dazu nennen nie seinen Titel.
feedback-nda-read = NDA lesen und akzeptieren
feedback-file = Feedback senden
feedback-filed = Ihr Feedback ist beim Produktteam.
feedback-updated-on = zuletzt aktiv am { $date }
feedback-under-nda = Unter NDA
feedback-nda-banner = Unter NDA: Dieser Thread fällt unter die NDA. Geben Sie seinen Inhalt nicht weiter, bevor er öffentlich ist.
feedback-product-team = Produktteam
feedback-reply-heading = Antworten
feedback-label-reply = Ihre Antwort
feedback-label-status = Status
feedback-status-hint = Über einen neuen Status wird die Person, die das Feedback eingereicht hat, per E-Mail informiert.
feedback-send = Senden
feedback-replied = Ihre Antwort steht im Thread.

feedback-status-new = Neu
feedback-status-acknowledged = Zur Kenntnis genommen
feedback-status-planned = Geplant
feedback-status-shipped = Umgesetzt
feedback-status-wont_do = Wird nicht umgesetzt

feedback-severity-low = Gering
feedback-severity-normal = Normal
feedback-severity-high = Hoch
feedback-severity-critical = Kritisch

feedback-queue-title = Feedback-Eingang
feedback-queue-description = das Produktfeedback der Ausgezeichneten, nach Bereich und Status
feedback-queue-intro = Feedback der Ausgezeichneten an die Produktbereiche, für die Sie antworten, zuletzt aktive zuerst.
feedback-filters = Eingang eingrenzen
feedback-any = Alle
feedback-filter = Anzeigen
feedback-queue-empty = Kein Feedback passt dazu.
feedback-next-page = Älteres Feedback

feedback-contribution-nda-title = Produktfeedback zu { $area } (unter NDA)

product-areas-admin-title = Produktbereiche
product-areas-admin-description = wohin Ausgezeichnete Produktfeedback schicken, und wer für welchen Bereich antwortet
product-areas-intro = Ausgezeichnete reichen Feedback zu einem Produktbereich ein; die Mitglieder seines Teams lesen es in ihrem Eingang und antworten. Wer einem Team hinzugefügt wird, erhält die Rolle Produktteam.
product-areas-label-name = Name eines neuen Bereichs
product-areas-create = Bereich hinzufügen
product-areas-waiting = { $count ->
    [one] 1 neuer Thread wartet auf eine Antwort.
   *[other] { $count } neue Threads warten auf eine Antwort.
}
product-areas-no-members = Noch niemand antwortet für diesen Bereich.
product-areas-label-email = Teammitglied per E-Mail-Adresse hinzufügen
product-areas-add-member = Zum Team hinzufügen
product-areas-remove = { $name } aus dem Team entfernen
product-area-created = Der Produktbereich ist angelegt.
product-team-member-added = Die Person gehört jetzt zum Team.
product-team-member-removed = Die Person gehört nicht mehr zum Team.

field-feedback-area-required = Wählen Sie den Produktbereich, für den das Feedback ist.
field-feedback-title-required = Geben Sie dem Feedback einen Titel.
field-feedback-body-required = Schreiben Sie, was passiert ist oder was Sie sich wünschen.
field-feedback-severity-invalid = Wählen Sie einen der angebotenen Schweregrade.
field-feedback-status-invalid = Wählen Sie einen der angebotenen Status.
field-feedback-nda-not-accepted = Nur wer die aktuelle NDA akzeptiert hat, kann Feedback unter NDA einreichen.
field-product-area-name-required = Geben Sie dem Bereich einen Namen.
field-product-area-taken = Es gibt schon einen Bereich mit diesem Namen.
field-product-team-no-account = Niemand hat ein Konto mit dieser Adresse; die Person muss sich zuerst registrieren.

mail-feedback-filed-subject = Neues Feedback: { $title }
mail-feedback-filed-subject-nda = [NDA] Neues Feedback zu { $area }
mail-feedback-filed-body = { $author } hat Feedback zu { $area } eingereicht. Lesen Sie es und antworten Sie im Thread.
mail-feedback-reply-subject = Neues zu Feedback: { $title }
mail-feedback-reply-subject-nda = [NDA] Neues zu Feedback über { $area }
mail-feedback-reply-body = { $author } hat im Thread geantwortet.
mail-feedback-status-body = Der Status ist jetzt: { $status }.
mail-feedback-nda-note = Dieses Feedback steht unter NDA: Lesen Sie es in { $program } und behalten Sie es für sich, bis es öffentlich ist.
mail-feedback-link = Thread öffnen
