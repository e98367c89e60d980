# The administrators' pages.

admin-roles-unchanged = Saved; the roles were already so.
admin-roles-saved = Saved: { $changes }.
admin-role-granted = granted { $role }
admin-role-revoked = revoked { $role }

admin-jobs-retried = Job { $id } is queued again and runs shortly.
admin-jobs-retry-nothing = Job { $id } is not waiting for a retry; someone may have retried it already.
admin-mail-retried = Mail { $id } is back in the outbox and is sent shortly.
admin-mail-retry-nothing = Mail { $id } is not waiting for a retry; someone may have retried it already.

admin-title = Administration
admin-stat-pending-mail = Mail waiting to be sent
admin-manage-heading = Manage
admin-people-title = People and roles
admin-people-description = grant reviewer, product team and admin roles.
admin-people-search-label = Find an account by e-mail address
admin-people-search-submit = Find
admin-people-found = Found
admin-people-with-roles = Accounts with a granted role
admin-people-none-found = No account has that address.
admin-people-none-with-roles = No one holds a granted role yet.
admin-people-verified = Verified
admin-people-verified-yes = yes
admin-people-verified-no = not yet
admin-person-title = { $name }: roles
admin-person-all-people = All people
admin-person-categories-legend = Categories this reviewer reviews
admin-person-categories-hint = Only used when the reviewer role is ticked.
admin-scope-regions-label = Regions or countries in { $category }
admin-scope-regions-hint = The program limits reviewers by region: beside each ticked category, list the regions or country codes this reviewer reviews, separated by commas (for example Europe, DE). Left empty, the reviewer reviews everyone in the category.
admin-scope-regions-invalid = Nothing was saved: list at most { $max } regions or countries per category, each at most { $length } characters long.
admin-person-submit = Save roles

admin-jobs-title = Jobs and mail that stopped
admin-jobs-description = see why a background job failed or a mail was refused, and retry it.
admin-jobs-intro = Background jobs are retried with growing pauses; after their last attempt they stop here with the reason. Mail the mail server refused for good stops here too. Fix the cause, then retry.
admin-jobs-failed-heading = Failed jobs
admin-jobs-failed-none = No job has failed.
admin-jobs-col-job = Job
admin-jobs-col-kind = Kind
admin-jobs-col-attempts = Attempts
admin-jobs-col-reason = Reason
admin-jobs-col-failed = Failed
admin-jobs-retry = Retry
admin-jobs-retry-job-hidden = job { $id }
admin-jobs-mail-heading = Mail given up on
admin-jobs-mail-none = No mail was refused.
admin-jobs-col-recipient = Recipient
admin-jobs-col-reply = Mail server's reply
admin-jobs-col-gave-up = Given up
admin-jobs-retry-mail-hidden = mail to { $to }

## Exports
export-title = Exports
export-description = download awardees, contributions and decisions as CSV or JSON
export-intro = Download the program's data for a spreadsheet or another system. The files hold e-mail addresses and decisions: keep them as carefully as this site does. Every download is written to the audit log.
export-filter-category = Category
export-filter-category-any = Every category
export-filter-from = From
export-filter-to = To
export-filter-dates-hint = Both days are included. Awardees: awards whose term meets these days. Contributions: contributions made on these days. Decisions: cycles announced on these days.
export-download-csv = { $export } as CSV
export-download-json = { $export } as JSON
export-awardees-title = Awardees
export-awardees-description = Every award with its holder: name, e-mail address, country, category, year, term and how it ended.
export-contributions-title = Contributions
export-contributions-description = Every contribution, whoever may see it, with its author, type, date, address and reach. With a category: the contributions of people who hold, held or stand for an award in it.
export-decisions-title = Candidacies and decisions
export-decisions-description = Every candidacy with its state, and each decision on it: outcome, standing against the threshold, votes, and the rationale.
export-category-unknown = Choose one of the listed categories.
export-date-invalid = Write the day as YYYY-MM-DD, for example 2026-03-14.
export-dates-reversed = This day is before the first day.
