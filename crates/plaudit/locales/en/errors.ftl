# One message per error code (ops::ErrorCode), a title for pages that show one, and what is
# wrong with a field.

error-validation-failed = Some fields need fixing.
error-validation-failed-title = Some fields need fixing
error-malformed-request = The request could not be read; send JSON in the documented shape.
error-malformed-request-title = The request could not be read
error-unauthenticated = Sign in or send an API token.
error-unauthenticated-title = Please sign in
error-invalid-token = This API token is unknown or revoked.
error-invalid-token-title = Unknown API token
error-insufficient-scope = This token may only read; create a read-write token to make changes.
error-insufficient-scope-title = This token may only read
error-forbidden = This page is for the { $role ->
        [candidate] candidate
        [awardee] awardee
        [reviewer] reviewer
        [product_team] product team
        [admin] admin
       *[other] member
    } role, which your account does not have. If you think it should, ask the program's administrators.
error-forbidden-title = Not for your account
error-not-found = There is nothing at this address. Check the link, or start from the home page.
error-not-found-title = Page not found
error-csrf-rejected = For your safety we did not act on it. Go back, reload the page and send the form again.
error-csrf-rejected-title = This form has expired
error-method-not-allowed = This address does not take that kind of request; the Allow header lists the ones it takes.
error-method-not-allowed-title = Not possible here
error-payload-too-large = What you sent is larger than this page accepts.
error-payload-too-large-title = Too much at once
error-rate-limited = This form was sent too often from your network. Wait { $seconds ->
        [one] { $seconds } second
       *[other] { $seconds } seconds
    } and try again.
error-rate-limited-title = Too many attempts
error-account-locked = After { $failures } wrong passwords in a row this account is locked for a while, to stop someone guessing. Try again in { $minutes ->
        [one] { $minutes } minute
       *[other] { $minutes } minutes
    }, or reset your password.
error-account-locked-title = Account locked for a while
error-wrong-credentials = That e-mail address and password do not match an account.
error-wrong-credentials-title = Not signed in
error-email-not-verified = Verify your e-mail address first: open the link we sent when you joined.
error-email-not-verified-title = Verify your address first
error-wrong-current-password = Your current password was not right; nothing changed.
error-wrong-current-password-title = Your current password was not right
error-link-expired = It was used already or has expired. Ask for a new one: join again with the same address, or use "Forgot your password?" on the sign-in page.
error-link-expired-title = This link no longer works
error-email-taken = That address belongs to another account.
error-email-taken-title = That address is taken
error-own-admin-role = You cannot remove your own admin role; ask another admin.
error-own-admin-role-title = You cannot remove your own admin role
error-not-set-up = This Plaudit has no program yet. An administrator sets it up with `plaudit demo` or the admin pages.
error-not-set-up-title = Not set up yet
error-oidc-unverified-email = Your provider did not confirm your e-mail address, so we cannot link it to an account. Sign in with your password, or ask your provider to verify the address.
error-oidc-unverified-email-title = We cannot sign you in
error-oidc-failed = Your provider did not sign you in, or its answer did not check out. Try again from the sign-in page; if it keeps failing, sign in with your password and tell an administrator.
error-oidc-failed-title = Sign-in was not completed
error-oidc-expired = It was started in another browser or tab, or used already. Start again from the sign-in page.
error-oidc-expired-title = This sign-in has expired
error-account-disabled = It cannot sign in. Ask an administrator if you think that is a mistake.
error-account-disabled-title = This account is disabled
error-quorum-not-met = Only { $votes } of the { $quorum } votes needed are in. Wait for the other reviewers before finalizing.
error-quorum-not-met-title = Not enough votes yet
error-cycle-locked = This cycle has been announced (or its announcement day has come), so its dates and name no longer change.
error-cycle-locked-title = This cycle is settled
error-pool-empty = Every code of this benefit has been claimed. The program's admins have been told and are adding more: try again in a few days.
error-pool-empty-title = No codes left
error-nda-required = This is under NDA. Accept the current NDA on your NDA page to read it.
error-nda-required-title = Under NDA
error-nda-changed = A new version of the NDA was published while you were reading. Read the new version, then accept it.
error-nda-changed-title = The NDA has changed
error-speaking-request-limit = You sent as many speaking requests as one organizer may in a day. Try again tomorrow.
error-speaking-request-limit-title = Enough requests for today
error-internal = Something went wrong on our side. Please try again in a moment.
error-internal-title = Something went wrong

