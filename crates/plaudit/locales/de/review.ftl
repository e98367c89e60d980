## Das Komitee: die Prüfliste, die Prüfseite, Entscheidungen und die Briefe, die sie mitteilen.

nav-review = Prüfen
vote-award = Auszeichnen
vote-decline = Ablehnen
vote-defer = Zurückstellen
review-candidate-label = Kandidatur { $number }
review-standing-title = Stand nach dem Bewertungsschlüssel des Zyklus
review-standing-unknown = Noch nicht berechnet
review-advice-award = Der Bewertungsschlüssel empfiehlt: auszeichnen (der Stand erreicht die Schwelle).
review-advice-decline = Der Bewertungsschlüssel empfiehlt: ablehnen (der Stand liegt unter der Schwelle).
field-review-score = Bewerten Sie „{ $criterion }“ mit 0 bis { $max }.
field-review-score-key = Bewertungen werden nach der ID des Kriteriums angegeben, einer ganzen Zahl, wie die Kriterien der Kandidatur sie nennen.
field-review-vote = Wählen Sie Auszeichnen, Ablehnen oder Zurückstellen.
field-review-rationale-required = Ihre Stimme weicht von der Empfehlung des Bewertungsschlüssels ab ({ $advice ->
        [award] auszeichnen
       *[decline] ablehnen
    }): Begründen Sie sie, damit sich die Entscheidung erklären lässt.
field-decision-rationale-required = Dieses Ergebnis weicht von der Mehrheit der Prüfenden oder der Empfehlung des Bewertungsschlüssels ab: Begründen Sie es. Die Kandidatin oder der Kandidat kann die Begründung lesen.
review-saved = Ihre Bewertung ist gespeichert.
review-recused = Sie haben sich für befangen erklärt: Diese Kandidatur steht nicht mehr in Ihrer Liste, und Ihre Stimme dazu wurde zurückgenommen.

review-queue-title = Prüfliste
review-queue-intro = Kandidaturen in Prüfung, die Sie sehen dürfen. Jede braucht { $quorum ->
        [one] { $quorum } Stimme
       *[other] { $quorum } Stimmen
    }, bevor sie entschieden werden kann.
review-blind-notice = Anonyme Prüfung: Namen, Fotos, Links und Arbeitgeber sind ausgeblendet. Bewerten Sie die Arbeit.
review-filters = Liste filtern
review-filter-category = Kategorie
review-filter-any = Alle
review-filter-country = Land
review-filter-country-hint = Zwei Buchstaben, etwa DE.
review-filter-mine = Meine Bewertungen
review-filter-todo = Noch nicht von mir bewertet
review-filter-standing = Stand
review-filter-above = Auf oder über der Schwelle
review-filter-below = Unter der Schwelle
review-filter-apply = Anzeigen
review-queue-empty = Hier gibt es nichts zu prüfen.
review-col-candidate = Kandidatur
review-col-category = Kategorie
review-col-country = Land
review-col-standing = Stand
review-col-votes = Stimmen
review-col-mine = Meine Stimme
review-col-cycle = Zyklus
review-col-outcome = Ergebnis
review-col-score = Bewertung
review-round = Runde { $round }
review-not-yet = Noch nicht
review-pages = Seiten der Liste
review-more = Weitere Kandidaturen

review-title = Prüfung
review-back-to-queue = Zurück zur Liste
review-previous = Vorige Kandidatur
review-next = Nächste Kandidatur
review-kind = Art
review-kind-renewal = Verlängerung einer laufenden Auszeichnung
review-languages = Sprachen
review-areas = Technologiebereiche
review-employer = Arbeitgeber
review-links = Links
review-nominations = Nominierungen
review-self-nominated = Selbstnominierung
review-nominated-by = Nominiert von { $name }
review-endorsements = { $count ->
        [one] { $count } Empfehlung
       *[other] { $count } Empfehlungen
    }
review-no-endorsements = Keine Empfehlungen.
review-endorser-given = { $count ->
        [one] { $count } Empfehlung in diesem Zyklus abgegeben
       *[other] { $count } Empfehlungen in diesem Zyklus abgegeben
    }
