//! `/metrics` in the Prometheus text format, written by hand (no metrics crate).
//!
//! Requests are counted by route pattern (axum's [`MatchedPath`], so `/api/v1/listings/{id}`
//! and never one series per id), method and status, with a latency histogram by route and
//! method. A scrape adds the database pool, the search cache, the catalogue generation and the
//! moderation queue.
//!
//! Who may scrape: clients on the loopback interface that did not come through a proxy (no
//! `Forwarded`, `X-Forwarded-For` or `X-Real-IP` header), or anyone sending
//! `Authorization: Bearer <METRICS_TOKEN>` when that token is configured.

use app::state::AppState;
use axum::{
    body::Body,
    extract::{ConnectInfo, MatchedPath, State},
    http::{HeaderMap, Request, StatusCode, header},
    middleware::Next,
    response::{IntoResponse, Response},
};
use std::{
    collections::{BTreeMap, HashMap},
    fmt::Write as _,
    net::SocketAddr,
    sync::{Arc, Mutex},
    time::Instant,
};

/// Upper bounds of the latency buckets, in seconds.
pub const BUCKETS: [f64; 12] =
    [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 10.0];

/// Requests that matched no route (404s, files served by the fallback) share one label.
pub const UNMATCHED: &str = "unmatched";

#[derive(Default)]
struct RouteStats {
    /// (method, status) → count.
    responses: BTreeMap<(&'static str, u16), u64>,
    /// method → histogram.
    latency: BTreeMap<&'static str, Histogram>,
}

#[derive(Default, Clone)]
struct Histogram {
    buckets: [u64; BUCKETS.len()],
    count: u64,
    sum: f64,
}

impl Histogram {
    fn observe(&mut self, seconds: f64) {
        for (bound, bucket) in BUCKETS.iter().zip(self.buckets.iter_mut()) {
            if seconds <= *bound {
                *bucket += 1;
            }
        }
        self.count += 1;
        self.sum += seconds;
    }
}

/// The request counters of one router, and who may read them.
pub struct Metrics {
    token: Option<String>,
    started: Instant,
    routes: Mutex<HashMap<String, RouteStats>>,
}

impl Metrics {
    /// `token`: the `METRICS_TOKEN` bearer that opens `/metrics` to non-loopback clients
    /// (an empty string counts as none).
    pub fn new(token: Option<String>) -> Arc<Self> {
        Arc::new(Self {
            token: token.filter(|t| !t.is_empty()),
            started: Instant::now(),
            routes: Mutex::default(),
        })
    }

    pub fn record(&self, route: &str, method: &http::Method, status: u16, seconds: f64) {
        let method = method_label(method);
        let mut routes = self.routes.lock().unwrap_or_else(|e| e.into_inner());
        let stats = match routes.get_mut(route) {
            Some(stats) => stats,
            None => routes.entry(route.to_owned()).or_default(),
        };
        *stats.responses.entry((method, status)).or_default() += 1;
        stats.latency.entry(method).or_default().observe(seconds);
    }

    /// The request series, sorted for stable output.
    fn render_requests(&self, out: &mut String) {
        let routes = self.routes.lock().unwrap_or_else(|e| e.into_inner());
        let mut names: Vec<&String> = routes.keys().collect();
        names.sort();
        out.push_str(
            "# HELP registry_http_requests_total HTTP responses by route pattern, method and \
             status.\n# TYPE registry_http_requests_total counter\n",
        );
        for name in &names {
            for ((method, status), n) in &routes[*name].responses {
                let _ = writeln!(
                    out,
                    "registry_http_requests_total{{route=\"{}\",method=\"{method}\",status=\"{status}\"}} {n}",
                    escape(name)
                );
            }
        }
        out.push_str(
            "# HELP registry_http_request_duration_seconds Time to the response head, by route \
             pattern and method.\n# TYPE registry_http_request_duration_seconds histogram\n",
        );
        for name in &names {
            let route = escape(name);
            for (method, h) in &routes[*name].latency {
                let labels = format!("route=\"{route}\",method=\"{method}\"");
                for (bound, n) in BUCKETS.iter().zip(h.buckets) {
                    let _ = writeln!(
                        out,
                        "registry_http_request_duration_seconds_bucket{{{labels},le=\"{bound}\"}} {n}"
                    );
                }
                let _ = writeln!(
                    out,
                    "registry_http_request_duration_seconds_bucket{{{labels},le=\"+Inf\"}} {}\n\
                     registry_http_request_duration_seconds_sum{{{labels}}} {}\n\
                     registry_http_request_duration_seconds_count{{{labels}}} {}",
                    h.count, h.sum, h.count
                );
            }
        }
    }

