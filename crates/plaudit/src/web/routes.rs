//! The one route table. Every route is declared here once, with the access it needs; the same
//! table builds the router and drives the test that walks every route as every role.

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::http::Method;
use axum::middleware;
use axum::routing::{MethodRouter, delete, get, post, put};

use super::{
    account, admin, admin_audit, admin_imports, ama, announcements, api_reference, assets, badges,
    benefits, candidacies, categories, community, contribution_files, contributions, credentials,
    cycles, decisions, directory, endorsements, exports, feedback, feeds, health, home, imports,
    nominations, oidc, people, profile, review, rubrics, settings, speaking, tokens,
};
use crate::api;
use crate::auth::Access;
use crate::auth::Audience;
use crate::auth::access::enforce;
use crate::auth::rate_limit::{self, AnonymousLimiter};
use crate::state::AppState;

/// The largest body a route takes unless the table says otherwise: forms and API calls are
/// far smaller.
pub const MAX_BODY_BYTES: usize = 2 << 20;

/// The largest body the photo upload takes: the largest photo accepted, and room for the
/// multipart form around it. A larger one is refused with `payload_too_large` before it is read.
pub const MAX_UPLOAD_BODY_BYTES: usize = plaudit_media::MAX_UPLOAD_BYTES + (64 << 10);

/// A route as the table declares it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RouteSpec {
    pub method: Method,
    pub path: &'static str,
    pub access: Access,
    pub audience: Audience,
    /// The largest body the route takes, when it takes an upload larger than a form
    /// (`csrf::MAX_FORM_BYTES`); the CSRF check reads a multipart form only on these.
    pub body_limit: Option<usize>,
}

fn page(
    method: Method,
    path: &'static str,
    access: Access,
    handler: MethodRouter<AppState>,
) -> (RouteSpec, MethodRouter<AppState>) {
    (RouteSpec { method, path, access, audience: Audience::Page, body_limit: None }, handler)
}

/// A page route that takes an upload of up to `limit` bytes.
fn upload(
    limit: usize,
    (spec, handler): (RouteSpec, MethodRouter<AppState>),
) -> (RouteSpec, MethodRouter<AppState>) {
    (RouteSpec { body_limit: Some(limit), ..spec }, handler)
}

fn api_route(
    method: Method,
    path: &'static str,
    access: Access,
    handler: MethodRouter<AppState>,
) -> (RouteSpec, MethodRouter<AppState>) {
    (RouteSpec { method, path, access, audience: Audience::Api, body_limit: None }, handler)
}

