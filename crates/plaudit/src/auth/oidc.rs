//! Signing in through an OpenID Connect provider: the authorization code flow with PKCE.
//!
//! The provider is discovered once, when `serve` starts. [`OidcProvider::start`] keeps the
//! PKCE verifier, the CSRF state and the nonce in the visitor's session and sends them to the
//! provider; [`OidcProvider::finish`] takes them back out (so a callback works once), checks the
//! state, exchanges the code with the verifier and checks the ID token's signature (against the
//! provider's JWKS), issuer, audience, expiry and nonce. Deciding which account that is belongs
//! to the web layer.

use std::future::Future;
use std::pin::Pin;
use std::time::Duration;

use openidconnect::core::{
    CoreAuthenticationFlow, CoreClient, CoreIdTokenClaims, CoreProviderMetadata,
};
use openidconnect::{
    AsyncHttpClient, AuthorizationCode, ClientId, ClientSecret, CsrfToken, EndpointMaybeSet,
    EndpointNotSet, EndpointSet, HttpRequest, HttpResponse, IssuerUrl, Nonce, PkceCodeChallenge,
    PkceCodeVerifier, RedirectUrl, Scope, TokenResponse,
};
use tower_sessions::Session;

use crate::config::Config;
use crate::crypto::tokens::constant_time_eq;
use crate::error::StartupError;

const STATE_KEY: &str = "oidc_state";
const NONCE_KEY: &str = "oidc_nonce";
const VERIFIER_KEY: &str = "oidc_pkce_verifier";

/// A slow provider must not hold a request (or start-up) for long.
const HTTP_TIMEOUT: Duration = Duration::from_secs(10);

/// The provider's client as discovery builds it: authorize URL known, token and user-info
/// URLs as the discovery document gave them.
type DiscoveredClient = CoreClient<
    EndpointSet,
    EndpointNotSet,
    EndpointNotSet,
    EndpointNotSet,
    EndpointMaybeSet,
    EndpointMaybeSet,
>;

/// The configured identity provider, discovered at start.
pub struct OidcProvider {
    client: DiscoveredClient,
    http: Http,
    /// The issuer URL, which names the provider in `external_identity`.
    pub issuer: String,
    /// The label of the "Sign in with …" link.
    pub name: String,
}

/// Who the provider says signed in.
pub use crate::ops::accounts::ExternalIdentity;

#[derive(Debug, thiserror::Error)]
pub enum OidcError {
    /// The callback's state is missing or is not the one this session started with: a forged,
    /// replayed or stale callback.
    #[error("the sign-in state is missing or does not match this session")]
    State,
    #[error("the provider gave no authorization code")]
    NoCode,
    #[error("the session could not be read or written: {0}")]
    Session(String),
    #[error("the code exchange failed: {0}")]
    Exchange(String),
    #[error("the provider's answer had no ID token")]
    NoIdToken,
    #[error("the ID token was refused: {0}")]
    IdToken(String),
}

/// An HTTP client for talking to the provider, in the shape openidconnect asks for.
fn http_client() -> Result<reqwest::Client, reqwest::Error> {
    // reqwest is built without a default crypto provider (that would be aws-lc); ring is the
    // one the rest of the binary uses. Installing fails harmlessly when one is installed.
    let _ = rustls::crypto::ring::default_provider().install_default();
    reqwest::Client::builder()
        // Following redirects would let a provider response point us at other hosts.
        .redirect(reqwest::redirect::Policy::none())
        .timeout(HTTP_TIMEOUT)
        .build()
}

/// Our reqwest client, in the shape openidconnect calls. The future is boxed and `Send`, so
/// the handlers that await it can run on any worker thread.
struct Http(reqwest::Client);

impl<'c> AsyncHttpClient<'c> for Http {
    type Error = reqwest::Error;
    type Future = Pin<Box<dyn Future<Output = Result<HttpResponse, reqwest::Error>> + Send + 'c>>;

    fn call(&'c self, request: HttpRequest) -> Self::Future {
        Box::pin(send(&self.0, request))
    }
}

async fn send(
    http: &reqwest::Client,
    request: HttpRequest,
) -> Result<HttpResponse, reqwest::Error> {
    let (parts, body) = request.into_parts();
    let response = http
        .request(parts.method, parts.uri.to_string())
        .headers(parts.headers)
        .body(body)
        .send()
        .await?;
    let status = response.status();
    let headers = response.headers().clone();
    let body = response.bytes().await?.to_vec();
    let mut answer = HttpResponse::new(body);
    *answer.status_mut() = status;
    *answer.headers_mut() = headers;
    Ok(answer)
}

fn startup_error(problem: String) -> StartupError {
    StartupError::Config { setting: "oidc_issuer".to_owned(), problem: problem.replace('\n', " ") }
}

