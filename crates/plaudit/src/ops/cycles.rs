//! Cycles as admins plan them: a new cycle with its six dates, and changes to one that has not
//! been announced. The phases follow from the dates and the program clock
//! (`CycleDates::phase_on`); what each role may do follows the phase, so a cycle's dates are
//! the program's timetable. Three rules keep a timetable honest: the dates run in order, a date
//! that has passed stays as it was (people acted on it), and no date is set in the past. An
//! announced cycle never changes.

use jiff::civil::Date;
use plaudit_domain::cycle::{CycleDates, CycleError};
use plaudit_store::cycles::{self, Cycle, CycleWrite};
use plaudit_store::rubrics;

use super::audit::{AuditAction, record};
use super::error::{ErrorCode, Fields, OpError, invalid};
use super::renewals::award_calendar;
use super::settings::line;
use super::{Ctx, categories};
use crate::i18n::Msg;
use crate::jobs::{Enqueue, Job, enqueue};

pub const NAME_MAX: usize = 100;

/// The date fields in the order a cycle runs through them.
pub const DATE_FIELDS: [&str; 6] = [
    "nominations_open", "nominations_close", "contributions_due", "review_start", "review_end",
    "announcement",
];

/// The cycle form as typed; dates as `YYYY-MM-DD`, in the order of [`DATE_FIELDS`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CycleInput {
    /// Only when creating: it is in addresses and never changes. Empty: made from the name.
    pub slug: String,
    pub name: String,
    pub dates: [String; 6],
}

impl CycleInput {
    /// A stored cycle in the form's shape.
    pub fn of(cycle: &Cycle) -> CycleInput {
        CycleInput {
            slug: cycle.slug.clone(),
            name: cycle.name.clone(),
            dates: stored_dates(cycle).map(|d| d.to_string()),
        }
    }

    /// The next cycle as most programs run it: the latest cycle's timetable a year on, or
    /// nothing to start from when there is none.
    pub fn following(latest: Option<&Cycle>) -> CycleInput {
        let Some(latest) = latest else { return CycleInput::default() };
        let year = latest.award_year + 1;
        let dates = stored_dates(latest).map(|d| {
            let next = d.checked_add(jiff::Span::new().years(1)).unwrap_or(d);
            next.to_string()
        });
        let name = latest.name.replace(&latest.award_year.to_string(), &year.to_string());
        CycleInput { slug: year.to_string(), name, dates }
    }

    pub fn date(&self, field: &str) -> &str {
        DATE_FIELDS.iter().position(|f| *f == field).map_or("", |i| self.dates[i].as_str())
    }
}

fn stored_dates(cycle: &Cycle) -> [Date; 6] {
    [
        cycle.nominations_open, cycle.nominations_close, cycle.contributions_due,
        cycle.review_start, cycle.review_end, cycle.announcement,
    ]
}

/// The field a domain step name ("nominations close") belongs to.
fn field_of(step: &str) -> &'static str {
    DATE_FIELDS.iter().copied().find(|f| f.replace('_', " ") == step).unwrap_or("announcement")
}

fn parse_date(typed: &str) -> Result<Date, Msg> {
    typed
        .trim()
        .parse::<Date>()
        .map_err(|_| Msg::new("field-cycle-date-invalid").arg("value", typed.trim()))
}

/// The dates as typed, checked one by one, then in order. `before` holds the stored dates
/// when the cycle exists: a date that has passed may not change, and none may move into the
/// past.
fn check_dates(
    fields: &mut Fields,
    input: &CycleInput,
    before: Option<[Date; 6]>,
    today: Date,
) -> Option<CycleDates> {
    let mut parsed = [None; 6];
    for (i, field) in DATE_FIELDS.iter().enumerate() {
        let Some(date) = fields.check(field, parse_date(&input.dates[i])) else { continue };
        let stored = before.map(|b| b[i]);
        if stored.is_some_and(|s| s < today && s != date) {
            let was = stored.map(|s| s.to_string()).unwrap_or_default();
            fields.add(field, Msg::new("field-cycle-date-passed").arg("date", was));
        } else if date < today && stored != Some(date) {
            fields.add(field, Msg::new("field-cycle-date-past").arg("today", today.to_string()));
        } else {
            parsed[i] = Some(date);
        }
    }
    let [Some(a), Some(b), Some(c), Some(d), Some(e), Some(f)] = parsed else { return None };
    match CycleDates::new(a, b, c, d, e, f) {
        Ok(dates) => Some(dates),
        Err(CycleError::OutOfOrder { earlier, later, strictly, .. }) => {
            let problem = if strictly {
                Msg::new("field-cycle-date-after")
            } else {
                Msg::new("field-cycle-date-order")
            };
            // The catalogues name the earlier date by its field, in the reader's words.
            fields.add(field_of(later), problem.arg("earlier", field_of(earlier)));
            None
        }
        Err(CycleError::YearOutOfRange(year)) => {
            fields.add(
                "announcement",
                Msg::new("field-cycle-year-range").arg("year", year.to_string()),
            );
            None
        }
        Err(_) => {
            fields.add("announcement", Msg::new("field-invalid"));
            None
        }
    }
}

