# Nominating, the nominee's invitation, candidacies, the standing and the published rubric.

nav-nominate = Nominate
nav-candidacies = My candidacies
nav-contributions = Contributions

nominate-title = Nominate someone
nominate-meta-description = Nominate a member of the community whose work deserves recognition.
nominate-intro = Nominations for { $cycle } are open until { $closes }. The person you nominate is invited by e-mail and decides whether to take part.
label-category = Category
nominate-choose-category = Choose a category
nominate-label-name = Their name
nominate-label-email = Their e-mail address
nominate-email-hint = We write to them once, to invite them; nobody else sees it.
nominate-label-links = Where to see their work (optional)
nominate-links-hint = Blog, GitHub, Stack Overflow, YouTube…: one address per line, at most { $max }.
nominate-label-reason = Why they deserve it
nominate-reason-hint = A few sentences about what they did for the community; reviewers read it.
nominate-submit = Send the nomination
nominations-yours = Your nominations
nominate-sent = Thank you: { $name } is nominated and has been invited by e-mail.
nominate-sent-merged = Thank you: { $name } was already nominated for this category; your reason joins the others.

nominations-title = Your nominations
nominations-intro = You see whether each person accepted; what happens after that is theirs to share.
nominations-none = You have not nominated anyone yet.
nominations-col-nominee = Nominee
nominations-col-cycle = Cycle
nominations-col-date = Nominated on
nominations-col-outcome = Outcome
nominations-nominate-someone = Nominate someone
nomination-outcome-waiting = Waiting for their answer
nomination-outcome-accepted = Accepted
nomination-outcome-declined = Declined

invitation-title = You have been nominated
invitation-nominee = Nominee
invitation-due = Contributions due
invitation-nominations = Nominations received
invitation-what-next = If you accept, you fill in your profile and the contributions of your past year, and see at every step where you stand against the published rubric. If you decline, your nominators are told only that.
invitation-accept-heading = Accept the nomination
invitation-new-account = Choose a password for your account; it signs in with { $email }.
invitation-confirm-age = I am at least { $age } years old.
invitation-accept-code = I accept the code of conduct (version { $version }).
invitation-accept = Accept and continue
invitation-decline-heading = Not for you?
invitation-decline-explain = Declining ends this nomination. Nothing else about you is kept public.
invitation-decline = Decline the nomination
invitation-accepted = Welcome! Your candidacy is open: add your contributions and watch your standing.
invitation-declined-title = Nomination declined
invitation-declined-body = You declined the nomination. Your nominators have been told, and nothing more.

candidacies-title = My candidacies
candidacies-none = You have no candidacy. When someone nominates you and you accept, it appears here.
candidacy-due = Contributions due { $date }.
candidacy-state-nominated = Nominated
candidacy-state-invited = Invited
candidacy-state-accepted = Being prepared
candidacy-state-invitation_declined = Declined by you
candidacy-state-submitted = Submitted
candidacy-state-in_review = In review
candidacy-state-awarded = Awarded
candidacy-state-declined = Not awarded
candidacy-state-deferred = Deferred
candidacy-state-withdrawn = Withdrawn
candidacy-state-lapsed = Closed without a decision
candidacy-read-only = The deadline has passed: this candidacy can no longer be changed.
candidacy-contributions-link = Your contributions
candidacy-submit = Review and submit
candidacy-withdraw = Withdraw this candidacy
candidacy-submitted = Your candidacy is submitted. The committee reviews it after the deadline.
candidacy-withdrawn = Your candidacy is withdrawn.
candidacy-submit-title = Submit your candidacy
candidacy-submit-intro = Reviewers will see your profile, your nominations and endorsements, and these contributions:
candidacy-submit-public = { $count ->
        [one] { $count } public contribution
       *[other] { $count } public contributions
    }
candidacy-submit-program = { $count ->
        [one] { $count } contribution visible to the program only
       *[other] { $count } contributions visible to the program only
    }
candidacy-submit-private = { $count ->
        [one] { $count } private contribution (reviewers of your candidacy see it)
       *[other] { $count } private contributions (reviewers of your candidacy see them)
    }
candidacy-submit-after = After you submit, the candidacy is read-only; the committee reviews it after { $date }.
candidacy-submit-confirm = Submit for review
candidacy-cannot-submit = This candidacy cannot be submitted now.

