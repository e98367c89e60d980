//! Roles and the check each route makes. Visitor, member, candidate, awardee, reviewer, product
//! team and admin: candidate and awardee follow from the data, the others are granted.

use axum::extract::{Request, State};
use axum::http::{Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};
use plaudit_domain::cycle::local_date;
use tower_sessions::Session;

use super::session_store::ACCOUNT_KEY;
use crate::app::AppState;
use crate::web::PageError;

/// What a route requires of whoever asks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Access {
    /// Anyone, signed in or not.
    Anyone,
    /// Any signed-in account.
    Member,
    /// Someone with an open candidacy.
    Candidate,
    /// Someone holding a current award.
    Awardee,
    Reviewer,
    ProductTeam,
    Admin,
}

impl Access {
    pub const ALL: &[Access] = &[
        Access::Anyone,
        Access::Member,
        Access::Candidate,
        Access::Awardee,
        Access::Reviewer,
        Access::ProductTeam,
        Access::Admin,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Access::Anyone => "visitor",
            Access::Member => "member",
            Access::Candidate => "candidate",
            Access::Awardee => "awardee",
            Access::Reviewer => "reviewer",
            Access::ProductTeam => "product team",
            Access::Admin => "admin",
        }
    }
}

/// The roles one signed-in account holds.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RoleSet {
    pub candidate: bool,
    pub awardee: bool,
    pub reviewer: bool,
    pub product_team: bool,
    pub admin: bool,
}

impl RoleSet {
    /// Whether these roles meet `access`. Admins run the program, so they pass the staff
    /// checks; candidate and awardee pages are about one's own candidacy or award, so an admin
    /// needs the role itself there.
    pub fn allows(self, access: Access) -> bool {
        match access {
            Access::Anyone | Access::Member => true,
            Access::Candidate => self.candidate,
            Access::Awardee => self.awardee,
            Access::Reviewer => self.reviewer || self.admin,
            Access::ProductTeam => self.product_team || self.admin,
            Access::Admin => self.admin,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CurrentUser {
    pub account_id: i64,
    pub person_id: i64,
    pub display_name: String,
    pub email: String,
    pub roles: RoleSet,
    /// Set when the request came with an API token rather than a session.
    pub token_scope: Option<TokenScope>,
}

/// What an API token may do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenScope {
    Read,
    ReadWrite,
}

impl TokenScope {
    pub fn as_str(self) -> &'static str {
        match self {
            TokenScope::Read => "read",
            TokenScope::ReadWrite => "read_write",
        }
    }

    pub fn parse(value: &str) -> Option<TokenScope> {
        match value {
            "read" => Some(TokenScope::Read),
            "read_write" => Some(TokenScope::ReadWrite),
            _ => None,
        }
    }
}

/// Reads who is asking, and puts it in the request's extensions for handlers and the access
/// check: an API token for /api/ requests (the API takes no cookies, so it needs no CSRF
/// token), the session for pages.
pub async fn load_user(
    State(state): State<AppState>,
    mut request: Request,
    next: Next,
) -> Response {
    let found = if request.uri().path().starts_with("/api/") {
        let bearer = request
            .headers()
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("Bearer "))
            .map(str::to_owned);
        match bearer {
            Some(token) => match token_user(&state, &token).await {
                Ok(None) => {
                    return api_error(
                        StatusCode::UNAUTHORIZED,
                        "invalid_token",
                        "This API token is unknown or revoked.",
                    );
                }
                found => found,
            },
            None => Ok(None),
        }
    } else {
        match request.extensions().get::<Session>().cloned() {
            Some(session) => session_user(&state, &session).await,
            None => Ok(None),
        }
    };
    match found {
        Ok(Some(user)) => {
            request.extensions_mut().insert(user);
        }
        Ok(None) => {}
        Err(e) => return e.into_response(),
    }
    next.run(request).await
}

