## The committee: the review queue, the review page, decisions and the letters that tell them.

nav-review = Review
vote-award = Award
vote-decline = Decline
vote-defer = Defer
review-candidate-label = Candidate { $number }
review-standing-title = Standing against the cycle's rubric
review-standing-unknown = Not computed yet
review-advice-award = The rubric advises: award (the standing meets the threshold).
review-advice-decline = The rubric advises: decline (the standing is below the threshold).
field-review-score = Give “{ $criterion }” a score from 0 to { $max }.
field-review-score-key = Scores are keyed by the criterion’s id, a whole number, as the candidacy’s criteria list them.
field-review-vote = Choose award, decline or defer.
field-review-rationale-required = Your vote goes against the rubric's advice ({ $advice ->
        [award] award
       *[decline] decline
    }): say why, so the decision can be explained.
field-decision-rationale-required = This outcome departs from the reviewers' majority or the rubric's advice: write why. The candidate may read it.
review-saved = Your review is saved.
review-recused = You recused yourself: this candidacy is no longer in your queue, and your vote on it was taken back.

review-queue-title = Review queue
review-queue-intro = Candidacies in review that you may see. Each needs { $quorum ->
        [one] { $quorum } vote
       *[other] { $quorum } votes
    } before it can be decided.
review-blind-notice = Blind review: names, photos, links and employers are hidden. Judge the work.
review-filters = Filter the queue
review-filter-category = Category
review-filter-any = Any
review-filter-country = Country
review-filter-country-hint = Two letters, such as DE.
review-filter-mine = My reviews
review-filter-todo = Not yet reviewed by me
review-filter-standing = Standing
review-filter-above = At or above the threshold
review-filter-below = Below the threshold
review-filter-apply = Show
review-queue-empty = Nothing to review here.
review-col-candidate = Candidate
review-col-category = Category
review-col-country = Country
review-col-standing = Standing
review-col-votes = Votes
review-col-mine = My vote
review-col-cycle = Cycle
review-col-outcome = Outcome
review-col-score = Score
review-round = Round { $round }
review-not-yet = Not yet
review-pages = Pages of the queue
review-more = More candidacies

review-title = Review
review-back-to-queue = Back to the queue
review-previous = Previous candidacy
review-next = Next candidacy
review-kind = Kind
review-kind-renewal = Renewal of a current award
review-languages = Languages
review-areas = Technology areas
review-employer = Employer
review-links = Links
review-nominations = Nominations
review-self-nominated = Self-nomination
review-nominated-by = Nominated by { $name }
review-endorsements = { $count ->
        [one] { $count } endorsement
       *[other] { $count } endorsements
    }
review-no-endorsements = No endorsements.
review-endorser-given = { $count ->
        [one] { $count } endorsement given this cycle
       *[other] { $count } endorsements given this cycle
    }
review-history = History in the program
review-history-none = No earlier candidacies or awards.
review-history-awards = Awards
review-history-award = { $category } { $year } ({ $start } to { $end })
review-history-rounds = Earlier rounds of this candidacy
review-history-round = Round { $round }: { $outcome } · { $standing }
review-history-candidacies = Earlier candidacies
review-your-review = Your review
review-votes-in = { $votes ->
        [one] { $votes } vote in
       *[other] { $votes } votes in
    }
review-quorum = quorum { $quorum }
review-score-choose = Choose a score
review-vote = Your vote
review-rationale = Rationale
review-rationale-hint = Required when your vote goes against the rubric's advice. The committee reads it; the candidate may read the committee's own rationale, never yours by name.
review-submit = Submit review
review-update = Update review
review-recuse = I have a conflict
review-recuse-reason = What is the conflict? (optional)
review-recuse-confirm = Recuse myself
review-closed = This candidacy is no longer in review.

award-end-reason-term_ended = term ended
award-end-reason-joined_sponsor = joined the sponsor
award-end-reason-withdrawn = given up
award-end-reason-revoked = revoked