fn table() -> Vec<(RouteSpec, MethodRouter<AppState>)> {
    use Access::*;
    vec![
        page(Method::GET, "/", Anyone, get(home::home)),
        page(Method::GET, "/healthz", Anyone, get(health::healthz)),
        page(Method::GET, "/assets/{file}", Anyone, get(assets::asset)),
        page(Method::GET, "/favicon.ico", Anyone, get(assets::favicon)),
        page(Method::GET, "/sign-up", Anyone, get(account::sign_up_form)),
        page(Method::POST, "/sign-up", Anyone, post(account::sign_up)),
        page(Method::GET, "/sign-up/sent", Anyone, get(account::sign_up_sent)),
        page(Method::GET, "/verify-email", Anyone, get(account::verify_email)),
        page(Method::GET, "/sign-in", Anyone, get(account::sign_in_form)),
        page(Method::POST, "/sign-in", Anyone, post(account::sign_in)),
        page(Method::GET, "/sign-in/oidc", Anyone, get(oidc::start)),
        page(Method::GET, "/sign-in/oidc/callback", Anyone, get(oidc::callback)),
        page(Method::POST, "/sign-out", Member, post(account::sign_out)),
        page(Method::GET, "/forgot-password", Anyone, get(credentials::forgot_password_form)),
        page(Method::POST, "/forgot-password", Anyone, post(credentials::forgot_password)),
        page(Method::GET, "/reset-password", Anyone, get(credentials::reset_password_form)),
        page(Method::POST, "/reset-password", Anyone, post(credentials::reset_password)),
        page(Method::GET, "/confirm-email", Anyone, get(credentials::confirm_email)),
        page(Method::GET, "/account", Member, get(account::account_page)),
        page(Method::POST, "/account/password", Member, post(credentials::change_password)),
        page(Method::POST, "/account/email", Member, post(credentials::change_email)),
        page(Method::POST, "/account/language", Member, post(account::save_language)),
        page(
            Method::POST,
            "/account/sign-out-everywhere",
            Member,
            post(credentials::sign_out_everywhere),
        ),
        page(Method::GET, "/account/tokens", Member, get(tokens::tokens)),
        page(Method::POST, "/account/tokens", Member, post(tokens::create)),
        page(Method::POST, "/account/tokens/{id}/revoke", Member, post(tokens::revoke)),
        page(Method::GET, "/admin", Admin, get(admin::dashboard)),
        page(Method::GET, "/admin/people", Admin, get(admin::people)),
        page(Method::GET, "/admin/people/{id}", Admin, get(admin::person)),
        page(Method::POST, "/admin/people/{id}/roles", Admin, post(admin::save_roles)),
        page(Method::GET, "/admin/jobs", Admin, get(admin::jobs)),
        page(Method::POST, "/admin/jobs/{id}/retry", Admin, post(admin::retry_job)),
        page(Method::POST, "/admin/mail/{id}/retry", Admin, post(admin::retry_mail)),
        page(Method::GET, "/admin/cycles", Admin, get(cycles::list)),
        page(Method::POST, "/admin/cycles", Admin, post(cycles::create)),
        page(Method::GET, "/admin/cycles/new", Admin, get(cycles::new_form)),
        page(Method::GET, "/admin/cycles/{id}", Admin, get(cycles::show)),
        page(Method::POST, "/admin/cycles/{id}", Admin, post(cycles::update)),
        page(Method::GET, "/admin/cycles/{id}/decisions", Admin, get(decisions::cycle_decisions)),
        page(Method::POST, "/admin/cycles/{id}/finalize", Admin, post(decisions::finalize_batch)),
        page(Method::POST, "/admin/cycles/{id}/next-round", Admin, post(decisions::next_round)),
        page(Method::POST, "/admin/candidacies/{id}/finalize", Admin, post(decisions::finalize)),
        page(Method::GET, "/review", Reviewer, get(review::queue)),
        page(Method::GET, "/review/{id}", Reviewer, get(review::show)),
        page(Method::POST, "/review/{id}", Reviewer, post(review::submit)),
        page(Method::POST, "/review/{id}/recuse", Reviewer, post(review::recuse)),
        page(Method::GET, "/admin/imports", Admin, get(admin_imports::page)),
        page(Method::POST, "/admin/imports/trusted", Admin, post(admin_imports::save_trusted)),
        page(
            Method::POST,
            "/admin/imports/suggestions/{id}/merge",
            Admin,
            post(admin_imports::merge),
        ),
        page(
            Method::POST,
            "/admin/imports/suggestions/{id}/dismiss",
            Admin,
            post(admin_imports::dismiss),
        ),
        page(Method::POST, "/admin/imports/merges/{id}/undo", Admin, post(admin_imports::undo)),
        page(Method::GET, "/admin/settings", Admin, get(settings::form)),
        page(Method::POST, "/admin/settings", Admin, post(settings::save)),
        page(Method::GET, "/admin/code-of-conduct", Admin, get(settings::code_of_conduct)),
        page(
            Method::POST,
            "/admin/code-of-conduct",
            Admin,
            post(settings::publish_code_of_conduct),
        ),
        page(Method::GET, "/admin/categories", Admin, get(categories::list)),
        page(Method::POST, "/admin/categories", Admin, post(categories::create)),
        page(Method::GET, "/admin/categories/{id}", Admin, get(categories::show)),
        page(Method::POST, "/admin/categories/{id}", Admin, post(categories::update)),
        page(
            Method::POST,
            "/admin/categories/{id}/deactivate",
            Admin,
            post(categories::deactivate),
        ),
        page(
            Method::POST,
            "/admin/categories/{id}/reactivate",
            Admin,
            post(categories::reactivate),
        ),
        page(Method::GET, "/admin/categories/{id}/rubric", Admin, get(rubrics::edit)),
        page(Method::POST, "/admin/categories/{id}/rubric", Admin, post(rubrics::publish)),
        page(Method::POST, "/admin/categories/{id}/areas", Admin, post(categories::add_area)),
        page(Method::POST, "/admin/areas/{id}", Admin, post(categories::rename_area)),
        page(
            Method::POST,
            "/admin/areas/{id}/deactivate",
            Admin,
            post(categories::deactivate_area),
        ),
        page(
            Method::POST,
            "/admin/areas/{id}/reactivate",
            Admin,
            post(categories::reactivate_area),
        ),
        page(Method::GET, "/admin/benefits", Admin, get(benefits::list)),
        page(Method::POST, "/admin/benefits", Admin, post(benefits::create)),
        page(Method::GET, "/admin/benefits/{id}", Admin, get(benefits::show)),
        page(Method::POST, "/admin/benefits/{id}", Admin, post(benefits::update)),
        page(Method::POST, "/admin/benefits/{id}/offers", Admin, post(benefits::set_offers)),
        upload(
            benefits::UPLOAD_BODY_LIMIT,
            page(Method::POST, "/admin/benefits/{id}/codes", Admin, post(benefits::check_codes)),
        ),
        upload(
            benefits::CONFIRM_BODY_LIMIT,
            page(
                Method::POST,
                "/admin/benefits/{id}/codes/confirm",
                Admin,
                post(benefits::add_codes),
            ),
        ),
        page(Method::GET, "/admin/announcements", Admin, get(announcements::admin_list)),
        page(Method::POST, "/admin/announcements", Admin, post(announcements::publish)),
        page(Method::GET, "/admin/nda", Admin, get(announcements::admin_nda)),
        page(Method::POST, "/admin/nda", Admin, post(announcements::publish_nda)),
        page(Method::GET, "/announcements", Anyone, get(announcements::list)),
        page(Method::GET, "/announcements/{slug}", Anyone, get(announcements::show)),
        page(Method::GET, "/feeds/announcements.atom", Anyone, get(announcements::feed)),
        page(Method::GET, "/nda", Awardee, get(announcements::nda)),
        page(Method::POST, "/nda/accept", Awardee, post(announcements::accept)),
        page(Method::GET, "/benefits", Awardee, get(benefits::mine)),
        page(Method::GET, "/feedback", Awardee, get(feedback::mine)),
        page(Method::POST, "/feedback", Awardee, post(feedback::file)),
        page(Method::GET, "/feedback/{id}", Member, get(feedback::thread)),
        page(Method::POST, "/feedback/{id}/reply", Member, post(feedback::reply)),
        page(Method::GET, "/product-team/feedback", ProductTeam, get(feedback::queue)),
        page(Method::GET, "/community", Community, get(community::front)),
        page(Method::GET, "/community/people", Community, get(community::people)),
        page(Method::GET, "/community/contact", Awardee, get(community::contact)),
        page(Method::POST, "/community/contact", Awardee, post(community::save_contact)),
        page(Method::GET, "/community/boards/{slug}", Community, get(community::board)),
        page(Method::POST, "/community/boards/{slug}", Community, post(community::open_thread)),
        page(Method::GET, "/community/threads/{id}", Community, get(community::thread)),
        page(Method::POST, "/community/threads/{id}/reply", Community, post(community::reply)),
        page(Method::POST, "/community/posts/{id}/hide", Admin, post(community::hide)),
        page(Method::GET, "/amas", Anyone, get(ama::list)),
        page(Method::GET, "/amas/new", Awardee, get(ama::new_form)),
        page(Method::POST, "/amas", Awardee, post(ama::create)),
        page(Method::GET, "/admin/amas/new", Admin, get(ama::new_program_form)),
        page(Method::POST, "/admin/amas", Admin, post(ama::create_program)),
        page(Method::GET, "/amas/{slug}", Anyone, get(ama::show)),
        page(Method::GET, "/amas/{slug}/answers", Anyone, get(ama::answers)),
        page(Method::GET, "/amas/{slug}/feed.atom", Anyone, get(ama::feed)),
        page(Method::GET, "/amas/{slug}/similar", Anyone, get(ama::similar)),
        page(Method::POST, "/amas/{slug}/questions", Anyone, post(ama::ask)),
        page(Method::GET, "/amas/{slug}/edit", Member, get(ama::edit_form)),
        page(Method::POST, "/amas/{slug}/edit", Member, post(ama::edit)),
        page(Method::POST, "/amas/{slug}/status", Member, post(ama::set_status)),
        page(Method::POST, "/amas/{slug}/github", Member, post(ama::link_github)),
        page(Method::GET, "/amas/{slug}/questions/{id}", Anyone, get(ama::question)),
        page(Method::GET, "/amas/{slug}/questions/{id}/post.md", Member, get(ama::post_file)),
        page(Method::GET, "/amas/{slug}/posts.zip", Member, get(ama::post_files)),
        page(Method::POST, "/amas/{slug}/questions/{id}/vote", Member, post(ama::vote)),
        page(Method::POST, "/amas/{slug}/questions/{id}/follow", Member, post(ama::follow)),
        page(Method::POST, "/amas/{slug}/questions/{id}/answer", Member, post(ama::answer)),
        page(Method::POST, "/amas/{slug}/questions/{id}/decide", Member, post(ama::decide)),
        page(Method::GET, "/speaking", Awardee, get(speaking::mine)),
        page(Method::POST, "/speaking", Awardee, post(speaking::save)),
        page(Method::POST, "/speaking/requests/{id}/answer", Awardee, post(speaking::answer)),
        page(Method::GET, "/speaking/sent", Member, get(speaking::sent)),
        page(Method::GET, "/speakers/{slug}/request", Member, get(speaking::request_form)),
        page(Method::POST, "/speakers/{slug}/request", Member, post(speaking::send)),
        page(Method::GET, "/admin/product-areas", Admin, get(feedback::areas)),
        page(Method::POST, "/admin/product-areas", Admin, post(feedback::create_area)),
        page(Method::POST, "/admin/product-areas/{id}/members", Admin, post(feedback::add_member)),
        page(
            Method::POST,
            "/admin/product-areas/{id}/members/{account_id}/remove",
            Admin,
            post(feedback::remove_member),
        ),
        page(Method::POST, "/benefits/{id}/claim", Awardee, post(benefits::claim)),
        page(Method::GET, "/admin/audit", Admin, get(admin_audit::audit_log)),
        page(Method::GET, "/admin/audit.csv", Admin, get(admin_audit::audit_csv)),
        page(Method::GET, "/admin/exports", Admin, get(exports::page)),
        page(Method::GET, "/admin/exports/{file}", Admin, get(exports::download)),
        page(Method::GET, "/rubrics/{slug}", Anyone, get(rubrics::show)),
        page(Method::GET, "/rubrics/{slug}/versions/{version}", Anyone, get(rubrics::show_version)),
        page(Method::GET, "/nominate", Member, get(nominations::nominate_form)),
        page(Method::POST, "/nominate", Member, post(nominations::nominate)),
        page(Method::GET, "/nominations", Member, get(nominations::list)),
        page(Method::GET, "/invitations/{token}", Anyone, get(nominations::invitation)),
        page(Method::POST, "/invitations/{token}/accept", Anyone, post(nominations::accept)),
        page(Method::POST, "/invitations/{token}/decline", Anyone, post(nominations::decline)),
        page(Method::GET, "/candidacies", Member, get(candidacies::list)),
        page(Method::GET, "/candidacies/{id}", Member, get(candidacies::show)),
        page(Method::GET, "/candidacies/{id}/submit", Member, get(candidacies::confirm_submit)),
        page(Method::GET, "/candidacies/{id}/decision", Member, get(decisions::letter)),
        page(Method::POST, "/candidacies/{id}/submit", Member, post(candidacies::submit)),
        page(Method::POST, "/candidacies/{id}/withdraw", Member, post(candidacies::withdraw)),
        page(Method::GET, "/candidacies/{id}/endorse", Member, get(endorsements::endorse_form)),
        page(Method::POST, "/candidacies/{id}/endorse", Member, post(endorsements::give)),
        page(Method::POST, "/candidacies/{id}/endorse/edit", Member, post(endorsements::edit)),
        page(
            Method::POST,
            "/candidacies/{id}/endorse/withdraw",
            Member,
            post(endorsements::withdraw),
        ),
        page(Method::GET, "/contributions", Member, get(contributions::list)),
        page(Method::POST, "/contributions", Member, post(contributions::create)),
        page(Method::GET, "/contributions/new", Member, get(contributions::new_form)),
        page(Method::POST, "/contributions/draft", Member, post(contributions::save_draft)),
        page(
            Method::POST,
            "/contributions/draft/discard",
            Member,
            post(contributions::discard_draft),
        ),
        page(Method::GET, "/contributions/{id}/edit", Member, get(contributions::edit_form)),
        page(Method::POST, "/contributions/{id}", Member, post(contributions::update)),
        page(
            Method::GET,
            "/contributions/{id}/duplicate",
            Member,
            get(contributions::duplicate_form),
        ),
        page(Method::POST, "/contributions/{id}/delete", Member, post(contributions::delete)),
        page(Method::GET, "/contributions/sources", Member, get(imports::sources)),
        page(Method::POST, "/contributions/sources", Member, post(imports::add)),
        page(Method::GET, "/contributions/sources/status", Member, get(imports::status)),
        page(Method::POST, "/contributions/sources/{id}/import", Member, post(imports::import_now)),
        page(Method::POST, "/contributions/sources/{id}/remove", Member, post(imports::remove)),
        page(Method::GET, "/contributions/suggestions", Member, get(imports::suggestions)),
        page(Method::POST, "/contributions/suggestions", Member, post(imports::decide)),
        page(Method::GET, "/contributions/import", Member, get(contribution_files::import_page)),
        upload(
            contribution_files::UPLOAD_BODY_LIMIT,
            page(Method::POST, "/contributions/import", Member, post(contribution_files::preview)),
        ),
        upload(
            contribution_files::CONFIRM_BODY_LIMIT,
            page(
                Method::POST,
                "/contributions/import/confirm",
                Member,
                post(contribution_files::confirm),
            ),
        ),
        page(
            Method::GET,
            "/contributions/import/template.csv",
            Member,
            get(contribution_files::template),
        ),
        page(Method::GET, "/contributions/export.csv", Member, get(contribution_files::export_csv)),
        page(
            Method::GET,
            "/contributions/export.json",
            Member,
            get(contribution_files::export_json),
        ),
        page(Method::GET, "/profile", Member, get(profile::form)),
        page(Method::POST, "/profile", Member, post(profile::save)),
        upload(
            MAX_UPLOAD_BODY_BYTES,
            page(Method::POST, "/profile/photo", Member, post(profile::upload_photo)),
        ),
        page(Method::GET, "/people", Anyone, get(directory::directory)),
        page(Method::GET, "/people/{slug}", Anyone, get(people::profile)),
        page(Method::GET, "/people/{id}/photo/{size}", Anyone, get(profile::photo)),
        page(Method::GET, "/sitemap.xml", Anyone, get(people::sitemap)),
        page(Method::GET, "/credentials/{id}", Anyone, get(badges::verify)),
        page(Method::GET, "/credentials/{id}/credential.json", Anyone, get(badges::credential)),
        page(Method::GET, "/credentials/{id}/badge.svg", Anyone, get(badges::badge)),
        page(Method::GET, "/issuer", Anyone, get(badges::issuer)),
        page(Method::GET, "/feeds/awardees.atom", Anyone, get(feeds::awardees)),
        page(Method::GET, "/developers/api", Anyone, get(api_reference::reference)),
        page(Method::GET, "/status-lists/revocation", Anyone, get(badges::status_list)),
        api_route(Method::GET, "/api/v1/openapi.json", Anyone, get(api::openapi::openapi_json)),
        api_route(Method::GET, "/api/v1/people", Anyone, get(api::public::directory)),
        api_route(Method::GET, "/api/v1/people/{slug}", Anyone, get(api::public::profile)),
        api_route(Method::GET, "/api/v1/awards", Anyone, get(api::public::awards)),
        api_route(Method::GET, "/api/v1/categories", Anyone, get(api::public::categories)),
        api_route(Method::GET, "/api/v1/rubrics/{slug}", Anyone, get(api::public::rubric)),
        api_route(
            Method::GET,
            "/api/v1/rubrics/{slug}/versions/{version}",
            Anyone,
            get(api::public::rubric_version),
        ),
        api_route(Method::GET, "/api/v1/credentials/{id}", Anyone, get(api::public::credential)),
        api_route(Method::GET, "/api/v1/amas/{slug}/questions", Anyone, get(api::ama::questions)),
        api_route(
            Method::GET,
            "/api/v1/amas/{slug}/questions/{id}",
            Anyone,
            get(api::ama::question),
        ),
        api_route(Method::GET, "/api/v1/me", Member, get(api::me)),
        api_route(Method::POST, "/api/v1/nominations", Member, post(api::candidate::nominate)),
        api_route(Method::GET, "/api/v1/me/contributions", Member, get(api::candidate::list)),
        api_route(Method::POST, "/api/v1/me/contributions", Member, post(api::candidate::create)),
        api_route(Method::GET, "/api/v1/me/contributions/{id}", Member, get(api::candidate::one)),
        api_route(
            Method::GET,
            "/api/v1/me/contributions.csv",
            Member,
            get(api::candidate::export_csv),
        ),
        api_route(
            Method::PUT,
            "/api/v1/me/contributions/{id}",
            Member,
            put(api::candidate::update),
        ),
        api_route(
            Method::DELETE,
            "/api/v1/me/contributions/{id}",
            Member,
            delete(api::candidate::delete),
        ),
        api_route(Method::GET, "/api/v1/me/standing", Member, get(api::candidate::my_standing)),
        api_route(Method::PUT, "/api/v1/me/name", Member, put(api::rename_me)),
        api_route(Method::GET, "/api/v1/review/candidacies", Reviewer, get(api::review::queue)),
        api_route(Method::GET, "/api/v1/review/candidacies/{id}", Reviewer, get(api::review::one)),
        api_route(
            Method::POST,
            "/api/v1/review/candidacies/{id}/review",
            Reviewer,
            post(api::review::submit),
        ),
    ]
}

