//! A category's rubric as admins change it, and as anyone reads it with its history. A change is
//! a new published version with a changelog note, never an edit: decisions and reviews keep the
//! version they were made under. Publishing pins the new version to the cycles whose review has
//! not started (their candidates are still recording), and queues the job that rescores their
//! candidacies, so the cached standings match the rules the cycle will be decided by.

use std::sync::OnceLock;

use jiff::civil::Date;
use plaudit_domain::kinds::{ContributionType, ReachMetric};
use plaudit_domain::rubric::{ConsistencyRule, ReachTier, Rubric, RubricError, TypeRule};
use plaudit_store::categories::CategoryRow;
use plaudit_store::rubrics::{
    self, CycleName, PublishedRubric, ReviewCriterionWrite, RubricVersionWrite,
};
use plaudit_store::{cycles, program};

use super::Ctx;
use super::audit::{AuditAction, record};
use super::categories::{STANDARD_REVIEW_CRITERIA, category};
use super::error::{ErrorCode, Fields, OpError};
use super::settings::line;
use crate::i18n::Msg;
use crate::jobs::{Enqueue, Job, RescorePinned};

/// The changelog note is one line, like a commit's subject.
pub const NOTE_MAX: usize = 300;
/// Points of one contribution, a reach bonus, points per active month.
const POINTS_MAX: i64 = 1_000;
/// A cap or the threshold: a year's worth of points.
const TOTAL_MAX: i64 = 10_000;
const REACH_MAX: i64 = 1_000_000_000_000;
/// A review criterion's weight, relative to the others.
const WEIGHT_MAX: i64 = 100;
/// Reach tiers of one type: the standard rubric uses three or four.
pub const TIERS_MAX: usize = 10;
/// Review criteria a version may have; the standard rubric has four.
const CRITERIA_MAX: usize = 20;

/// The form's field names of one contribution type.
pub struct TypeFields {
    pub base: String,
    pub cap: String,
    pub metric: String,
    pub tiers: String,
}

/// Field names are `&'static str` in [`Fields`]; these are made once, per type and criterion.
pub fn fields_of(t: ContributionType) -> &'static TypeFields {
    static NAMES: OnceLock<Vec<TypeFields>> = OnceLock::new();
    let names = NAMES.get_or_init(|| {
        let mut all: Vec<ContributionType> = ContributionType::ALL.to_vec();
        all.sort_by_key(|t| t.index());
        all.into_iter()
            .map(|t| {
                let code = t.as_str();
                TypeFields {
                    base: format!("base-{code}"),
                    cap: format!("cap-{code}"),
                    metric: format!("metric-{code}"),
                    tiers: format!("tiers-{code}"),
                }
            })
            .collect()
    });
    &names[t.index()]
}

/// The name of the weight field of the review criterion at `position`.
pub fn weight_field(position: usize) -> Option<&'static str> {
    static NAMES: OnceLock<Vec<String>> = OnceLock::new();
    let names = NAMES.get_or_init(|| (0..CRITERIA_MAX).map(|i| format!("weight-{i}")).collect());
    names.get(position).map(String::as_str)
}

/// One contribution type's row of the form, as typed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TypeInput {
    pub contribution_type: ContributionType,
    pub base_points: String,
    pub cap: String,
    /// A reach metric's stored name; empty for none.
    pub reach_metric: String,
    /// One tier a line: `min reach: bonus`.
    pub reach_tiers: String,
}

/// The rubric form as typed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RubricInput {
    pub threshold: String,
    pub consistency_points: String,
    pub consistency_cap: String,
    /// Every contribution type, in the vocabulary's order.
    pub types: Vec<TypeInput>,
    /// The weight of each review criterion, in the criteria's order.
    pub weights: Vec<String>,
    pub note: String,
}

