//! The HTTP router: Leptos pages and server functions, health checks, metrics, static assets.

use app::state::AppState;
use axum::{
    Router,
    body::Body,
    extract::{DefaultBodyLimit, State},
    http::Request,
    middleware,
    response::IntoResponse,
    routing::get,
};
use leptos::prelude::provide_context;
use leptos_axum::{LeptosRoutes, generate_route_list, handle_server_fns_with_context};
use tower_http::{
    compression::CompressionLayer,
    services::ServeDir,
    set_header::SetResponseHeaderLayer,
    trace::{DefaultMakeSpan, DefaultOnResponse, TraceLayer},
};
use tracing::Level;

use crate::{
    ops::metrics::{self, Metrics},
    routes, security_headers,
};
use std::sync::Arc;

/// The app's routes, generated once per process. Generating renders the app with resource
/// loading suppressed by a process-wide flag (leptos_server's `SuppressResourceLoad`): a
/// resource first polled by a request served meanwhile waits forever (leptos-rs/leptos#4773).
/// One generation, before any router exists, means no request can ever meet that window, even
/// with many routers in one process (the test suite builds one per test).
fn route_list() -> Vec<leptos_axum::AxumRouteListing> {
    static ROUTES: std::sync::OnceLock<Vec<leptos_axum::AxumRouteListing>> =
        std::sync::OnceLock::new();
    ROUTES.get_or_init(|| generate_route_list(app::App)).clone()
}

pub fn build_router(state: AppState) -> Router {
    build_router_with_metrics(state, Metrics::new(None))
}

/// The router, counting its requests in `metrics` (which also says who may read `/metrics`).
pub fn build_router_with_metrics(state: AppState, metrics: Arc<Metrics>) -> Router {
    let leptos_options = state.leptos_options.clone();
    let routes = route_list();
    let pkg_dir =
        std::path::Path::new(&*leptos_options.site_root).join(&*leptos_options.site_pkg_dir);

    // Assets are revalidated on every load (cheap 304s), so a cached .wasm never meets
    // newer glue JS after a deploy.
    let assets = Router::new()
        .fallback_service(ServeDir::new(pkg_dir).precompressed_br().precompressed_gzip())
        .layer(SetResponseHeaderLayer::overriding(
            http::header::CACHE_CONTROL,
            http::HeaderValue::from_static("no-cache"),
        ));

    let context_state = state.clone();
    Router::new()
        .route("/healthz", get(routes::health::healthz))
        .route("/readyz", get(routes::health::readyz))
        .route("/lang/{code}", get(routes::locale::switch_language))
        .route("/favicon.ico", get(routes::favicon::icon))
        .route("/favicon.svg", get(routes::favicon::icon))
        .route("/api/{*fn_name}", get(server_fn_handler).post(server_fn_handler))
        .merge(routes::catalogue::routes())
        .merge(routes::contact::routes())
        .merge(routes::workspace::routes())
        .merge(routes::administration::routes())
        .leptos_routes_with_context(
            &state,
            routes,
            move || {
                provide_context(context_state.clone());
                security_headers::provide_request_nonce();
            },
            {
                let options = leptos_options.clone();
                move || app::shell(options.clone())
            },
        )
        .fallback(leptos_axum::file_and_error_handler_with_context::<AppState, _>(
            security_headers::provide_request_nonce,
            app::shell,
        ))
        // Sessions and the same-origin rule cover pages, forms and server functions; not assets.
        .layer(middleware::from_fn(server_fn_status))
        // A handler that panics answers 500 (and is logged) instead of dropping the connection.
        .layer(tower_http::catch_panic::CatchPanicLayer::new())
        // Inside the session layer, which says who the client is.
        .layer(middleware::from_fn_with_state(state.clone(), routes::rate_limit::api))
        // From the outside in (the last layer added runs first): the client's address, the
        // same-origin rule, the session, the sign-in wall; each reads what the outer ones set.
        .layer(middleware::from_fn(routes::session::access))
        .layer(middleware::from_fn_with_state(state.clone(), routes::session::session))
        .layer(middleware::from_fn_with_state(state.clone(), routes::session::same_origin))
        .layer(middleware::from_fn_with_state(state.clone(), routes::session::client_address))
        .nest("/pkg", assets)
        // Outside the session layer: a scrape neither needs nor refreshes a session.
        .route(
            "/metrics",
            get({
                let (state, metrics) = (state.clone(), metrics.clone());
                move |request: Request<Body>| {
                    metrics::handler(state.clone(), metrics.clone(), request)
                }
            }),
        )
        // Per route (after routing), so the route's pattern is known.
        .layer(middleware::from_fn_with_state(metrics, metrics::record))
        .layer(DefaultBodyLimit::max(app::workspace::services::import::MAX_BYTES + 64 * 1024))
        .layer(CompressionLayer::new())
        .layer(
            TraceLayer::new_for_http()
                .make_span_with(DefaultMakeSpan::new().level(Level::INFO))
                .on_response(DefaultOnResponse::new().level(Level::INFO)),
        )
        // Outermost: every response, assets and refusals included, gets the browser headers.
        .layer(middleware::from_fn_with_state(state.clone(), security_headers::middleware))
        .with_state(state)
}

async fn server_fn_handler(
    State(state): State<AppState>,
    request: Request<Body>,
) -> impl IntoResponse {
    handle_server_fns_with_context(move || provide_context(state.clone()), request).await
}

/// Server-function errors all leave Leptos as 500: answer with the status the error stands for
/// (403 for a producer calling an administrator's function, 404, 409…).
async fn server_fn_status(
    request: Request<Body>,
    next: middleware::Next,
) -> axum::response::Response {
    let is_server_fn =
        request.uri().path().starts_with("/api/") && !request.uri().path().starts_with("/api/v1/");
    let response = next.run(request).await;
    if !is_server_fn || response.status() != http::StatusCode::INTERNAL_SERVER_ERROR {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, 64 * 1024).await else {
        return http::StatusCode::INTERNAL_SERVER_ERROR.into_response();
    };
    if let Ok(error) = serde_json::from_slice::<app::foundations::error::AppError>(&bytes) {
        parts.status = http::StatusCode::from_u16(error.status())
            .unwrap_or(http::StatusCode::INTERNAL_SERVER_ERROR);
    }
    axum::response::Response::from_parts(parts, Body::from(bytes))
}
