//! The administrators' pages: the program at a glance (its counts and charts), people with
//! their granted roles, and the jobs and mails that stopped trying.

use std::collections::BTreeSet;

use askama::Template;
use askama_web::WebTemplate;
use axum::Form;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use plaudit_domain::kinds::Role;
use plaudit_domain::parse::EmailAddress;
use plaudit_store::accounts::{self, AccountSummary};
use plaudit_store::program::{self, Category, ProgramCounts};
use serde::Deserialize;

use super::chart::{self, Bars, Layout, Series};
use super::layout::{Nav, PageCtx};
use crate::i18n::{Lang, Msg};
use crate::ops;
use crate::ops::accounts::{Actor, GRANTABLE, set_roles};
use crate::ops::background;
use crate::ops::error::parse_problem;
use crate::ops::{ErrorCode, OpError};
use crate::state::AppState;
use crate::web::PageError;

#[derive(Template, WebTemplate)]
#[template(path = "admin/dashboard.html")]
pub(super) struct Dashboard {
    nav: Nav,
    counts: ProgramCounts,
    pending_mail: i64,
    /// Failed jobs and mails given up on: what waits for an admin at /admin/jobs.
    needs_attention: i64,
    charts: Vec<ChartBlock>,
}

/// A chart on the dashboard with its legend and the same numbers as a table.
pub(super) struct ChartBlock {
    id: &'static str,
    heading: String,
    /// What the chart counts, under its heading.
    note: String,
    /// None when there is nothing to draw yet; `note` says so.
    svg: Option<String>,
    /// Each series' colour (an SVG square) and name.
    legend: Vec<(String, String)>,
    table: NumbersTable,
}

/// A chart's numbers: a row per row label, a column per column label.
pub(super) struct NumbersTable {
    corner: String,
    columns: Vec<String>,
    rows: Vec<(String, Vec<String>)>,
}

pub(super) async fn dashboard(
    State(state): State<AppState>,
    page: PageCtx,
) -> Result<Dashboard, PageError> {
    let today = state.ctx.today().await?;
    let charts = ops::dashboard::charts(&state.ctx, today).await?;
    Ok(Dashboard {
        nav: page.nav().await,
        counts: program::counts(&state.ctx.db, today).await?,
        pending_mail: plaudit_store::mail::pending_count(&state.ctx.db).await?,
        needs_attention: plaudit_store::jobs::failed_count(&state.ctx.db).await?
            + plaudit_store::mail::gave_up_count(&state.ctx.db).await?,
        charts: chart_blocks(&charts, page.lang),
    })
}