impl RubricInput {
    /// A published rubric in the form's shape; a type it does not score shows zeros.
    pub fn of(rubric: &Rubric, criteria: &[Criterion]) -> RubricInput {
        let types = ContributionType::ALL
            .iter()
            .map(|&t| match rubric.rule_for(t) {
                Some(rule) => TypeInput {
                    contribution_type: t,
                    base_points: rule.base_points.to_string(),
                    cap: rule.cap.to_string(),
                    reach_metric: rule
                        .reach_metric
                        .map(|m| m.as_str().to_owned())
                        .unwrap_or_default(),
                    reach_tiers: rule
                        .reach_tiers
                        .iter()
                        .map(|tier| format!("{}: {}", tier.min_reach, tier.bonus))
                        .collect::<Vec<_>>()
                        .join("\n"),
                },
                None => TypeInput {
                    contribution_type: t,
                    base_points: "0".to_owned(),
                    cap: "0".to_owned(),
                    reach_metric: String::new(),
                    reach_tiers: String::new(),
                },
            })
            .collect();
        RubricInput {
            threshold: rubric.threshold.to_string(),
            consistency_points: rubric.consistency.points_per_active_month.to_string(),
            consistency_cap: rubric.consistency.cap.to_string(),
            types,
            weights: criteria.iter().map(|c| c.weight.to_string()).collect(),
            note: String::new(),
        }
    }

    /// An empty form for `criteria` criteria, to fill from what was posted.
    pub fn blank(criteria: usize) -> RubricInput {
        RubricInput {
            threshold: String::new(),
            consistency_points: String::new(),
            consistency_cap: String::new(),
            types: ContributionType::ALL
                .iter()
                .map(|&t| TypeInput {
                    contribution_type: t,
                    base_points: String::new(),
                    cap: String::new(),
                    reach_metric: String::new(),
                    reach_tiers: String::new(),
                })
                .collect(),
            weights: vec![String::new(); criteria],
            note: String::new(),
        }
    }

    /// Sets the field `name` to `value`; an unknown name is ignored.
    pub fn set(&mut self, name: &str, value: String) {
        match name {
            "threshold" => self.threshold = value,
            "consistency_points" => self.consistency_points = value,
            "consistency_cap" => self.consistency_cap = value,
            "note" => self.note = value,
            _ => {
                if let Some(slot) = name
                    .strip_prefix("weight-")
                    .and_then(|i| i.parse::<usize>().ok())
                    .and_then(|i| self.weights.get_mut(i))
                {
                    *slot = value;
                    return;
                }
                for row in &mut self.types {
                    let names = fields_of(row.contribution_type);
                    let slot = if name == names.base {
                        &mut row.base_points
                    } else if name == names.cap {
                        &mut row.cap
                    } else if name == names.metric {
                        &mut row.reach_metric
                    } else if name == names.tiers {
                        &mut row.reach_tiers
                    } else {
                        continue;
                    };
                    *slot = value;
                    return;
                }
            }
        }
    }
}

/// A review criterion as the editor shows and a new version copies it: only its weight is
/// edited here; its key, words and scale stay.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Criterion {
    pub key: String,
    pub name: String,
    pub description: String,
    pub weight: i64,
    pub max_score: i64,
}

/// What the rubric editor shows.
#[derive(Debug, Clone)]
pub struct Editor {
    pub category: CategoryRow,
    /// The newest published version's number (0: none yet, the form starts from the standard).
    pub version: i64,
    pub criteria: Vec<Criterion>,
    /// The cycles publishing would pin the new version to.
    pub repinned: Vec<CycleName>,
    /// The newest version in the form's shape.
    pub input: RubricInput,
}

/// The category's newest published rubric and its review criteria; the standard ones for a
/// category that has none.
async fn current(ctx: &Ctx, category_id: i64) -> Result<(i64, Rubric, Vec<Criterion>), OpError> {
    match rubrics::published_rubric(&ctx.db, category_id).await? {
        Some(published) => {
            let criteria = rubrics::review_criteria(&ctx.db, published.rubric_version_id)
                .await?
                .into_iter()
                .map(|c| Criterion {
                    key: c.key,
                    name: c.name,
                    description: c.description,
                    weight: c.weight,
                    max_score: c.max_score,
                })
                .collect();
            Ok((published.version, published.rubric, criteria))
        }
        None => {
            let criteria = STANDARD_REVIEW_CRITERIA
                .iter()
                .map(|&(key, name, description)| Criterion {
                    key: key.to_owned(),
                    name: name.to_owned(),
                    description: description.to_owned(),
                    weight: 1,
                    max_score: 5,
                })
                .collect();
            Ok((0, Rubric::standard(), criteria))
        }
    }
}