impl OidcProvider {
    /// Discovers the configured provider; `None` when `oidc_issuer` is not set. An unreachable
    /// provider or a bad discovery document stops the start with one line naming `oidc_issuer`.
    pub async fn discover(config: &Config) -> Result<Option<OidcProvider>, StartupError> {
        let Some(issuer) = config.oidc_issuer.as_deref() else { return Ok(None) };
        let Some(client_id) = config.oidc_client_id.as_deref() else {
            return Err(StartupError::Config {
                setting: "oidc_client_id".to_owned(),
                problem: "is missing while oidc_issuer is set; set it to the client id the \
                          provider gave this server"
                    .to_owned(),
            });
        };
        let issuer_url = IssuerUrl::new(issuer.to_owned()).map_err(|e| {
            startup_error(format!("({issuer}) is not a URL ({e}); use e.g. https://id.example.org"))
        })?;
        let redirect = format!("{}/sign-in/oidc/callback", config.public_url.trim_end_matches('/'));
        let redirect = RedirectUrl::new(redirect).map_err(|e| StartupError::Config {
            setting: "public_url".to_owned(),
            problem: format!("cannot make the sign-in callback URL from it ({e})"),
        })?;
        let http = http_client().map_err(|e| startup_error(format!("no HTTP client ({e})")))?;
        let http = Http(http);
        let metadata =
            CoreProviderMetadata::discover_async(issuer_url, &http).await.map_err(|e| {
                startup_error(format!(
                    "({issuer}) discovery failed ({}); check the URL and that the provider is \
                     reachable from this server",
                    error_chain(&e)
                ))
            })?;
        let client = CoreClient::from_provider_metadata(
            metadata,
            ClientId::new(client_id.to_owned()),
            config.oidc_client_secret.clone().map(ClientSecret::new),
        )
        .set_redirect_uri(redirect);
        Ok(Some(OidcProvider {
            client,
            http,
            issuer: issuer.to_owned(),
            name: config.oidc_name.clone(),
        }))
    }

    /// Begins a sign-in: remembers the PKCE verifier, state and nonce in `session` and returns
    /// the provider's authorization URL to send the visitor to.
    pub async fn start(&self, session: &Session) -> Result<String, OidcError> {
        let (challenge, verifier) = PkceCodeChallenge::new_random_sha256();
        let (url, state, nonce) = self
            .client
            .authorize_url(
                CoreAuthenticationFlow::AuthorizationCode,
                CsrfToken::new_random,
                Nonce::new_random,
            )
            .add_scope(Scope::new("email".to_owned()))
            .add_scope(Scope::new("profile".to_owned()))
            .set_pkce_challenge(challenge)
            .url();
        for (key, value) in [
            (STATE_KEY, state.secret()),
            (NONCE_KEY, nonce.secret()),
            (VERIFIER_KEY, verifier.secret()),
        ] {
            session.insert(key, value).await.map_err(|e| OidcError::Session(e.to_string()))?;
        }
        Ok(url.to_string())
    }

    /// Completes a sign-in from the provider's callback: checks `state`, exchanges `code` and
    /// verifies the ID token. The pending values leave the session first, so whatever the
    /// outcome a callback cannot be replayed.
    pub async fn finish(
        &self,
        session: &Session,
        state: Option<&str>,
        code: Option<&str>,
    ) -> Result<ExternalIdentity, OidcError> {
        let expected_state = take(session, STATE_KEY).await?;
        let nonce = take(session, NONCE_KEY).await?;
        let verifier = take(session, VERIFIER_KEY).await?;
        let (Some(expected_state), Some(nonce), Some(verifier), Some(state)) =
            (expected_state, nonce, verifier, state)
        else {
            return Err(OidcError::State);
        };
        if !constant_time_eq(&expected_state, state) {
            return Err(OidcError::State);
        }
        let code = code.filter(|c| !c.is_empty()).ok_or(OidcError::NoCode)?;
        let response = self
            .client
            .exchange_code(AuthorizationCode::new(code.to_owned()))
            .map_err(|e| OidcError::Exchange(e.to_string()))?
            .set_pkce_verifier(PkceCodeVerifier::new(verifier))
            .request_async(&self.http)
            .await
            .map_err(|e| OidcError::Exchange(error_chain(&e)))?;
        let id_token = response.id_token().ok_or(OidcError::NoIdToken)?;
        let claims: &CoreIdTokenClaims = id_token
            .claims(&self.client.id_token_verifier(), &Nonce::new(nonce))
            .map_err(|e| OidcError::IdToken(error_chain(&e)))?;
        Ok(identity(claims))
    }
}

/// Removes and returns one pending value.
async fn take(session: &Session, key: &str) -> Result<Option<String>, OidcError> {
    session.remove::<String>(key).await.map_err(|e| OidcError::Session(e.to_string()))
}

fn identity(claims: &CoreIdTokenClaims) -> ExternalIdentity {
    ExternalIdentity {
        subject: claims.subject().as_str().to_owned(),
        email: claims.email().map(|e| e.as_str().to_owned()),
        email_verified: claims.email_verified(),
        name: claims
            .name()
            .and_then(|n| n.get(None))
            .map(|n| n.as_str().to_owned())
            .or_else(|| claims.preferred_username().map(|n| n.as_str().to_owned())),
    }
}

/// An error and its causes on one line, for the log.
fn error_chain(error: &dyn std::error::Error) -> String {
    let mut text = error.to_string();
    let mut source = error.source();
    while let Some(cause) = source {
        text.push_str(&format!(": {cause}"));
        source = cause.source();
    }
    text
}
