//! What the admin dashboard's charts show, counted by the store and put in the charts' shape:
//! awardees per award year and category, the current cycle's candidacies by state in the order
//! of the journey, and renewals against new alumni per year.

use std::collections::{BTreeMap, BTreeSet};

use jiff::civil::Date;
use plaudit_domain::CandidacyState;
use plaudit_store::{categories, dashboard};

use super::Ctx;
use super::error::OpError;

/// How many award years the charts go back: a bar per year stays readable.
pub const YEARS_SHOWN: usize = 10;

/// Awardees per award year, one row per category that has any.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AwardeesByYear {
    pub years: Vec<i64>,
    /// Each category's name and its awardees in each of `years`.
    pub categories: Vec<(String, Vec<i64>)>,
}

/// The candidacies of the latest cycle whose nominations have opened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Funnel {
    pub cycle: String,
    /// Every state, in the order of the journey, with its candidacies (maybe none).
    pub states: Vec<(CandidacyState, i64)>,
}

/// Per year: awards that renewed an earlier one, and holders who became alumni.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RenewalsByYear {
    pub years: Vec<i64>,
    pub renewals: Vec<i64>,
    pub alumni: Vec<i64>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Charts {
    pub awardees: AwardeesByYear,
    /// None before any cycle has opened its nominations.
    pub funnel: Option<Funnel>,
    pub renewals: RenewalsByYear,
}

/// The last `YEARS_SHOWN` of `years`.
fn latest(years: BTreeSet<i64>) -> Vec<i64> {
    let skip = years.len().saturating_sub(YEARS_SHOWN);
    years.into_iter().skip(skip).collect()
}

pub async fn charts(ctx: &Ctx, today: Date) -> Result<Charts, OpError> {
    let db = &ctx.db;
    let awards = dashboard::awards_per_year(db).await?;
    let names = categories::names(db).await?;
    let years = latest(awards.iter().map(|a| a.award_year).collect());
    let counts: BTreeMap<(i64, i64), i64> =
        awards.iter().map(|a| ((a.category_id, a.award_year), a.awards)).collect();
    let awardees = AwardeesByYear {
        categories: names
            .into_iter()
            .map(|(id, name)| {
                let row = years.iter().map(|y| counts.get(&(id, *y)).copied().unwrap_or(0));
                (name, row.collect::<Vec<_>>())
            })
            .filter(|(_, row)| row.iter().any(|&n| n > 0))
            .collect(),
        years,
    };

    let funnel = match dashboard::current_cycle(db, today).await? {
        Some(cycle) => {
            let found: BTreeMap<String, i64> =
                dashboard::candidacies_by_state(db, cycle.id).await?.into_iter().collect();
            let states = CandidacyState::ALL
                .iter()
                .map(|s| (*s, found.get(s.as_str()).copied().unwrap_or(0)))
                .collect();
            Some(Funnel { cycle: cycle.name, states })
        }
        None => None,
    };

    let found = dashboard::renewals_and_alumni(db).await?;
    let renewals: BTreeMap<i64, i64> = found.renewals.into_iter().collect();
    let alumni: BTreeMap<i64, i64> = found.alumni.into_iter().collect();
    let years = latest(renewals.keys().chain(alumni.keys()).copied().collect());
    let renewals = RenewalsByYear {
        renewals: years.iter().map(|y| renewals.get(y).copied().unwrap_or(0)).collect(),
        alumni: years.iter().map(|y| alumni.get(y).copied().unwrap_or(0)).collect(),
        years,
    };
    Ok(Charts { awardees, funnel, renewals })
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_charts_keep_the_latest_years() {
        let years = (2000..2020).collect();
        assert_eq!(super::latest(years), (2010..2020).collect::<Vec<_>>());
        assert_eq!(super::latest([2026, 2024].into()), [2024, 2026]);
    }
}
