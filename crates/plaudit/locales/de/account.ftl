# Registrieren, Anmelden, Zugangsdaten und die Kontoseite.

sign-up-sent-title = Sehen Sie in Ihr Postfach
sign-up-sent-body = Wir haben einen Link an die angegebene Adresse geschickt. Öffnen Sie ihn innerhalb von 48 Stunden, um die Adresse zu bestätigen, und melden Sie sich dann an.
link-expired-title = Dieser Link funktioniert nicht mehr
link-expired-body = Er wurde bereits verwendet oder ist abgelaufen. Fordern Sie einen neuen an: Registrieren Sie sich erneut mit derselben Adresse oder nutzen Sie „Passwort vergessen?“ auf der Anmeldeseite.
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
