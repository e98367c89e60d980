# E-Mails. Jede E-Mail kann { $program } verwenden, den Namen des Programms.

mail-greeting = Guten Tag,
mail-signoff = — { $program }

mail-verify-subject = Bestätigen Sie Ihre E-Mail-Adresse für { $program }
mail-verify-body = Jemand – hoffentlich Sie – möchte diese E-Mail-Adresse bei { $program } verwenden. Öffnen Sie zur Bestätigung innerhalb von 48 Stunden den Link unten.
mail-verify-not-you = Falls Sie das nicht waren, ignorieren Sie diese Nachricht: Solange der Link nicht geöffnet wird, ändert sich nichts.
mail-verify-button = Diese Adresse bestätigen

mail-already-member-subject = Jemand wollte sich mit Ihrer Adresse bei { $program } registrieren
mail-already-member-body = Jemand (vielleicht Sie) wollte sich mit dieser Adresse bei { $program } registrieren, obwohl es dafür bereits ein Konto gibt. Wenn Sie das waren, melden Sie sich stattdessen an.
mail-already-member-forgot = Falls Sie Ihr Passwort vergessen haben, nutzen Sie „Passwort vergessen?“ auf der Anmeldeseite.
mail-already-member-not-you = Falls Sie das nicht waren, ignorieren Sie diese Nachricht: Es hat sich nichts geändert.
mail-already-member-button = Anmelden

mail-reset-subject = Setzen Sie Ihr Passwort für { $program } zurück
mail-reset-body = Jemand (vielleicht Sie) möchte das Passwort Ihres Kontos zurücksetzen.
mail-reset-not-you = Der Link unten funktioniert einmal und eine Stunde lang. Falls Sie das nicht angefordert haben, ignorieren Sie diese Nachricht: Ihr Passwort bleibt, wie es ist.
mail-reset-button = Neues Passwort wählen

mail-change-email-subject = Bestätigen Sie Ihre neue Adresse für { $program }
mail-change-email-body = Öffnen Sie den Link unten innerhalb eines Tages, um diese Adresse zur Adresse Ihres Kontos bei { $program } zu machen.
mail-change-email-button = Diese Adresse bestätigen
mail-change-email-taken-subject = Eine Adressänderung wurde abgelehnt
mail-change-email-taken-body = Jemand wollte ein Konto bei { $program } auf diese Adresse umstellen, für die es bereits ein eigenes Konto gibt. Es wurde nichts geändert.

mail-email-changed-subject = Ihre Adresse wurde geändert
mail-email-changed-body = Die Adresse Ihres Kontos bei { $program } lautet jetzt { $email }. Falls Sie diese Änderung nicht vorgenommen haben, antworten Sie bitte sofort auf diese Nachricht.

mail-invitation-subject = Sie wurden für { $program } nominiert
mail-invitation-body = { $nominator } hat Sie für Ihre Arbeit in der Community für die Auszeichnung { $category } von { $program } nominiert.
mail-invitation-next = Wenn Sie annehmen, füllen Sie ein kurzes Profil aus und tragen Ihre Beiträge des vergangenen Jahres ein; bei jedem Schritt sehen Sie, wo Sie im Vergleich zu den veröffentlichten Kriterien stehen. Beiträge sind bis zum { $due } fällig.
mail-invitation-not-interested = Kein Interesse? Öffnen Sie den Link und lehnen Sie ab; Ihre nominierende Person erfährt nur, dass Sie abgelehnt haben.
mail-invitation-button = Ihre Nominierung ansehen

mail-nomination-accepted-subject = { $nominee } hat Ihre Nominierung angenommen
mail-nomination-accepted-body = { $nominee } hat Ihre Nominierung für { $category } angenommen. Danke für die Nominierung; das Komitee prüft die Kandidatur nach der Frist.
mail-nomination-declined-subject = { $nominee } hat Ihre Nominierung abgelehnt
mail-nomination-declined-body = { $nominee } hat Ihre Nominierung für { $category } abgelehnt. Trotzdem vielen Dank für die Nominierung.
