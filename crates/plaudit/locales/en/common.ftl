# Words every page shares: roles, dates, numbers.

role-visitor = visitor
role-member = member
role-candidate = candidate
role-awardee = awardee
role-reviewer = reviewer
role-product_team = product team
role-admin = admin

# A long date: { $day } is the day of the month, { $month } the month's name.
date-long = { $day } { $month } { $year }
month-1 = January
month-2 = February
month-3 = March
month-4 = April
month-5 = May
month-6 = June
month-7 = July
month-8 = August
month-9 = September
month-10 = October
month-11 = November
month-12 = December
number-group-separator = ,
