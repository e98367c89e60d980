//! An awardee's public profile at `/people/{slug}`, and the sitemap of public pages.

use askama::Template;
use axum::extract::{Path, State};
use axum::response::Response;
use plaudit_domain::directory::ListingStatus;

use super::chart::{Bars, Layout, Series, bar_chart};
use super::directory::HTML;
use super::layout::{Nav, PageCtx};
use super::public_cache::CacheRequest;
use crate::ops::OpError;
use crate::ops::people::{self, PublicProfile};
use crate::state::AppState;
use crate::web::PageError;

#[derive(Template)]
#[template(path = "people/profile.html")]
struct ProfilePage {
    nav: Nav,
    program_name: String,
    person: PublicProfile,
    /// "Awardee since 2020, 3 awards" or "Alumnus since 2019, 2 awards".
    standing: String,
    description: String,
    canonical: String,
    photo_url: Option<String>,
    chart: String,
}

pub(super) async fn profile(
    State(state): State<AppState>,
    page: PageCtx,
    request: CacheRequest,
    Path(slug): Path<String>,
) -> Result<Response, PageError> {
    let render = || async {
        let lang = page.lang;
        let person = people::by_slug(&state.ctx, &slug, lang).await?;
        let program_name = state.ctx.program_name().await?;
        let standing = lang.msg(
            &crate::i18n::Msg::new(match person.status {
                ListingStatus::Current => "profile-public-awardee-since",
                ListingStatus::Alumni => "profile-public-alumni-since",
            })
            .arg("year", person.first_award_year)
            .arg("count", person.award_count),
        );
        let labels: Vec<String> = person
            .months
            .iter()
            .map(|(m, _)| format!("{} {}", lang.t(&format!("month-short-{}", m.month())), m.year()))
            .collect();
        let series = [Series {
            name: lang.t("profile-public-chart-series"),
            values: person.months.iter().map(|(_, n)| *n).collect(),
        }];
        let chart_total: i64 = person.months.iter().map(|(_, n)| n).sum();
        let title = lang.t("profile-public-chart-title");
        let chart_description =
            lang.t_num("profile-public-chart-description", "count", chart_total);
        let chart = bar_chart(
            &Bars {
                id: "activity",
                title: &title,
                description: &chart_description,
                labels: &labels,
                series: &series,
            },
            Layout::Stacked,
        );
        let description = if person.headline.is_empty() {
            person.bio_text.clone()
        } else {
            person.headline.clone()
        };
        let view = ProfilePage {
            nav: page.nav().await,
            program_name,
            standing,
            description,
            canonical: state.ctx.link(&format!("/people/{}", person.slug)),
            photo_url: person.photo.as_ref().map(|p| state.ctx.link(p)),
            chart,
            person,
        };
        view.render().map_err(|e| PageError(OpError::internal(e)))
    };
    state.public_pages.respond(&state, &page, &request, HTML, render).await
}

/// The sitemap: the home page, the directory, every published rubric and every public
/// profile. A program lists tens of thousands at most, well inside the protocol's 50,000.
pub(super) async fn sitemap(
    State(state): State<AppState>,
    page: PageCtx,
    request: CacheRequest,
) -> Result<Response, PageError> {
    let render = || async {
        let db = &state.ctx.db;
        let mut urls = vec![state.ctx.link("/"), state.ctx.link("/people")];
        for category in plaudit_store::program::categories(db).await? {
            urls.push(state.ctx.link(&format!("/rubrics/{}", category.slug)));
        }
        let mut after = 0;
        loop {
            let slugs = plaudit_store::directory::slugs_after(db, after, 5000).await?;
            let Some((last, _)) = slugs.last() else { break };
            after = *last;
            urls.extend(slugs.iter().map(|(_, slug)| state.ctx.link(&format!("/people/{slug}"))));
        }
        let mut xml = String::from(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
        );
        for url in urls {
            xml.push_str("<url><loc>");
            xml.push_str(&xml_escape(&url));
            xml.push_str("</loc></url>\n");
        }
        xml.push_str("</urlset>\n");
        Ok(xml)
    };
    state.public_pages.respond(&state, &page, &request, "application/xml", render).await
}

fn xml_escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&apos;")
}
