//! Atom feeds (RFC 4287) of public news, written with `atom_syndication` and served from the
//! public page cache like the pages they summarise.

use atom_syndication::{Entry, Feed, Link, Person, Text};
use axum::extract::State;
use axum::response::Response;
use chrono::{DateTime, FixedOffset};
use plaudit_domain::cycle::day_start_instant;

use super::layout::PageCtx;
use super::public_cache::CacheRequest;
use crate::i18n::Msg;
use crate::ops::feeds;
use crate::state::AppState;
use crate::web::PageError;

const ATOM: &str = "application/atom+xml; charset=utf-8";
pub const AWARDEES_FEED: &str = "/feeds/awardees.atom";

fn link(href: String, rel: &str, mime: Option<&str>) -> Link {
    Link { href, rel: rel.to_owned(), mime_type: mime.map(str::to_owned), ..Link::default() }
}

fn chrono_time(at: jiff::Timestamp) -> DateTime<FixedOffset> {
    DateTime::from_timestamp(at.as_second(), 0).unwrap_or_default().fixed_offset()
}

/// The newest awardees: one entry per award, from the day its term started.
pub(super) async fn awardees(
    State(state): State<AppState>,
    page: PageCtx,
    request: CacheRequest,
) -> Result<Response, PageError> {
    let render = || async {
        let ctx = &state.ctx;
        let lang = page.lang;
        let program = ctx.program_name().await?;
        let tz = ctx.time_zone().await?;
        let awards = feeds::new_awardees(ctx).await?;
        let mut entries = Vec::with_capacity(awards.len());
        for award in &awards {
            let started = plaudit_store::timestamp::date_from_text(&award.starts_on)?;
            let at = chrono_time(day_start_instant(started, tz.time_zone()));
            let named = |id: &'static str| {
                lang.msg(
                    &Msg::new(id)
                        .arg("name", award.display_name.clone())
                        .arg("category", award.category_name.clone())
                        .arg("year", award.award_year.to_string()),
                )
            };
            let mut summary = named("feed-awardee-summary");
            if !award.headline.is_empty() {
                summary = format!("{summary} {}", award.headline);
            }
            let credential = ctx.link(&crate::ops::badges::credential_path(&award.credential_id));
            entries.push(Entry {
                // The credential's address: one per award, and it never changes.
                id: credential.clone(),
                title: Text::plain(named("feed-awardee-title")),
                updated: at,
                published: Some(at),
                summary: Some(Text::plain(summary)),
                links: vec![
                    link(
                        ctx.link(&format!("/people/{}", award.person_slug)),
                        "alternate",
                        Some("text/html"),
                    ),
                    link(credential, "related", Some("text/html")),
                ],
                ..Entry::default()
            });
        }
        let updated = match entries.first() {
            Some(entry) => entry.updated,
            None => chrono_time(day_start_instant(ctx.today().await?, tz.time_zone())),
        };
        let feed = Feed {
            id: ctx.link(AWARDEES_FEED),
            title: Text::plain(
                lang.msg(&Msg::new("feed-awardees-title").arg("program", program.clone())),
            ),
            subtitle: Some(Text::plain(lang.t("feed-awardees-subtitle"))),
            updated,
            authors: vec![Person { name: program, uri: Some(ctx.link("/")), ..Person::default() }],
            links: vec![
                link(ctx.link(AWARDEES_FEED), "self", Some("application/atom+xml")),
                link(ctx.link("/people"), "alternate", Some("text/html")),
            ],
            lang: Some(lang.code().to_owned()),
            entries,
            ..Feed::default()
        };
        Ok(feed.to_string())
    };
    state.public_pages.respond(&state, &page, &request, ATOM, render).await
}
