# Joining, signing in, credentials and the account page.

sign-up-sent-title = Check your e-mail
sign-up-sent-body = We sent a link to the address you gave. Open it within 48 hours to verify the address, then sign in.
sign-in-notice-verified = Your address is verified. Sign in to continue.
sign-in-notice-reset = Your password is changed. Sign in with the new one.
sign-in-notice-signed-out = You are signed out on every device.

account-password-changed = Password changed. Other browsers signed in to your account were signed out.
account-password-not-changed = The password was not changed: { $problem }.
account-email-link-sent = We sent a link to the new address. Your address changes when you open it.
account-email-not-changed = The address was not changed: { $problem }.
account-language-heading = Language
account-language-label = Language of pages and e-mail
account-language-browser = As my browser asks
account-language-hint = Without a choice, pages follow your browser's language.
account-language-save = Save the language
account-language-saved = Language saved.

tokens-never = never
tokens-scope-read = read
tokens-scope-read-write = read and write
tokens-revoked = Token revoked: it no longer works.

sign-up-title = Join
sign-up-meta-description = Join to nominate and endorse people, ask AMA questions and follow awardees.
sign-up-intro = Members nominate and endorse people, ask AMA questions and follow awardees.
sign-up-submit = Join
sign-up-already-member = Already a member?
sign-in-title = Sign in
sign-in-meta-description = Sign in to nominate, endorse, record contributions and see where you stand.
sign-in-submit = Sign in
sign-in-with-provider = Sign in with { $provider }
sign-in-new-here = New here?
forgot-title = Forgot your password?
forgot-meta-description = Ask for a link to choose a new password.
forgot-sent = If an account has that address, we sent it a link to choose a new password. The link works once, for one hour.
forgot-submit = Send me a link
forgot-back-to-sign-in = Back to sign in
reset-title = Choose a new password
reset-signs-out-everywhere = Every browser signed in to your account is signed out.
reset-submit = Set the new password
reset-link-invalid = This link no longer works: it was used already or is more than an hour old.
reset-ask-again = Ask for a new one.

account-title = Your account
account-manage-tokens = Manage API tokens
account-speaking-requests = Speaking requests
account-roles = Roles
account-password-heading = Change your password
account-password-signs-out-others = Other browsers signed in to your account are signed out.
account-password-submit = Change password
account-email-heading = Change your e-mail address
account-new-email-label = New e-mail address
account-new-email-hint = We send a link to the new address; it changes when you open it.
account-email-submit = Send the link
account-everywhere-heading = Sign out everywhere
account-everywhere-text = Lost a phone, or signed in on a shared computer? This ends every session of your account, this one too.

tokens-title = API tokens
tokens-intro = Integrations use a token to act as you through the API. Send it in the Authorization header:
tokens-new = Your new token.
tokens-copy-now = Copy it now: it is not shown again.
tokens-scope-legend = What it may do
tokens-create = Create token
tokens-list-heading = Your tokens
tokens-none = None yet.
tokens-column-scope = May
tokens-column-created = Created
tokens-column-last-used = Last used
tokens-revoked-state = revoked
tokens-revoke = Revoke
# The provider's name on "Sign in with …" when the configuration names none.
sign-in-default-provider = your organisation's account
