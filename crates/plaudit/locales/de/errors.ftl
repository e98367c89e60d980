# Eine Meldung je Fehlercode (ops::ErrorCode), ein Titel für Seiten, die sie zeigen, und was an
# einem Feld nicht stimmt.

error-validation-failed = Einige Felder müssen korrigiert werden.
error-validation-failed-title = Einige Felder müssen korrigiert werden
error-malformed-request = Die Anfrage konnte nicht gelesen werden; senden Sie JSON in der dokumentierten Form.
error-malformed-request-title = Die Anfrage konnte nicht gelesen werden
error-unauthenticated = Melden Sie sich an oder senden Sie ein API-Token.
error-unauthenticated-title = Bitte melden Sie sich an
error-invalid-token = Dieses API-Token ist unbekannt oder wurde widerrufen.
error-invalid-token-title = Unbekanntes API-Token
error-insufficient-scope = Dieses Token darf nur lesen; erstellen Sie ein Token mit Schreibrecht, um etwas zu ändern.
error-insufficient-scope-title = Dieses Token darf nur lesen
error-forbidden = Diese Seite ist der Rolle { $role ->
        [candidate] Kandidat
        [awardee] Preisträger
        [reviewer] Gutachter
        [product_team] Produktteam
        [admin] Administrator
       *[other] Mitglied
    } vorbehalten, die Ihr Konto nicht hat. Wenn Sie meinen, dass es sie haben sollte, wenden Sie sich an die Verantwortlichen des Programms.
error-forbidden-title = Nicht für Ihr Konto
error-not-found = Unter dieser Adresse gibt es nichts. Prüfen Sie den Link oder beginnen Sie auf der Startseite.
error-not-found-title = Seite nicht gefunden
error-csrf-rejected = Zu Ihrer Sicherheit haben wir es nicht ausgeführt. Gehen Sie zurück, laden Sie die Seite neu und senden Sie das Formular noch einmal.
error-csrf-rejected-title = Dieses Formular ist abgelaufen
error-method-not-allowed = Diese Adresse nimmt diese Art von Anfrage nicht an; der Allow-Header nennt die möglichen.
error-method-not-allowed-title = Hier nicht möglich
error-payload-too-large = Was Sie gesendet haben, ist größer, als diese Seite annimmt.
error-payload-too-large-title = Zu viel auf einmal
error-rate-limited = Dieses Formular wurde aus Ihrem Netz zu oft gesendet. Warten Sie { $seconds ->
        [one] { $seconds } Sekunde
       *[other] { $seconds } Sekunden
    } und versuchen Sie es dann erneut.
error-rate-limited-title = Zu viele Versuche
error-account-locked = Nach { $failures } falschen Passwörtern in Folge ist dieses Konto eine Weile gesperrt, damit niemand Passwörter erraten kann. Versuchen Sie es in { $minutes ->
        [one] { $minutes } Minute
       *[other] { $minutes } Minuten
    } erneut oder setzen Sie Ihr Passwort zurück.
