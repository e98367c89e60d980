# Die Verwaltungsseiten.

admin-roles-unchanged = Gespeichert; die Rollen waren bereits so.
admin-roles-saved = Gespeichert: { $changes }.
admin-role-granted = { $role } vergeben
admin-role-revoked = { $role } entzogen
