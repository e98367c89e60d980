# Registrieren, Anmelden, Zugangsdaten und die Kontoseite.

sign-up-sent-title = Sehen Sie in Ihr Postfach
sign-up-sent-body = Wir haben einen Link an die angegebene Adresse geschickt. Öffnen Sie ihn innerhalb von 48 Stunden, um die Adresse zu bestätigen, und melden Sie sich dann an.
sign-in-notice-verified = Ihre Adresse ist bestätigt. Melden Sie sich an, um fortzufahren.
sign-in-notice-reset = Ihr Passwort wurde geändert. Melden Sie sich mit dem neuen an.
sign-in-notice-signed-out = Sie sind auf allen Geräten abgemeldet.

account-password-changed = Passwort geändert. Andere Browser, in denen Ihr Konto angemeldet war, wurden abgemeldet.
account-password-not-changed = Das Passwort wurde nicht geändert: { $problem }.
account-email-link-sent = Wir haben einen Link an die neue Adresse geschickt. Ihre Adresse ändert sich, sobald Sie ihn öffnen.
account-email-not-changed = Die Adresse wurde nicht geändert: { $problem }.
account-language-heading = Sprache
account-language-label = Sprache der Seiten und E-Mails
account-language-browser = Wie mein Browser es wünscht
account-language-hint = Ohne Auswahl folgen die Seiten der Sprache Ihres Browsers.
account-language-save = Sprache speichern
account-language-saved = Sprache gespeichert.

tokens-never = nie
tokens-scope-read = lesen
tokens-scope-read-write = lesen und schreiben
tokens-revoked = Token widerrufen: Es funktioniert nicht mehr.

sign-up-title = Registrieren
sign-up-meta-description = Registrieren Sie sich, um Menschen zu nominieren und zu empfehlen, AMA-Fragen zu stellen und Preisträgern zu folgen.
sign-up-intro = Mitglieder nominieren und empfehlen Menschen, stellen AMA-Fragen und folgen Preisträgern.
sign-up-submit = Registrieren
sign-up-already-member = Schon Mitglied?
sign-in-title = Anmelden
sign-in-meta-description = Melden Sie sich an, um zu nominieren, zu empfehlen, Beiträge zu erfassen und Ihren Stand zu sehen.
sign-in-submit = Anmelden
sign-in-with-provider = Mit { $provider } anmelden
sign-in-new-here = Neu hier?
forgot-title = Passwort vergessen?
forgot-meta-description = Fordern Sie einen Link an, um ein neues Passwort zu wählen.
forgot-sent = Falls es zu dieser Adresse ein Konto gibt, haben wir ihm einen Link zum Wählen eines neuen Passworts geschickt. Der Link funktioniert einmal und eine Stunde lang.
forgot-submit = Link zusenden
forgot-back-to-sign-in = Zurück zur Anmeldung
reset-title = Neues Passwort wählen
reset-signs-out-everywhere = Alle Browser, in denen Ihr Konto angemeldet ist, werden abgemeldet.
reset-submit = Neues Passwort speichern
reset-link-invalid = Dieser Link funktioniert nicht mehr: Er wurde bereits verwendet oder ist älter als eine Stunde.
reset-ask-again = Fordern Sie einen neuen an.

account-title = Ihr Konto
account-manage-tokens = API-Tokens verwalten
account-speaking-requests = Vortragsanfragen
account-roles = Rollen
account-password-heading = Passwort ändern
account-password-signs-out-others = Andere Browser, in denen Ihr Konto angemeldet ist, werden abgemeldet.
account-password-submit = Passwort ändern
account-email-heading = E-Mail-Adresse ändern
account-new-email-label = Neue E-Mail-Adresse
account-new-email-hint = Wir senden einen Link an die neue Adresse; sie ändert sich, sobald Sie ihn öffnen.
account-email-submit = Link senden
account-everywhere-heading = Überall abmelden
account-everywhere-text = Telefon verloren oder an einem fremden Rechner angemeldet? Damit enden alle Sitzungen Ihres Kontos, auch diese.

tokens-title = API-Tokens
tokens-intro = Integrationen handeln mit einem Token in Ihrem Namen über die API. Senden Sie es im Authorization-Header:
tokens-new = Ihr neues Token.
tokens-copy-now = Kopieren Sie es jetzt: Es wird nicht noch einmal angezeigt.
tokens-scope-legend = Was es darf
tokens-create = Token erstellen
tokens-list-heading = Ihre Tokens
tokens-none = Noch keine.
tokens-column-scope = Berechtigung
tokens-column-created = Erstellt
tokens-column-last-used = Zuletzt verwendet
tokens-revoked-state = widerrufen
tokens-revoke = Widerrufen
# Der Name des Anbieters in „Mit … anmelden“, wenn die Konfiguration keinen nennt.
sign-in-default-provider = dem Konto Ihrer Organisation
