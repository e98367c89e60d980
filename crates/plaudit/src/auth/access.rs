//! Roles and the check each route makes. Visitor, member, candidate, awardee, reviewer, product
//! team and admin: candidate and awardee follow from the data, the others are granted.

use axum::extract::{Request, State};
use axum::http::{Method, header};
use axum::middleware::Next;
use axum::response::Response;
use plaudit_domain::kinds::{DerivedRole, Role};
use tower_sessions::Session;

use super::error::{Audience, AuthError};
use super::session_store::ACCOUNT_KEY;
use crate::ops::OpError;
use crate::ops::accounts::{self, AccountView, RoleSet};
use crate::ops::tokens::{self, TokenScope};
use crate::state::AppState;

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
    /// The awardees' private community: awardees, and admins who moderate it.
    Community,
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
        Access::Community,
        Access::Reviewer,
        Access::ProductTeam,
        Access::Admin,
    ];

    /// The stable code of the role, as [`RoleSet::codes`] names it; pages show the `role-…`
    /// message of that code.
    pub fn code(self) -> &'static str {
        match self {
            Access::Anyone => "visitor",
            Access::Member => Role::Member.as_str(),
            Access::Candidate => DerivedRole::Candidate.as_str(),
            Access::Awardee | Access::Community => DerivedRole::Awardee.as_str(),
            Access::Reviewer => Role::Reviewer.as_str(),
            Access::ProductTeam => Role::ProductTeam.as_str(),
            Access::Admin => Role::Admin.as_str(),
        }
    }
}

/// Whether `roles` meet `access`. Admins run the program, so they pass the staff checks;
/// candidate and awardee pages are about one's own candidacy or award, so an admin needs the
/// role itself there.
pub fn allows(roles: RoleSet, access: Access) -> bool {
    match access {
        Access::Anyone | Access::Member => true,
        Access::Candidate => roles.candidate,
        Access::Awardee => roles.awardee,
        Access::Community => roles.awardee || roles.admin,
        Access::Reviewer => roles.reviewer || roles.admin,
        Access::ProductTeam => roles.product_team || roles.admin,
        Access::Admin => roles.admin,
    }
}

/// Who is asking: the signed-in account, and how it came (a session, or an API token).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CurrentUser {
    pub account: AccountView,
    /// Set when the request came with an API token rather than a session.
    pub token_scope: Option<TokenScope>,
}

/// Reads who is asking, and puts it in the request's extensions for handlers and the access
/// check: an API token for /api/ requests (the API takes no cookies, so it needs no CSRF
/// token), the session for pages.
pub async fn load_user(
    State(state): State<AppState>,
    mut request: Request,
    next: Next,
) -> Result<Response, AuthError> {
    let api = request.uri().path().starts_with("/api/");
    let audience = if api { Audience::Api } else { Audience::Page };
    let internal = |e: OpError| AuthError::Internal { cause: e.to_string(), audience };
    let found = if api {
        let bearer = request
            .headers()
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("Bearer "))
            .map(str::to_owned);
        match bearer {
            Some(token) => {
                let (account_id, scope) = tokens::authenticate(&state.ctx, &token)
                    .await
                    .map_err(internal)?
                    .ok_or(AuthError::InvalidToken)?;
                let account = accounts::current(&state.ctx, account_id).await.map_err(internal)?;
                Some(CurrentUser {
                    account: account.ok_or(AuthError::InvalidToken)?,
                    token_scope: Some(scope),
                })
            }
            None => None,
        }
    } else {
        let session = request.extensions().get::<Session>().cloned();
        let account_id = match session {
            Some(session) => session.get::<i64>(ACCOUNT_KEY).await.ok().flatten(),
            None => None,
        };
        match account_id {
            Some(account_id) => accounts::current(&state.ctx, account_id)
                .await
                .map_err(internal)?
                .map(|account| CurrentUser { account, token_scope: None }),
            None => None,
        }
    };
    if let Some(user) = found {
        request.extensions_mut().insert(user);
    }
    Ok(next.run(request).await)
}

/// The check in front of every route: pages send visitors to sign in and show others a 403
/// page; the API answers 401 or 403 with a JSON error.
pub async fn enforce(
    access: Access,
    audience: Audience,
    request: Request,
    next: Next,
) -> Result<Response, AuthError> {
    if access == Access::Anyone {
        return Ok(next.run(request).await);
    }
    let user = request.extensions().get::<CurrentUser>();
    let writes = !matches!(*request.method(), Method::GET | Method::HEAD | Method::OPTIONS);
    if audience == Audience::Api
        && writes
        && user.is_some_and(|u| u.token_scope == Some(TokenScope::Read))
    {
        return Err(AuthError::InsufficientScope);
    }
    match (user, audience) {
        (Some(user), _) if allows(user.account.roles, access) => Ok(next.run(request).await),
        (None, Audience::Page) => {
            let target = request.uri().path_and_query().map(|p| p.as_str()).unwrap_or("/");
            Err(AuthError::SignInFirst { next: form_urlencoded_component(target) })
        }
        (None, Audience::Api) => Err(AuthError::Unauthenticated),
        (Some(_), audience) => Err(AuthError::Forbidden { access, audience }),
    }
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
        assert!(allows(admin, Access::Reviewer) && allows(admin, Access::ProductTeam));
        assert!(!allows(admin, Access::Candidate) && !allows(admin, Access::Awardee));
        let member = RoleSet::default();
        assert!(allows(member, Access::Member) && !allows(member, Access::Reviewer));
    }
}
