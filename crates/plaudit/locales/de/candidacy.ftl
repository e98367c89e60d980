# Nominieren, die Einladung der nominierten Person, Kandidaturen, der Stand und die veröffentlichten Kriterien.

nav-nominate = Nominieren
nav-candidacies = Meine Kandidaturen
nav-contributions = Beiträge

nominate-title = Jemanden nominieren
nominate-meta-description = Nominieren Sie ein Mitglied der Community, dessen Arbeit Anerkennung verdient.
nominate-intro = Nominierungen für { $cycle } sind bis zum { $closes } möglich. Die nominierte Person wird per E-Mail eingeladen und entscheidet selbst, ob sie teilnimmt.
label-category = Kategorie
nominate-choose-category = Kategorie wählen
nominate-label-name = Name der Person
nominate-label-email = E-Mail-Adresse der Person
nominate-email-hint = Wir schreiben ihr einmal, um sie einzuladen; sonst sieht niemand die Adresse.
nominate-label-links = Wo ihre Arbeit zu sehen ist (optional)
nominate-links-hint = Blog, GitHub, Stack Overflow, YouTube …: eine Adresse pro Zeile, höchstens { $max }.
nominate-label-reason = Warum sie es verdient
nominate-reason-hint = Ein paar Sätze dazu, was sie für die Community getan hat; das Komitee liest sie.
nominate-submit = Nominierung senden
nominations-yours = Ihre Nominierungen
nominate-sent = Danke: { $name } ist nominiert und wurde per E-Mail eingeladen.
nominate-sent-merged = Danke: { $name } war für diese Kategorie bereits nominiert; Ihre Begründung kommt zu den anderen hinzu.

nominations-title = Ihre Nominierungen
nominations-intro = Sie sehen, ob die Person angenommen hat; was danach geschieht, teilt sie selbst mit, wenn sie möchte.
nominations-none = Sie haben noch niemanden nominiert.
nominations-col-nominee = Nominierte Person
nominations-col-cycle = Zyklus
nominations-col-date = Nominiert am
nominations-col-outcome = Ergebnis
nominations-nominate-someone = Jemanden nominieren
nomination-outcome-waiting = Antwort steht aus
nomination-outcome-accepted = Angenommen
nomination-outcome-declined = Abgelehnt

invitation-title = Sie wurden nominiert
invitation-nominee = Nominierte Person
invitation-due = Beiträge fällig am
invitation-nominations = Erhaltene Nominierungen
invitation-what-next = Wenn Sie annehmen, füllen Sie Ihr Profil und die Beiträge Ihres vergangenen Jahres aus und sehen bei jedem Schritt, wo Sie im Vergleich zu den veröffentlichten Kriterien stehen. Wenn Sie ablehnen, erfahren die nominierenden Personen nur das.
invitation-accept-heading = Nominierung annehmen
invitation-new-account = Wählen Sie ein Passwort für Ihr Konto; Sie melden sich mit { $email } an.
invitation-confirm-age = Ich bin mindestens { $age } Jahre alt.
invitation-accept-code = Ich akzeptiere den Verhaltenskodex (Version { $version }).
invitation-accept = Annehmen und weiter
invitation-decline-heading = Nichts für Sie?
invitation-decline-explain = Mit der Ablehnung endet diese Nominierung. Sonst wird nichts über Sie öffentlich.
invitation-decline = Nominierung ablehnen
invitation-accepted = Willkommen! Ihre Kandidatur ist eröffnet: Tragen Sie Ihre Beiträge ein und verfolgen Sie Ihren Stand.
invitation-declined-title = Nominierung abgelehnt
invitation-declined-body = Sie haben die Nominierung abgelehnt. Die nominierenden Personen wurden informiert, mehr nicht.

candidacies-title = Meine Kandidaturen
candidacies-none = Sie haben keine Kandidatur. Wenn jemand Sie nominiert und Sie annehmen, erscheint sie hier.
candidacy-due = Beiträge fällig am { $date }.
candidacy-state-nominated = Nominiert
candidacy-state-invited = Eingeladen
candidacy-state-accepted = In Vorbereitung
candidacy-state-invitation_declined = Von Ihnen abgelehnt
candidacy-state-submitted = Eingereicht
candidacy-state-in_review = In Prüfung
candidacy-state-awarded = Ausgezeichnet
candidacy-state-declined = Nicht ausgezeichnet
candidacy-state-deferred = Zurückgestellt
candidacy-state-withdrawn = Zurückgezogen
candidacy-state-lapsed = Ohne Entscheidung geschlossen
candidacy-read-only = Die Frist ist abgelaufen: Diese Kandidatur kann nicht mehr geändert werden.
candidacy-contributions-link = Ihre Beiträge
candidacy-submit = Prüfen und einreichen
candidacy-withdraw = Diese Kandidatur zurückziehen
candidacy-submitted = Ihre Kandidatur ist eingereicht. Das Komitee prüft sie nach der Frist.
candidacy-withdrawn = Ihre Kandidatur ist zurückgezogen.
candidacy-submit-title = Kandidatur einreichen
candidacy-submit-intro = Das Komitee sieht Ihr Profil, Ihre Nominierungen und Empfehlungen sowie diese Beiträge:
candidacy-submit-public = { $count ->
        [one] { $count } öffentlicher Beitrag
       *[other] { $count } öffentliche Beiträge
    }
