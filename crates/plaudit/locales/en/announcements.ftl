# Announcements and the NDA.

footer-announcements = Announcements
announcements-title = Announcements
announcements-none = No announcements yet.
announcements-feed = Follow the announcements (Atom feed)
announcements-nda-banner = Under NDA: this page shows announcements covered by the NDA you accepted. Do not share them until they are public.
announcements-nda-waiting = { $count ->
        [one] { $count } announcement under NDA is waiting for you.
       *[other] { $count } announcements under NDA are waiting for you.
    }
announcements-nda-read = Read and accept the NDA to see them.
announcement-audience-nda = Under NDA
announcement-audience-awardees = For awardees
announcement-public-on = public from { $date }
announcement-published = The announcement is published.
feed-announcements-title = { $program }: announcements

announcements-admin-title = Announcements
announcements-admin-description = news for everyone, for awardees, or under NDA, with an embargo
announcements-admin-intro = An announcement is for everyone, for awardees only, or under NDA: then only awardees who accepted the current NDA read it, on pages marked as such. With a date, an announcement for awardees or under NDA becomes public on that day. Every current awardee is told of one for awardees or under NDA by mail; those who have not accepted the NDA learn only that something waits for them.
announcements-label-title = Title
announcements-label-body = Text
announcements-body-hint = Markdown: paragraphs, lists, links and emphasis.
announcements-label-audience = Who reads it
announcement-for-everyone = Everyone (public)
announcement-for-awardees = Awardees only
announcement-for-nda = Awardees who accepted the NDA (under NDA)
announcements-label-public-on = Public from (optional)
announcements-public-on-hint = Leave empty to keep it private. Only for awardees or under NDA.
announcements-publish = Publish
announcements-published-heading = Published

nda-title = The NDA
nda-intro = Some announcements reach awardees before they are public. To read them, accept the program's non-disclosure agreement (NDA): you keep what you read to yourself until it is public.
nda-version = Version { $version }
nda-accept = I accept this NDA
nda-accepted = You accepted the NDA. The announcements under NDA are now open to you.
nda-accepted-on = You accepted this version on { $date }.
nda-to-announcements = Go to the announcements
nda-none = The program has no NDA yet.
nda-admin-title = NDA versions
nda-admin-intro = Awardees read announcements under NDA only after accepting the current version. Publishing a new version asks every awardee to accept it again.
nda-col-version = Version
nda-col-published = Published
nda-col-acceptances = Accepted by
nda-current = current
nda-new-heading = Publish a new version
nda-new-intro = The new version replaces the current one at once.
nda-label-version = Version name (such as 2027-1)
nda-label-body = Text of the NDA (Markdown)
nda-publish = Publish this version
nda-published = The new NDA version is published. Awardees accept it before they read anything under NDA.

field-announcement-title-required = Give the announcement a title.
field-announcement-body-required = Write the announcement.
field-announcement-audience-invalid = Choose who reads it.
field-announcement-embargo-past = Choose a day after today, or leave it empty.
field-announcement-embargo-public = A public announcement is public at once: leave the date empty, or choose awardees or NDA.
field-nda-version-required = Name the version.
field-nda-version-taken = A version has this name already.
field-nda-body-required = Write the text of the NDA.

# Mail to the current awardees when an announcement for them is published.
mail-announcement-awardees-subject = For awardees: { $title }
mail-announcement-awardees-body = There is a new announcement for the program's awardees: “{ $title }”. It is not public; please keep it among awardees.
mail-announcement-nda-subject = [NDA] { $title }
mail-announcement-nda-body = There is a new announcement under NDA: “{ $title }”.
mail-announcement-nda-note = This mail and the announcement are under the NDA you accepted. Please share nothing of it until it is public.
mail-announcement-link = Read the announcement
mail-announcement-nda-waiting-subject = [NDA] A new announcement under NDA waits for you
mail-announcement-nda-waiting-body = There is a new announcement under NDA for the program's awardees. Accept the current NDA to read it; until then we cannot tell you more.
mail-announcement-nda-accept-link = Read and accept the NDA
