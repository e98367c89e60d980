# Die Verwaltungsseiten.

admin-roles-unchanged = Gespeichert; die Rollen waren bereits so.
admin-roles-saved = Gespeichert: { $changes }.
admin-role-granted = { $role } vergeben
admin-role-revoked = { $role } entzogen

admin-jobs-retried = Job { $id } ist wieder eingereiht und läuft in Kürze.
admin-jobs-retry-nothing = Job { $id } wartet auf keinen neuen Versuch; vielleicht hat ihn schon jemand erneut gestartet.
admin-mail-retried = E-Mail { $id } liegt wieder im Postausgang und wird in Kürze gesendet.
admin-mail-retry-nothing = E-Mail { $id } wartet auf keinen neuen Versuch; vielleicht hat sie schon jemand erneut versucht.

admin-title = Verwaltung
admin-stat-pending-mail = E-Mails, die auf den Versand warten
admin-manage-heading = Verwalten
admin-people-title = Personen und Rollen
admin-people-description = Gutachter-, Produktteam- und Administratorrollen vergeben.
admin-people-search-label = Konto nach E-Mail-Adresse suchen
admin-people-search-submit = Suchen
admin-people-found = Gefunden
admin-people-with-roles = Konten mit vergebener Rolle
admin-people-none-found = Zu dieser Adresse gibt es kein Konto.
admin-people-none-with-roles = Bisher hat niemand eine vergebene Rolle.
admin-people-verified = Bestätigt
admin-people-verified-yes = ja
admin-people-verified-no = noch nicht
admin-person-title = { $name }: Rollen
admin-person-all-people = Alle Personen
admin-person-categories-legend = Kategorien, die diese Person begutachtet
admin-person-categories-hint = Gilt nur, wenn die Gutachterrolle angekreuzt ist.
admin-scope-regions-label = Regionen oder Länder in { $category }
admin-scope-regions-hint = Das Programm begrenzt Gutachtende nach Region: Geben Sie neben jeder angekreuzten Kategorie die Regionen oder Ländercodes an, die diese Person begutachtet, durch Kommas getrennt (zum Beispiel Europe, DE). Leer gelassen, begutachtet sie alle in der Kategorie.
admin-scope-regions-invalid = Nichts wurde gespeichert: Geben Sie je Kategorie höchstens { $max } Regionen oder Länder an, jede höchstens { $length } Zeichen lang.
admin-person-submit = Rollen speichern

admin-jobs-title = Angehaltene Jobs und E-Mails
admin-jobs-description = sehen, warum ein Hintergrundjob fehlschlug oder eine E-Mail abgelehnt wurde, und es erneut versuchen.
admin-jobs-intro = Hintergrundjobs werden mit wachsenden Pausen wiederholt; nach dem letzten Versuch halten sie hier mit dem Grund an. E-Mails, die der Mailserver endgültig abgelehnt hat, landen ebenfalls hier. Beheben Sie die Ursache und versuchen Sie es dann erneut.
admin-jobs-failed-heading = Fehlgeschlagene Jobs
admin-jobs-failed-none = Kein Job ist fehlgeschlagen.
admin-jobs-col-job = Job
admin-jobs-col-kind = Art
admin-jobs-col-attempts = Versuche
admin-jobs-col-reason = Grund
admin-jobs-col-failed = Fehlgeschlagen am
admin-jobs-retry = Erneut versuchen
admin-jobs-retry-job-hidden = Job { $id }
admin-jobs-mail-heading = Aufgegebene E-Mails
admin-jobs-mail-none = Keine E-Mail wurde abgelehnt.
admin-jobs-col-recipient = Empfänger
admin-jobs-col-reply = Antwort des Mailservers
admin-jobs-col-gave-up = Aufgegeben am
admin-jobs-retry-mail-hidden = E-Mail an { $to }

## Exports
export-title = Exporte
export-description = Ausgezeichnete, Beiträge und Entscheidungen als CSV oder JSON herunterladen
export-intro = Laden Sie die Daten des Programms für eine Tabellenkalkulation oder ein anderes System herunter. Die Dateien enthalten E-Mail-Adressen und Entscheidungen: Gehen Sie so sorgsam mit ihnen um wie diese Website. Jeder Download wird im Audit-Protokoll festgehalten.
export-filter-category = Kategorie
export-filter-category-any = Alle Kategorien
export-filter-from = Von
export-filter-to = Bis
export-filter-dates-hint = Beide Tage zählen mit. Ausgezeichnete: Auszeichnungen, deren Laufzeit diese Tage berührt. Beiträge: Beiträge aus diesen Tagen. Entscheidungen: Zyklen, die an diesen Tagen bekanntgegeben werden.
export-download-csv = { $export } als CSV
export-download-json = { $export } als JSON
export-awardees-title = Ausgezeichnete
export-awardees-description = Jede Auszeichnung mit ihrer Trägerin oder ihrem Träger: Name, E-Mail-Adresse, Land, Kategorie, Jahr, Laufzeit und wie sie endete.
export-contributions-title = Beiträge
export-contributions-description = Jeder Beitrag, gleich wer ihn sehen darf, mit Urheber, Art, Datum, Adresse und Reichweite. Mit einer Kategorie: die Beiträge der Personen, die darin ausgezeichnet sind, waren oder kandidieren.
export-decisions-title = Kandidaturen und Entscheidungen
export-decisions-description = Jede Kandidatur mit ihrem Stand und jede Entscheidung darüber: Ergebnis, Stand gegenüber der Schwelle, Stimmen und Begründung.
export-category-unknown = Wählen Sie eine der aufgeführten Kategorien.
export-date-invalid = Schreiben Sie den Tag als JJJJ-MM-TT, zum Beispiel 2026-03-14.
export-dates-reversed = Dieser Tag liegt vor dem ersten Tag.
