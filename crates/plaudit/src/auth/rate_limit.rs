//! Rate limits on anonymous forms (sign-in, joining, password resets, an AMA question from
//! someone not signed in), per client address; a signed-in person's posts are not counted.
//! They are per replica; the account lockout, counted in the database, is what stops a
//! password guesser spread over replicas.

use std::net::{IpAddr, SocketAddr};
use std::num::NonZeroU32;
use std::sync::Arc;

use axum::extract::{ConnectInfo, Request, State};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use governor::clock::{Clock, DefaultClock};
use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};

use super::AuthError;

/// Past this many remembered addresses, those idle long enough to be full again are dropped.
const FORGET_ABOVE: usize = 10_000;

#[derive(Clone)]
pub struct AnonymousLimiter(Arc<DefaultKeyedRateLimiter<IpAddr>>);

impl AnonymousLimiter {
    /// Allows `per_minute` form posts a minute from one address, all at once at most.
    pub fn per_minute(per_minute: u32) -> AnonymousLimiter {
        let per_minute = NonZeroU32::new(per_minute).unwrap_or(NonZeroU32::MIN);
        AnonymousLimiter(Arc::new(RateLimiter::keyed(Quota::per_minute(per_minute))))
    }
}

pub async fn limit(
    State(limiter): State<AnonymousLimiter>,
    request: Request,
    next: Next,
) -> Response {
    let address = request
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map_or(IpAddr::from([0, 0, 0, 0]), |ConnectInfo(addr)| addr.ip());
    // Only anonymous posts count: a signed-in person asking an AMA several questions is not
    // someone guessing passwords (the account lockout guards sign-ins either way).
    if request.extensions().get::<super::CurrentUser>().is_some() {
        return next.run(request).await;
    }
    if limiter.0.len() > FORGET_ABOVE {
        limiter.0.retain_recent();
    }
    match limiter.0.check_key(&address) {
        Ok(()) => next.run(request).await,
        Err(not_until) => {
            let wait = not_until.wait_time_from(DefaultClock::default().now());
            AuthError::RateLimited { seconds: wait.as_secs().max(1) }.into_response()
        }
    }
}
