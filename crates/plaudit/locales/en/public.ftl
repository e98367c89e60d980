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
