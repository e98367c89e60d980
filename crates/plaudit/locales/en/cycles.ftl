# Cycles as admins plan them: the list, a new cycle, one cycle's timetable.

cycles-description = plan the rounds of the program and their dates; decide each cycle’s candidacies.
cycles-new = New cycle
cycles-new-title = A new cycle
cycles-new-intro = A cycle is one round of the program: nominations, a year of contributions, review and the announcement. Each phase starts on its date by the program's clock, in its time zone. The form starts from the latest cycle's dates a year on.
cycles-created = The cycle “{ $name }” is planned.
cycles-saved = Saved: { $fields }.
cycles-unchanged = Nothing changed.
cycles-edit = Dates and name
cycles-phase = Phase today
cycles-phase-upcoming = Upcoming
cycles-phase-nominations_open = Nominations open
cycles-phase-contributions_open = Contributions open
cycles-phase-in_review = In review
cycles-phase-announced = Announced
cycles-award-year = Award year
cycles-locked = This cycle is settled: it was announced, or its announcement day has come. Its dates stay as they were.
cycles-dates-hint = Dates that have passed stay as they are, because people acted on them; no date can be set in the past. Changed dates move the contribution window, so every standing is recomputed within minutes.
cycles-rubrics = Rubrics it decides by
cycles-rubrics-hint = A cycle keeps the rubric version each category had when it was planned, so its decisions never change with a later version.
cycles-rubric-version = { $category }: version { $version }
cycles-label-name = Name
cycles-label-slug = Address name
cycles-hint-slug = Lowercase letters, digits and hyphens; made from the name when left empty. It never changes.
cycles-label-nominations_open = Nominations open
cycles-label-nominations_close = Nominations close
cycles-label-contributions_due = Contributions due
cycles-label-review_start = Review starts
cycles-label-review_end = Review ends
cycles-label-announcement = Announcement
cycles-hint-nominations_open = The first day a nomination is taken; accepted candidates record contributions from then on.
cycles-hint-review_start = Submitted candidacies go to the committee on this day.
cycles-hint-review_end = The last day reviewers vote; admins finalize decisions by then.
cycles-hint-nominations_close = The last day a nomination is taken.
cycles-hint-contributions_due = Contributions up to this day count; candidates submit by then.
cycles-hint-announcement = Decisions are told and awards begin on this day.
cycles-create = Plan the cycle
cycles-save = Save the cycle
cycles-open = Dates and rubrics

field-cycle-date-invalid = “{ $value }” is not a day; write it as YYYY-MM-DD, for example 2027-03-14.
field-cycle-date-passed = This date has passed ({ $date }) and stays as it was.
field-cycle-date-past = This day is in the past; choose today ({ $today }) or later.
field-cycle-date-order = This must be on or after { $earlier ->
        [nominations_open] the day nominations open
        [nominations_close] the day nominations close
        [contributions_due] the day contributions are due
        [review_start] the day review starts
       *[other] the day review ends
    }.
field-cycle-date-after = This must be after { $earlier ->
        [nominations_open] the day nominations open
        [nominations_close] the day nominations close
        [contributions_due] the day contributions are due
        [review_start] the day review starts
       *[other] the day review ends
    }.
field-cycle-year-range = The announcement falls in { $year }, outside the award years Plaudit accepts (2000 to 2200).
field-cycle-slug-taken = Another cycle has the address name { $slug }; choose another.
field-cycle-nominations-overlap = Nominations for “{ $cycle }” are open on some of these days; a nomination must belong to one cycle, so let the two periods follow each other.