fn chart_blocks(charts: &ops::dashboard::Charts, lang: Lang) -> Vec<ChartBlock> {
    let year_labels = |years: &[i64]| years.iter().map(i64::to_string).collect::<Vec<_>>();
    let numbers = |values: &[i64]| values.iter().map(|v| lang.number(v)).collect::<Vec<_>>();
    let mut blocks = Vec::new();

    // Awardees per award year, stacked by category.
    let a = &charts.awardees;
    let years = year_labels(&a.years);
    let series: Vec<Series> = a
        .categories
        .iter()
        .map(|(name, values)| Series { name: name.clone(), values: values.clone() })
        .collect();
    let heading = lang.t("dashboard-awardees-heading");
    let (note, svg) = match (a.years.first(), a.years.last()) {
        (Some(first), Some(last)) => {
            let note = lang.msg(
                &Msg::new("dashboard-awardees-note")
                    .arg("first", first.to_string())
                    .arg("last", last.to_string()),
            );
            let bars = Bars {
                id: "awardees-chart",
                title: &heading,
                description: &note,
                labels: &years,
                series: &series,
            };
            (note.clone(), Some(chart::bar_chart(&bars, Layout::Stacked)))
        }
        _ => (lang.t("dashboard-awardees-none"), None),
    };
    let totals: Vec<i64> =
        (0..a.years.len()).map(|i| a.categories.iter().map(|(_, v)| v[i]).sum()).collect();
    let mut rows: Vec<(String, Vec<String>)> =
        a.categories.iter().map(|(name, values)| (name.clone(), numbers(values))).collect();
    rows.push((lang.t("dashboard-total"), numbers(&totals)));
    blocks.push(ChartBlock {
        id: "awardees",
        legend: legend(&series),
        table: NumbersTable { corner: lang.t("dashboard-col-category"), columns: years, rows },
        heading,
        note,
        svg,
    });

    // The current cycle's funnel.
    let heading = lang.t("dashboard-funnel-heading");
    match &charts.funnel {
        Some(funnel) => {
            let labels: Vec<String> = funnel
                .states
                .iter()
                .map(|(s, _)| lang.t(&format!("dashboard-state-{}", s.as_str())))
                .collect();
            let values: Vec<i64> = funnel.states.iter().map(|(_, n)| *n).collect();
            let column = lang.t("dashboard-col-candidacies");
            let series = [Series { name: column.clone(), values: values.clone() }];
            let note =
                lang.msg(&Msg::new("dashboard-funnel-note").arg("cycle", funnel.cycle.as_str()));
            let bars = Bars {
                id: "funnel-chart",
                title: &heading,
                description: &note,
                labels: &labels,
                series: &series,
            };
            let svg = Some(chart::horizontal_bars(&bars));
            let rows =
                labels.into_iter().zip(values).map(|(l, v)| (l, vec![lang.number(v)])).collect();
            blocks.push(ChartBlock {
                id: "funnel",
                legend: Vec::new(),
                table: NumbersTable {
                    corner: lang.t("dashboard-col-state"),
                    columns: vec![column],
                    rows,
                },
                heading,
                note,
                svg,
            });
        }
        None => blocks.push(ChartBlock {
            id: "funnel",
            legend: Vec::new(),
            table: NumbersTable { corner: String::new(), columns: Vec::new(), rows: Vec::new() },
            heading,
            note: lang.t("dashboard-funnel-none"),
            svg: None,
        }),
    }

    // Renewals against new alumni, per year.
    let r = &charts.renewals;
    let years = year_labels(&r.years);
    let series = vec![
        Series { name: lang.t("dashboard-renewals"), values: r.renewals.clone() },
        Series { name: lang.t("dashboard-alumni"), values: r.alumni.clone() },
    ];
    let heading = lang.t("dashboard-renewals-heading");
    let (note, svg) = if r.years.is_empty() {
        (lang.t("dashboard-renewals-none"), None)
    } else {
        let note = lang.t("dashboard-renewals-note");
        let bars = Bars {
            id: "renewals-chart",
            title: &heading,
            description: &note,
            labels: &years,
            series: &series,
        };
        (note.clone(), Some(chart::bar_chart(&bars, Layout::Grouped)))
    };
    let rows = years
        .iter()
        .enumerate()
        .map(|(i, y)| (y.clone(), vec![lang.number(r.renewals[i]), lang.number(r.alumni[i])]))
        .collect();
    blocks.push(ChartBlock {
        id: "renewals",
        legend: legend(&series),
        table: NumbersTable {
            corner: lang.t("dashboard-col-year"),
            columns: series.iter().map(|s| s.name.clone()).collect(),
            rows,
        },
        heading,
        note,
        svg,
    });
    blocks
}

fn legend(series: &[Series]) -> Vec<(String, String)> {
    series.iter().enumerate().map(|(i, s)| (chart::swatch(i), s.name.clone())).collect()
}

#[derive(Template, WebTemplate)]
#[template(path = "admin/people.html")]
pub(super) struct PeoplePage {
    nav: Nav,
    email: String,
    searched: bool,
    error: Option<String>,
    people: Vec<AccountSummary>,
}

#[derive(Debug, Deserialize)]
pub(super) struct PeopleQuery {
    #[serde(default)]
    email: String,
}

/// Staff by default; one account when an address is given.
pub(super) async fn people(
    State(state): State<AppState>,
    page: PageCtx,
    Query(query): Query<PeopleQuery>,
) -> Result<PeoplePage, PageError> {
    let nav = page.nav().await;
    let typed = query.email.trim();
    if typed.is_empty() {
        let people = accounts::with_granted_roles(&state.ctx.db, 500).await?;
        return Ok(PeoplePage { nav, email: String::new(), searched: false, error: None, people });
    }
    let (people, error) = match EmailAddress::parse(typed) {
        Ok(email) => {
            let found = accounts::by_email(&state.ctx.db, &email.normalized()).await?;
            let people = found
                .map(|a| AccountSummary {
                    id: a.id,
                    display_name: a.display_name,
                    email: a.email,
                    email_verified_at: a.email_verified_at,
                })
                .into_iter()
                .collect();
            (people, None)
        }
        Err(e) => (Vec::new(), Some(page.lang.msg(&parse_problem(&e)))),
    };
    Ok(PeoplePage { nav, email: typed.to_owned(), searched: true, error, people })
}

#[derive(Template, WebTemplate)]
#[template(path = "admin/person.html")]
pub(super) struct PersonPage {
    nav: Nav,
    account: AccountSummary,
    roles: Vec<RoleChoice>,
    categories: Vec<CategoryChoice>,
    /// Whether the program scopes reviewers by region or country too.
    regions_enabled: bool,
}