fn write<'a>(name: &'a str, dates: &CycleDates, award_year: i64) -> CycleWrite<'a> {
    CycleWrite {
        name,
        award_year,
        nominations_open: dates.nominations_open(),
        nominations_close: dates.nominations_close(),
        contributions_due: dates.contributions_due(),
        review_start: dates.review_start(),
        review_end: dates.review_end(),
        announcement: dates.announcement(),
    }
}

/// The award year a cycle gives: that of the new awards its announcement makes.
async fn award_year(ctx: &Ctx, dates: &CycleDates) -> Result<i64, OpError> {
    let calendar = award_calendar(ctx).await?;
    Ok(i64::from(calendar.new_award(dates.announcement()).year.get()))
}

fn overlap(name: &str) -> OpError {
    invalid("nominations_open", Msg::new("field-cycle-nominations-overlap").arg("cycle", name))
}

/// Creates a cycle, pins every category's current rubric to it (it decides by the rules
/// published when it began), and returns its id.
pub async fn create(ctx: &Ctx, actor: i64, input: &CycleInput) -> Result<i64, OpError> {
    let today = ctx.today().await?;
    let mut fields = Fields::new();
    let name = line(&mut fields, "name", &input.name, NAME_MAX, true);
    let slug = fields.check("slug", categories::slug(&input.slug, &name));
    let dates = check_dates(&mut fields, input, None, today);
    fields.finish()?;
    let (Some(slug), Some(dates)) = (slug, dates) else {
        return Err(OpError::internal("checked cycle fields went missing"));
    };
    let award_year = award_year(ctx, &dates).await?;
    let now = ctx.now();
    let mut tx = ctx.db.begin_write().await?;
    let taken = || invalid("slug", Msg::new("field-cycle-slug-taken").arg("slug", slug.as_str()));
    if cycles::slug_taken(&mut tx, slug.as_str()).await? {
        return Err(taken());
    }
    let (open, close) = (dates.nominations_open(), dates.nominations_close());
    if let Some(other) = cycles::overlapping_nominations(&mut tx, 0, open, close).await? {
        return Err(overlap(&other));
    }
    let id = match cycles::insert(&mut tx, slug.as_str(), &write(&name, &dates, award_year), now)
        .await
    {
        Ok(id) => id,
        Err(e) if e.is_unique_violation() => return Err(taken()),
        Err(e) => return Err(e.into()),
    };
    let pinned = rubrics::pin_current(&mut tx, id).await?;
    let detail = format!("slug={slug} award_year={award_year} rubrics_pinned={pinned}");
    record(&mut tx, Some(actor), AuditAction::CycleCreated, ("cycle", id), &detail, now).await?;
    // Public pages show the program's name, categories, rubrics and cycles.
    plaudit_store::public::changed(&mut tx, ctx.now()).await?;
    tx.commit().await?;
    Ok(id)
}

/// One cycle, for its page.
pub async fn cycle(ctx: &Ctx, id: i64) -> Result<Cycle, OpError> {
    cycles::by_id(&ctx.db, id).await?.ok_or(OpError::new(ErrorCode::NotFound))
}

/// Whether a cycle can no longer change: announced, or its announcement day has come.
pub fn locked(cycle: &Cycle, today: Date) -> bool {
    cycle.announced_at.is_some() || cycle.announcement <= today
}

