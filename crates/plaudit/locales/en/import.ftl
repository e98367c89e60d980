# A person's contributions as files: importing a CSV file, with a dry run first, and
# downloading one's own contributions.

contributions-import = Import from a CSV file
contributions-export = Download all your contributions:
contributions-export-csv = as CSV
contributions-export-json = as JSON

import-title = Import contributions from a CSV file
import-intro = Bring in a year of work at once from a spreadsheet. First you see what would be imported and which lines have problems; nothing is saved until you confirm.
import-label-file = CSV file
import-file-hint = UTF-8 text with a header row, up to { $max } MB. In a spreadsheet, save it as “CSV UTF-8”.
import-check = Check the file
import-template = Download a template with every column
import-format-title = How the file is laid out
import-format-intro = The first row names the columns. They may come in any order, and only type, title, started_on and role are required. Dates are written YYYY-MM-DD, figures are whole numbers, and lists (areas, audiences) are separated by semicolons. A file you downloaded from this page imports as it is.
import-example-intro = A small file looks like this:
import-example-label = An example file
import-example-title = How we moved our build to Rust
import-example-talk = Rust at the local meetup
import-columns-title = The columns
import-required = required
import-accepted-values = Accepted values:
import-no-areas = The program has no technology areas yet; leave this column empty.

import-column-type = What kind of contribution it is.
import-column-title = Its title, on one line, up to 200 characters.
import-column-description = What it was about, up to 5,000 characters; line breaks are kept.
import-column-private_note = A note that only the reviewers of your candidacies and admins read.
import-column-started_on = The day it happened, or its first day (YYYY-MM-DD).
import-column-ended_on = Its last day, for work that lasted (YYYY-MM-DD); otherwise leave it empty.
import-column-url = Its web address. A contribution you have already recorded (the same address, or without one the same type, title and day) is reported as a duplicate rather than imported twice.
import-column-primary_area = Its main technology area, by one of the short names below.
import-column-areas = Other technology areas, by the same short names, separated by semicolons.
import-column-audiences = Who it is for, separated by semicolons.
import-column-role = Your part in it.
import-column-visibility = Who sees it; empty means public.
import-column-high_impact = Whether to feature it on your profile: yes or no (true, false, 1 and 0 work too); empty means no.
import-column-reach = { $label }: a whole number, only for these types: { $types }.

import-dry-run-title = Check before importing
import-another-file = Choose another file
import-file-refused = This file cannot be imported as it is, and nothing was saved:
import-dry-run-intro = Nothing is saved yet. The lines listed below are imported when you confirm; lines with problems are left out, so you can fix them and import them later.
import-summary-good = { $count ->
        [one] { $count } line can be imported.
       *[other] { $count } lines can be imported.
    }
import-summary-bad = { $count ->
        [0] No line has problems.
        [one] { $count } line has problems and is left out.
       *[other] { $count } lines have problems and are left out.
    }
import-bad-title = Lines left out
import-nothing-to-import = No line of this file can be imported. Fix the lines above and check the file again.
import-confirm = { $count ->
        [one] Import { $count } contribution
       *[other] Import { $count } contributions
    }
import-good-title = Lines to import
import-line = Line
import-line-problem = Line { $line }: { $column } — { $problem }
import-line-problem-whole-line = Line { $line }: { $problem }
import-duplicate-existing = You have already recorded this address, as “{ $title }”.
import-duplicate-line = Line { $line } of this file has the same address.
import-duplicate-same = You have already recorded “{ $title }”, of this type and on this day.
import-duplicate-line-same = Line { $line } of this file is the same contribution: same type, title and day.
import-done = { $imported ->
        [one] Imported { $imported } contribution
       *[other] Imported { $imported } contributions
    }; { $skipped ->
        [one] { $skipped } line skipped.
       *[other] { $skipped } lines skipped.
    } Your standing is updated.

import-file-empty = The file is empty.
import-file-not-utf8 = The file is not UTF-8 text (see line { $line }). In your spreadsheet, save it as “CSV UTF-8” and try again.
import-file-unreadable = Line { $line } cannot be read as CSV; check its quotation marks.
import-file-unknown-column = There is no column called “{ $column }”. Use the column names listed on the import page.
import-file-duplicate-column = The column “{ $column }” appears twice.
import-file-missing-column = The column “{ $column }” is missing; every file needs it.
import-file-no-rows = The file has a header row but no contributions.
import-file-too-many-rows = The file holds more than { $max } contributions; split it into smaller files.