pub(super) struct RoleChoice {
    value: &'static str,
    label: String,
    held: bool,
}

pub(super) struct CategoryChoice {
    id: i64,
    name: String,
    checked: bool,
    /// The regions or countries the reviewer's scope in it is limited to, comma-separated.
    regions: String,
}

/// Most regions or countries one category's scope lists, and the longest name of one.
const SCOPE_REGIONS_MAX: usize = 20;
const SCOPE_REGION_LEN: usize = 60;

/// The scopes ticked on the person page: each ticked category, limited to the regions or
/// countries typed beside it (none typed: everywhere). None when a region is not a name.
fn scopes_from(fields: &[(String, String)]) -> Option<Vec<(i64, String)>> {
    let mut scopes = Vec::new();
    for category in
        fields.iter().filter(|(k, _)| k == "category").filter_map(|(_, v)| v.parse::<i64>().ok())
    {
        let typed = fields
            .iter()
            .find(|(k, _)| *k == format!("regions-{category}"))
            .map(|(_, v)| v.as_str())
            .unwrap_or("");
        let mut regions: Vec<String> =
            typed.split(',').map(str::trim).filter(|r| !r.is_empty()).map(str::to_owned).collect();
        regions.sort();
        regions.dedup();
        let bad =
            |r: &String| r.chars().count() > SCOPE_REGION_LEN || r.chars().any(char::is_control);
        if regions.len() > SCOPE_REGIONS_MAX || regions.iter().any(bad) {
            return None;
        }
        if regions.is_empty() {
            scopes.push((category, String::new()));
        }
        scopes.extend(regions.into_iter().map(|r| (category, r)));
    }
    Some(scopes)
}

pub(super) async fn person(
    State(state): State<AppState>,
    page: PageCtx,
    Path(account_id): Path<i64>,
) -> Result<PersonPage, PageError> {
    let db = &state.ctx.db;
    let account = accounts::by_id(db, account_id).await?.ok_or_else(PageError::not_found)?;
    let held: BTreeSet<String> =
        accounts::granted_roles(db, account_id).await?.into_iter().collect();
    let scopes = accounts::reviewer_scopes(db, account_id).await?;
    let categories: Vec<Category> = program::categories(db).await?;
    let regions_enabled = program::settings(db).await?.is_some_and(|s| s.reviewer_regions_enabled);
    Ok(PersonPage {
        nav: page.nav().await,
        account: AccountSummary {
            id: account.id,
            display_name: account.display_name,
            email: account.email,
            email_verified_at: account.email_verified_at,
        },
        roles: GRANTABLE
            .iter()
            .map(|r| RoleChoice {
                value: r.as_str(),
                label: page.t(&format!("role-{}", r.as_str())),
                held: held.contains(r.as_str()),
            })
            .collect(),
        categories: categories
            .into_iter()
            .map(|c| {
                let mine: Vec<&str> = scopes
                    .iter()
                    .filter(|(category, _)| *category == c.id)
                    .map(|(_, region)| region.as_str())
                    .collect();
                CategoryChoice {
                    checked: !mine.is_empty(),
                    regions: mine
                        .into_iter()
                        .filter(|r| !r.is_empty())
                        .collect::<Vec<_>>()
                        .join(", "),
                    id: c.id,
                    name: c.name,
                }
            })
            .collect(),
        regions_enabled,
    })
}

/// Saves the roles ticked on the person page: grants what is new, revokes what was unticked,
/// and sets the reviewer's categories.
pub(super) async fn save_roles(
    State(state): State<AppState>,
    page: PageCtx,
    Path(account_id): Path<i64>,
    Form(fields): Form<Vec<(String, String)>>,
) -> Result<Response, PageError> {
    let admin = page.user.as_ref().ok_or(OpError::new(ErrorCode::Unauthenticated))?;
    let wanted: BTreeSet<Role> = fields
        .iter()
        .filter(|(k, _)| k == "role")
        .filter_map(|(_, v)| v.parse::<Role>().ok())
        .collect();
    let Some(scopes) = scopes_from(&fields) else {
        let problem = Msg::new("admin-scope-regions-invalid")
            .arg("max", SCOPE_REGIONS_MAX)
            .arg("length", SCOPE_REGION_LEN);
        page.flash(&problem).await;
        return Ok(Redirect::to(&format!("/admin/people/{account_id}")).into_response());
    };
    let actor = Actor::Account(admin.account.account_id);
    let message = match set_roles(&state.ctx, actor, account_id, &wanted, &scopes).await {
        Ok(changes) if changes.is_empty() => Msg::new("admin-roles-unchanged"),
        Ok(changes) => {
            let words: Vec<String> = changes
                .iter()
                .map(|c| {
                    let said = if c.granted {
                        Msg::new("admin-role-granted")
                    } else {
                        Msg::new("admin-role-revoked")
                    };
                    let role = page.t(&format!("role-{}", c.role.as_str()));
                    page.lang.msg(&said.arg("role", role))
                })
                .collect();
            Msg::new("admin-roles-saved").arg("changes", words.join(", "))
        }
        Err(e) if e.code == ErrorCode::OwnAdminRole => e.message(),
        Err(e) => return Err(e.into()),
    };
    page.flash(&message).await;
    Ok(Redirect::to(&format!("/admin/people/{account_id}")).into_response())
}

