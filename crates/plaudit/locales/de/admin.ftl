# Die Verwaltungsseiten.

admin-roles-unchanged = Gespeichert; die Rollen waren bereits so.
admin-roles-saved = Gespeichert: { $changes }.
admin-role-granted = { $role } vergeben
admin-role-revoked = { $role } entzogen

admin-jobs-retried = Job { $id } ist wieder eingereiht und läuft in Kürze.
admin-jobs-retry-nothing = Job { $id } wartet auf keinen neuen Versuch; vielleicht hat ihn schon jemand erneut gestartet.
admin-mail-retried = E-Mail { $id } liegt wieder im Postausgang und wird in Kürze gesendet.
admin-mail-retry-nothing = E-Mail { $id } wartet auf keinen neuen Versuch; vielleicht hat sie schon jemand erneut versucht.
