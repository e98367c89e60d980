# The administrators' pages.

admin-roles-unchanged = Saved; the roles were already so.
admin-roles-saved = Saved: { $changes }.
admin-role-granted = granted { $role }
admin-role-revoked = revoked { $role }

admin-jobs-retried = Job { $id } is queued again and runs shortly.
admin-jobs-retry-nothing = Job { $id } is not waiting for a retry; someone may have retried it already.
admin-mail-retried = Mail { $id } is back in the outbox and is sent shortly.
admin-mail-retry-nothing = Mail { $id } is not waiting for a retry; someone may have retried it already.