error-account-locked-title = Konto vorübergehend gesperrt
error-wrong-credentials = Diese E-Mail-Adresse und dieses Passwort passen zu keinem Konto.
error-wrong-credentials-title = Nicht angemeldet
error-email-not-verified = Bestätigen Sie zuerst Ihre E-Mail-Adresse: Öffnen Sie den Link, den wir Ihnen bei der Registrierung geschickt haben.
error-email-not-verified-title = Bitte bestätigen Sie zuerst Ihre Adresse
error-wrong-current-password = Ihr aktuelles Passwort war nicht richtig; es wurde nichts geändert.
error-wrong-current-password-title = Ihr aktuelles Passwort war nicht richtig
error-link-expired = Er wurde bereits verwendet oder ist abgelaufen. Fordern Sie einen neuen an: Registrieren Sie sich erneut mit derselben Adresse oder nutzen Sie „Passwort vergessen?“ auf der Anmeldeseite.
error-link-expired-title = Dieser Link funktioniert nicht mehr
error-email-taken = Diese Adresse gehört zu einem anderen Konto.
error-email-taken-title = Diese Adresse ist vergeben
error-own-admin-role = Sie können sich Ihre eigene Administratorrolle nicht entziehen; bitten Sie eine andere Administratorin oder einen anderen Administrator darum.
error-own-admin-role-title = Eigene Administratorrolle kann nicht entzogen werden
error-not-set-up = Dieses Plaudit hat noch kein Programm. Eine Administratorin oder ein Administrator richtet es mit `plaudit demo` oder auf den Verwaltungsseiten ein.
error-not-set-up-title = Noch nicht eingerichtet
error-oidc-unverified-email = Ihr Anbieter hat Ihre E-Mail-Adresse nicht bestätigt, daher können wir sie mit keinem Konto verknüpfen. Melden Sie sich mit Ihrem Passwort an oder bitten Sie Ihren Anbieter, die Adresse zu bestätigen.
error-oidc-unverified-email-title = Wir können Sie nicht anmelden
error-oidc-failed = Ihr Anbieter hat Sie nicht angemeldet, oder seine Antwort war nicht stimmig. Versuchen Sie es erneut über die Anmeldeseite; wenn es weiterhin scheitert, melden Sie sich mit Ihrem Passwort an und informieren Sie die Administration.
error-oidc-failed-title = Die Anmeldung wurde nicht abgeschlossen
error-oidc-expired = Sie wurde in einem anderen Browser oder Tab begonnen oder bereits verwendet. Beginnen Sie erneut auf der Anmeldeseite.
error-oidc-expired-title = Diese Anmeldung ist abgelaufen
error-account-disabled = Es kann sich nicht anmelden. Wenden Sie sich an die Administration, wenn Sie das für einen Irrtum halten.
error-account-disabled-title = Dieses Konto ist deaktiviert
error-quorum-not-met = Erst { $votes } der nötigen { $quorum } Stimmen liegen vor. Warten Sie auf die übrigen Prüfenden, bevor Sie entscheiden.
error-quorum-not-met-title = Noch nicht genug Stimmen
error-cycle-locked = Dieser Zyklus ist bekanntgegeben (oder sein Tag der Bekanntgabe ist gekommen); Name und Termine ändern sich nicht mehr.
error-cycle-locked-title = Dieser Zyklus steht fest
error-pool-empty = Alle Codes dieses Vorteils sind vergeben. Das Programmteam weiß Bescheid und legt neue nach: Versuchen Sie es in ein paar Tagen wieder.
error-pool-empty-title = Keine Codes mehr frei
error-nda-required = Dies unterliegt der Geheimhaltungsvereinbarung (NDA). Akzeptieren Sie die aktuelle NDA auf Ihrer NDA-Seite, um es zu lesen.
error-nda-required-title = Unter NDA
error-nda-changed = Während Sie lasen, wurde eine neue Fassung der NDA veröffentlicht. Lesen Sie die neue Fassung und akzeptieren Sie dann diese.
error-nda-changed-title = Die NDA hat sich geändert
error-speaking-request-limit = Sie haben so viele Vortragsanfragen verschickt, wie an einem Tag möglich sind. Versuchen Sie es morgen wieder.
error-speaking-request-limit-title = Genug Anfragen für heute
error-internal = Bei uns ist etwas schiefgegangen. Bitte versuchen Sie es gleich noch einmal.
error-internal-title = Etwas ist schiefgegangen

field-invalid = Dieser Wert ist ungültig.
field-name-required = Geben Sie den Namen ein, unter dem man Sie kennt.
field-name-too-long = Der Name darf höchstens { $max } Zeichen lang sein.
field-name-control-character = Der Name enthält ein Zeichen, das sich nicht anzeigen lässt; bitte geben Sie ihn erneut ein.
field-email-empty = Geben Sie Ihre E-Mail-Adresse ein.
field-email-missing-at = Das ist keine E-Mail-Adresse: Es fehlt das @.
field-email-several-ats = Das ist keine E-Mail-Adresse: Sie enthält mehr als ein @.
field-email-empty-local-part = Das ist keine E-Mail-Adresse: Vor dem @ steht nichts.
field-email-empty-domain = Das ist keine E-Mail-Adresse: Nach dem @ steht nichts.
field-email-domain-without-dot = Das ist keine E-Mail-Adresse: Der Teil nach dem @ enthält keinen Punkt.
field-email-empty-domain-label = Das ist keine E-Mail-Adresse: Der Teil nach dem @ enthält zwei Punkte hintereinander.
field-email-invalid-character = Das ist keine E-Mail-Adresse: Sie enthält „{ $character }“.
field-email-too-long = Diese Adresse ist länger als { $max } Zeichen.
field-password-too-short = Verwenden Sie mindestens { $min } Zeichen; ein paar Wörter ergeben ein gutes Passwort.
field-password-too-long = Verwenden Sie höchstens { $max } Zeichen.
field-current-password-wrong = Ihr aktuelles Passwort war nicht richtig
field-language-unknown = Wählen Sie eine der angebotenen Sprachen.
field-token-name-required = Benennen Sie das Token nach dem, was es nutzen wird, z. B. „Newsletter-Abgleich“.
field-token-name-too-long = Der Name darf höchstens { $max } Zeichen lang sein.
field-token-scope-required = Wählen Sie „Lesen“ oder „Lesen und Schreiben“.

