# Joining, signing in, credentials and the account page.

sign-up-sent-title = Check your e-mail
sign-up-sent-body = We sent a link to the address you gave. Open it within 48 hours to verify the address, then sign in.
link-expired-title = This link no longer works
link-expired-body = It was used already or has expired. Ask for a new one: join again with the same address, or use "Forgot your password?" on the sign-in page.
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