/// The editor of a category's rubric, prefilled from its newest published version.
pub async fn editor(ctx: &Ctx, category_id: i64) -> Result<Editor, OpError> {
    let (category, _) = category(ctx, category_id).await?;
    let (version, rubric, criteria) = current(ctx, category_id).await?;
    let today = ctx.today().await?;
    let repinned = rubrics::repinnable_cycles(&ctx.db, category_id, today).await?;
    let input = RubricInput::of(&rubric, &criteria);
    Ok(Editor { category, version, criteria, repinned, input })
}

/// A whole number in `min..=max`, thousands separators allowed (1,000 or 1.000 or 1 000).
fn number(typed: &str, min: i64, max: i64) -> Result<i64, Msg> {
    let digits: String = typed
        .trim()
        .chars()
        .filter(|c| !matches!(c, ',' | '.' | '_' | '\'') && !c.is_whitespace())
        .collect();
    let well_formed = !digits.is_empty() && digits.chars().all(|c| c.is_ascii_digit());
    digits
        .parse::<i64>()
        .ok()
        .filter(|n| well_formed && (min..=max).contains(n))
        .ok_or_else(|| Msg::new("field-settings-number-range").arg("min", min).arg("max", max))
}

fn points(fields: &mut Fields, field: &'static str, typed: &str, max: i64) -> u32 {
    fields.check(field, number(typed, 0, max)).and_then(|n| u32::try_from(n).ok()).unwrap_or(0)
}

/// Reach tiers, one a line: the reach, a colon (or an arrow), the bonus.
fn tiers(typed: &str) -> Result<Vec<ReachTier>, Msg> {
    let mut out = Vec::new();
    for (index, raw) in typed.lines().enumerate() {
        let text = raw.trim();
        if text.is_empty() {
            continue;
        }
        let bad = || Msg::new("field-rubric-tier-line").arg("line", index + 1);
        let (reach, bonus) =
            ["→", "->", ":", "="].iter().find_map(|sep| text.split_once(sep)).ok_or_else(bad)?;
        let reach = number(reach, 0, REACH_MAX).map_err(|_| bad())?;
        let bonus = number(bonus, 0, POINTS_MAX).map_err(|_| bad())?;
        out.push(ReachTier {
            min_reach: u64::try_from(reach).unwrap_or(0),
            bonus: u32::try_from(bonus).unwrap_or(0),
        });
    }
    if out.len() > TIERS_MAX {
        return Err(Msg::new("field-rubric-tiers-too-many").arg("max", TIERS_MAX));
    }
    Ok(out)
}

/// Where the form shows a rubric's problem, and in which words.
fn placed(error: &RubricError) -> (&'static str, Msg) {
    match error {
        RubricError::ZeroThreshold => ("threshold", Msg::new("field-rubric-threshold-zero")),
        RubricError::ThresholdUnreachable { max, .. } => {
            ("threshold", Msg::new("field-rubric-threshold-unreachable").arg("max", *max))
        }
        RubricError::DuplicateType(t) => {
            (fields_of(*t).base.as_str(), Msg::new("field-rubric-duplicate-type"))
        }
        RubricError::CapBelowBasePoints { contribution_type, base_points, .. } => (
            fields_of(*contribution_type).cap.as_str(),
            Msg::new("field-rubric-cap-below-base").arg("points", *base_points),
        ),
        RubricError::MetricDoesNotFit { contribution_type, .. } => {
            (fields_of(*contribution_type).metric.as_str(), Msg::new("field-rubric-metric-unknown"))
        }
        RubricError::TiersWithoutMetric(t) => {
            (fields_of(*t).tiers.as_str(), Msg::new("field-rubric-tiers-without-metric"))
        }
        RubricError::TiersNotAscending(t) => {
            (fields_of(*t).tiers.as_str(), Msg::new("field-rubric-tiers-not-ascending"))
        }
        RubricError::BonusDecreases(t) => {
            (fields_of(*t).tiers.as_str(), Msg::new("field-rubric-bonus-decreases"))
        }
    }
}

