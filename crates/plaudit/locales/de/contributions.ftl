# Die Beiträge einer Person: die Liste, das Formular, die Vokabulare und was an einem Feld falsch ist.

contributions-title = Ihre Beiträge
contributions-intro = Alles, was Sie für die Community getan haben: Artikel, Vorträge, Projekte, Antworten. Ihr Stand wird daraus berechnet; auf Ihrem Profil erscheint nur, was Sie öffentlich machen.
contributions-count-public = { $count ->
        [one] { $count } öffentlich
       *[other] { $count } öffentlich
    }
contributions-count-program = { $count ->
        [one] { $count } nur für das Programm
       *[other] { $count } nur für das Programm
    }
contributions-count-private = { $count ->
        [one] { $count } privat
       *[other] { $count } privat
    }
contributions-add = Beitrag hinzufügen
contributions-none = Noch keine Beiträge. Fügen Sie den ersten hinzu und verfolgen Sie Ihren Stand.
contributions-actions = Aktionen
contributions-older = Ältere Beiträge
contributions-back = Alle Ihre Beiträge
contribution-high-impact-tag = Große Wirkung
contribution-duplicate = Duplizieren
contribution-delete = Löschen
contribution-new-title = Beitrag hinzufügen
contribution-edit-title = Beitrag bearbeiten
contribution-label-type = Art
contribution-choose-type = Art wählen
contribution-label-title = Titel
contribution-label-url = Webadresse
contribution-label-started-on = Datum (oder erster Tag)
contribution-label-ended-on = Letzter Tag (optional)
contribution-ended-on-hint = Für Arbeit über längere Zeit, etwa ein Forum moderieren oder eine Gruppe leiten: Sie zählt für jeden Monat, den sie abdeckt.
contribution-label-description = Beschreibung
contribution-label-role = Ihre Rolle
contribution-reach-legend = Reichweite
contribution-reach-hint = Tragen Sie die bekannten Zahlen ein, die zur Art passen; lassen Sie die anderen leer.
contribution-label-primary-area = Wichtigster Technologiebereich
contribution-no-area = Keiner
contribution-label-areas = Weitere Technologiebereiche
contribution-label-audiences = Zielgruppen
contribution-label-visibility = Wer ihn sieht
contribution-visibility-hint = Öffentlich: alle, auf Ihrem Profil. Nur Programm: Ausgezeichnete, das Komitee und die Verwaltung. Privat: Sie, das Komitee Ihrer Kandidaturen und die Verwaltung.
contribution-label-high-impact = Große Wirkung: auf meinem Profil hervorheben
contribution-label-private-note = Notiz für das Komitee (optional)
contribution-private-note-hint = Nur das Komitee Ihrer Kandidaturen und die Verwaltung lesen sie; sie erscheint nie auf Ihrem Profil.
contribution-save = Speichern
contribution-added = „{ $title }“ hinzugefügt. Ihr Stand ist aktualisiert.
contribution-saved = „{ $title }“ gespeichert. Ihr Stand ist aktualisiert.
contribution-deleted = „{ $title }“ gelöscht.

contribution-type-blog_post = Blogartikel
contribution-type-article = Fachartikel
contribution-type-book = Buch oder E-Book
contribution-type-code_sample = Codebeispiel oder Projekt
contribution-type-open_source_project = Open-Source-Projekt
contribution-type-documentation = Dokumentation
contribution-type-conference_organizing = Konferenzorganisation
contribution-type-conference_booth = Konferenzstand
contribution-type-meetup_organizing = Organisation einer Usergroup oder eines Meetups
contribution-type-forum_moderation = Forumsmoderation
contribution-type-forum_answers = Antworten in Foren und Q&A
contribution-type-ama_answers = AMA-Antworten
contribution-type-mentorship = Mentoring
contribution-type-product_feedback = Produktfeedback
contribution-type-site_owner = Betrieb einer Website
contribution-type-speaking_conference = Vortrag (Konferenz)
contribution-type-speaking_meetup = Vortrag (Usergroup oder Meetup)
contribution-type-speaking_sponsor_event = Vortrag (Veranstaltung des Sponsors)
contribution-type-social_media = Technische Beiträge in sozialen Medien
contribution-type-translation = Übersetzung und Korrektur
contribution-type-video = Video oder Livestream
contribution-type-podcast = Podcast
contribution-type-workshop = Workshop
contribution-type-community_leadership = Leitung in der Community
contribution-type-other = Sonstiges

