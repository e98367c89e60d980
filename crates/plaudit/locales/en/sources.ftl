# Import sources and the suggestions inbox: contributions that record themselves.

import-sources-link = Import sources
import-suggestions-link = Suggestions inbox
import-sources-title = Import sources
import-sources-intro = Add where you publish, and Plaudit reads it every day: new posts, videos, pull requests, answers and talks arrive in your suggestions inbox with their type, date, address and reach filled in. Nothing becomes a contribution until you accept it.
import-sources-none = You have not added a source yet.
import-pending-count = { $count ->
    [one] One suggestion waiting
   *[other] { $count } suggestions waiting
}
import-accepted-count = { $count } accepted
import-dismissed-count = { $count } dismissed
import-add-heading = Add a source
import-label-kind = Kind of source
import-label-locator = Address, username or id
import-add = Add and import
import-now = Import now
import-remove = Remove
import-source-added = Source added. Its first import has started; new suggestions appear in your inbox.
import-source-requested = Import started. This page shows its progress.
import-source-removed = Source removed, with its suggestions that were still waiting. What you accepted stays.
import-source-queued = Waiting to be imported…
import-source-reading = Importing now…
import-source-never = Not imported yet.
import-source-read = Last imported { $date }: { $added } new of { $read } found.
import-source-failed = The last import failed: { $reason } Plaudit tries again later on its own.
import-source-resolved = Read from { $address }
import-problems-heading = { $count ->
    [one] One entry could not be read
   *[other] { $count } entries could not be read
}
import-problem = Entry { $position } ({ $entry }): { $reason }
import-problem-unnamed = Entry { $position }: { $reason }
import-problem-detail = Technical detail:
import-problem-no_title = It has no title.
import-problem-no_link = It has no link to its page.
import-problem-no_date = It has no date.
import-problem-date_unreadable = Its date “{ $quoted }” is not in a form Plaudit can read.
import-problem-link_not_web = Its link “{ $quoted }” is not a web address.
import-problem-link_too_long = Its link is longer than { $max } characters.
import-problem-field_missing = The field “{ $quoted }” is missing or has the wrong type.
import-problem-xml_broken = Its XML is broken, so it was skipped.
import-problem-unreadable = It could not be read.
import-problem-not_an_entry = It is not a post, video or other entry Plaudit can read.

import-kind-feed = Blog
import-kind-feed-hint = Your blog’s address is enough: Plaudit finds its RSS, Atom or JSON feed.
import-kind-youtube = YouTube channel
import-kind-youtube-hint = Your channel’s address (youtube.com/@name) or its id (UC…).
import-kind-github = GitHub
import-kind-github-hint = Your GitHub username: your pull requests and issues in public repositories, and the repositories you own with their stars.
import-kind-stack_exchange = Stack Exchange
import-kind-stack_exchange-hint = Your profile’s address on Stack Overflow or another Stack Exchange site, or your Stack Overflow user number. Each answer’s score is its reach.
import-kind-sessionize = Sessionize
import-kind-sessionize-hint = The address of your Sessionize Speaker API (in Sessionize: API / Embed, then JSON), such as https://sessionize.com/api/speaker/json/a1b2c3d4: the events you spoke at.

field-import-kind-invalid = Choose one of the kinds of source.
field-import-locator-required = Enter the address, username or id to import from.
field-import-locator-invalid = This is not an address, username or id Plaudit can read.
field-import-locator-duplicate = You have added this source already.
field-import-locator-feed = Enter your blog’s web address, like https://blog.example.org.
field-import-locator-youtube = Enter a YouTube channel’s address, like https://www.youtube.com/@name, or its id starting with UC.
field-import-locator-github = Enter a GitHub username (letters, digits and single hyphens) or https://github.com/username.
field-import-locator-stack_exchange = Enter your profile’s address, like https://stackoverflow.com/users/12345/name, or your user number.
field-import-locator-sessionize = Enter your Speaker API address, https://sessionize.com/api/speaker/json/ followed by its id, or the id alone. Your profile page's address is not enough.

import-failure-invalid_locator = Plaudit cannot read this address, username or id.
import-failure-address_not_allowed = The address is not on the public internet.
import-failure-timeout = The site took too long to answer.
import-failure-network = The site could not be reached.
import-failure-not_found = The site says this page, feed or user does not exist.
import-failure-refused = The site refused to answer.
import-failure-server_error = The site had an error of its own.
import-failure-rate_limited = The site asked us to slow down.
import-failure-too_large = The answer was too large to read.
import-failure-not_a_feed = No feed was found at this address.
import-failure-malformed = The answer could not be read.