/// The rubric, the criteria's weights and the note, checked: every problem at its field.
fn check(input: &RubricInput, criteria: usize) -> Result<(Rubric, Vec<i64>, String), OpError> {
    let mut fields = Fields::new();
    let threshold = points(&mut fields, "threshold", &input.threshold, TOTAL_MAX);
    let consistency = ConsistencyRule {
        points_per_active_month: points(
            &mut fields, "consistency_points", &input.consistency_points, POINTS_MAX,
        ),
        cap: points(&mut fields, "consistency_cap", &input.consistency_cap, TOTAL_MAX),
    };
    let mut types = Vec::new();
    for row in &input.types {
        let t = row.contribution_type;
        let names = fields_of(t);
        let base_points = points(&mut fields, &names.base, &row.base_points, POINTS_MAX);
        let cap = points(&mut fields, &names.cap, &row.cap, TOTAL_MAX);
        let reach_metric = match row.reach_metric.trim() {
            "" => None,
            typed => fields.check(
                &names.metric,
                typed
                    .parse::<ReachMetric>()
                    .ok()
                    .filter(|m| t.reach_metrics().contains(m))
                    .ok_or_else(|| Msg::new("field-rubric-metric-unknown")),
            ),
        };
        let reach_tiers = fields.check(&names.tiers, tiers(&row.reach_tiers)).unwrap_or_default();
        // A type with nothing to give is left out, as the public page says of unlisted types.
        if base_points == 0 && cap == 0 && reach_tiers.is_empty() {
            continue;
        }
        types.push(TypeRule { contribution_type: t, base_points, cap, reach_metric, reach_tiers });
    }
    let rubric = Rubric { threshold, types, consistency };
    if input.weights.len() != criteria {
        return Err(OpError::new(ErrorCode::MalformedRequest));
    }
    let mut weights = Vec::with_capacity(criteria);
    for (position, typed) in input.weights.iter().enumerate() {
        let field = weight_field(position).ok_or(OpError::new(ErrorCode::MalformedRequest))?;
        weights.push(fields.check(field, number(typed, 0, WEIGHT_MAX)).unwrap_or(1));
    }
    if let Some(first) = weight_field(0)
        && !weights.is_empty()
        && weights.iter().all(|&w| w == 0)
    {
        fields.add(first, Msg::new("field-rubric-weights-zero"));
    }
    let note = line(&mut fields, "note", &input.note, NOTE_MAX, true);
    // The domain's checks read numbers; one typed wrong already has its problem.
    for error in rubric.errors() {
        let (field, problem) = placed(&error);
        fields.add(field, problem);
    }
    fields.finish()?;
    Ok((rubric, weights, note))
}

/// The same rules, whatever order they were written in.
fn same_rules(a: &Rubric, b: &Rubric) -> bool {
    let sorted = |r: &Rubric| {
        let mut types = r.types.clone();
        types.sort_by_key(|t| t.contribution_type.index());
        Rubric { types, ..r.clone() }
    };
    sorted(a) == sorted(b)
}

/// What publishing did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Published {
    pub version: i64,
    /// The cycles now decided by the new version; a job rescores their candidacies.
    pub repinned: Vec<CycleName>,
}

