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
