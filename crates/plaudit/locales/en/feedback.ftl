# Product feedback: what awardees tell product teams, and how the teams answer.

nav-feedback = Feedback
nav-product-team = Feedback queue

feedback-title = Product feedback
feedback-intro = Tell the product teams what works, what hurts and what is missing. The team of the product area you choose reads it, answers here and tells you where it stands; you hear of every answer by e-mail. Each piece of feedback also counts as a contribution, seen by the program only.
feedback-mine-heading = Your feedback
feedback-none = You have not filed any feedback yet.
feedback-file-heading = File feedback
feedback-no-areas = The program has not set up any product areas yet, so there is no team to send feedback to.
feedback-label-area = Product area
feedback-choose-area = Choose an area
feedback-label-title = Title
feedback-label-body = What happened, and what you expected
feedback-body-hint = Markdown works: **bold**, lists, `code` and links.
feedback-label-severity = Severity
feedback-label-nda = This feedback is about something under NDA
feedback-nda-hint = The thread is then marked as under NDA, and mails about it never carry its title.
feedback-nda-read = Read and accept the NDA
feedback-file = Send feedback
feedback-filed = Your feedback is with the product team.
feedback-updated-on = last activity { $date }
feedback-under-nda = Under NDA
feedback-nda-banner = Under NDA: this thread is covered by the NDA. Do not share what it says until it is public.
feedback-product-team = Product team
feedback-reply-heading = Reply
feedback-label-reply = Your reply
feedback-label-status = Status
feedback-status-hint = The author is told of a new status by e-mail.
feedback-send = Send
feedback-replied = Your reply is on the thread.

feedback-status-new = New
feedback-status-acknowledged = Acknowledged
feedback-status-planned = Planned
feedback-status-shipped = Shipped
feedback-status-wont_do = Won't do

feedback-severity-low = Low
feedback-severity-normal = Normal
feedback-severity-high = High
feedback-severity-critical = Critical

feedback-queue-title = Feedback queue
feedback-queue-description = the product feedback awardees filed, by area and status
feedback-queue-intro = Feedback from awardees to the product areas you answer for, most recently active first.
feedback-filters = Narrow the queue
feedback-any = Any
feedback-filter = Show
feedback-queue-empty = No feedback matches.
feedback-next-page = Older feedback

feedback-contribution-nda-title = Product feedback on { $area } (under NDA)

product-areas-admin-title = Product areas
product-areas-admin-description = where awardees send product feedback, and who answers for each area
product-areas-intro = Awardees file feedback to a product area; the members of its team read it in their queue and answer. Adding someone to a team gives them the product team role.
product-areas-label-name = Name of a new area
product-areas-create = Add the area
product-areas-waiting = { $count ->
    [one] 1 new thread waits for an answer.
   *[other] { $count } new threads wait for an answer.
}
product-areas-no-members = Nobody answers for this area yet.
product-areas-label-email = Add a team member by e-mail address
product-areas-add-member = Add to the team
product-areas-remove = Take { $name } off the team
product-area-created = The product area is added.
product-team-member-added = They are on the team now.
product-team-member-removed = They are off the team.

field-feedback-area-required = Choose the product area the feedback is for.
field-feedback-title-required = Give the feedback a title.
field-feedback-body-required = Write what happened, or what you would like.
field-feedback-severity-invalid = Choose one of the severities offered.
field-feedback-status-invalid = Choose one of the statuses offered.
field-feedback-nda-not-accepted = Only feedback from someone who accepted the current NDA can be under NDA.
field-product-area-name-required = Give the area a name.
field-product-area-taken = An area has this name already.
field-product-team-no-account = Nobody has an account with this address; they need to join first.

mail-feedback-filed-subject = New feedback: { $title }
mail-feedback-filed-subject-nda = [NDA] New feedback on { $area }
mail-feedback-filed-body = { $author } filed feedback for { $area }. Read it and answer on the thread.
mail-feedback-reply-subject = News on feedback: { $title }
mail-feedback-reply-subject-nda = [NDA] News on feedback about { $area }
mail-feedback-reply-body = { $author } replied on the thread.
mail-feedback-status-body = Its status is now: { $status }.
mail-feedback-nda-note = This feedback is under NDA: read it in { $program } and keep it to yourself until it is public.
mail-feedback-link = Open the thread
