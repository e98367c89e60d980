# Benefits: what awardees get, as they claim it and as admins keep it.

nav-benefits = My benefits

benefits-title = My benefits
benefits-intro = What your award gives you this year. A code is yours alone: only you and the program's admins can see it.
benefits-none = None of your current awards comes with a benefit yet. When the program offers one to your category, it appears here.
benefits-award-year = award year { $year }
benefits-your-code = Your code:
benefits-claimed-on = Claimed on { $date }.
benefits-claim = Claim my code
benefits-claim-hint = You get one code for each award year. Claim it when you are ready to use it.
benefits-included = Included with your award
benefits-earlier = Earlier years
benefit-claimed = Your code is ready below.
benefit-claimed-already = You had claimed this already: here is the code you got.

benefits-admin-title = Benefits
benefits-admin-description = what awardees get, the categories each is offered to, and the pools of codes
benefits-admin-intro = Each benefit is offered to categories award year by award year. A benefit that gives codes hands one to each awardee who claims it, from a pool you fill by uploading a file.
benefits-admin-none = No benefits yet. Define the first one below.
benefits-col-name = Benefit
benefits-col-kind = Kind
benefits-col-left = Codes left
benefits-col-claims = Claims
benefits-col-status = Status
benefits-col-year = Award year
benefits-col-categories = Offered to
benefits-col-code = Code
benefits-low = running low
benefits-active = offered
benefits-inactive = withdrawn
benefits-new-heading = New benefit
benefits-label-name = Name
benefits-label-description = What the awardee gets
benefits-label-warning = Warn when this many codes are left
benefits-warning-hint = The admins get one e-mail when the pool falls to this number, and another only after it has been filled above it again.
benefits-label-kind = What it gives
benefit-kind-license-code = A code from a pool (a license key, a voucher)
benefit-kind-access = Access, with nothing to hand out
benefits-create = Create the benefit
benefit-created = { $name } is defined. Now choose the categories it is offered to.
benefit-saved = The benefit is saved.
benefit-offers-saved = The offer for award year { $year } is saved.
benefit-codes-added = { $added ->
        [one] { $added } code was added to the pool
       *[other] { $added } codes were added to the pool
    }{ $skipped ->
        [0] .
        [one] ; { $skipped } line was left out.
       *[other] ; { $skipped } lines were left out.
    }

benefits-pool-left = { $count ->
        [one] { $count } code left.
       *[other] { $count } codes left.
    }
benefits-pool-claimed = { $count ->
        [one] { $count } claim so far.
       *[other] { $count } claims so far.
    }
benefits-pool-low = The pool is at or below its warning mark of { $warning }: upload more codes before it runs out.
benefits-offers-heading = Offered to
benefits-offers-intro = Choose, for an award year, the categories whose awardees get this benefit. Saving a year replaces that year's choice; claims already made stay.
benefits-offers-none = Not offered to anyone yet.
benefits-label-year = Award year
benefits-label-categories = Categories
benefits-categories-hint = Clear every box to withdraw the offer for that year.
benefits-save-offer = Save the offer
benefits-codes-heading = Add codes
benefits-codes-intro = Upload a text or CSV file with one code per line (in the first column of a CSV; a header line "code" is skipped). You see what would be added, and every line left out with its reason, before anything is saved.
benefits-label-file = File of codes
benefits-check-file = Check the file
benefits-edit-heading = Name, description and warning
benefits-label-active = Offered (clear to withdraw it from every awardee's page)
benefits-save = Save

benefits-dry-run-title = Codes to add
benefits-dry-run-good = { $count ->
        [one] { $count } new code can be added.
       *[other] { $count } new codes can be added.
    }
benefits-dry-run-bad = { $count ->
        [0] No line is left out.
        [one] { $count } line is left out.
       *[other] { $count } lines are left out.
    }
benefits-dry-run-bad-heading = Lines left out
benefits-dry-run-nothing = Nothing in this file can be added.
benefits-dry-run-confirm = { $count ->
        [one] Add { $count } code
       *[other] Add { $count } codes
    }
benefits-dry-run-sample = The first codes of the file

benefit-code-problem-whitespace = the code has a space or an invisible character in it (two codes on one line?).
benefit-code-problem-too-long = the code is longer than { $max } characters.
benefit-code-problem-repeated = the same code is on line { $first } already.
benefit-code-problem-in-pool = the pool has this code already.
benefit-codes-file-not-utf8 = The file is not text in UTF-8. Save it as UTF-8 text or CSV and upload it again.
benefit-codes-file-empty = The file has no codes in it.
benefit-codes-file-too-many = The file has more than { $max } codes. Split it into smaller files.

field-benefit-name-required = Give the benefit a name.
field-benefit-name-taken = Another benefit has this name already.
field-benefit-kind-invalid = Choose what the benefit gives.
field-benefit-warning-invalid = Write a whole number from 0 to { $max }.
field-benefit-year-invalid = Write an award year from { $first } to { $last }.
field-benefit-category-unknown = One of the chosen categories does not exist any more. Reload the page and choose again.

mail-benefit-pool-low-subject = Codes for { $benefit } are running low
mail-benefit-pool-low-body = Only { $left } codes of { $benefit } are left to claim (you asked to be told at { $warning }). Upload more codes so that every awardee can claim theirs.
mail-benefit-pool-low-link = Open the benefit
benefits-col-awardee = Awardee
benefits-col-claimed = Claimed on
benefits-claims-heading = Claims
benefits-claims-intro = The newest hundred claims, with the code each took. Only you and the holder see a code.
benefits-claims-none = Nobody has claimed this benefit yet.