review-history = Bisher im Programm
review-history-none = Keine früheren Kandidaturen oder Auszeichnungen.
review-history-awards = Auszeichnungen
review-history-award = { $category } { $year } ({ $start } bis { $end })
review-history-rounds = Frühere Runden dieser Kandidatur
review-history-round = Runde { $round }: { $outcome } · { $standing }
review-history-candidacies = Frühere Kandidaturen
review-your-review = Ihre Bewertung
review-votes-in = { $votes ->
        [one] { $votes } Stimme abgegeben
       *[other] { $votes } Stimmen abgegeben
    }
review-quorum = Quorum { $quorum }
review-score-choose = Bewertung wählen
review-vote = Ihre Stimme
review-rationale = Begründung
review-rationale-hint = Nötig, wenn Ihre Stimme von der Empfehlung des Bewertungsschlüssels abweicht. Das Komitee liest sie; die Kandidatur kann nur die Begründung des Komitees lesen, nie Ihre unter Ihrem Namen.
review-submit = Bewertung abgeben
review-update = Bewertung ändern
review-recuse = Ich bin befangen
review-recuse-reason = Worin besteht der Interessenkonflikt? (freiwillig)
review-recuse-confirm = Für befangen erklären
review-closed = Diese Kandidatur ist nicht mehr in Prüfung.

award-end-reason-term_ended = Laufzeit beendet
award-end-reason-joined_sponsor = zum Sponsor gewechselt
award-end-reason-withdrawn = zurückgegeben
award-end-reason-revoked = aberkannt

admin-cycles-title = Zyklen
admin-cycles-none = Noch keine Zyklen.
admin-cycle-dates = Nominierungen ab { $open }, Beiträge bis { $due }, Bekanntgabe { $announcement }
admin-cycle-announced = Bekanntgegeben
admin-cycle-decisions = Entscheidungen
admin-decisions-title = Entscheidungen: { $cycle }
admin-decisions-intro = Schließen Sie eine Kandidatur ab, sobald { $quorum ->
        [one] { $quorum } Person
       *[other] { $quorum } Personen
    } abgestimmt haben. Eine Entscheidung, die von der Mehrheit oder dem Bewertungsschlüssel abweicht, braucht eine Begründung.
admin-decisions-announced = Dieser Zyklus ist bekanntgegeben: Eine jetzt getroffene Entscheidung wird sofort mitgeteilt.
admin-decisions-none = Keine Kandidatur dieses Zyklus liegt dem Komitee vor.
admin-deferred-waiting = { $count ->
        [one] { $count } zurückgestellte Kandidatur wartet auf die nächste Runde.
       *[other] { $count } zurückgestellte Kandidaturen warten auf die nächste Runde.
    }
admin-next-round = Nächste Runde beginnen
admin-next-round-started = { $count ->
        [one] { $count } zurückgestellte Kandidatur ist wieder in Prüfung.
       *[other] { $count } zurückgestellte Kandidaturen sind wieder in Prüfung.
    }
admin-batch-hint = Die angekreuzten Kandidaturen werden so entschieden, wie die Mehrheit der Prüfenden gestimmt hat; ankreuzen lassen sich nur die, bei denen das keine Begründung braucht.
admin-batch-finalize = Angekreuzte nach Mehrheit entscheiden
admin-batch-finalized = { $finalized } entschieden, { $skipped } bleiben einzeln zu entscheiden.
admin-col-select = Sammelentscheidung
admin-col-state = Zustand
admin-col-votes = Stimmen
admin-col-decide = Entscheidung
admin-pick = { $name } nach Mehrheit entscheiden
admin-advice = Bewertungsschlüssel: { $advice }
admin-tally = { $award } auszeichnen · { $decline } ablehnen · { $defer } zurückstellen
admin-no-majority = Keine Mehrheit
admin-outcome = Ergebnis
admin-rationale = Begründung
admin-finalize = Entscheiden
admin-waiting-quorum = Wartet auf das Quorum
admin-decision-finalized = Entscheidung getroffen: { $outcome }.

