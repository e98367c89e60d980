# A person's contributions: the list, the form, the vocabularies and what is wrong with a field.

contributions-title = Your contributions
contributions-intro = Everything you did for the community: posts, talks, projects, answers. Your standing is computed from it; only what you make public appears on your profile.
contributions-count-public = { $count ->
        [one] { $count } public
       *[other] { $count } public
    }
contributions-count-program = { $count ->
        [one] { $count } for the program only
       *[other] { $count } for the program only
    }
contributions-count-private = { $count ->
        [one] { $count } private
       *[other] { $count } private
    }
contributions-add = Add a contribution
contributions-none = No contributions yet. Add the first one, and watch your standing.
contributions-actions = Actions
contributions-older = Older contributions
contributions-back = All your contributions
contribution-high-impact-tag = High impact
contribution-duplicate = Duplicate
contribution-delete = Delete
contribution-new-title = Add a contribution
contribution-edit-title = Edit the contribution
contribution-label-type = Type
contribution-choose-type = Choose a type
contribution-label-title = Title
contribution-label-url = Web address
contribution-label-started-on = Date (or first day)
contribution-label-ended-on = Last day (optional)
contribution-ended-on-hint = For work that lasted, like moderating a forum or leading a group: it counts for every month it covers.
contribution-label-description = Description
contribution-label-role = Your role
contribution-reach-legend = Reach
contribution-reach-hint = Fill in the figures you know that fit the type; leave the others empty.
contribution-label-primary-area = Main technology area
contribution-no-area = None
contribution-label-areas = Other technology areas
contribution-label-audiences = Audiences
contribution-label-visibility = Who sees it
contribution-visibility-hint = Public: anyone, on your profile. Program only: awardees, reviewers and admins. Private: you, the reviewers of your candidacies and admins.
contribution-label-high-impact = High impact: feature it on my profile
contribution-label-private-note = Note for reviewers (optional)
contribution-private-note-hint = Only reviewers of your candidacies and admins read it; never shown on your profile.
contribution-save = Save
contribution-added = Added “{ $title }”. Your standing is updated.
contribution-saved = Saved “{ $title }”. Your standing is updated.
contribution-deleted = Deleted “{ $title }”.

contribution-type-blog_post = Blog post
contribution-type-article = Article
contribution-type-book = Book or e-book
contribution-type-code_sample = Code sample or project
contribution-type-open_source_project = Open-source project
contribution-type-documentation = Documentation
contribution-type-conference_organizing = Conference organizing
contribution-type-conference_booth = Conference booth
contribution-type-meetup_organizing = User group or meetup organizing
contribution-type-forum_moderation = Forum moderation
contribution-type-forum_answers = Forum and Q&A answers
contribution-type-ama_answers = AMA answers
contribution-type-mentorship = Mentorship
contribution-type-product_feedback = Product feedback
contribution-type-site_owner = Site owner
contribution-type-speaking_conference = Speaking (conference)
contribution-type-speaking_meetup = Speaking (user group or meetup)
contribution-type-speaking_sponsor_event = Speaking (sponsor's event)
contribution-type-social_media = Technical social media
contribution-type-translation = Translation and review
contribution-type-video = Video or livestream
contribution-type-podcast = Podcast
contribution-type-workshop = Workshop
contribution-type-community_leadership = Community leadership
contribution-type-other = Other

contribution-role-author = Author
contribution-role-co_author = Co-author
contribution-role-contributor = Contributor
contribution-role-host = Host
contribution-role-moderator = Moderator
contribution-role-organizer = Organizer
contribution-role-panelist = Panelist
contribution-role-presenter = Presenter
contribution-role-speaker = Speaker

visibility-public = Public
visibility-program_only = Program only
visibility-private = Private

audience-developer = Developers
audience-technical_decision_maker = Technical decision makers
audience-business_decision_maker = Business decision makers
audience-student = Students
audience-it_pro = IT pros
audience-end_user = End users

reach-views = Views (or listens)
reach-live_views = Live views
reach-on_demand_views = On-demand views
reach-attendees = Attendees
reach-sessions = Sessions
reach-subscribers = Subscribers
reach-copies_sold = Copies sold
reach-answers = Answers
reach-stars = Stars
reach-downloads = Downloads
reach-score = Score (votes)
reach-people_mentored = People mentored

field-contribution-required = This is required.
field-contribution-too-long = Keep this under { $max } characters.
field-contribution-control-character = This contains a character that cannot be kept (such as a line break in a title); type it again.
field-contribution-not-a-date = Write the date as YYYY-MM-DD, for example 2026-03-14.
field-contribution-end-before-start = The last day is before the first day.
field-contribution-in-future = This date is in the future; a contribution records what you have done.
field-contribution-unknown-type = Choose one of the types offered (“{ $value }” is not one).
field-contribution-unknown-role = Choose one of the roles offered (“{ $value }” is not one).
field-contribution-unknown-audience = Choose among the audiences offered (“{ $value }” is not one).
field-contribution-unknown-visibility = Choose public, program only or private (“{ $value }” is not one).
field-contribution-unknown-area = Choose among the technology areas offered (“{ $value }” is not one).
field-contribution-url = This is not a web address starting with http:// or https://.
field-contribution-not-a-number = Write a whole number, such as 1200 or 1,200.
field-contribution-negative = A figure cannot be negative.
field-contribution-too-large = This figure is larger than { $max }.
field-contribution-reach-does-not-fit-type = This figure does not apply to the type you chose; leave it empty.
field-contribution-not-a-boolean = Write yes or no (true, false, 1 and 0 work too).
field-contribution-wrong-cell-count = This line has { $found } cells where the header has { $expected }.
field-contribution-duplicate-url = You already recorded this address, as “{ $title }”. Edit that one instead.

contribution-draft-restored = We restored what you typed on { $date } at { $time }; it is not saved as a contribution until you save it.
contribution-draft-discard = Discard this draft
contribution-draft-discarded = The draft is discarded.
contribution-draft-restored-here = We restored what you typed earlier in this browser; it is not saved until you save it.
field-contribution-too-many-featured = Your profile features at most { $max } high-impact contributions; unmark another one first.
field-contribution-reach-unknown = “{ $metric }” is not a reach figure Plaudit records; the API reference lists the ones it does.
