//! The public JSON API's rate limit per client address, and the `RateLimit-*` headers every
//! limited answer carries (`Retry-After` too when refused). Counters are in the database
//! (`app::foundations::services::rate_limit`), shared by every instance.

use app::{
    foundations::{
        auth::ClientIp,
        services::rate_limit::{self, Bucket, Usage},
    },
    state::AppState,
};
use axum::{
    Json,
    extract::{Request, State},
    http::{HeaderValue, StatusCode},
    middleware::Next,
    response::{IntoResponse, Response},
};

/// `RateLimit-Limit`, `RateLimit-Remaining`, `RateLimit-Reset` (seconds), and `Retry-After`
/// when the attempt was refused.
pub fn add_headers(response: &mut Response, usage: &Usage) {
    let h = response.headers_mut();
    h.insert("ratelimit-limit", HeaderValue::from(usage.limit));
    h.insert("ratelimit-remaining", HeaderValue::from(usage.remaining));
    h.insert("ratelimit-reset", HeaderValue::from(usage.reset_after));
    if let Some(refused) = usage.refused {
        h.insert(http::header::RETRY_AFTER, HeaderValue::from(refused.retry_after));
    }
}

#[derive(serde::Serialize)]
struct TooMany {
    error: String,
}

/// Counts each `/api/v1/*` request against its client's limit; over it, 429.
pub async fn api(State(state): State<AppState>, req: Request, next: Next) -> Response {
    if !req.uri().path().starts_with("/api/v1/") {
        return next.run(req).await;
    }
    let ip = req.extensions().get::<ClientIp>().map(|c| c.0.clone()).unwrap_or_default();
    let usage = match rate_limit::hit(
        &state.db,
        Bucket::Api,
        &ip,
        state.auth.api_per_ip,
        state.now(),
    )
    .await
    {
        Ok(u) => u,
        Err(e) => {
            // The limit is a guard, not the service: a counting failure lets the request by.
            tracing::warn!(error = %e, "API rate limit not counted");
            return next.run(req).await;
        }
    };
    let mut response = match usage.refused {
        Some(refused) => (
            StatusCode::TOO_MANY_REQUESTS,
            Json(TooMany {
                error: format!(
                    "too many requests from this address: try again in {} s",
                    refused.retry_after
                ),
            }),
        )
            .into_response(),
        None => next.run(req).await,
    };
    add_headers(&mut response, &usage);
    response
}