error-nominations-closed = Derzeit nimmt kein Zyklus Nominierungen an. Auf der Startseite steht, wann der nächste beginnt.
error-nominations-closed-title = Nominierungen sind geschlossen
error-sponsor-employee = Wer bei { $sponsor } arbeitet, kann nicht nominiert werden: Das Programm würdigt die Community außerhalb des Sponsors.
error-sponsor-employee-title = Nicht teilnahmeberechtigt: Adresse des Sponsors
error-already-awarded = Diese Person hält die Auszeichnung in dieser Kategorie für dieses Jahr bereits; ihre Verlängerung wird gesondert geprüft.
error-already-awarded-title = Bereits ausgezeichnet
error-one-category-only = Das Programm würdigt jede Person in einer Kategorie, und diese Person ist bereits in einer anderen nominiert oder ausgezeichnet.
error-one-category-only-title = Eine Kategorie pro Person
error-self-nomination-not-allowed = Dieses Programm nimmt keine Selbstnominierungen an; bitten Sie jemanden, der Ihre Arbeit kennt, Sie zu nominieren.
error-self-nomination-not-allowed-title = Sie können sich nicht selbst nominieren
error-already-nominated = Sie haben diese Person in diesem Zyklus bereits für diese Kategorie nominiert. Ihre Nominierung bleibt bestehen.
error-already-nominated-title = Bereits nominiert
error-illegal-transition = Das ist nicht möglich, solange die Kandidatur { $from ->
        [nominated] nominiert ist
        [invited] auf die Antwort der nominierten Person wartet
        [accepted] vorbereitet wird
        [invitation_declined] von der nominierten Person abgelehnt wurde
        [submitted] eingereicht ist
        [in_review] geprüft wird
        [awarded] ausgezeichnet wurde
        [declined] abgelehnt wurde
        [deferred] zurückgestellt ist
        [lapsed] ohne Entscheidung geschlossen wurde
       *[withdrawn] zurückgezogen wurde
    }.
error-illegal-transition-title = In diesem Zustand nicht möglich
error-deadline-passed = Die Frist dieses Zyklus ist abgelaufen; die Kandidatur kann nicht mehr geändert werden.
error-deadline-passed-title = Die Frist ist abgelaufen
error-invitation-not-yours = Diese Einladung ging an jemand anderen. Melden Sie sich ab und öffnen Sie den Link erneut.
error-invitation-not-yours-title = Diese Einladung ist für jemand anderen
error-sign-in-to-answer = Für diese Adresse gibt es bereits ein Konto. Melden Sie sich an und beantworten Sie dann die Einladung.
error-sign-in-to-answer-title = Bitte melden Sie sich zum Antworten an

field-category-required = Wählen Sie eine Kategorie.
field-nominee-email-required = Geben Sie die E-Mail-Adresse der nominierten Person an, damit wir sie einladen können.
field-email-sponsor = { $email } ist eine Adresse von { $sponsor }; Beschäftigte des Sponsors können nicht nominiert werden.
field-links-too-many = Geben Sie höchstens { $max } Links an.
field-links-invalid = „{ $link }“ ist keine Webadresse, die mit http:// oder https:// beginnt.
field-reason-required = Begründen Sie in ein paar Sätzen, warum diese Person die Auszeichnung verdient.
field-text-too-long = Bleiben Sie unter { $max } Zeichen.
field-minimum-age-required = Bestätigen Sie, dass Sie mindestens { $age } Jahre alt sind.
field-code-of-conduct-required = Akzeptieren Sie den Verhaltenskodex, um teilzunehmen.
error-self-endorsement = Sie können Ihre eigene Kandidatur nicht empfehlen; bitten Sie Ausgezeichnete, die Ihre Arbeit kennen.
error-self-endorsement-title = Sie können sich nicht selbst empfehlen
error-already-endorsed = Sie haben diese Kandidatur bereits empfohlen. Sie können Ihre Empfehlung bearbeiten oder zurückziehen.
error-already-endorsed-title = Bereits empfohlen
error-endorsement-not-allowed = In diesem Programm empfehlen aktuell Ausgezeichnete die Kandidaturen.
error-endorsement-not-allowed-title = Empfehlungen sind Ausgezeichneten vorbehalten
error-endorsements-closed = Diese Kandidatur nimmt keine Empfehlungen mehr an: Die Prüfung durch das Komitee hat begonnen, oder die Kandidatur ist nicht offen.
error-endorsements-closed-title = Empfehlungen sind geschlossen
field-endorsement-required = Schreiben Sie ein paar Worte zur Arbeit der kandidierenden Person.
error-ama-not-taking-questions = Dieses AMA nimmt zurzeit keine Fragen an, oder nur von angemeldeten Personen.
error-ama-not-taking-questions-title = Keine Fragen möglich