field-invalid = This value is not valid.
field-name-required = Enter the name people know you by.
field-name-too-long = Keep the name under { $max } characters.
field-name-control-character = The name contains a character that cannot be shown; type it again.
field-email-empty = Enter your e-mail address.
field-email-missing-at = This is not an e-mail address: it has no @.
field-email-several-ats = This is not an e-mail address: it has more than one @.
field-email-empty-local-part = This is not an e-mail address: there is nothing before the @.
field-email-empty-domain = This is not an e-mail address: there is nothing after the @.
field-email-domain-without-dot = This is not an e-mail address: the part after the @ has no dot.
field-email-empty-domain-label = This is not an e-mail address: the part after the @ has two dots in a row.
field-email-invalid-character = This is not an e-mail address: it contains “{ $character }”.
field-email-too-long = This address is longer than { $max } characters.
field-password-too-short = Use at least { $min } characters; a few words make a good one.
field-password-too-long = Use at most { $max } characters.
field-current-password-wrong = Your current password was not right
field-language-unknown = Choose one of the languages offered.
field-token-name-required = Name the token after what will use it, e.g. "newsletter sync".
field-token-name-too-long = Keep the name under { $max } characters.
field-token-scope-required = Choose read or read and write.

error-nominations-closed = No cycle is taking nominations today. The home page says when the next one opens.
error-nominations-closed-title = Nominations are closed
error-sponsor-employee = People who work for { $sponsor } cannot be nominated: the program recognises the community outside the sponsor.
error-sponsor-employee-title = Not eligible: a sponsor address
error-already-awarded = This person already holds the award in this category for the year; their renewal is reviewed on its own.
error-already-awarded-title = Already an awardee
error-one-category-only = The program recognises each person in one category, and this person is already a candidate or awardee in another.
error-one-category-only-title = One category per person
error-self-nomination-not-allowed = This program does not take nominations of oneself; ask someone who knows your work to nominate you.
error-self-nomination-not-allowed-title = You cannot nominate yourself
error-already-nominated = You have already nominated this person for this category in this cycle. Your nomination stands.
error-already-nominated-title = Already nominated
error-illegal-transition = This cannot be done while the candidacy is { $from ->
        [nominated] nominated
        [invited] waiting for the nominee's answer
        [accepted] being prepared
        [invitation_declined] declined by the nominee
        [submitted] submitted
        [in_review] in review
        [awarded] awarded
        [declined] declined
        [deferred] deferred
        [lapsed] closed without a decision
       *[withdrawn] withdrawn
    }.
error-illegal-transition-title = Not possible in this state
error-deadline-passed = The deadline of this cycle has passed; the candidacy can no longer be changed.
error-deadline-passed-title = The deadline has passed
error-invitation-not-yours = This invitation was sent to someone else. Sign out, then open the link again.
error-invitation-not-yours-title = This invitation is for someone else
error-sign-in-to-answer = This address already has an account. Sign in, then answer the invitation.
error-sign-in-to-answer-title = Please sign in to answer

field-category-required = Choose a category.
field-nominee-email-required = Enter the nominee's e-mail address, so we can invite them.
field-email-sponsor = { $email } is an address of { $sponsor }, whose employees cannot be nominated.
field-links-too-many = Give at most { $max } links.
field-links-invalid = “{ $link }” is not a web address starting with http:// or https://.
field-reason-required = Say in a few sentences why this person deserves the award.
field-text-too-long = Keep this under { $max } characters.
field-minimum-age-required = Confirm that you are at least { $age } years old.
field-code-of-conduct-required = Accept the code of conduct to take part.
error-self-endorsement = You cannot endorse your own candidacy; ask awardees who know your work.
error-self-endorsement-title = You cannot endorse yourself
error-already-endorsed = You have already endorsed this candidacy. You can edit or withdraw your endorsement.
error-already-endorsed-title = Already endorsed
error-endorsement-not-allowed = In this program, current awardees endorse candidacies.
error-endorsement-not-allowed-title = Endorsements are for awardees
error-endorsements-closed = This candidacy no longer takes endorsements: the committee's review has started, or the candidacy is not open.
error-endorsements-closed-title = Endorsements are closed
field-endorsement-required = Write a few words about the candidate's work.
error-ama-not-taking-questions = This AMA is not taking questions now, or it takes them only from people who are signed in.
error-ama-not-taking-questions-title = Not taking questions