contribution-role-author = Autor/in
contribution-role-co_author = Co-Autor/in
contribution-role-contributor = Mitwirkende/r
contribution-role-host = Gastgeber/in
contribution-role-moderator = Moderator/in
contribution-role-organizer = Organisator/in
contribution-role-panelist = Podiumsgast
contribution-role-presenter = Präsentator/in
contribution-role-speaker = Sprecher/in

visibility-public = Öffentlich
visibility-program_only = Nur Programm
visibility-private = Privat

audience-developer = Entwickler/innen
audience-technical_decision_maker = Technische Entscheider/innen
audience-business_decision_maker = Geschäftliche Entscheider/innen
audience-student = Studierende
audience-it_pro = IT-Fachleute
audience-end_user = Endnutzer/innen

reach-views = Aufrufe (oder Hörer)
reach-live_views = Live-Aufrufe
reach-on_demand_views = Abrufe als Aufzeichnung
reach-attendees = Teilnehmende
reach-sessions = Sitzungen
reach-subscribers = Abonnent/innen
reach-copies_sold = Verkaufte Exemplare
reach-answers = Antworten
reach-stars = Sterne
reach-downloads = Downloads
reach-score = Bewertung (Stimmen)
reach-people_mentored = Betreute Personen

field-contribution-required = Dieses Feld ist erforderlich.
field-contribution-too-long = Bleiben Sie unter { $max } Zeichen.
field-contribution-control-character = Hier steht ein Zeichen, das nicht gespeichert werden kann (etwa ein Zeilenumbruch im Titel); geben Sie es erneut ein.
field-contribution-not-a-date = Schreiben Sie das Datum als JJJJ-MM-TT, zum Beispiel 2026-03-14.
field-contribution-end-before-start = Der letzte Tag liegt vor dem ersten Tag.
field-contribution-in-future = Dieses Datum liegt in der Zukunft; ein Beitrag hält fest, was Sie getan haben.
field-contribution-unknown-type = Wählen Sie eine der angebotenen Arten („{ $value }“ ist keine).
field-contribution-unknown-role = Wählen Sie eine der angebotenen Rollen („{ $value }“ ist keine).
field-contribution-unknown-audience = Wählen Sie unter den angebotenen Zielgruppen („{ $value }“ ist keine).
field-contribution-unknown-visibility = Wählen Sie öffentlich, nur Programm oder privat („{ $value }“ ist nichts davon).
field-contribution-unknown-area = Wählen Sie unter den angebotenen Technologiebereichen („{ $value }“ ist keiner).
field-contribution-url = Das ist keine Webadresse, die mit http:// oder https:// beginnt.
field-contribution-not-a-number = Schreiben Sie eine ganze Zahl, etwa 1200 oder 1.200.
field-contribution-negative = Eine Zahl kann nicht negativ sein.
field-contribution-too-large = Diese Zahl ist größer als { $max }.
field-contribution-reach-does-not-fit-type = Diese Zahl passt nicht zur gewählten Art; lassen Sie das Feld leer.
field-contribution-not-a-boolean = Schreiben Sie yes oder no (auch true, false, 1 oder 0).
field-contribution-wrong-cell-count = Diese Zeile hat { $found } Zellen, die Kopfzeile aber { $expected }.
field-contribution-duplicate-url = Diese Adresse haben Sie bereits erfasst, als „{ $title }“. Bearbeiten Sie besser jenen Beitrag.

contribution-draft-restored = Wir haben wiederhergestellt, was Sie am { $date } um { $time } eingegeben haben; gespeichert ist es erst, wenn Sie speichern.
contribution-draft-discard = Diesen Entwurf verwerfen
contribution-draft-discarded = Der Entwurf ist verworfen.
contribution-draft-restored-here = Wir haben wiederhergestellt, was Sie zuvor in diesem Browser eingegeben haben; gespeichert ist es erst, wenn Sie speichern.
field-contribution-too-many-featured = Ihr Profil hebt höchstens { $max } Beiträge mit großer Wirkung hervor; nehmen Sie die Markierung zuerst bei einem anderen zurück.
field-contribution-reach-unknown = „{ $metric }“ ist keine Reichweitenzahl, die Plaudit erfasst; die API-Referenz nennt die erfassten.
