//! One person's standing against their category's published rubric: the breakdown the
//! candidate's page shows (the same domain function reviewers and decisions use), and the
//! recompute a saved contribution triggers.

use plaudit_domain::cycle::{DateRange, contribution_window_ending};
use plaudit_domain::standing::{ContributionFacts, Criterion, Gap, Standing, standing};
use plaudit_store::Tx;
use plaudit_store::rubrics::{self, PublishedRubric};
use plaudit_store::standings;

use super::Ctx;
use super::error::OpError;
use crate::i18n::{Lang, Msg};

/// One criterion's line of the breakdown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CriterionLine {
    /// The stable name: a contribution type, or `consistency`.
    pub code: String,
    pub label: String,
    pub raw: u32,
    pub counted: u32,
    pub cap: u32,
}

/// One contribution's line: what it earned.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContributionLine {
    pub id: i64,
    pub title: String,
    pub kind: String,
    pub date: String,
    pub base: u32,
    pub reach_bonus: u32,
    pub counted: u32,
    pub in_window: bool,
}

/// One month of the window: contributions dated in it, and the standing reached by its end.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MonthLine {
    pub label: String,
    pub contributions: u32,
    pub cumulative: u32,
}

/// A standing in words and numbers, ready for a page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StandingView {
    pub total: u32,
    pub threshold: u32,
    pub meets_threshold: bool,
    pub rubric_version: i64,
    /// "42 of 60 points", in words.
    pub summary: String,
    /// The window, in words.
    pub window: String,
    pub criteria: Vec<CriterionLine>,
    pub contributions: Vec<ContributionLine>,
    pub months: Vec<MonthLine>,
    /// What is missing, as sentences.
    pub missing: Vec<String>,
    pub inactive_months: Vec<String>,
}

fn month_label(lang: Lang, (year, month): (i16, i8)) -> String {
    lang.msg(
        &Msg::new("month-year")
            .arg("month", lang.t(&format!("month-short-{month}")))
            .arg("year", year.to_string()),
    )
}

fn type_label(lang: Lang, criterion: Criterion) -> String {
    match criterion {
        Criterion::Type(t) => lang.t(&format!("contribution-type-{}", t.as_str())),
        Criterion::Consistency => lang.t("standing-consistency"),
    }
}

fn gap_sentence(lang: Lang, gap: &Gap) -> String {
    match gap {
        Gap::PointsShort(n) => lang.msg(&Msg::new("standing-gap-points").arg("points", *n)),
        Gap::MoreOfType { contribution_type, points_each, items, headroom, closes_gap } => {
            let kind = lang.t(&format!("contribution-type-{}", contribution_type.as_str()));
            let sentence = if *closes_gap {
                Msg::new("standing-gap-closes")
            } else {
                Msg::new("standing-gap-adds")
            };
            lang.msg(
                &sentence
                    .arg("count", *items)
                    .arg("type", kind)
                    .arg("each", *points_each)
                    .arg("points", *headroom),
            )
        }
        Gap::InactiveMonths { months, points_per_month, .. } => lang.msg(
            &Msg::new("standing-gap-months")
                .arg("count", months.len())
                .arg("each", *points_per_month),
        ),
    }
}

/// The person's standing in the category, with its breakdown; None when the category has
/// no published rubric or the person is measured over no window there.
pub async fn of_person(
    ctx: &Ctx,
    person_id: i64,
    category_id: i64,
    lang: Lang,
) -> Result<Option<StandingView>, OpError> {
    let today = ctx.today().await?;
    let Some(target) = standings::target_of(&ctx.db, person_id, category_id, today).await? else {
        return Ok(None);
    };
    let published = match target.candidacy {
        Some(c) => rubrics::pinned(&ctx.db, c.cycle_id, category_id).await?,
        None => None,
    };
    let published = match published {
        Some(pinned) => pinned,
        None => match rubrics::published_rubric(&ctx.db, category_id).await? {
            Some(latest) => latest,
            None => return Ok(None),
        },
    };
    let rows = standings::person_contributions(&ctx.db, person_id, target.window).await?;
    Ok(Some(build_view(lang, &published, &target.window, &rows).0))
}

/// A candidacy's standing against the rubric its cycle pinned, over the cycle's window (the
/// twelve months ending on the day contributions were due): what reviewers weigh and what a
/// decision records. None when the cycle pinned no rubric for the category.
pub async fn of_candidacy(
    ctx: &Ctx,
    cycle_id: i64,
    category_id: i64,
    person_id: i64,
    contributions_due: jiff::civil::Date,
    lang: Lang,
) -> Result<Option<(StandingView, Standing, PublishedRubric)>, OpError> {
    let Some(published) = rubrics::pinned(&ctx.db, cycle_id, category_id).await? else {
        return Ok(None);
    };
    let (view, computed) = against(ctx, person_id, &published, contributions_due, lang).await?;
    Ok(Some((view, computed, published)))
}

/// A person's standing against a given rubric version over the twelve months ending on `due`.
pub async fn against(
    ctx: &Ctx,
    person_id: i64,
    published: &PublishedRubric,
    due: jiff::civil::Date,
    lang: Lang,
) -> Result<(StandingView, Standing), OpError> {
    let window = contribution_window_ending(due);
    let rows = standings::person_contributions(&ctx.db, person_id, window).await?;
    Ok(build_view(lang, published, &window, &rows))
}