async fn token_user(state: &AppState, token: &str) -> Result<Option<CurrentUser>, PageError> {
    let hash = super::tokens::hash_token(token);
    let found =
        plaudit_store::api_tokens::authenticate(&state.db, &hash, state.clock.now()).await?;
    let Some((_, account_id, scope)) = found else { return Ok(None) };
    let Some(mut user) = account_user(state, account_id).await? else { return Ok(None) };
    user.token_scope = Some(TokenScope::parse(&scope).unwrap_or(TokenScope::Read));
    Ok(Some(user))
}

async fn session_user(
    state: &AppState,
    session: &Session,
) -> Result<Option<CurrentUser>, PageError> {
    let Ok(Some(account_id)) = session.get::<i64>(ACCOUNT_KEY).await else {
        return Ok(None);
    };
    account_user(state, account_id).await
}

async fn account_user(state: &AppState, account_id: i64) -> Result<Option<CurrentUser>, PageError> {
    let Some(account) = plaudit_store::accounts::by_id(&state.db, account_id).await? else {
        return Ok(None);
    };
    if account.disabled_at.is_some() {
        return Ok(None);
    }
    let today = local_date(state.clock.now(), &jiff::tz::TimeZone::UTC).to_string();
    let (granted, candidate, awardee) =
        plaudit_store::accounts::roles(&state.db, account_id, &today).await?;
    let has = |role: &str| granted.iter().any(|g| g == role);
    Ok(Some(CurrentUser {
        account_id,
        person_id: account.person_id,
        display_name: account.display_name,
        email: account.email,
        roles: RoleSet {
            candidate,
            awardee,
            reviewer: has("reviewer"),
            product_team: has("product_team"),
            admin: has("admin"),
        },
        token_scope: None,
    }))
}

/// Whether a route answers people (pages) or programs (the JSON API).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Audience {
    Page,
    Api,
}

/// The check in front of every route: pages send visitors to sign in and show others a 403
/// page; the API answers 401 or 403 with a JSON error.
pub async fn enforce(access: Access, audience: Audience, request: Request, next: Next) -> Response {
    if access == Access::Anyone {
        return next.run(request).await;
    }
    let user = request.extensions().get::<CurrentUser>();
    let writes = !matches!(*request.method(), Method::GET | Method::HEAD | Method::OPTIONS);
    if audience == Audience::Api
        && writes
        && user.is_some_and(|u| u.token_scope == Some(TokenScope::Read))
    {
        return api_error(
            StatusCode::FORBIDDEN,
            "insufficient_scope",
            "This token may only read; create a read-write token to make changes.",
        );
    }
    match (user, audience) {
        (Some(user), _) if user.roles.allows(access) => next.run(request).await,
        (None, Audience::Page) => {
            let target = request.uri().path_and_query().map(|p| p.as_str()).unwrap_or("/");
            let next = form_urlencoded_component(target);
            Redirect::to(&format!("/sign-in?next={next}")).into_response()
        }
        (Some(_), Audience::Page) => PageError::Forbidden(access).into_response(),
        (None, Audience::Api) => {
            api_error(StatusCode::UNAUTHORIZED, "unauthenticated", "Sign in or send an API token.")
        }
        (Some(_), Audience::Api) => api_error(
            StatusCode::FORBIDDEN,
            "forbidden",
            &format!("This needs the {} role.", access.label()),
        ),
    }
}

pub fn api_error(status: StatusCode, code: &str, message: &str) -> Response {
    let body = serde_json::json!({ "error": { "code": code, "message": message } });
    (status, [(header::CONTENT_TYPE, "application/json")], body.to_string()).into_response()
}

/// Percent-encodes a path for a query parameter.
fn form_urlencoded_component(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for b in value.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' | b'/' => {
                out.push(b as char)
            }
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn admins_pass_staff_checks_but_not_candidate_or_awardee_ones() {
        let admin = RoleSet { admin: true, ..RoleSet::default() };
        assert!(admin.allows(Access::Reviewer) && admin.allows(Access::ProductTeam));
        assert!(!admin.allows(Access::Candidate) && !admin.allows(Access::Awardee));
        let member = RoleSet::default();
        assert!(member.allows(Access::Member) && !member.allows(Access::Reviewer));
    }
}