/// How many failed jobs and mails given up on the page shows; the newest first.
const ATTENTION_LIMIT: i64 = 200;

#[derive(Template, WebTemplate)]
#[template(path = "admin/jobs.html")]
pub(super) struct JobsPage {
    nav: Nav,
    jobs: Vec<FailedJobRow>,
    mails: Vec<GaveUpMailRow>,
}

pub(super) struct FailedJobRow {
    id: i64,
    kind: String,
    attempts: i64,
    reason: String,
    failed: String,
}

pub(super) struct GaveUpMailRow {
    id: i64,
    kind: String,
    to: String,
    attempts: i64,
    reason: String,
    gave_up: String,
}

fn when(lang: crate::i18n::Lang, micros: i64) -> String {
    jiff::Timestamp::from_microsecond(micros)
        .map_or_else(|_| String::new(), |t| lang.instant_utc(t))
}

/// `ada.lovelace@example.org` as `ad…@example.org`: enough to recognise, not to harvest.
fn mask_address(address: &str) -> String {
    match address.rsplit_once('@') {
        Some((local, domain)) => {
            let shown: String = local.chars().take(2).collect();
            format!("{shown}…@{domain}")
        }
        None => "…".to_owned(),
    }
}

/// Jobs that failed after their last attempt and mails the mail server refused, each with a
/// button to try again.
pub(super) async fn jobs(
    State(state): State<AppState>,
    page: PageCtx,
) -> Result<JobsPage, PageError> {
    let jobs = plaudit_store::jobs::list_failed(&state.ctx.db, ATTENTION_LIMIT).await?;
    let mails = plaudit_store::mail::list_gave_up(&state.ctx.db, ATTENTION_LIMIT).await?;
    Ok(JobsPage {
        nav: page.nav().await,
        jobs: jobs
            .into_iter()
            .map(|j| FailedJobRow {
                id: j.id,
                kind: j.kind,
                attempts: j.attempts,
                reason: j.last_error.unwrap_or_default(),
                failed: when(page.lang, j.failed_at),
            })
            .collect(),
        mails: mails
            .into_iter()
            .map(|m| GaveUpMailRow {
                id: m.id,
                kind: m.kind,
                to: mask_address(&m.to),
                attempts: m.attempts,
                reason: m.last_error.unwrap_or_default(),
                gave_up: when(page.lang, m.gave_up_at),
            })
            .collect(),
    })
}

pub(super) async fn retry_job(
    State(state): State<AppState>,
    page: PageCtx,
    Path(job_id): Path<i64>,
) -> Result<Response, PageError> {
    let admin = page.user.as_ref().ok_or(OpError::new(ErrorCode::Unauthenticated))?;
    let message = if background::retry_job(&state.ctx, admin.account.account_id, job_id).await? {
        Msg::new("admin-jobs-retried").arg("id", job_id)
    } else {
        Msg::new("admin-jobs-retry-nothing").arg("id", job_id)
    };
    page.flash(&message).await;
    Ok(Redirect::to("/admin/jobs").into_response())
}

pub(super) async fn retry_mail(
    State(state): State<AppState>,
    page: PageCtx,
    Path(mail_id): Path<i64>,
) -> Result<Response, PageError> {
    let admin = page.user.as_ref().ok_or(OpError::new(ErrorCode::Unauthenticated))?;
    let message = if background::retry_mail(&state.ctx, admin.account.account_id, mail_id).await? {
        Msg::new("admin-mail-retried").arg("id", mail_id)
    } else {
        Msg::new("admin-mail-retry-nothing").arg("id", mail_id)
    };
    page.flash(&message).await;
    Ok(Redirect::to("/admin/jobs").into_response())
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_masked_address_keeps_two_letters_and_the_domain() {
        assert_eq!(super::mask_address("ada.lovelace@example.org"), "ad…@example.org");
        assert_eq!(super::mask_address("a@example.org"), "a…@example.org");
        assert_eq!(super::mask_address("no address"), "…");
    }
}
