# Words every page shares: roles, dates, numbers.

role-visitor = visitor
role-member = member
role-candidate = candidate
role-awardee = awardee
role-reviewer = reviewer
role-product_team = product team
role-admin = admin

# A long date: { $day } is the day of the month, { $month } the month's name.
date-long = { $day } { $month } { $year }
month-1 = January
month-2 = February
month-3 = March
month-4 = April
month-5 = May
month-6 = June
month-7 = July
month-8 = August
month-9 = September
month-10 = October
month-11 = November
month-12 = December
number-group-separator = ,

# The frame of every page.
nav-skip-to-content = Skip to content
# The accessible name of the main navigation.
nav-label = Main
nav-admin = Admin
nav-sign-in = Sign in
nav-join = Join
nav-sign-out = Sign out
footer-tagline = Run with Plaudit: recognition with a published rubric, so nothing is a black box.
footer-api = The API for developers
back-to-home = Back to the home page
# The hidden header of a table's column of buttons.
table-action = Action

# Form words used on several pages.
label-name = Name
label-email = E-mail address
label-password = Password
label-current-password = Current password
label-new-password = New password
password-hint = { $min ->
        [one] At least { $min } character.
       *[other] At least { $min } characters.
    }
form-fix-fields = { $count ->
        [one] Please fix the field marked below.
       *[other] Please fix the { $count } fields marked below.
    }

# Where a cycle stands.
phase-upcoming = Upcoming
phase-nominations-open = Nominations open
phase-contributions-open = Contributions open
phase-in-review = In review
phase-announced = Announced

# The home page.
home-meta-description = Recognition for what people do for their community, against a published rubric, so nothing is a black box.
home-stat-awardees = Awardees today
home-stat-categories = Categories
home-sponsor-note = Sponsored by { $sponsor }. Sponsor employees are not eligible.
home-categories-heading = Awardees by category
# Follows the number, shown in bold before it.
home-category-awardees = { $count ->
        [one] awardee
       *[other] awardees
    }
home-cycle-upcoming = Nominations open on { $date }.
home-cycle-nominations-open = Nominations close on { $close }; contributions are due { $due }.
home-cycle-contributions-open = Candidates record contributions until { $due }.
home-cycle-in-review = The committee is reviewing; awards are announced on { $date }.
home-cycle-announced = Awards were announced on { $date }.
# An instant in a table: { $date } is a long date, { $time } like 14:05.
datetime-utc = { $date }, { $time } UTC
