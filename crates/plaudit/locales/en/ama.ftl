# Ask me anything: hosting, asking, voting, answering, the archive and its feed.

nav-ama = AMAs

ama-title = Ask me anything
ama-intro = Awardees answer the community's questions in the open: ask one, upvote the ones you want answered, and read the archive of answers.
ama-yours = Your AMA
ama-open-yours = Open your AMA
ama-none = Nobody hosts an AMA yet.
ama-pages-label = Pages
ama-older = Older AMAs →
ama-hosted-by = Hosted by
ama-topics = Topics:
ama-tag-clear = All topics
ama-answers-only = The host's answers only
ama-feed = Feed of answers (Atom)
ama-edit = Edit this AMA
ama-default-title = Ask { $name } anything

ama-status-open = Taking questions
ama-status-paused = Paused
ama-status-closed = Closed
ama-state-open = Open
ama-state-answered = Answered
ama-state-declined = Declined
ama-state-duplicate = Duplicate
ama-state-held = Awaiting approval

ama-answered-count = { $count ->
    [0] no answers yet
    [one] one answer
   *[other] { $count } answers
}
ama-open-count = { $count ->
    [0] no open questions
    [one] one open question
   *[other] { $count } open questions
}
ama-vote-count = { $count ->
    [0] no votes
    [one] one vote
   *[other] { $count } votes
}

ama-questions-heading = Questions
ama-search-label = Search the questions and answers
ama-search-button = Search
ama-search-results = Questions matching “{ $words }”
ama-tabs-label = Questions by state
ama-tab-open = Open ({ $count })
ama-tab-answered = Answered ({ $count })
ama-tab-declined = Declined ({ $count })
ama-tab-duplicate = Duplicates ({ $count })
ama-tab-held = Awaiting approval ({ $count })
ama-list-open = Open questions
ama-list-answered = Answered questions, newest answer first
ama-list-declined = Declined questions
ama-list-duplicate = Duplicate questions
ama-list-held = Questions awaiting your approval
ama-tagged-list = { $list }, on { $tag }
ama-sort-label = Order
ama-sort-votes = most votes
ama-sort-new = newest
ama-questions-none = No questions here yet.
ama-vote = Upvote
ama-unvote = Take back my vote
ama-more-questions = More questions →

