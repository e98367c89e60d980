# Zyklen, wie die Verwaltung sie plant: die Liste, ein neuer Zyklus, der Zeitplan eines Zyklus.

cycles-description = die Runden des Programms und ihre Termine planen; über die Kandidaturen jedes Zyklus entscheiden.
cycles-new = Neuer Zyklus
cycles-new-title = Ein neuer Zyklus
cycles-new-intro = Ein Zyklus ist eine Runde des Programms: Nominierungen, ein Jahr Beiträge, Prüfung und Bekanntgabe. Jede Phase beginnt an ihrem Tag nach der Uhr des Programms, in seiner Zeitzone. Das Formular übernimmt die Termine des letzten Zyklus, ein Jahr später.
cycles-created = Der Zyklus „{ $name }“ ist geplant.
cycles-saved = Gespeichert: { $fields }.
cycles-unchanged = Nichts geändert.
cycles-edit = Termine und Name
cycles-phase = Phase heute
cycles-phase-upcoming = Bevorstehend
cycles-phase-nominations_open = Nominierungen offen
cycles-phase-contributions_open = Beiträge offen
cycles-phase-in_review = In Prüfung
cycles-phase-announced = Bekanntgegeben
cycles-award-year = Auszeichnungsjahr
cycles-locked = Dieser Zyklus steht fest: Er ist bekanntgegeben, oder sein Tag der Bekanntgabe ist gekommen. Seine Termine bleiben, wie sie sind.
cycles-dates-hint = Vergangene Termine bleiben, wie sie sind, denn andere haben sich nach ihnen gerichtet; kein Termin lässt sich in die Vergangenheit legen. Geänderte Termine verschieben den Beitragszeitraum, daher werden alle Stände binnen Minuten neu berechnet.
cycles-rubrics = Bewertungsschlüssel dieses Zyklus
cycles-rubrics-hint = Ein Zyklus behält die Version des Bewertungsschlüssels, die jede Kategorie bei seiner Planung hatte; spätere Versionen ändern seine Entscheidungen nie.
cycles-rubric-version = { $category }: Version { $version }
cycles-label-name = Name
cycles-label-slug = Adressname
cycles-hint-slug = Kleinbuchstaben, Ziffern und Bindestriche; leer gelassen, wird er aus dem Namen gebildet. Er ändert sich nie.
cycles-label-nominations_open = Nominierungen ab
cycles-label-nominations_close = Nominierungen bis
cycles-label-contributions_due = Beiträge bis
cycles-label-review_start = Prüfung ab
cycles-label-review_end = Prüfung bis
cycles-label-announcement = Bekanntgabe
cycles-hint-nominations_open = Der erste Tag, an dem Nominierungen angenommen werden; wer angenommen hat, erfasst ab dann Beiträge.
cycles-hint-review_start = An diesem Tag gehen eingereichte Kandidaturen an das Komitee.
cycles-hint-review_end = Der letzte Tag, an dem Prüfende abstimmen; bis dahin entscheidet die Verwaltung.
cycles-hint-nominations_close = Der letzte Tag, an dem Nominierungen angenommen werden.
cycles-hint-contributions_due = Beiträge bis zu diesem Tag zählen; bis dahin reichen die Kandidierenden ein.
cycles-hint-announcement = An diesem Tag werden die Entscheidungen mitgeteilt, und die Auszeichnungen beginnen.
cycles-create = Zyklus planen
cycles-save = Zyklus speichern
cycles-open = Termine und Bewertungsschlüssel

field-cycle-date-invalid = „{ $value }“ ist kein Tag; schreiben Sie ihn als JJJJ-MM-TT, zum Beispiel 2027-03-14.
field-cycle-date-passed = Dieser Termin ist vorbei ({ $date }) und bleibt, wie er war.
field-cycle-date-past = Dieser Tag liegt in der Vergangenheit; wählen Sie heute ({ $today }) oder später.
field-cycle-date-order = Dieser Tag darf nicht vor { $earlier ->
        [nominations_open] dem Beginn der Nominierungen
        [nominations_close] dem Ende der Nominierungen
        [contributions_due] dem Abgabetag der Beiträge
        [review_start] dem Beginn der Prüfung
       *[other] dem Ende der Prüfung
    } liegen.
field-cycle-date-after = Dieser Tag muss nach { $earlier ->
        [nominations_open] dem Beginn der Nominierungen
        [nominations_close] dem Ende der Nominierungen
        [contributions_due] dem Abgabetag der Beiträge
        [review_start] dem Beginn der Prüfung
       *[other] dem Ende der Prüfung
    } liegen.
field-cycle-year-range = Die Bekanntgabe fällt in das Jahr { $year }, außerhalb der Auszeichnungsjahre, die Plaudit annimmt (2000 bis 2200).
field-cycle-slug-taken = Ein anderer Zyklus hat den Adressnamen { $slug }; wählen Sie einen anderen.
field-cycle-nominations-overlap = Für „{ $cycle }“ sind an einigen dieser Tage Nominierungen offen; jede Nominierung gehört zu genau einem Zyklus, also lassen Sie die beiden Zeiträume aufeinander folgen.
