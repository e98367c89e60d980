# Wörter, die alle Seiten teilen: Rollen, Datumsangaben, Zahlen.

role-visitor = Besucher
role-member = Mitglied
role-candidate = Kandidat
role-awardee = Preisträger
role-reviewer = Gutachter
role-product_team = Produktteam
role-admin = Administrator

# Ein ausgeschriebenes Datum: { $day } ist der Tag des Monats, { $month } der Monatsname.
date-long = { $day }. { $month } { $year }
month-1 = Januar
month-2 = Februar
month-3 = März
month-4 = April
month-5 = Mai
month-6 = Juni
month-7 = Juli
month-8 = August
month-9 = September
month-10 = Oktober
month-11 = November
month-12 = Dezember
number-group-separator = .

# Der Rahmen jeder Seite.
nav-skip-to-content = Zum Inhalt springen
# Der zugängliche Name der Hauptnavigation.
nav-label = Hauptmenü
nav-admin = Verwaltung
nav-sign-in = Anmelden
nav-join = Registrieren
nav-sign-out = Abmelden
footer-tagline = Betrieben mit Plaudit: Anerkennung nach einem veröffentlichten Bewertungsschema – nichts bleibt im Dunkeln.
footer-api = Die API für Entwickler
back-to-home = Zurück zur Startseite
# Die verborgene Überschrift einer Tabellenspalte mit Schaltflächen.
table-action = Aktion

# Formularwörter, die auf mehreren Seiten vorkommen.
label-name = Name
label-email = E-Mail-Adresse
label-password = Passwort
label-current-password = Aktuelles Passwort
label-new-password = Neues Passwort
password-hint = { $min ->
        [one] Mindestens { $min } Zeichen.
       *[other] Mindestens { $min } Zeichen.
    }
form-fix-fields = { $count ->
        [one] Bitte korrigieren Sie das unten markierte Feld.
       *[other] Bitte korrigieren Sie die { $count } unten markierten Felder.
    }

# Wo ein Zyklus steht.
phase-upcoming = Demnächst
phase-nominations-open = Nominierungen offen
phase-contributions-open = Beiträge offen
phase-in-review = In Prüfung
phase-announced = Bekanntgegeben

# Die Startseite.
home-meta-description = Anerkennung für das, was Menschen für ihre Community leisten – nach einem veröffentlichten Bewertungsschema, damit nichts im Dunkeln bleibt.
home-stat-awardees = Preisträger heute
home-stat-categories = Kategorien
home-sponsor-note = Gefördert von { $sponsor }. Beschäftigte des Förderers sind nicht teilnahmeberechtigt.
home-categories-heading = Preisträger nach Kategorie
# Folgt auf die fett gedruckte Zahl.
home-category-awardees = { $count ->
        [one] Preisträger
       *[other] Preisträger
    }
home-cycle-upcoming = Nominierungen sind ab dem { $date } möglich.
home-cycle-nominations-open = Nominierungen schließen am { $close }; Beiträge sind bis zum { $due } fällig.
home-cycle-contributions-open = Kandidaten erfassen ihre Beiträge bis zum { $due }.
home-cycle-in-review = Das Komitee prüft; die Auszeichnungen werden am { $date } bekanntgegeben.
home-cycle-announced = Die Auszeichnungen wurden am { $date } bekanntgegeben.
# Ein Zeitpunkt in einer Tabelle: { $date } ist ein ausgeschriebenes Datum, { $time } etwa 14:05.
datetime-utc = { $date }, { $time } Uhr UTC