ama-ask-heading = Ask a question
ama-held-notice = Thank you. Your question waits for the host's approval before it appears here.
ama-not-taking = This AMA is not taking questions at the moment.
ama-sign-in-to-ask = Sign in to ask a question
ama-anonymous-hint = You are not signed in: give a name to show with your question. The host approves it before it appears.
ama-label-name = Your name
ama-label-question = Your question
ama-label-details = Details (optional)
ama-markdown-hint = Markdown works: **bold**, *italic*, [links](https://example.org), lists and code.
ama-label-tags = Topics (optional)
ama-tags-hint = Words separated by commas or spaces, such as career, speaking.
ama-ask-button = Ask
ama-asked = Your question is asked. You will hear by mail when it is answered.
ama-similar-heading = Asked already? These questions look similar:

ama-all-questions = All questions
ama-answers-none = No answers yet.
ama-answered-on = answered { $date }
ama-asked-by = asked by { $name }
ama-older-answers = Older answers →

ama-open-heading = Open your AMA
ama-open-program-heading = Open an AMA for the program
ama-open-intro = People ask, others upvote, you answer when you like. Answered questions count as your contributions, and each can become a blog post.
ama-label-title = Title
ama-label-description = Introduction
ama-label-topics = Topics
ama-label-time-zone = Your time zone
ama-time-zone-hint = Such as Europe/Berlin or America/New_York: answers exported as blog posts are dated in it. Leave it empty for the program's.
field-ama-time-zone-invalid = “{ $value }” is not a time zone; write one such as Europe/Berlin.
ama-label-anonymous = Take questions from people who are not signed in
ama-anonymous-setting-hint = Such questions wait for your approval before anyone else sees them.
ama-save = Save
ama-open-button = Open the AMA
ama-opened = Your AMA is open.
ama-saved = Saved.
ama-status-heading = Taking questions
ama-status-now = This AMA is now: { $status }.
ama-status-legend = Set it to
ama-status-choice-open = taking questions
ama-status-choice-paused = paused: no new questions for now
ama-status-choice-closed = closed: an archive
ama-status-save = Change
ama-status-saved = The AMA's state is changed.

ama-follow = Follow
ama-unfollow = Stop following
ama-following = You follow this question and will hear by mail when it is answered.
ama-not-following = You no longer follow this question.
ama-held-note = This question waits for the host's approval; nobody else sees it yet.
ama-declined-because = Declined: { $reason }
ama-duplicate-of = Asked before as
ama-original-unanswered = That question is not answered yet.
ama-answer-by = { $name } answers
ama-edited-on = edited { $date }
ama-history = { $count ->
    [one] One earlier version
   *[other] { $count } earlier versions
}
ama-revision-written = written { $date }
ama-revision-replaced = replaced { $date }

ama-answer-heading = Answer
ama-edit-answer-heading = Edit your answer
ama-preview-heading = Preview
ama-parts-hint = Take the question whole, or one part at a time: each part quotes what it answers. Leave the quote empty to answer the whole question.
ama-part-legend = Part { $number }
ama-label-part = The part of the question (quoted)
ama-label-answer = Your answer
ama-preview = Preview
ama-publish-answer = Publish the answer
ama-save-answer = Save the answer
ama-answer-saved = The answer is published.
ama-decide-heading = Decide without answering
ama-decide-legend = This question is
ama-decide-approve = approved: show it to everyone
ama-decide-reopen = open again
ama-decide-decline = declined
ama-decide-duplicate = a duplicate of another question
ama-label-reason = Reason for declining (optional, shown to readers)
ama-label-original = The original question (for a duplicate)
ama-original-hint = Its number or its address, such as 42 or the link to it.
ama-decide-save = Save
ama-decision-saved = Saved.
ama-feed-subtitle = Questions { $host } answered

field-ama-title-required = Write the question.
field-ama-tags-too-many = Give at most { $max } topics.
field-ama-tag-invalid = “{ $value }” is not a topic: use letters, digits and hyphens.
field-ama-one-per-host = You host an AMA already. Close it first to open another.
field-ama-status-invalid = Choose open, paused or closed.
field-ama-tab-invalid = There is no such list of questions.
field-ama-sort-invalid = Order by votes or newest.
field-ama-name-required = Give a name to show with your question.
field-ama-answer-required = Write the answer.
field-ama-too-many-parts = An answer takes at most { $max } parts.
field-ama-part-unanswered = Every quoted part needs its answer; remove the quote of a part you do not answer.
field-ama-state-invalid = Choose what the question is.
field-ama-original-invalid = Give the number or address of another question of this AMA that is not itself a duplicate.

mail-ama-answered-subject = Answered: { $title }
mail-ama-answered-body = { $host } answered the question “{ $title }” that you follow.
mail-ama-answered-link = Read the answer

ama-post-title = From the AMA: "{ $title }"
ama-post-link = *Asked by { $name } in [{ $ama }]({ $url }).*
ama-download-post = Download as a blog post
ama-download-draft = as a draft
ama-download-posts = Download every answer as blog posts (zip)
ama-export-hint = Markdown files with front matter that Jekyll and Hugo take as they are.
ama-profile-ask = Ask a question
ama-profile-not-taking = not taking questions now
ama-github-heading = A GitHub repository
ama-github-intro = Run this AMA in a GitHub repository too, the common way: an issue is a question, your comment is the answer, closing means answered, labels are topics. Plaudit brings the issues in and sends answers, states and topics out every fifteen minutes.
ama-github-label-repo = Repository
ama-github-repo-hint = As owner/name, such as ada/ama. Leave it empty to unlink.
ama-github-label-login = Your GitHub login
ama-github-login-hint = Your comments on the issues are your answers.
ama-github-save = Save
ama-github-saved = The repository is saved. The next sync brings its issues in.

# GitHub sync
ama-github-asked = *Asked by { $name } on [Plaudit]({ $url }).*
ama-github-conflict = This question changed both here and on Plaudit since they were last in step, so Plaudit’s version was kept. The question on Plaudit: { $url }
field-ama-github-repo-invalid = “{ $value }” is not a GitHub repository: write it as owner/name.
field-ama-github-login-required = Give your GitHub login: your comments on the issues are your answers.
field-ama-github-login-invalid = “{ $value }” is not a GitHub login: use letters, digits and single hyphens, at most 39.