/// Saves a cycle's name and dates. Returns the fields that changed; none: nothing was written.
/// Changed dates move the contribution window, so the standings are recomputed in the
/// background.
pub async fn update(
    ctx: &Ctx,
    actor: i64,
    id: i64,
    input: &CycleInput,
) -> Result<Vec<&'static str>, OpError> {
    let today = ctx.today().await?;
    let before = cycle(ctx, id).await?;
    if locked(&before, today) {
        return Err(OpError::new(ErrorCode::CycleLocked));
    }
    let mut fields = Fields::new();
    let name = line(&mut fields, "name", &input.name, NAME_MAX, true);
    let dates = check_dates(&mut fields, input, Some(stored_dates(&before)), today);
    fields.finish()?;
    let dates = dates.ok_or_else(|| OpError::internal("checked cycle dates went missing"))?;
    let after = [
        dates.nominations_open(),
        dates.nominations_close(),
        dates.contributions_due(),
        dates.review_start(),
        dates.review_end(),
        dates.announcement(),
    ];
    let mut changed: Vec<&'static str> = DATE_FIELDS
        .iter()
        .zip(stored_dates(&before).iter().zip(after.iter()))
        .filter(|(_, (was, is))| was != is)
        .map(|(field, _)| *field)
        .collect();
    let dates_changed = !changed.is_empty();
    if name != before.name {
        changed.insert(0, "name");
    }
    if changed.is_empty() {
        return Ok(changed);
    }
    let award_year = award_year(ctx, &dates).await?;
    let now = ctx.now();
    let mut tx = ctx.db.begin_write().await?;
    let (open, close) = (dates.nominations_open(), dates.nominations_close());
    if let Some(other) = cycles::overlapping_nominations(&mut tx, id, open, close).await? {
        return Err(overlap(&other));
    }
    if !cycles::update(&mut tx, id, &write(&name, &dates, award_year)).await? {
        return Err(OpError::new(ErrorCode::CycleLocked));
    }
    if dates_changed {
        enqueue(&mut tx, &Job::RecomputeStandings, &Enqueue::default(), now).await?;
    }
    let detail = format!("changed={}", changed.join(","));
    record(&mut tx, Some(actor), AuditAction::CycleChanged, ("cycle", id), &detail, now).await?;
    // Public pages show the program's name, categories, rubrics and cycles.
    plaudit_store::public::changed(&mut tx, ctx.now()).await?;
    tx.commit().await?;
    Ok(changed)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    fn input(dates: [&str; 6]) -> CycleInput {
        CycleInput {
            slug: String::new(),
            name: "Awards 2027".into(),
            dates: dates.map(String::from),
        }
    }

    const DATES: [&str; 6] =
        ["2027-01-01", "2027-02-01", "2027-03-01", "2027-03-02", "2027-05-01", "2027-06-01"];

    fn today() -> Date {
        "2026-12-03".parse().unwrap()
    }

    #[test]
    fn dates_in_order_pass() {
        let mut fields = Fields::new();
        assert!(check_dates(&mut fields, &input(DATES), None, today()).is_some());
        assert!(fields.finish().is_ok());
    }

    #[test]
    fn a_date_out_of_order_is_blamed_on_the_later_field() {
        let mut dates = DATES;
        dates[2] = "2027-01-15";
        let mut fields = Fields::new();
        assert!(check_dates(&mut fields, &input(dates), None, today()).is_none());
        let err = fields.finish().unwrap_err();
        assert_eq!(err.fields.keys().copied().collect::<Vec<_>>(), ["contributions_due"]);
    }

    #[test]
    fn a_passed_date_stays_and_no_date_moves_into_the_past() {
        let stored: [Date; 6] =
            ["2026-06-01", "2026-09-01", "2026-12-01", "2026-12-02", "2026-12-20", "2027-01-01"]
                .map(|d| d.parse().unwrap());
        let mut moved = stored.map(|d| d.to_string());
        moved[0] = "2026-06-02".into();
        moved[4] = "2026-12-01".into();
        let typed = CycleInput { dates: moved, ..input(DATES) };
        let mut fields = Fields::new();
        assert!(check_dates(&mut fields, &typed, Some(stored), today()).is_none());
        let err = fields.finish().unwrap_err();
        let mut keys: Vec<_> = err.fields.keys().cloned().collect();
        keys.sort();
        assert_eq!(keys, ["nominations_open", "review_end"]);
        // Unchanged passed dates are fine.
        let same = CycleInput { dates: stored.map(|d| d.to_string()), ..input(DATES) };
        let mut fields = Fields::new();
        assert!(check_dates(&mut fields, &same, Some(stored), today()).is_some());
    }

    #[test]
    fn the_following_cycle_is_a_year_on() {
        let typed = input(DATES);
        assert_eq!(typed.date("review_start"), "2027-03-02");
        assert_eq!(field_of("contributions due"), "contributions_due");
    }
}