letter-headline = { $state ->
        [awarded] Herzlichen Glückwunsch: Sie sind in { $category } ausgezeichnet
        [declined] Die Entscheidung des Komitees zu Ihrer Kandidatur in { $category }
       *[lapsed] Ihre Kandidatur in { $category } endete ohne Entscheidung
    }
letter-standing = Ihr Stand bei der Entscheidung: { $total } von { $threshold } Punkten.
letter-term = Ihre Auszeichnung { $year } läuft vom { $start } bis zum { $end }.
letter-earlier-round = Runde { $round }: { $outcome }
letter-earlier-heading = Frühere Runden
letter-rationale-heading = Was das Komitee schreibt
letter-lapsed = Ihre Kandidatur wurde in diesem Zyklus nicht entschieden: Sie wurde nicht rechtzeitig eingereicht, oder sie wurde zurückgestellt und keine spätere Runde hat sie aufgenommen. Sie können in einem späteren Zyklus erneut nominiert werden.
letter-no-names = Prüfende werden nie genannt. Fragen zu dieser Entscheidung richten Sie an die Verantwortlichen des Programms.
letter-breakdown-heading = Ihr Stand nach Kriterien
letter-breakdown-note = Berechnet mit der Version des Bewertungsschlüssels, nach der das Komitee entschieden hat, aus Ihren Beiträgen, wie sie heute stehen.

mail-decision-subject = { $program }: die Entscheidung zu Ihrer Kandidatur in { $category }
mail-decision-outcome = { $outcome ->
        [award] Das Komitee von { $program } hat Sie in { $category } ausgezeichnet ({ $cycle }). Herzlichen Glückwunsch!
       *[decline] Das Komitee von { $program } hat entschieden, Ihre Kandidatur in { $category } dieses Mal nicht auszuzeichnen ({ $cycle }).
    }
mail-decision-standing = Ihr Stand nach dem veröffentlichten Bewertungsschlüssel betrug { $total } von { $threshold } Punkten.
mail-decision-rationale = Das Komitee schreibt: { $rationale }
mail-decision-welcome = Willkommen! Ihre Auszeichnung läuft vom { $start } bis zum { $end }. Sie erscheinen jetzt unter den Ausgezeichneten, und deren Vorteile stehen Ihnen offen.
mail-decision-button = Entscheidung lesen
mail-lapsed-subject = { $program }: Ihre Kandidatur endete ohne Entscheidung
mail-lapsed-deferred = Das Komitee hat Ihre Kandidatur zurückgestellt, und keine spätere Prüfrunde hat sie vor der Bekanntgabe des Zyklus aufgenommen.
mail-lapsed-not-submitted = Ihre Kandidatur wurde nicht eingereicht, bevor die Beiträge fällig waren; das Komitee konnte sie daher nicht prüfen.
mail-lapsed-again = Sie können in einem späteren Zyklus erneut nominiert werden.

mail-renewal-opened-subject = { $program }: Ihre Auszeichnung steht zur Verlängerung an
mail-renewal-opened-body = Ihre Auszeichnung läuft bis zum { $end }. Das Komitee verlängert sie anhand der Beiträge dieses Jahres: Erfassen Sie sie bis zum { $due }, und verfolgen Sie Ihren Stand nach dem Bewertungsschlüssel auf der Seite Ihrer Kandidatur.
mail-renewal-button = Ihren Stand ansehen
mail-renewal-reminder-subject = { $program }: Ihre Verlängerung steht bevor
mail-renewal-reminder-body = { $days ->
        [one] Noch ein Tag
       *[other] Noch { $days } Tage
    } bis zum Verlängerungstermin am { $date }. Sorgen Sie dafür, dass die Beiträge dieses Jahres erfasst sind.
mail-award-given-up-subject = { $program }: Ihre Auszeichnung ist beendet
mail-award-given-up-body = Sie arbeiten jetzt für { $sponsor }, und Beschäftigte des Sponsors können nicht ausgezeichnet werden; Ihre Auszeichnung endete daher heute. Danke für alles, was Sie der Community gegeben haben: Sie bleiben unter den Ehemaligen des Programms.
