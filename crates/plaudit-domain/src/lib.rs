//! The pure rules of Plaudit, a community recognition program.
//!
//! Nothing here touches a disk, a network or the system clock: time comes in
//! through [`clock::Clock`], and every rule is a function of its inputs so that
//! the web application, the store and the tests all agree on one answer.
//!
//! - [`clock`]: where "now" comes from.
//! - [`parse`]: validated newtypes (e-mail addresses, canonical URLs, slugs, award years).
//! - [`ama`]: an AMA question exported as a blog post.
//! - [`kinds`]: the stable vocabularies stored in the database.
//! - [`contribution`]: a contribution as typed (form, API, CSV) checked into a valid one.
//! - [`candidacy`]: the life of a candidacy as a state machine.
//! - [`cycle`]: cycle dates, phases, contribution windows, award terms and years under the
//!   renewal date, and time zones.
//! - [`directory`]: who the public directory lists, how it sorts, searches and pages.
//! - [`eligibility`]: who may be nominated and awarded.
//! - [`rubric`] and [`standing`]: the published formula and a person's standing against it.
//! - [`review`]: the rubric's advice, votes, scores, departures and reviewers' conflicts.

pub mod ama;
pub mod benefit;
pub mod candidacy;
pub mod clock;
pub mod contribution;
pub mod cycle;
pub mod directory;
pub mod eligibility;
pub mod kinds;
pub mod parse;
pub mod review;
pub mod rubric;
pub mod standing;

pub use candidacy::{CandidacyEvent, CandidacyState, IllegalTransition};
pub use clock::{Clock, FixedClock, SystemClock};
pub use contribution::{
    ContributionFields, ContributionProblem, ContributionUrl, FieldProblem, ValidContribution,
};
pub use cycle::{
    AwardCalendar, AwardTerm, CycleDates, CycleError, CyclePhase, DateRange, ProgramTimeZone,
    RenewalDate, award_term, award_year_for, deadline_instant, local_date,
};
pub use eligibility::{Candidate, EligibilityRules, Ineligibility, check, is_sponsor_address};
pub use kinds::{
    AmaQuestionState, AmaStatus, Audience, AwardEndReason, ContributionRole, ContributionSource,
    ContributionType, DerivedRole, FeedbackSeverity, FeedbackStatus, ReachMetric, Role,
    ScoreAggregation, Visibility, Vote,
};
pub use parse::{AwardYear, CanonicalUrl, DisplayName, EmailAddress, ParseError, Slug};
pub use rubric::{ConsistencyRule, ReachTier, Rubric, RubricError, TypeRule};
pub use standing::{
    ContributionFacts, ContributionScore, Criterion, CriterionScore, Gap, RenewalForecast,
    Standing, StandingTotals, renewal_forecast, standing, standing_fast,
};
