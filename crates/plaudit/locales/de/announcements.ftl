# Mitteilungen und die Geheimhaltungsvereinbarung (NDA).

footer-announcements = Mitteilungen
announcements-title = Mitteilungen
announcements-none = Noch keine Mitteilungen.
announcements-feed = Mitteilungen abonnieren (Atom-Feed)
announcements-nda-banner = Unter NDA: Diese Seite zeigt Mitteilungen, für die die von Ihnen akzeptierte NDA gilt. Geben Sie sie nicht weiter, bevor sie öffentlich sind.
announcements-nda-waiting = { $count ->
        [one] { $count } Mitteilung unter NDA wartet auf Sie.
       *[other] { $count } Mitteilungen unter NDA warten auf Sie.
    }
announcements-nda-read = Lesen und akzeptieren Sie die NDA, um sie zu sehen.
announcement-audience-nda = Unter NDA
announcement-audience-awardees = Für Ausgezeichnete
announcement-public-on = öffentlich ab { $date }
announcement-published = Die Mitteilung ist veröffentlicht.
feed-announcements-title = { $program }: Mitteilungen

announcements-admin-title = Mitteilungen
announcements-admin-description = Neuigkeiten für alle, für Ausgezeichnete oder unter NDA, mit Sperrfrist
announcements-admin-intro = Eine Mitteilung ist für alle, nur für Ausgezeichnete oder unter NDA: Dann lesen sie nur Ausgezeichnete, die die aktuelle NDA akzeptiert haben, auf entsprechend gekennzeichneten Seiten. Mit einem Datum wird eine Mitteilung für Ausgezeichnete oder unter NDA an diesem Tag öffentlich. Alle aktuell Ausgezeichneten erfahren per E-Mail von einer Mitteilung für Ausgezeichnete oder unter NDA; wer die NDA nicht akzeptiert hat, erfährt nur, dass etwas auf sie wartet.
announcements-label-title = Titel
announcements-label-body = Text
announcements-body-hint = Markdown: Absätze, Listen, Links und Hervorhebungen.
announcements-label-audience = Wer sie liest
announcement-for-everyone = Alle (öffentlich)
announcement-for-awardees = Nur Ausgezeichnete
announcement-for-nda = Ausgezeichnete, die die NDA akzeptiert haben (unter NDA)
announcements-label-public-on = Öffentlich ab (optional)
announcements-public-on-hint = Leer lassen, damit sie nicht öffentlich wird. Nur für Ausgezeichnete oder unter NDA.
announcements-publish = Veröffentlichen
announcements-published-heading = Veröffentlicht

nda-title = Die NDA
nda-intro = Manche Mitteilungen erreichen Ausgezeichnete, bevor sie öffentlich sind. Um sie zu lesen, akzeptieren Sie die Geheimhaltungsvereinbarung (NDA) des Programms: Was Sie lesen, behalten Sie für sich, bis es öffentlich ist.
nda-version = Fassung { $version }
nda-accept = Ich akzeptiere diese NDA
nda-accepted = Sie haben die NDA akzeptiert. Die Mitteilungen unter NDA stehen Ihnen jetzt offen.
nda-accepted-on = Sie haben diese Fassung am { $date } akzeptiert.
nda-to-announcements = Zu den Mitteilungen
nda-none = Das Programm hat noch keine NDA.
nda-admin-title = NDA-Fassungen
nda-admin-intro = Ausgezeichnete lesen Mitteilungen unter NDA erst, nachdem sie die aktuelle Fassung akzeptiert haben. Eine neue Fassung müssen alle Ausgezeichneten erneut akzeptieren.
nda-col-version = Fassung
nda-col-published = Veröffentlicht
nda-col-acceptances = Akzeptiert von
nda-current = aktuell
nda-new-heading = Neue Fassung veröffentlichen
nda-new-intro = Die neue Fassung ersetzt die aktuelle sofort.
nda-label-version = Name der Fassung (etwa 2027-1)
nda-label-body = Text der NDA (Markdown)
nda-publish = Diese Fassung veröffentlichen
nda-published = Die neue NDA-Fassung ist veröffentlicht. Ausgezeichnete akzeptieren sie, bevor sie etwas unter NDA lesen.

field-announcement-title-required = Geben Sie der Mitteilung einen Titel.
field-announcement-body-required = Schreiben Sie die Mitteilung.
field-announcement-audience-invalid = Wählen Sie, wer sie liest.
field-announcement-embargo-past = Wählen Sie einen Tag nach heute, oder lassen Sie das Feld leer.
field-announcement-embargo-public = Eine öffentliche Mitteilung ist sofort öffentlich: Lassen Sie das Datum leer, oder wählen Sie Ausgezeichnete oder NDA.
field-nda-version-required = Benennen Sie die Fassung.
field-nda-version-taken = Eine Fassung mit diesem Namen gibt es schon.
field-nda-body-required = Schreiben Sie den Text der NDA.

# E-Mail an die aktuell Ausgezeichneten, wenn eine Mitteilung für sie veröffentlicht wird.
mail-announcement-awardees-subject = Für Ausgezeichnete: { $title }
mail-announcement-awardees-body = Es gibt eine neue Mitteilung für die Ausgezeichneten des Programms: „{ $title }“. Sie ist nicht öffentlich; bitte behalten Sie sie unter Ausgezeichneten.
mail-announcement-nda-subject = [NDA] { $title }
mail-announcement-nda-body = Es gibt eine neue Mitteilung unter NDA: „{ $title }“.
mail-announcement-nda-note = Diese E-Mail und die Mitteilung fallen unter die NDA, die Sie akzeptiert haben. Bitte geben Sie nichts davon weiter, bevor sie öffentlich ist.
mail-announcement-link = Mitteilung lesen
mail-announcement-nda-waiting-subject = [NDA] Eine neue Mitteilung unter NDA wartet auf Sie
mail-announcement-nda-waiting-body = Es gibt eine neue Mitteilung unter NDA für die Ausgezeichneten des Programms. Akzeptieren Sie die aktuelle NDA, um sie zu lesen; bis dahin können wir Ihnen nicht mehr verraten.
mail-announcement-nda-accept-link = NDA lesen und akzeptieren
