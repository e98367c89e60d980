//! What every page's frame needs: the reader's language, who is signed in (for the
//! navigation), the CSRF token for its forms, and a one-time flash message.

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::{HeaderValue, header};
use axum::response::Response;
use tower_sessions::Session;

use crate::auth::CurrentUser;
use crate::auth::csrf::CsrfToken;
use crate::i18n::{Lang, Msg};

const FLASH_KEY: &str = "flash";

/// Everything a page handler needs about the request besides its own input.
pub struct PageCtx {
    pub lang: Lang,
    pub user: Option<CurrentUser>,
    pub csrf: CsrfToken,
    pub session: Option<Session>,
}

impl<S: Send + Sync> FromRequestParts<S> for PageCtx {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<PageCtx, Self::Rejection> {
        let csrf = parts.extensions.get::<CsrfToken>().cloned().unwrap_or_else(CsrfToken::none);
        Ok(PageCtx {
            lang: parts.extensions.get::<Lang>().copied().unwrap_or_default(),
            user: parts.extensions.get::<CurrentUser>().cloned(),
            csrf,
            session: parts.extensions.get::<Session>().cloned(),
        })
    }
}

impl PageCtx {
    /// Who is signed in; the route table lets only signed-in people reach the pages that ask,
    /// so None is a request that slipped past it.
    pub fn signed_in(&self) -> Result<&CurrentUser, crate::ops::OpError> {
        self.user.as_ref().ok_or(crate::ops::OpError::new(crate::ops::ErrorCode::Unauthenticated))
    }

    /// The signed-in account's id; the route table lets only signed-in people reach the pages
    /// that ask, so None is a request that slipped past it.
    pub fn account_id(&self) -> Result<i64, crate::ops::OpError> {
        self.user
            .as_ref()
            .map(|u| u.account.account_id)
            .ok_or(crate::ops::OpError::new(crate::ops::ErrorCode::Unauthenticated))
    }

    /// The frame of a page, taking the flash message left for it. Visitors have no stored
    /// session: looking at a page never writes to the database.
    pub async fn nav(&self) -> Nav {
        let flash = match (&self.user, &self.session) {
            (Some(_), Some(session)) => session.remove::<String>(FLASH_KEY).await.ok().flatten(),
            _ => None,
        };
        Nav {
            lang: self.lang,
            user: self.user.as_ref().map(|user| NavUser {
                name: user.account.display_name.clone(),
                admin: user.account.roles.admin,
                candidate: user.account.roles.candidate,
                awardee: user.account.roles.awardee,
                reviewer: user.account.roles.reviewer || user.account.roles.admin,
                product_team: user.account.roles.product_team,
            }),
            csrf: self.csrf.as_str().to_owned(),
            flash,
        }
    }

    /// The token for this page's forms.
    pub fn csrf(&self) -> String {
        self.csrf.as_str().to_owned()
    }

    /// Leaves a message for the next page this (signed-in) session sees.
    pub async fn flash(&self, message: &Msg) {
        if let Some(session) = &self.session {
            let _ = session.insert(FLASH_KEY, self.lang.msg(message)).await;
        }
    }

    pub fn t(&self, id: &str) -> String {
        self.lang.t(id)
    }
}

#[derive(Debug, Clone, Default)]
pub struct Nav {
    pub lang: Lang,
    pub user: Option<NavUser>,
    pub csrf: String,
    /// A one-time message about what the previous request did ("Roles saved").
    pub flash: Option<String>,
}

#[derive(Debug, Clone)]
pub struct NavUser {
    pub name: String,
    pub admin: bool,
    pub candidate: bool,
    pub awardee: bool,
    pub reviewer: bool,
    pub product_team: bool,
}

/// Chooses the reader's language: the one they saved, else the best their browser asks for,
/// else the program's default (its settings', else the server's). Handlers find it in the request; the error renderer in the
/// response.
pub async fn choose_language(
    axum::extract::State(state): axum::extract::State<crate::state::AppState>,
    mut request: axum::extract::Request,
    next: axum::middleware::Next,
) -> axum::response::Response {
    use axum::http::{HeaderValue, header};
    let saved = request.extensions().get::<CurrentUser>().and_then(|u| u.account.lang);
    let lang = match saved {
        Some(lang) => lang,
        None => {
            let asked =
                request.headers().get(header::ACCEPT_LANGUAGE).and_then(|v| v.to_str().ok());
            crate::i18n::negotiate(None, asked, state.default_language().await)
        }
    };
    request.extensions_mut().insert(lang);
    let mut response = next.run(request).await;
    response.extensions_mut().insert(lang);
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_LANGUAGE, HeaderValue::from_static(lang.code()));
    // Caches must keep one copy per language asked for.
    headers.append(header::VARY, HeaderValue::from_static("accept-language"));
    response
}

/// The day a stored instant (microseconds) falls on in the program's time zone, in `lang`.
pub fn stored_day(
    lang: Lang,
    zone: &plaudit_domain::cycle::ProgramTimeZone,
    micros: i64,
) -> String {
    lang.date(zone.local_date(jiff::Timestamp::from_microsecond(micros).unwrap_or_default()))
}

/// Marks a response only its reader may see (NDA content, the awardees' private community):
/// nobody caches it, nobody indexes it.
pub(super) fn private_page(mut response: Response) -> Response {
    let headers = response.headers_mut();
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("private, no-store"));
    headers.insert("x-robots-tag", HeaderValue::from_static("noindex"));
    response
}
