# Mail. Every mail has { $program }, the program's name, to use.

mail-greeting = Hello,
mail-signoff = — { $program }

mail-verify-subject = Confirm your e-mail address for { $program }
mail-verify-body = Someone, we hope you, asked to use this e-mail address with { $program }. To confirm it, open the link below within 48 hours.
mail-verify-not-you = If it was not you, ignore this message: nothing changes until the link is opened.
mail-verify-button = Confirm this address

mail-already-member-subject = Someone tried to join { $program } with your address
mail-already-member-body = Someone (perhaps you) tried to join { $program } with this address, which already has an account. If it was you, sign in instead.
mail-already-member-forgot = If you forgot your password, use "Forgot your password?" on the sign-in page.
mail-already-member-not-you = If it was not you, ignore this message: nothing has changed.
mail-already-member-button = Sign in

mail-reset-subject = Reset your { $program } password
mail-reset-body = Someone (perhaps you) asked to reset the password of your account.
mail-reset-not-you = The link below works once, for one hour. If you did not ask, ignore this message: your password stays as it is.
mail-reset-button = Choose a new password

mail-change-email-subject = Confirm your new { $program } address
mail-change-email-body = Open the link below within a day to make this the address of your { $program } account.
mail-change-email-button = Confirm this address
mail-change-email-taken-subject = An address change was refused
mail-change-email-taken-body = Someone asked to move a { $program } account to this address, which already has an account of its own. Nothing was changed.

mail-email-changed-subject = Your address was changed
mail-email-changed-body = The address of your { $program } account is now { $email }. If you did not make this change, reply to this message at once.

mail-invitation-subject = You have been nominated for { $program }
mail-invitation-body = { $nominator } nominated you for the { $category } award of { $program }, for your work in the community.
mail-invitation-next = If you accept, you fill in a short profile and the contributions of your past year; you see at every step where you stand against the published rubric. Contributions are due by { $due }.
mail-invitation-not-interested = Not interested? Open the link and decline; your nominator is told only that you declined.
mail-invitation-button = See your nomination

mail-nomination-accepted-subject = { $nominee } accepted your nomination
mail-nomination-accepted-body = { $nominee } accepted your nomination for { $category }. Thank you for nominating them; the committee reviews their candidacy after the deadline.
mail-nomination-declined-subject = { $nominee } declined your nomination
mail-nomination-declined-body = { $nominee } declined your nomination for { $category }. Thank you for nominating them all the same.