/// Publishes the typed rubric as the category's next version and pins it to every cycle whose
/// review has not started, in one transaction with an audit entry and the job that rescores
/// those cycles' candidacies in the category.
pub async fn publish(
    ctx: &Ctx,
    actor: i64,
    category_id: i64,
    input: &RubricInput,
) -> Result<Published, OpError> {
    category(ctx, category_id).await?;
    let (old_version, old_rubric, criteria) = current(ctx, category_id).await?;
    let (rubric, weights, note) = check(input, criteria.len())?;
    let old_weights: Vec<i64> = criteria.iter().map(|c| c.weight).collect();
    if old_version > 0 && same_rules(&rubric, &old_rubric) && weights == old_weights {
        return Err(super::error::invalid(
            "note",
            Msg::new("field-rubric-unchanged").arg("version", old_version),
        ));
    }
    let today = ctx.today().await?;
    let now = ctx.now();
    let writes: Vec<ReviewCriterionWrite<'_>> = criteria
        .iter()
        .zip(&weights)
        .map(|(c, &weight)| ReviewCriterionWrite {
            key: &c.key,
            name: &c.name,
            description: &c.description,
            weight,
            max_score: c.max_score,
        })
        .collect();
    let mut tx = ctx.db.begin_write().await?;
    let version = rubrics::next_version(&mut tx, category_id).await?;
    let write = RubricVersionWrite {
        category_id,
        version,
        rubric: &rubric,
        note: &note,
        review_criteria: &writes,
        published_at: Some(now),
    };
    let version_id = match rubrics::insert_rubric_version(&mut tx, &write, now).await {
        Ok(id) => id,
        // Another admin published this number a moment ago.
        Err(e) if e.is_unique_violation() => {
            return Err(super::error::invalid(
                "note",
                Msg::new("field-rubric-published-meanwhile"),
            ));
        }
        Err(e) => return Err(e.into()),
    };
    let repinned = rubrics::repinnable_cycles_tx(&mut tx, category_id, today).await?;
    for cycle in &repinned {
        rubrics::repin(&mut tx, cycle.id, category_id, version_id).await?;
    }
    let cycle_ids: Vec<i64> = repinned.iter().map(|c| c.id).collect();
    if !cycle_ids.is_empty() {
        // Rescoring a large cycle takes seconds: a job does it in short transactions, so
        // publishing does not hold every other writer back meanwhile.
        let job = Job::RescorePinned(RescorePinned { category_id, rubric_version_id: version_id });
        let options = Enqueue {
            dedupe_key: Some(format!("rescore_pinned@{version_id}")),
            ..Enqueue::default()
        };
        crate::jobs::enqueue(&mut tx, &job, &options, now).await?;
    }
    let cycles = cycle_ids.iter().map(i64::to_string).collect::<Vec<_>>().join(",");
    let detail = format!(
        "version={version} rubric_version={version_id} threshold={} cycles={cycles}",
        rubric.threshold
    );
    record(
        &mut tx,
        Some(actor),
        AuditAction::RubricPublished,
        ("category", category_id),
        &detail,
        now,
    )
    .await?;
    // Public pages show the program's name, categories, rubrics and cycles.
    plaudit_store::public::changed(&mut tx, ctx.now()).await?;
    tx.commit().await?;
    Ok(Published { version, repinned })
}

/// A version as the public history lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VersionLine {
    pub version: i64,
    pub note: String,
    pub published_on: Date,
}

/// A rubric as the public page shows it.
#[derive(Debug, Clone)]
pub struct PublicRubric {
    pub category: String,
    pub slug: String,
    pub shown: PublishedRubric,
    pub published_on: Option<Date>,
    pub note: String,
    /// The newest published version's number: the one shown, unless an earlier one was asked.
    pub current: i64,
    /// The next cycle to be announced and the version it is decided by, when that is not the
    /// newest.
    pub upcoming: Option<(String, i64)>,
    /// Every published version but the newest, newest first.
    pub earlier: Vec<VersionLine>,
    /// Every active category: (slug, name).
    pub categories: Vec<(String, String)>,
}