/// The standing of `rows` against `published` over `window`, with its breakdown in words.
fn build_view(
    lang: Lang,
    published: &PublishedRubric,
    window: &DateRange,
    rows: &[standings::TitledFacts],
) -> (StandingView, Standing) {
    let window = *window;
    let facts: Vec<ContributionFacts> = rows.iter().map(|r| r.facts.clone()).collect();
    let computed = standing(&published.rubric, &window, &facts);
    let titles: std::collections::HashMap<i64, &str> =
        rows.iter().map(|r| (r.facts.id, r.title.as_str())).collect();
    let criteria = computed
        .by_criterion
        .iter()
        .map(|c| CriterionLine {
            code: c.criterion.as_str().to_owned(),
            label: type_label(lang, c.criterion),
            raw: c.raw,
            counted: c.counted,
            cap: c.cap,
        })
        .collect();
    let contributions = computed
        .by_contribution
        .iter()
        .map(|c| ContributionLine {
            id: c.id,
            title: titles.get(&c.id).copied().unwrap_or_default().to_owned(),
            kind: lang.t(&format!("contribution-type-{}", c.contribution_type.as_str())),
            date: lang.date(c.date),
            base: c.base,
            reach_bonus: c.reach_bonus,
            counted: c.counted,
            in_window: c.in_window,
        })
        .collect();
    let months = month_lines(lang, published, &window, &computed.by_contribution, &facts);
    let inactive_months = computed
        .missing
        .iter()
        .find_map(|g| match g {
            Gap::InactiveMonths { months, .. } => Some(months.clone()),
            _ => None,
        })
        .unwrap_or_default()
        .into_iter()
        .map(|m| month_label(lang, m))
        .collect();
    let view = StandingView {
        total: computed.total,
        threshold: computed.threshold,
        meets_threshold: computed.meets_threshold,
        rubric_version: published.version,
        summary: lang.msg(
            &Msg::new("standing-total")
                .arg("total", computed.total)
                .arg("threshold", computed.threshold),
        ),
        window: lang.msg(
            &Msg::new("standing-window")
                .arg("start", lang.date(window.start))
                .arg("end", lang.date(window.end)),
        ),
        criteria,
        contributions,
        months,
        missing: computed.missing.iter().map(|g| gap_sentence(lang, g)).collect(),
        inactive_months,
    };
    (view, computed)
}

/// Per month of the window: the contributions active in it, and the standing at its end
/// (points earned by contributions started by then, plus consistency so far, capped).
fn month_lines(
    lang: Lang,
    published: &PublishedRubric,
    window: &DateRange,
    scores: &[plaudit_domain::standing::ContributionScore],
    facts: &[ContributionFacts],
) -> Vec<MonthLine> {
    let consistency = &published.rubric.consistency;
    let by_id: std::collections::HashMap<i64, &ContributionFacts> =
        facts.iter().map(|f| (f.id, f)).collect();
    let months = window.months();
    let mut lines = Vec::with_capacity(months.len());
    let mut active = 0u32;
    for &(year, month) in &months {
        let key = (i32::from(year), month);
        let in_month = |f: &ContributionFacts| {
            let end = f.end.filter(|e| *e >= f.date).unwrap_or(f.date);
            (i32::from(f.date.year()), f.date.month()) <= key
                && key <= (i32::from(end.year()), end.month())
        };
        let count = facts.iter().filter(|f| in_month(f)).count();
        // The breakdown is sorted by date; match each score to its facts by id.
        let scoring = scores
            .iter()
            .any(|s| s.base + s.reach_bonus > 0 && by_id.get(&s.id).is_some_and(|f| in_month(f)));
        if scoring {
            active += 1;
        }
        let earned: u32 = scores
            .iter()
            .filter(|s| {
                let start = s.date.max(window.start);
                (i32::from(start.year()), start.month()) <= key
            })
            .map(|s| s.counted)
            .sum();
        let steady =
            active.saturating_mul(consistency.points_per_active_month).min(consistency.cap);
        lines.push(MonthLine {
            label: month_label(lang, (year, month)),
            contributions: u32::try_from(count).unwrap_or(u32::MAX),
            cumulative: earned.saturating_add(steady),
        });
    }
    lines
}

/// Recomputes and saves the person's standings in the transaction that changed their
/// contributions, so their page shows the change at once; the nightly job recomputes all.
pub async fn recompute_person(ctx: &Ctx, tx: &mut Tx, person_id: i64) -> Result<(), OpError> {
    let today = ctx.today().await?;
    let targets = standings::targets_of_person(tx, person_id, today).await?;
    if targets.is_empty() {
        return Ok(());
    }
    let rubrics = super::standings::RubricBook::load(&ctx.db).await?;
    let mut rows = Vec::new();
    for target in &targets {
        let Some(published) = rubrics.for_target(target) else {
            continue;
        };
        let facts = standings::person_facts(tx, person_id, target.window).await?;
        rows.push(super::standings::scored(person_id, target, published, &facts));
    }
    super::standings::save(tx, &targets, &rows, ctx.now()).await?;
    Ok(())
}
