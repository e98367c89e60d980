//! `/healthz` for load balancers: 200 only when the database answers.

use axum::extract::State;
use axum::http::StatusCode;

use crate::state::AppState;

pub(super) async fn healthz(State(state): State<AppState>) -> (StatusCode, &'static str) {
    if state.ctx.db.ping().await {
        (StatusCode::OK, "ok\n")
    } else {
        (StatusCode::SERVICE_UNAVAILABLE, "database unavailable\n")
    }
}
