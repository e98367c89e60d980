## The public directory

directory-title = Ausgezeichnete
directory-title-alumni = Alumni
directory-meta-description = Finden Sie die Ausgezeichneten und Alumni von { $program }: Suche nach Name oder Thema, Filter nach Kategorie, Technologie, Land, Sprache und Jahrgang.
directory-search-label = Nach Name, Kurzprofil oder Biografie suchen
directory-search-button = Suchen
directory-search-hint = Jedes Wort muss passen; der Wortanfang genügt.
directory-status-label = Ausgezeichnete oder Alumni
directory-status-current = Aktuelle Ausgezeichnete
directory-status-alumni = Alumni
directory-facets-heading = Liste eingrenzen
directory-facet-category = Kategorie
directory-facet-area = Technologiebereich
directory-facet-country = Land
directory-facet-language = Sprache
directory-facet-year = Jahrgang
directory-facet-speaking = Vorträge
directory-facet-clear = Entfernen
directory-speaking-yes = Nimmt Vortragsanfragen an
directory-none = Niemand passt. Versuchen Sie weniger Wörter oder entfernen Sie einen Filter.
directory-count-current = { $count ->
    [one] { $count } Ausgezeichnete Person
   *[other] { $count } Ausgezeichnete
}
directory-count-alumni = { $count ->
    [one] { $count } Alumna oder Alumnus
   *[other] { $count } Alumni
}
directory-clear-search = Suche löschen
directory-clear-all = Alle Filter entfernen
directory-since = seit { $year }
directory-awards = { $count ->
    [one] { $count } Auszeichnung
   *[other] { $count } Auszeichnungen
}
directory-pages-label = Seiten
directory-previous = Vorige Seite
directory-next = Nächste Seite
directory-search-too-long = Verwenden Sie höchstens { $max } Zeichen.
directory-status-invalid = „{ $value }“ ist weder „current“ noch „alumni“.
directory-cursor-invalid = Dieser Seitenlink stammt nicht von Plaudit; beginnen Sie wieder auf der ersten Seite.
directory-filter-invalid = „{ $value }“ ist kein Wert, den dieser Filter kennt.

## An awardee's public profile

profile-public-awardee-since = Ausgezeichnet seit { $year }, { $count ->
    [one] { $count } Auszeichnung
   *[other] { $count } Auszeichnungen
}
profile-public-alumni-since = Alumni seit { $year }, { $count ->
    [one] { $count } Auszeichnung
   *[other] { $count } Auszeichnungen
}
profile-public-speaks = Spricht
profile-public-about = Über mich
profile-public-featured = Hervorgehobene Beiträge
profile-public-activity = Beiträge
profile-public-chart-title = Öffentliche Beiträge pro Monat
profile-public-chart-description = { $count ->
    [one] { $count } öffentlicher Beitrag in den letzten zwei Jahren, gezählt im Monat seines Beginns.
   *[other] { $count } öffentliche Beiträge in den letzten zwei Jahren, gezählt im Monat ihres Beginns.
}
profile-public-chart-series = Beiträge
profile-public-no-contributions = Noch keine öffentlichen Beiträge.
profile-public-year-count = { $count ->
    [one] { $count } Beitrag
   *[other] { $count } Beiträge
}
profile-public-year-more = { $count ->
    [one] und { $count } weiterer
   *[other] und { $count } weitere
}
profile-public-awards = Auszeichnungen
profile-public-award-held = aktuell
profile-public-areas = Technologiebereiche
profile-public-badge = Überprüfbares Abzeichen

credential-title = Auszeichnungsnachweis
credential-verdict-valid = Dieser Nachweis ist gültig.
credential-verdict-invalid = Dieser Nachweis ist nicht gültig.
credential-valid = Ausgestellt für { $recipient } für { $achievement }, gültig bis { $until }. Die Signatur passt zum veröffentlichten Schlüssel des Programms, und die Auszeichnung wurde nicht widerrufen.
credential-problem-malformed = Der Nachweis ist nicht wohlgeformt: Er hat nicht die Form eines Open-Badges-3.0-Nachweises.
credential-problem-unknown-key = Der Nachweis wurde mit einem Schlüssel signiert, den das Programm nicht aufführt.
credential-problem-bad-signature = Die Signatur passt nicht zum Nachweis: Er wurde nach dem Signieren verändert.
credential-problem-not-yet-valid = Die Laufzeit der Auszeichnung hat noch nicht begonnen.
credential-problem-expired = Die Laufzeit der Auszeichnung ist abgelaufen: Der Nachweis galt nur für dieses Jahr.
credential-problem-revoked = Die Auszeichnung endete vor Ablauf ihrer Laufzeit, und die Widerrufsliste des Programms vermerkt das.
credential-problem-status-list = Die Widerrufsliste des Programms ließ sich nicht prüfen: Ihre Signatur stimmt nicht.
credential-badge-alt = Abzeichen
credential-recipient = Ausgestellt für
credential-achievement = Für
credential-term = Laufzeit
credential-issuer = Ausgestellt von
credential-how-heading = Selbst prüfen
credential-how = Diese Seite prüft den Nachweis so, wie es jede Prüfsoftware täte: die Signatur gegen den im Ausstellerprofil des Programms veröffentlichten Schlüssel, die Daten und die Widerrufsliste des Programms. Der Nachweis ist ein überprüfbarer Open-Badges-3.0-Nachweis; das Abzeichenbild trägt ihn in sich, sodass eine Wallet oder eine andere Prüfsoftware ihn auch ohne diese Seite prüfen kann.
credential-download-json = Nachweis herunterladen (JSON)
credential-download-badge = Abzeichen herunterladen (SVG)
credential-achievement-description = Verliehen für ein Jahr Community-Beiträge in { $category }, die die Schwelle der veröffentlichten Bewertungskriterien erreicht haben ({ $year }).
credential-criteria = Das Komitee hat die Beiträge des Jahres an den veröffentlichten Bewertungskriterien für { $category } { $year } gemessen und festgestellt, dass sie deren Schwelle erreichen.

home-browse-awardees = Alle Ausgezeichneten ansehen
home-category-awardees-link = Zu den Ausgezeichneten

feed-awardees-title = { $program }: neue Ausgezeichnete
feed-awardees-subtitle = Auszeichnungen zu Beginn ihrer Laufzeit, mit Link zum Profil und zum überprüfbaren Abzeichen.
feed-awardee-title = { $name }: { $category } { $year }
feed-awardee-summary = { $name } trägt die Auszeichnung { $category } { $year }.
feed-awardees-link = Feed der neuen Ausgezeichneten (Atom)

## The public API
api-limit-out-of-range = Fragen Sie nach 1 bis { $max } auf einmal.
api-reference-title = API-Referenz
api-reference-intro = Alles, was das Programm veröffentlicht, können auch Programme lesen: das Verzeichnis, Profile, Auszeichnungen, Kategorien, Kriterien und Nachweise, ohne Token. Mit einem persönlichen Token aus Ihrem Konto bearbeitet die API auch Ihre eigenen Nominierungen, Beiträge und Ihren Stand.
api-reference-document = Das OpenAPI-3.1-Dokument
api-reference-tokens = Persönliches Token erstellen
api-reference-needs-script = Die interaktive Referenz braucht JavaScript; das OpenAPI-Dokument oben enthält alles, was sie zeigt.