## A suggestion's summary, worded from what GitHub, Stack Exchange or Sessionize said, in the
## person's language when it arrives; it is then theirs to edit.
import-summary-repository = Repository { $name }.
import-summary-repository-described = Repository { $name }: { $description }
import-summary-language = Written in { $language }.
import-summary-archived = Archived.
import-summary-pull-request-merged = Pull request #{ $number } to { $repository }, merged on { $date }.
import-summary-pull-request-closed = Pull request #{ $number } to { $repository }, closed without merging.
import-summary-pull-request-draft = Draft pull request #{ $number } to { $repository }, still open.
import-summary-pull-request-open = Pull request #{ $number } to { $repository }, open.
import-summary-issue-open = Issue #{ $number } in { $repository }, open.
import-summary-issue-closed = Issue #{ $number } in { $repository }, closed.
import-summary-answer = Answer on { $site }.
import-summary-answer-accepted = Accepted answer on { $site }.
import-summary-talk = Speaker at { $event }, { $when }.
import-summary-talk-located = Speaker at { $event }, { $location }, { $when }.
import-summary-days = { $start } to { $end }

import-suggestions-title = Suggestions inbox
import-suggestions-intro = What your sources brought. Accept what you want to count, and it becomes a public contribution you can edit; dismiss the rest, and it is never suggested again.
import-suggestions-none = Nothing here.
import-tabs-label = Suggestions by state
import-tab-pending = Waiting
import-tab-accepted = Accepted
import-tab-dismissed = Dismissed
import-accept-chosen = Accept the chosen
import-dismiss-chosen = Dismiss the chosen
import-accept-all = Accept all waiting
import-edit-contribution = Edit the contribution
import-next-page = Older suggestions
import-none-chosen = Tick the suggestions first.
import-accepted = { $count ->
    [one] One suggestion accepted: it is now a contribution.
   *[other] { $count } suggestions accepted: they are now contributions.
}
import-dismissed = { $count ->
    [one] One suggestion dismissed.
   *[other] { $count } suggestions dismissed.
}

## Imports as admins run them: trusted sources, and people who are one.
admin-imports-title = Imports and merges
admin-imports-description = choose the sources whose contributions need no review, and merge people the importers found to be one.
admin-imports-intro = People import their contributions from their blogs, channels and profiles. Here you decide which kinds of source the program trusts, and which people are the same person.
admin-imports-trusted-heading = Trusted sources
admin-imports-trusted-legend = Contributions from these kinds of source are added without asking
admin-imports-trusted-hint = Everything else waits in the person's suggestions inbox until they accept it. Trust only sources whose entries are always the person's own work.
admin-imports-trusted-save = Save trusted sources
admin-imports-trusted-saved = Trusted sources saved.
admin-imports-same-heading = People who may be the same
admin-imports-same-intro = An importer found the same account on two people, or one of them proved an address the other was known by. Merging moves the contributions, awards, candidacies and history of one onto the other, whom you keep, and both their accounts then sign in as the one you keep; it can be undone.
admin-imports-same-none = No suggested merges.
admin-imports-reason-same_email = same verified e-mail address
admin-imports-reason-same_github = same GitHub account
admin-imports-reason-same_stack_exchange = same Stack Exchange profile
admin-imports-reason-same_youtube_channel = same YouTube channel
admin-imports-reason-same_sessionize = same Sessionize profile
admin-imports-keep = Merge, keeping { $name }
admin-imports-different = Different people
admin-imports-merged = The two people are merged. You can undo it below.
admin-imports-dismissed = Noted: they are different people, and will not be suggested again.
admin-imports-merges-heading = Latest merges
admin-imports-merges-none = No one has been merged.
admin-imports-col-kept = Kept
admin-imports-col-merged = Merged into them
admin-imports-col-moved = Records moved
admin-imports-col-when = Merged on
admin-imports-undo = Undo
admin-imports-undo-hidden = the merge of { $name }
admin-imports-undone-on = Undone on { $date }
admin-imports-undone = The merge is undone: everything it moved is back where it was.
field-merge-kept-invalid = Choose one of the two people to keep.