standing-title = Where you stand
standing-total = { $total } of { $threshold } points
standing-window = Counting contributions from { $start } to { $end }
standing-rubric-link = Published rubric, version { $version }
standing-met = You meet the threshold of the published rubric. The committee still decides, and says why.
standing-missing-heading = What would reach the threshold
standing-inactive-months = Months without a counted contribution: { $months }
standing-chart-table = The chart's numbers as a table
standing-col-month = Month
standing-col-contributions = Contributions
standing-col-cumulative = Points by the month's end
standing-by-criterion = Points per criterion
standing-col-criterion = Criterion
standing-col-earned = Earned
standing-col-counted = Counted
standing-col-cap = Cap
standing-by-contribution = What each contribution earned
standing-no-contributions = No contribution counts yet. Add the work of your past year to see your standing grow.
standing-col-base = Points
standing-col-bonus = Reach bonus
standing-none = This category has no published rubric yet, so there is no standing to show.
standing-consistency = Consistency (active months)
standing-gap-points = { $points ->
        [one] { $points } point short of the threshold.
       *[other] { $points } points short of the threshold.
    }
standing-gap-closes = { $count ->
        [one] { $count } more of “{ $type }” ({ $each } points each) would close the gap.
       *[other] { $count } more of “{ $type }” ({ $each } points each) would close the gap.
    }
standing-gap-adds = { $count ->
        [one] { $count } more of “{ $type }” ({ $each } points each) would add { $points } points.
       *[other] { $count } more of “{ $type }” ({ $each } points each) would add { $points } points.
    }
standing-gap-months = { $count ->
        [one] { $count } month has no counted contribution; each active month adds { $each } points.
       *[other] { $count } months have no counted contribution; each active month adds { $each } points.
    }
standing-chart-title = Contributions per month and your standing against the threshold
standing-chart-description = Bars count contributions per month; the line is your standing at each month's end, { $total } of { $threshold } points now; the dashed line is the threshold.
standing-threshold = Threshold

month-year = { $month } { $year }
month-short-1 = Jan
month-short-2 = Feb
month-short-3 = Mar
month-short-4 = Apr
month-short-5 = May
month-short-6 = Jun
month-short-7 = Jul
month-short-8 = Aug
month-short-9 = Sep
month-short-10 = Oct
month-short-11 = Nov
month-short-12 = Dec

rubric-title = The { $category } rubric
rubric-meta-description = How the { $category } award weighs a year of community work: points, caps, reach and the threshold.
rubric-published-on = Version { $version }, published on { $date }
rubric-earlier-version = This is version { $version }, published on { $date }, an earlier version. The current one is version { $current }.
rubric-read-current = Read the current version
rubric-read-version = Read version { $version }
rubric-version-note = What changed: { $note }
rubric-upcoming-differs = The { $cycle } cycle is still decided by version { $version }: its review had already begun, and a review keeps the rules it started under.
rubric-earlier-heading = Earlier versions
rubric-earlier-item = Version { $version }, { $date }
rubric-no-earlier = This is the first version.
rubric-intro = Every candidate's and awardee's standing is computed with this formula, and shown to them. The committee decides; where a decision departs from the rubric, it says why.
rubric-threshold = Threshold: { $points } points
rubric-rules-heading = How points are counted
rubric-rule-window = Only work within the twelve months ending on the cycle's due date counts; work that spans months (moderating a forum, leading a group) counts for each month it covers.
rubric-rule-points = Each contribution earns its type's points, plus a bonus for the highest reach tier it reaches.
rubric-rule-cap = A type adds at most its cap; beyond it, more of the same type adds nothing.
rubric-rule-months = Each month with a contribution of a type this rubric scores is active, even when that type has already reached its cap: the cap limits what one kind of work earns, not whether you were active.
rubric-rule-total = The total is the sum of what each type and consistency count; it meets the rubric when it reaches the threshold.
rubric-types-heading = Points per type
rubric-col-points = Points each
rubric-col-cap = Cap
rubric-col-reach = Reach bonus
rubric-unlisted-types = Types not listed earn no points in this category, though reviewers still see them.
rubric-other-categories = Other categories
rubric-tier = { $reach }+ adds { $bonus }
rubric-consistency = Each active month adds { $each } points, up to { $cap }.

home-category-rubric = Read the rubric
home-nominate = Nominate someone

endorsements-title = Endorsements
endorsements-none = No endorsement yet. Awardees who know your work can put in a good word.
endorsements-share = Share this link with awardees who know your work:
endorsement-history = Awardee since { $year }, { $awards ->
        [one] { $awards } award
       *[other] { $awards } awards
    }
endorsement-history-member = Member
endorse-title = Endorse { $name }
endorse-intro = A few sentences on what you have seen of their work help the committee. The candidate reads your endorsement too; you can edit it until the review starts.
endorse-label = Your endorsement
endorse-hint = At most { $max } characters.
endorse-give = Endorse
endorse-save = Save the endorsement
endorse-withdraw = Withdraw my endorsement
endorsement-given = Thank you: your endorsement is recorded.
endorsement-edited = Your endorsement is saved.
endorsement-withdrawn = Your endorsement is withdrawn.
candidacy-submit-endorsements = { $count ->
        [0] no endorsement yet (awardees can still endorse you until the review starts)
        [one] { $count } endorsement
       *[other] { $count } endorsements
    }
