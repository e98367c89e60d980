# Die private Community der Ausgezeichneten: Foren je Kategorie, das private Verzeichnis, geteilte Kontaktdaten.

nav-community = Community

community-title = Community
community-intro = Der eigene Bereich der Ausgezeichneten: Tauschen Sie sich im Forum Ihrer Kategorie aus, finden Sie einander im privaten Verzeichnis und lesen Sie, was zuerst für Ausgezeichnete angekündigt wird. Nichts hier ist öffentlich.
community-people-title = Privates Verzeichnis
community-people-teaser = alle aktuell Ausgezeichneten, mit den Kontaktdaten, die sie mit Ihnen teilen
community-contact-title = Was Sie teilen
community-contact-teaser = legen Sie fest, welche Kontaktdaten die anderen Ausgezeichneten sehen
community-announcements = Mitteilungen
community-announcements-teaser = auch solche nur für Ausgezeichnete und solche unter NDA
community-boards-heading = Foren
community-boards-none = Das Programm hat noch keine Kategorien, daher gibt es noch keine Foren.
community-recent-heading = Zuletzt aktiv
community-threads-none = Noch keine Themen. Eröffnen Sie das erste.
community-thread-count = { $count ->
    [0] Noch keine Themen
    [one] Ein Thema
   *[other] { $count } Themen
}
community-reply-count = { $count ->
    [0] keine Antworten
    [one] eine Antwort
   *[other] { $count } Antworten
}
community-last-active = aktiv am { $date }
community-pages-label = Seiten der Themen
community-older-threads = Ältere Themen →
community-new-thread-heading = Ein Thema eröffnen
community-label-title = Titel
community-label-body = Was Sie sagen möchten
community-body-hint = Markdown funktioniert: **fett**, Listen, Links. Nur die Ausgezeichneten des Programms lesen es.
community-open-thread = Thema eröffnen
community-reply-heading = Antworten
community-label-reply = Ihre Antwort
community-reply-hint = Markdown funktioniert. Alle, die in diesem Thema geschrieben haben, erfahren per E-Mail von Ihrer Antwort.
community-send-reply = Antwort senden
community-hide = Ausblenden
community-post-hidden = Der Beitrag ist ausgeblendet. Das Audit-Protokoll hält fest, wer ihn ausgeblendet hat.
community-post-hidden-note = Die Moderation hat diesen Beitrag ausgeblendet.
community-thread-hidden = Die Moderation hat dieses Thema ausgeblendet: Nur Admins sehen es, und niemand kann antworten.

community-people-intro = Alle aktuell Ausgezeichneten, mit den Kontaktdaten, die sie jeweils mit den anderen Ausgezeichneten teilen.
community-contact-change = Ändern, was Sie teilen.
community-every-category = Alle Kategorien
community-shares-nothing = Teilt noch keine Kontaktdaten.
community-contact-intro = Die anderen aktuell Ausgezeichneten sehen dies im privaten Verzeichnis neben Ihrem Namen. Niemand außerhalb der Community sieht es: keine Besucher, keine Veranstalter, nicht die API.
community-label-share-email = Meine Adresse { $email } den anderen Ausgezeichneten zeigen
community-label-note = Andere Wege, mich zu erreichen (optional)
community-note-hint = Zum Beispiel eine Telefonnummer, Signal, Mastodon oder Ihre Zeitzone. Höchstens 300 Zeichen.
community-contact-save = Speichern
community-contact-saved = Gespeichert. Das private Verzeichnis zeigt den anderen Ausgezeichneten, was Sie teilen.

field-community-title-required = Geben Sie dem Thema einen Titel.
field-community-body-required = Schreiben Sie zuerst etwas.
field-community-note-invalid = Die Notiz enthält Steuerzeichen, die sich nicht anzeigen lassen; schreiben Sie einfachen Text, gern mit Zeilenumbrüchen.

mail-community-reply-subject = Neue Antwort: { $title }
mail-community-reply-body = { $name } hat im Forum { $board } auf „{ $title }“ geantwortet.
mail-community-private-note = Die Community ist nur für die Ausgezeichneten des Programms; bitte behalten Sie, was dort gesagt wird, unter sich.
mail-community-link = Antwort lesen
