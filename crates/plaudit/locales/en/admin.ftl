# The administrators' pages.

admin-roles-unchanged = Saved; the roles were already so.
admin-roles-saved = Saved: { $changes }.
admin-role-granted = granted { $role }
admin-role-revoked = revoked { $role }