    /// `Err`: the status and the reason to answer with.
    fn allows(
        &self,
        peer: Option<SocketAddr>,
        headers: &HeaderMap,
    ) -> Result<(), (StatusCode, &'static str)> {
        let bearer = headers
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("Bearer "))
            .map(str::trim);
        if let Some(given) = bearer {
            return match &self.token {
                Some(token) if constant_time_eq(given.as_bytes(), token.as_bytes()) => Ok(()),
                Some(_) => Err((StatusCode::UNAUTHORIZED, "wrong metrics token")),
                None => Err((
                    StatusCode::UNAUTHORIZED,
                    "no METRICS_TOKEN is configured: metrics are served to loopback clients only",
                )),
            };
        }
        let proxied = ["forwarded", "x-forwarded-for", "x-real-ip"]
            .iter()
            .any(|name| headers.contains_key(*name));
        if peer.is_some_and(|p| p.ip().is_loopback()) && !proxied {
            return Ok(());
        }
        Err((
            StatusCode::FORBIDDEN,
            "metrics are served to loopback clients, or with `Authorization: Bearer` and the \
             METRICS_TOKEN",
        ))
    }
}

fn refuse(status: StatusCode, reason: &'static str) -> Response {
    (status, [(header::CACHE_CONTROL, "no-store")], format!("{reason}\n")).into_response()
}

fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

fn method_label(method: &http::Method) -> &'static str {
    match *method {
        http::Method::GET => "GET",
        http::Method::HEAD => "HEAD",
        http::Method::POST => "POST",
        http::Method::PUT => "PUT",
        http::Method::DELETE => "DELETE",
        http::Method::PATCH => "PATCH",
        http::Method::OPTIONS => "OPTIONS",
        _ => "other",
    }
}

/// Label values: backslash, double quote and newline are escaped.
fn escape(value: &str) -> String {
    value.replace('\\', "\\\\").replace('"', "\\\"").replace('\n', "\\n")
}

/// Middleware: counts every response by its route pattern and times it.
pub async fn record(
    State(metrics): State<Arc<Metrics>>,
    request: Request<Body>,
    next: Next,
) -> Response {
    let started = Instant::now();
    let method = request.method().clone();
    let route = request.extensions().get::<MatchedPath>().map(|p| p.as_str().to_owned());
    let response = next.run(request).await;
    metrics.record(
        route.as_deref().unwrap_or(UNMATCHED),
        &method,
        response.status().as_u16(),
        started.elapsed().as_secs_f64(),
    );
    response
}

/// `GET /metrics`.
pub async fn handler(state: AppState, metrics: Arc<Metrics>, request: Request<Body>) -> Response {
    let peer = request.extensions().get::<ConnectInfo<SocketAddr>>().map(|c| c.0);
    if let Err((status, reason)) = metrics.allows(peer, request.headers()) {
        return refuse(status, reason);
    }
    let mut out = String::with_capacity(8 * 1024);
    metrics.render_requests(&mut out);
    render_state(&state, &metrics, &mut out).await;
    (
        [
            (header::CONTENT_TYPE, "text/plain; version=0.0.4; charset=utf-8"),
            (header::CACHE_CONTROL, "no-store"),
        ],
        out,
    )
        .into_response()
}

