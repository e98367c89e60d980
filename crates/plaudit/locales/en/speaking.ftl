# Speaking: awardees who take speaking requests, and the organizers who send them.

nav-speaking = Speaking

speaking-title = Speaking
speaking-intro = Say whether you take speaking requests. When you do, you are listed as available for speaking in the directory, and event organizers can send you a request here. They never see your e-mail address unless you choose to share it with them.
speaking-label-accepts = I take speaking requests
speaking-label-topics = Topics
speaking-topics-hint = What you like to talk about, separated by commas.
speaking-label-regions = Regions
speaking-regions-hint = Where you would travel to, or "anywhere".
speaking-label-languages = Languages
speaking-languages-hint = The languages you give talks in.
speaking-label-format = How
speaking-remote = Remote
speaking-in-person = In person
speaking-save = Save
speaking-saved = Your speaking preferences are saved.
speaking-received-heading = Requests you received
speaking-received-none = No requests yet.
speaking-from = From { $name }
speaking-to = To { $name }
speaking-label-note = A note for the organizer (optional)
speaking-label-share = Share my e-mail address with the organizer
speaking-share-hint = Only if you accept. Until then, the organizer sees your name and nothing else.
speaking-accept = Accept
speaking-decline = Decline
speaking-accepted = You accepted the request; the organizer is told.
speaking-declined = You declined the request; the organizer is told.
speaking-travel-paid = travel paid
speaking-status-pending = Waiting for an answer
speaking-status-accepted = Accepted
speaking-status-declined = Declined

speaking-request-title = Ask { $name } to speak
speaking-request-intro = Tell them about your event. They answer here, and you hear of it by e-mail.
speaking-label-event = Event
speaking-label-url = The event's web page (optional)
speaking-label-date = Date
speaking-label-place = Place
speaking-label-remote = The talk is remote
speaking-label-audience = Audience
speaking-audience-hint = Who comes, and how many: "about 300 backend developers".
speaking-label-travel = We pay for travel and a hotel
speaking-label-message = Your message
speaking-request-privacy = They see your name and e-mail address, so they can write back.
speaking-send = Send the request
speaking-request-sent = Your request is sent.
speaking-sent-title = Speaking requests you sent
speaking-sent-intro = What you asked, and what the speakers answered.
speaking-sent-none = You have not sent any speaking request yet.
speaking-find = Find speakers

field-speaking-required = Fill this in.
field-speaking-one-line = Keep this to one line.
field-speaking-format-required = Choose remote, in person, or both.
field-speaking-url-invalid = Enter the event's web address, starting with https://.
field-speaking-date-past = The event's date has passed; choose a day from today on.

mail-speaking-request-subject = A speaking request: { $event }
mail-speaking-request-body = { $organizer } asks whether you would speak at { $event } on { $date }. Read the request and answer it in { $program }; your e-mail address stays private unless you share it.
mail-speaking-request-link = Read the request
mail-speaking-accepted-subject = { $speaker } accepted your request for { $event }
mail-speaking-accepted-body = { $speaker } will speak at { $event }.
mail-speaking-declined-subject = { $speaker } declined your request for { $event }
mail-speaking-declined-body = { $speaker } cannot speak at { $event }.
mail-speaking-note = Their note: { $note }
mail-speaking-email-shared = You can write to them at { $email }.
mail-speaking-sent-link = See your requests

profile-public-speaking = Speaking
profile-public-request-talk = Ask to speak at your event
