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