async fn render_state(state: &AppState, metrics: &Metrics, out: &mut String) {
    let mut gauge = |name: &str, help: &str, samples: &[(&str, f64)]| {
        let _ = writeln!(out, "# HELP {name} {help}\n# TYPE {name} gauge");
        for (labels, value) in samples {
            if labels.is_empty() {
                let _ = writeln!(out, "{name} {value}");
            } else {
                let _ = writeln!(out, "{name}{{{labels}}} {value}");
            }
        }
    };
    gauge(
        "registry_uptime_seconds",
        "Seconds since this router was built.",
        &[("", metrics.started.elapsed().as_secs_f64())],
    );
    let (size, idle, max) = pool_usage(&state.db);
    gauge(
        "registry_db_pool_connections",
        "Database pool connections, by state.",
        &[("state=\"in_use\"", (size - idle) as f64), ("state=\"idle\"", idle as f64)],
    );
    gauge(
        "registry_db_pool_max_connections",
        "The pool's configured maximum.",
        &[("", max as f64)],
    );
    gauge(
        "registry_search_cache_entries",
        "Cached search summaries (live and expired).",
        &[("", state.search_summaries.len() as f64)],
    );
    gauge(
        "registry_search_cache_bytes",
        "Memory held by the search caches, estimated, by cache.",
        &[
            ("cache=\"summaries\"", state.search_summaries.bytes() as f64),
            ("cache=\"text\"", state.text_matches.bytes() as f64),
        ],
    );
    gauge(
        "registry_search_cache_budget_bytes",
        "The memory budget of each search cache.",
        &[
            ("cache=\"summaries\"", app::state::SUMMARY_CACHE_BYTES as f64),
            ("cache=\"text\"", app::state::TEXT_CACHE_BYTES as f64),
        ],
    );
    let generation = state.catalogue_generation().await;
    let queue = app::administration::services::admin::queue_counts(&state.db).await;
    gauge(
        "registry_database_up",
        "1 when the scrape's database queries succeeded.",
        &[("", if generation.is_ok() && queue.is_ok() { 1.0 } else { 0.0 })],
    );
    if let Ok(generation) = generation {
        gauge(
            "registry_catalogue_generation",
            "Bumped by every change to the public catalogue.",
            &[("", generation as f64)],
        );
    }
    if let Ok(queue) = queue {
        gauge(
            "registry_moderation_queue",
            "Items awaiting moderation, by kind.",
            &[
                ("kind=\"producers\"", queue.producers as f64),
                ("kind=\"listings\"", queue.listings as f64),
                ("kind=\"revisions\"", queue.revisions as f64),
            ],
        );
    }
}

/// (open connections, idle connections, maximum) of the sqlx pool under sea-orm.
fn pool_usage(db: &sea_orm::DatabaseConnection) -> (u32, u32, u32) {
    match db.get_database_backend() {
        sea_orm::DbBackend::Sqlite => {
            let pool = db.get_sqlite_connection_pool();
            (pool.size(), pool.num_idle() as u32, pool.options().get_max_connections())
        }
        sea_orm::DbBackend::Postgres => {
            let pool = db.get_postgres_connection_pool();
            (pool.size(), pool.num_idle() as u32, pool.options().get_max_connections())
        }
        _ => (0, 0, 0),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn histogram_buckets_are_cumulative() {
        let mut h = Histogram::default();
        h.observe(0.0005);
        h.observe(0.03);
        h.observe(20.0);
        assert_eq!(h.buckets[0], 1);
        assert_eq!(h.buckets[BUCKETS.iter().position(|b| *b == 0.05).unwrap()], 2);
        assert_eq!(h.buckets[BUCKETS.len() - 1], 2);
        assert_eq!(h.count, 3);
    }

    #[test]
    fn only_loopback_or_the_token_may_scrape() {
        let m = Metrics::new(Some("s3cret".into()));
        let local: SocketAddr = ([127, 0, 0, 1], 9).into();
        let remote: SocketAddr = ([203, 0, 113, 5], 9).into();
        let mut headers = HeaderMap::new();
        assert!(m.allows(Some(local), &headers).is_ok());
        assert!(m.allows(Some(remote), &headers).is_err());
        headers.insert("x-forwarded-for", "203.0.113.5".parse().unwrap());
        assert!(m.allows(Some(local), &headers).is_err(), "a proxy on loopback is not local");
        headers.insert(header::AUTHORIZATION, "Bearer s3cret".parse().unwrap());
        assert!(m.allows(Some(remote), &headers).is_ok());
        headers.insert(header::AUTHORIZATION, "Bearer wrong".parse().unwrap());
        assert_eq!(m.allows(Some(local), &headers).unwrap_err().0, 401);
    }
}