/// Every declared route, for tests and documentation.
pub fn specs() -> Vec<RouteSpec> {
    table().into_iter().map(|(spec, _)| spec).collect()
}

/// The routes that take an upload, with the largest body each takes: for the CSRF check,
/// which reads a request's body before any route does.
pub fn body_limits() -> Vec<(&'static str, usize)> {
    specs().into_iter().filter_map(|s| Some((s.path, s.body_limit?))).collect()
}

/// Builds the router. Anonymous form posts (signing in, joining, resets) are rate limited by
/// `limiter`.
pub fn router(limiter: AnonymousLimiter) -> Router<AppState> {
    let mut router = Router::new();
    for (spec, handler) in table() {
        let (access, audience) = (spec.access, spec.audience);
        let mut checked = handler;
        if let Some(limit) = spec.body_limit {
            // Behind the access check: a visitor is sent to sign in, not told the size of
            // what they sent; a member's oversized upload gets the `payload_too_large` page.
            checked = checked
                .route_layer(DefaultBodyLimit::max(limit))
                .route_layer(middleware::from_fn_with_state(limit, super::security::limit_body));
        }
        let mut checked = checked.route_layer(middleware::from_fn(move |request, next| {
            enforce(access, audience, request, next)
        }));
        if spec.access == Access::Anyone && spec.method == Method::POST {
            checked = checked
                .route_layer(middleware::from_fn_with_state(limiter.clone(), rate_limit::limit));
        }
        router = router.route(spec.path, checked);
    }
    router.fallback(|uri: axum::http::Uri| async move {
        let not_found = crate::ops::OpError::new(crate::ops::ErrorCode::NotFound);
        if uri.path().starts_with("/api/") {
            super::error::api_failure(not_found)
        } else {
            axum::response::IntoResponse::into_response(super::PageError(not_found))
        }
    })
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    /// A route added anywhere but this table would escape the access check and the route ×
    /// role test, so no other module may call `.route(`.
    #[test]
    fn no_route_is_declared_outside_the_table() {
        fn visit(dir: &Path, offenders: &mut Vec<String>) {
            let Ok(entries) = std::fs::read_dir(dir) else { return };
            for entry in entries.flatten() {
                let path = entry.path();
                if path.is_dir() {
                    visit(&path, offenders);
                } else if path.extension().is_some_and(|e| e == "rs")
                    && !path.ends_with("web/routes.rs")
                    && std::fs::read_to_string(&path).is_ok_and(|s| s.contains(".route("))
                {
                    offenders.push(path.display().to_string());
                }
            }
        }
        let mut offenders = Vec::new();
        visit(&Path::new(env!("CARGO_MANIFEST_DIR")).join("src"), &mut offenders);
        assert!(offenders.is_empty(), "routes declared outside web/routes.rs: {offenders:?}");
    }

    #[test]
    fn every_path_and_method_is_declared_once() {
        let specs = super::specs();
        for (i, a) in specs.iter().enumerate() {
            for b in &specs[i + 1..] {
                assert!(
                    !(a.path == b.path && a.method == b.method),
                    "{} {} twice",
                    a.method,
                    a.path
                );
            }
        }
    }
}