/// The category's rubric for anyone to read: the newest version, or `version` when asked.
pub async fn public(ctx: &Ctx, slug: &str, version: Option<i64>) -> Result<PublicRubric, OpError> {
    let not_found = || OpError::new(ErrorCode::NotFound);
    let categories = program::categories(&ctx.db).await?;
    let category = categories.iter().find(|c| c.slug == slug).ok_or_else(not_found)?;
    let zone = super::program_time_zone(&ctx.db).await?;
    let history: Vec<(VersionLine, i64)> = rubrics::history(&ctx.db, category.id)
        .await?
        .into_iter()
        .filter_map(|v| {
            let line = VersionLine {
                version: v.version,
                note: v.note,
                published_on: zone.local_date(v.published_at?),
            };
            Some((line, v.id))
        })
        .collect();
    let current = history.first().map(|(line, _)| line.version).ok_or_else(not_found)?;
    let wanted = version.unwrap_or(current);
    let shown =
        rubrics::published_version(&ctx.db, category.id, wanted).await?.ok_or_else(not_found)?;
    let line = history.iter().find(|(line, _)| line.version == wanted).map(|(line, _)| line);
    let today = ctx.today().await?;
    let upcoming = match cycles::upcoming(&ctx.db, today).await? {
        Some(cycle) => rubrics::pinned(&ctx.db, cycle.id, category.id)
            .await?
            .filter(|pinned| pinned.version != current)
            .map(|pinned| (cycle.name, pinned.version)),
        None => None,
    };
    Ok(PublicRubric {
        category: category.name.clone(),
        slug: category.slug.clone(),
        published_on: line.map(|l| l.published_on),
        note: line.map(|l| l.note.clone()).unwrap_or_default(),
        shown,
        current,
        upcoming,
        earlier: history.into_iter().skip(1).map(|(line, _)| line).collect(),
        categories: categories.iter().map(|c| (c.slug.clone(), c.name.clone())).collect(),
    })
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    fn criteria() -> Vec<Criterion> {
        STANDARD_REVIEW_CRITERIA
            .iter()
            .map(|&(key, name, description)| Criterion {
                key: key.to_owned(),
                name: name.to_owned(),
                description: description.to_owned(),
                weight: 1,
                max_score: 5,
            })
            .collect()
    }

    fn standard_input() -> RubricInput {
        RubricInput {
            note: "Same again.".to_owned(),
            ..RubricInput::of(&Rubric::standard(), &criteria())
        }
    }

    #[test]
    fn the_standard_rubric_reads_back_from_its_form() {
        let (rubric, weights, note) = check(&standard_input(), 4).unwrap();
        assert!(same_rules(&rubric, &Rubric::standard()));
        assert_eq!(weights, [1, 1, 1, 1]);
        assert_eq!(note, "Same again.");
    }

    #[test]
    fn every_problem_is_placed_at_its_field() {
        let mut input = standard_input();
        input.threshold = "9999".to_owned();
        input.set("cap-blog_post", "2".to_owned());
        input.set("tiers-video", "1000: 2\n100: 1".to_owned());
        input.set("tiers-book", "lots".to_owned());
        input.set("base-article", "-1".to_owned());
        input.set("weight-1", "x".to_owned());
        input.set("note", " ".to_owned());
        let error = check(&input, 4).unwrap_err();
        let fields: Vec<&str> = error.fields.keys().copied().collect();
        assert_eq!(
            fields,
            [
                "base-article", "cap-blog_post", "note", "threshold", "tiers-book", "tiers-video",
                "weight-1"
            ]
        );
        assert_eq!(error.fields["threshold"].id, "field-rubric-threshold-unreachable");
        assert_eq!(error.fields["tiers-video"].id, "field-rubric-tiers-not-ascending");
        assert_eq!(error.fields["tiers-book"].id, "field-rubric-tier-line");
    }

    #[test]
    fn numbers_take_thousands_separators_and_tiers_take_arrows() {
        assert_eq!(number("1,000", 0, 10_000), Ok(1_000));
        assert_eq!(number("1.000", 0, 10_000), Ok(1_000));
        assert!(number("1e3", 0, 10_000).is_err());
        assert!(number("", 0, 10).is_err());
        let read = tiers("100 → 1\n\n1 000 -> 2\n10000: 3").unwrap();
        assert_eq!(
            read.iter().map(|t| (t.min_reach, t.bonus)).collect::<Vec<_>>(),
            [(100, 1), (1_000, 2), (10_000, 3)]
        );
    }
}
