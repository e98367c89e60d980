//! The public directory at `/people`: search, facets with counts and pages, all plain links
//! and one GET form, so it works without JavaScript and every view has a URL to share.

use askama::Template;
use axum::extract::{RawQuery, State};
use axum::response::Response;
use plaudit_domain::directory::{Facet, ListingStatus};

use super::layout::{Nav, PageCtx};
use super::public_cache::CacheRequest;
use crate::i18n::Lang;
use crate::ops::OpError;
use crate::ops::directory::{self, Card, Change, DirectoryQuery};
use crate::state::AppState;
use crate::web::PageError;

pub(super) const HTML: &str = "text/html; charset=utf-8";

#[derive(Template)]
#[template(path = "people/directory.html")]
struct DirectoryPage {
    nav: Nav,
    program_name: String,
    title: String,
    search: String,
    /// The query's other parameters, kept by the search form.
    hidden: Vec<(&'static str, String)>,
    clear_search: Option<String>,
    statuses: Vec<StatusLink>,
    groups: Vec<GroupView>,
    summary: String,
    clear_all: Option<String>,
    cards: Vec<Card>,
    previous: Option<String>,
    next: Option<String>,
    canonical: String,
}

struct StatusLink {
    label: String,
    href: String,
    current: bool,
}

struct GroupView {
    id: &'static str,
    label: String,
    open: bool,
    selected: Option<(String, String)>,
    /// (label, count in the reader's digits, href)
    options: Vec<(String, String, String)>,
}

fn href(pairs: &[(&'static str, String)]) -> String {
    if pairs.is_empty() {
        return "/people".to_owned();
    }
    format!("/people?{}", serde_urlencoded::to_string(pairs).unwrap_or_default())
}

fn facet_label(lang: Lang, facet: Facet) -> String {
    lang.t(&format!("directory-facet-{}", facet.as_str()))
}

pub(super) async fn directory(
    State(state): State<AppState>,
    page: PageCtx,
    request: CacheRequest,
    RawQuery(raw): RawQuery,
) -> Result<Response, PageError> {
    let pairs: Vec<(String, String)> =
        serde_urlencoded::from_str(raw.as_deref().unwrap_or("")).unwrap_or_default();
    let query = DirectoryQuery::parse(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())))?;
    let render = || async {
        let lang = page.lang;
        let program_name = state.ctx.program_name().await?;
        let found = directory::page(&state.ctx, &query, lang).await?;
        let status = query.filter.status;
        let statuses = [
            (ListingStatus::Current, "directory-status-current", found.current_count),
            (ListingStatus::Alumni, "directory-status-alumni", found.alumni_count),
        ]
        .into_iter()
        .map(|(s, id, count)| StatusLink {
            label: format!("{} ({})", lang.t(id), lang.number(count)),
            href: href(&query.pairs_with(Change::Status(s))),
            current: s == status,
        })
        .collect();
        let groups = found
            .facets
            .iter()
            .map(|group| GroupView {
                id: group.facet.as_str(),
                label: facet_label(lang, group.facet),
                open: group.selected.is_some()
                    || matches!(group.facet, Facet::Category | Facet::Speaking),
                selected: group.selected.as_ref().map(|s| {
                    (s.label.clone(), href(&query.pairs_with(Change::Clear(group.facet))))
                }),
                options: group
                    .options
                    .iter()
                    .filter(|o| group.selected.as_ref().is_none_or(|s| s.value != o.value))
                    .map(|o| {
                        (
                            o.label.clone(),
                            lang.number(o.count),
                            href(&query.pairs_with(Change::Set(group.facet, &o.value))),
                        )
                    })
                    .collect(),
            })
            .collect();
        let summary = match (found.total, status) {
            (0, _) => lang.t("directory-none"),
            (n, ListingStatus::Current) => lang.t_num("directory-count-current", "count", n),
            (n, ListingStatus::Alumni) => lang.t_num("directory-count-alumni", "count", n),
        };
        let filtered = !query.filter.facets.is_empty() || !query.search.is_empty();
        let mut hidden = query.pairs_with(Change::ClearSearch);
        hidden.retain(|(k, _)| *k != "q");
        let base = query.pairs_with(Change::None);
        let with_page = |key: &'static str, cursor: Option<plaudit_domain::directory::Cursor>| {
            cursor.map(|c| {
                let mut pairs = base.clone();
                pairs.push((key, c.encode()));
                href(&pairs)
            })
        };
        let view = DirectoryPage {
            nav: page.nav().await,
            title: lang.t(if status == ListingStatus::Alumni {
                "directory-title-alumni"
            } else {
                "directory-title"
            }),
            program_name,
            search: query.search.clone(),
            hidden,
            clear_search: (!query.search.is_empty())
                .then(|| href(&query.pairs_with(Change::ClearSearch))),
            statuses,
            groups,
            summary,
            clear_all: filtered.then(|| {
                href(
                    &query
                        .pairs_with(Change::Status(status))
                        .into_iter()
                        .filter(|(k, _)| *k == "status")
                        .collect::<Vec<_>>(),
                )
            }),
            cards: found.cards,
            previous: with_page("before", found.previous),
            next: with_page("after", found.next),
            canonical: state.ctx.link(&href(&base)),
        };
        view.render().map_err(|e| PageError(OpError::internal(e)))
    };
    state.public_pages.respond(&state, &page, &request, HTML, render).await
}
