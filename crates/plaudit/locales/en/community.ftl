# The awardees' private community: boards per category, the private directory, what one shares.

nav-community = Community

community-title = Community
community-intro = The awardees' own space: talk with the others in your category's board, find each other in the private directory, and read what is announced for awardees first. Nothing here is public.
community-people-title = Private directory
community-people-teaser = every current awardee, with the contact details they share with you
community-contact-title = What you share
community-contact-teaser = choose the contact details the other awardees see
community-announcements = Announcements
community-announcements-teaser = including those for awardees only and those under NDA
community-boards-heading = Boards
community-boards-none = The program has no categories yet, so there are no boards.
community-recent-heading = Recently active
community-threads-none = No threads yet. Start the first one.
community-thread-count = { $count ->
    [0] No threads yet
    [one] One thread
   *[other] { $count } threads
}
community-reply-count = { $count ->
    [0] no replies
    [one] one reply
   *[other] { $count } replies
}
community-last-active = active { $date }
community-pages-label = Pages of threads
community-older-threads = Older threads →
community-new-thread-heading = Start a thread
community-label-title = Title
community-label-body = What you want to say
community-body-hint = Markdown works: **bold**, lists, links. Only the program's awardees read it.
community-open-thread = Start the thread
community-reply-heading = Reply
community-label-reply = Your reply
community-reply-hint = Markdown works. Everyone who wrote in this thread hears of your reply by e-mail.
community-send-reply = Send the reply
community-hide = Hide
community-post-hidden = The post is hidden. The audit log records who hid it.
community-post-hidden-note = A moderator hid this post.
community-thread-hidden = A moderator hid this thread: only admins see it, and nobody can reply.

community-people-intro = Every current awardee, with the contact details each of them chose to share with the other awardees.
community-contact-change = Change what you share.
community-every-category = Every category
community-shares-nothing = Shares no contact details yet.
community-contact-intro = The other current awardees see this beside your name in the private directory. Nobody outside the community does: not visitors, not organizers, not the API.
community-label-share-email = Show my address { $email } to the other awardees
community-label-note = Other ways to reach me (optional)
community-note-hint = For example a phone number, Signal, Mastodon or your time zone. At most 300 characters.
community-contact-save = Save
community-contact-saved = Saved. The private directory shows the other awardees what you share.

field-community-title-required = Give the thread a title.
field-community-body-required = Write something first.
field-community-note-invalid = The note holds control characters that cannot be shown; write plain text, with line breaks if you like.

mail-community-reply-subject = New reply: { $title }
mail-community-reply-body = { $name } replied in “{ $title }” on the { $board } board.
mail-community-private-note = The community is for the program's awardees only; please keep what is said there among yourselves.
mail-community-link = Read the reply