candidacy-submit-program = { $count ->
        [one] { $count } Beitrag nur für das Programm sichtbar
       *[other] { $count } Beiträge nur für das Programm sichtbar
    }
candidacy-submit-private = { $count ->
        [one] { $count } privater Beitrag (das Komitee Ihrer Kandidatur sieht ihn)
       *[other] { $count } private Beiträge (das Komitee Ihrer Kandidatur sieht sie)
    }
candidacy-submit-after = Nach dem Einreichen ist die Kandidatur schreibgeschützt; das Komitee prüft sie nach dem { $date }.
candidacy-submit-confirm = Zur Prüfung einreichen
candidacy-cannot-submit = Diese Kandidatur kann jetzt nicht eingereicht werden.

standing-title = Wo Sie stehen
standing-total = { $total } von { $threshold } Punkten
standing-window = Gezählt werden Beiträge vom { $start } bis zum { $end }
standing-rubric-link = Veröffentlichte Kriterien, Version { $version }
standing-met = Sie erreichen die Schwelle der veröffentlichten Kriterien. Das Komitee entscheidet trotzdem selbst und begründet seine Entscheidung.
standing-missing-heading = Was zur Schwelle fehlt
standing-inactive-months = Monate ohne gezählten Beitrag: { $months }
standing-chart-table = Die Zahlen des Diagramms als Tabelle
standing-col-month = Monat
standing-col-contributions = Beiträge
standing-col-cumulative = Punkte zum Monatsende
standing-by-criterion = Punkte je Kriterium
standing-col-criterion = Kriterium
standing-col-earned = Erzielt
standing-col-counted = Gezählt
standing-col-cap = Obergrenze
standing-by-contribution = Was jeder Beitrag eingebracht hat
standing-no-contributions = Noch zählt kein Beitrag. Tragen Sie die Arbeit Ihres vergangenen Jahres ein und sehen Sie Ihren Stand wachsen.
standing-col-base = Punkte
standing-col-bonus = Reichweitenbonus
standing-none = Für diese Kategorie sind noch keine Kriterien veröffentlicht, daher gibt es keinen Stand.
standing-consistency = Beständigkeit (aktive Monate)
standing-gap-points = { $points ->
        [one] { $points } Punkt fehlt bis zur Schwelle.
       *[other] { $points } Punkte fehlen bis zur Schwelle.
    }
standing-gap-closes = { $count ->
        [one] { $count } weiterer Beitrag der Art „{ $type }“ ({ $each } Punkte je Beitrag) würde die Lücke schließen.
       *[other] { $count } weitere Beiträge der Art „{ $type }“ ({ $each } Punkte je Beitrag) würden die Lücke schließen.
    }
standing-gap-adds = { $count ->
        [one] { $count } weiterer Beitrag der Art „{ $type }“ ({ $each } Punkte je Beitrag) brächte { $points } Punkte.
       *[other] { $count } weitere Beiträge der Art „{ $type }“ ({ $each } Punkte je Beitrag) brächten { $points } Punkte.
    }
standing-gap-months = { $count ->
        [one] { $count } Monat hat keinen gezählten Beitrag; jeder aktive Monat bringt { $each } Punkte.
       *[other] { $count } Monate haben keinen gezählten Beitrag; jeder aktive Monat bringt { $each } Punkte.
    }
standing-chart-title = Beiträge pro Monat und Ihr Stand im Vergleich zur Schwelle
standing-chart-description = Die Balken zählen die Beiträge pro Monat; die Linie zeigt Ihren Stand am Ende jedes Monats, jetzt { $total } von { $threshold } Punkten; die gestrichelte Linie ist die Schwelle.
standing-threshold = Schwelle

month-year = { $month } { $year }
month-short-1 = Jan.
month-short-2 = Feb.
month-short-3 = März
month-short-4 = Apr.
month-short-5 = Mai
month-short-6 = Juni
month-short-7 = Juli
month-short-8 = Aug.
month-short-9 = Sept.
month-short-10 = Okt.
month-short-11 = Nov.
month-short-12 = Dez.

