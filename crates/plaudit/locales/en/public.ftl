## The public directory

directory-title = Awardees
directory-title-alumni = Alumni
directory-meta-description = Find the awardees and alumni of { $program }: search by name or topic, and narrow by category, technology, country, language and award year.
directory-search-label = Search by name, headline or bio
directory-search-button = Search
directory-search-hint = Every word must match; the start of a word is enough.
directory-status-label = Awardees or alumni
directory-status-current = Current awardees
directory-status-alumni = Alumni
directory-facets-heading = Narrow the list
directory-facet-category = Category
directory-facet-area = Technology area
directory-facet-country = Country
directory-facet-language = Language
directory-facet-year = Award year
directory-facet-speaking = Speaking
directory-facet-clear = Remove
directory-speaking-yes = Available for speaking
directory-none = Nobody matches. Try fewer words or remove a filter.
directory-count-current = { $count ->
    [one] { $count } awardee
   *[other] { $count } awardees
}
directory-count-alumni = { $count ->
    [one] { $count } alumnus or alumna
   *[other] { $count } alumni
}
directory-clear-search = Clear the search
directory-clear-all = Remove all filters
directory-since = since { $year }
directory-awards = { $count ->
    [one] { $count } award
   *[other] { $count } awards
}
directory-pages-label = Pages
directory-previous = Previous page
directory-next = Next page
directory-search-too-long = Use at most { $max } characters.
directory-status-invalid = “{ $value }” is neither “current” nor “alumni”.
directory-cursor-invalid = This page link is not one Plaudit made; start again from the first page.
directory-filter-invalid = “{ $value }” is not a value this filter takes.

## An awardee's public profile

profile-public-awardee-since = Awardee since { $year }, { $count ->
    [one] { $count } award
   *[other] { $count } awards
}
profile-public-alumni-since = Alumni since { $year }, { $count ->
    [one] { $count } award
   *[other] { $count } awards
}
profile-public-speaks = Speaks
profile-public-about = About
profile-public-featured = Featured contributions
profile-public-activity = Contributions
profile-public-chart-title = Public contributions per month
profile-public-chart-description = { $count ->
    [one] { $count } public contribution in the last two years, counted by the month it started.
   *[other] { $count } public contributions in the last two years, counted by the month each started.
}
profile-public-chart-series = Contributions
profile-public-no-contributions = No public contributions yet.
profile-public-year-count = { $count ->
    [one] { $count } contribution
   *[other] { $count } contributions
}
profile-public-year-more = { $count ->
    [one] and { $count } more
   *[other] and { $count } more
}
profile-public-awards = Awards
profile-public-award-held = current
profile-public-areas = Technology areas
profile-public-badge = Verifiable badge

credential-title = Award credential
credential-verdict-valid = This credential is valid.
credential-verdict-invalid = This credential is not valid.
credential-valid = Issued to { $recipient } for { $achievement }, valid until { $until }. The signature checks out against the program's published key, and the award has not been revoked.
credential-problem-malformed = The credential is not well-formed: it does not have the shape of an Open Badges 3.0 credential.
credential-problem-unknown-key = The credential was signed with a key the program does not list.
credential-problem-bad-signature = The signature does not match the credential: it was changed after it was signed.
credential-problem-not-yet-valid = The award's term has not started yet.
credential-problem-expired = The award's term has ended: the credential was valid for that year only.
credential-problem-revoked = The award was ended before its term was over, and the program's revocation list says so.
credential-problem-status-list = The program's revocation list could not be checked: its signature does not match.
credential-badge-alt = Badge
credential-recipient = Issued to
credential-achievement = For
credential-term = Term
credential-issuer = Issued by
credential-how-heading = Check it yourself
credential-how = This page checks the credential as any verifier would: the signature against the key published in the program's issuer profile, its dates, and the program's revocation list. The credential is an Open Badges 3.0 verifiable credential; the badge image carries it inside, so a wallet or another verifier can check it without this page.
credential-download-json = Download the credential (JSON)
credential-download-badge = Download the badge (SVG)
credential-achievement-description = Awarded for a year of community contributions in { $category } that met the published rubric's threshold ({ $year }).
credential-criteria = The committee weighed the recipient's contributions of the year against the published { $category } rubric for { $year } and found they met its threshold.

home-browse-awardees = Browse the awardees
home-category-awardees-link = Meet them

feed-awardees-title = { $program }: new awardees
feed-awardees-subtitle = Awards as their terms begin, with a link to each awardee's profile and verifiable badge.
feed-awardee-title = { $name }: { $category } { $year }
feed-awardee-summary = { $name } holds the { $category } award for { $year }.
feed-awardees-link = Feed of new awardees (Atom)

## The public API
api-limit-out-of-range = Ask for between 1 and { $max } at a time.
api-reference-title = API reference
api-reference-intro = Everything the program publishes can be read by programs too: the directory, profiles, awards, categories, rubrics and credentials, without a token. With a personal token from your account, the API also works on your own nominations, contributions and standing.
api-reference-document = The OpenAPI 3.1 document
api-reference-tokens = Make a personal token
api-reference-needs-script = The interactive reference needs JavaScript; the OpenAPI document above has everything it shows.