admin-cycles-title = Cycles
admin-cycles-none = No cycles yet.
admin-cycle-dates = Nominations from { $open }, contributions due { $due }, announcement { $announcement }
admin-cycle-announced = Announced
admin-cycle-decisions = Decisions
admin-decisions-title = Decisions: { $cycle }
admin-decisions-intro = Finalize a candidacy once { $quorum ->
        [one] { $quorum } reviewer has
       *[other] { $quorum } reviewers have
    } voted. A decision that departs from the majority or the rubric needs a rationale.
admin-decisions-announced = This cycle was announced: a decision finalized now is told to the candidate at once.
admin-decisions-none = No candidacy of this cycle is before the committee.
admin-deferred-waiting = { $count ->
        [one] { $count } deferred candidacy waits for the next round.
       *[other] { $count } deferred candidacies wait for the next round.
    }
admin-next-round = Start the next round
admin-next-round-started = { $count ->
        [one] { $count } deferred candidacy is back in review.
       *[other] { $count } deferred candidacies are back in review.
    }
admin-batch-hint = The ticked candidacies are finalized as their reviewers' majority voted; only those where that needs no rationale can be ticked.
admin-batch-finalize = Finalize the ticked as the majority voted
admin-batch-finalized = { $finalized } finalized, { $skipped } left to decide one by one.
admin-col-select = Batch
admin-col-state = State
admin-col-votes = Votes
admin-col-decide = Decision
admin-pick = Finalize { $name } as the majority voted
admin-advice = Rubric: { $advice }
admin-tally = { $award } award · { $decline } decline · { $defer } defer
admin-no-majority = No majority
admin-outcome = Outcome
admin-rationale = Rationale
admin-finalize = Finalize
admin-waiting-quorum = Waiting for the quorum
admin-decision-finalized = Decision finalized: { $outcome }.

letter-headline = { $state ->
        [awarded] Congratulations: you are awarded in { $category }
        [declined] The committee's decision on your { $category } candidacy
       *[lapsed] Your { $category } candidacy closed without a decision
    }
letter-standing = Your standing when the committee decided: { $total } of { $threshold } points.
letter-term = Your { $year } award runs from { $start } to { $end }.
letter-earlier-round = Round { $round }: { $outcome }
letter-earlier-heading = Earlier rounds
letter-rationale-heading = What the committee wrote
letter-lapsed = Your candidacy was not decided in this cycle: it was not submitted in time, or it was deferred and no later round took it up. You may be nominated again in a later cycle.
letter-no-names = Reviewers are never named. Questions about this decision go to the program's administrators.
letter-breakdown-heading = Your standing, by criterion
letter-breakdown-note = Counted with the rubric version the committee decided by, from your contributions as they stand today.

mail-decision-subject = { $program }: the decision on your { $category } candidacy
mail-decision-outcome = { $outcome ->
        [award] The committee of { $program } has awarded you in { $category } ({ $cycle }). Congratulations!
       *[decline] The committee of { $program } has decided not to award your { $category } candidacy this time ({ $cycle }).
    }
mail-decision-standing = Your standing against the published rubric was { $total } of { $threshold } points.
mail-decision-rationale = The committee wrote: { $rationale }
mail-decision-welcome = Welcome! Your award runs from { $start } to { $end }. You now appear among the awardees, and the awardees' benefits are open to you.
mail-decision-button = Read the decision
mail-lapsed-subject = { $program }: your candidacy closed without a decision
mail-lapsed-deferred = The committee deferred your candidacy, and no later review round took it up before the cycle was announced.
mail-lapsed-not-submitted = Your candidacy was not submitted before contributions were due, so the committee could not review it.
mail-lapsed-again = You may be nominated again in a later cycle.

mail-renewal-opened-subject = { $program }: your award is up for renewal
mail-renewal-opened-body = Your award runs until { $end }. The committee renews it on this year's contributions: record them by { $due }, and watch your standing against the rubric on your candidacy's page.
mail-renewal-button = See your standing
mail-renewal-reminder-subject = { $program }: your renewal is near
mail-renewal-reminder-body = { $days ->
        [one] One day
       *[other] { $days } days
    } until the renewal date, { $date }. Make sure this year's contributions are recorded.
mail-award-given-up-subject = { $program }: your award has ended
mail-award-given-up-body = You now work for { $sponsor }, and the sponsor's employees are not eligible, so your award ended today. Thank you for all you gave the community: you stay among the program's alumni.