rubric-title = Die Kriterien für { $category }
rubric-meta-description = Wie die Auszeichnung { $category } ein Jahr Community-Arbeit gewichtet: Punkte, Obergrenzen, Reichweite und die Schwelle.
rubric-published-on = Version { $version }, veröffentlicht am { $date }
rubric-earlier-version = Dies ist Version { $version }, veröffentlicht am { $date }, eine frühere Version. Aktuell ist Version { $current }.
rubric-read-current = Aktuelle Version lesen
rubric-read-version = Version { $version } lesen
rubric-version-note = Geändert: { $note }
rubric-upcoming-differs = Der Zyklus { $cycle } wird weiterhin nach Version { $version } entschieden: Seine Begutachtung hatte bereits begonnen, und eine Begutachtung behält die Regeln, mit denen sie begonnen hat.
rubric-earlier-heading = Frühere Versionen
rubric-earlier-item = Version { $version }, { $date }
rubric-no-earlier = Dies ist die erste Version.
rubric-intro = Der Stand aller Kandidierenden und Ausgezeichneten wird nach dieser Formel berechnet und ihnen gezeigt. Das Komitee entscheidet; weicht eine Entscheidung von den Kriterien ab, wird sie begründet.
rubric-threshold = Schwelle: { $points } Punkte
rubric-rules-heading = Wie Punkte gezählt werden
rubric-rule-window = Es zählt nur Arbeit aus den zwölf Monaten bis zum Fälligkeitstag des Zyklus; Arbeit über mehrere Monate (ein Forum moderieren, eine Gruppe leiten) zählt für jeden Monat, den sie abdeckt.
rubric-rule-points = Jeder Beitrag bringt die Punkte seiner Art und einen Bonus für die höchste erreichte Reichweitenstufe.
rubric-rule-cap = Eine Art bringt höchstens ihre Obergrenze; darüber hinaus bringt mehr von derselben Art nichts.
rubric-rule-months = Jeder Monat mit einem Beitrag einer Art, die diese Kriterien bewerten, ist aktiv, auch wenn diese Art ihre Obergrenze schon erreicht hat: Die Obergrenze begrenzt, was eine Art von Arbeit einbringt, nicht, ob Sie aktiv waren.
rubric-rule-total = Die Summe ist, was alle Arten und die Beständigkeit zählen; die Kriterien sind erfüllt, wenn sie die Schwelle erreicht.
rubric-types-heading = Punkte je Art
rubric-col-points = Punkte je Beitrag
rubric-col-cap = Obergrenze
rubric-col-reach = Reichweitenbonus
rubric-unlisted-types = Nicht aufgeführte Arten bringen in dieser Kategorie keine Punkte; das Komitee sieht sie trotzdem.
rubric-other-categories = Andere Kategorien
rubric-tier = ab { $reach } + { $bonus }
rubric-consistency = Jeder aktive Monat bringt { $each } Punkte, höchstens { $cap }.

home-category-rubric = Kriterien lesen
home-nominate = Jemanden nominieren

endorsements-title = Empfehlungen
endorsements-none = Noch keine Empfehlung. Ausgezeichnete, die Ihre Arbeit kennen, können ein gutes Wort einlegen.
endorsements-share = Teilen Sie diesen Link mit Ausgezeichneten, die Ihre Arbeit kennen:
endorsement-history = Ausgezeichnet seit { $year }, { $awards ->
        [one] { $awards } Auszeichnung
       *[other] { $awards } Auszeichnungen
    }
endorsement-history-member = Mitglied
endorse-title = { $name } empfehlen
endorse-intro = Ein paar Sätze dazu, was Sie von der Arbeit der Person gesehen haben, helfen dem Komitee. Die kandidierende Person liest Ihre Empfehlung ebenfalls; Sie können sie bis zum Beginn der Prüfung bearbeiten.
endorse-label = Ihre Empfehlung
endorse-hint = Höchstens { $max } Zeichen.
endorse-give = Empfehlen
endorse-save = Empfehlung speichern
endorse-withdraw = Meine Empfehlung zurückziehen
endorsement-given = Danke: Ihre Empfehlung ist gespeichert.
endorsement-edited = Ihre Empfehlung ist gespeichert.
endorsement-withdrawn = Ihre Empfehlung ist zurückgezogen.
candidacy-submit-endorsements = { $count ->
        [0] noch keine Empfehlung (Ausgezeichnete können Sie bis zum Beginn der Prüfung noch empfehlen)
        [one] { $count } Empfehlung
       *[other] { $count } Empfehlungen
    }
