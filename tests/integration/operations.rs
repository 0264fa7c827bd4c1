//! Running it as a service: `server backup` / `server restore`, `/metrics`, graceful shutdown.

use crate::helpers::{
    Backend, TestDatabase, count, fresh_database, operator_admin, postgres_url, spawn_app,
    spawn_app_with, suspend_producer,
};
use sea_orm::{ConnectionTrait, DatabaseConnection};

use server::ops::backup::{self, BackupError};
use std::{
    net::SocketAddr,
    path::PathBuf,
    sync::{
        Arc,
        atomic::{AtomicU64, Ordering},
    },
    time::{Duration, Instant},
};

const TABLES: [&str; 5] = ["producer", "listing", "certification", "user_account", "audit_event"];

static NEXT: AtomicU64 = AtomicU64::new(0);

fn unique(prefix: &str) -> String {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.subsec_nanos())
        .unwrap_or_default();
    format!("{prefix}_{}_{nanos}_{}", std::process::id(), NEXT.fetch_add(1, Ordering::Relaxed))
}

/// `postgres://u@h:5432/postgres?x` → `postgres://u@h:5432/{name}?x`.
fn with_database(url: &str, name: &str) -> String {
    let (base, query) = url.split_once('?').map_or((url, None), |(b, q)| (b, Some(q)));
    let authority = base.find("://").map_or(0, |i| i + 3);
    let base = base[authority..].find('/').map_or(base, |slash| &base[..authority + slash]);
    match query {
        Some(q) => format!("{base}/{name}?{q}"),
        None => format!("{base}/{name}"),
    }
}

/// The URL `server` would be given for a test database.
pub fn database_url(database: &TestDatabase) -> String {
    match database {
        TestDatabase::SqliteFile(path) => format!("sqlite://{}?mode=rwc", path.display()),
        TestDatabase::Postgres { admin_url, name } => with_database(admin_url, name),
    }
}

/// A restore target with nothing in it: SQLite, a file name not yet used; PostgreSQL, a
/// database created as `fresh_database` does but not migrated.
pub async fn empty_database(backend: Backend) -> (String, TestDatabase) {
    let name = unique("registry_restore");
    let guard = match backend {
        Backend::Sqlite => {
            TestDatabase::SqliteFile(std::env::temp_dir().join(format!("{name}.sqlite")))
        }
        Backend::Postgres => {
            let admin_url = postgres_url().expect("TEST_DATABASE_URL is set for PostgreSQL tests");
            let admin = sea_orm::Database::connect(&admin_url).await.expect("PostgreSQL is up");
            admin.execute_unprepared(&format!("CREATE DATABASE {name}")).await.expect("create");
            admin.close().await.ok();
            TestDatabase::Postgres { admin_url, name }
        }
    };
    (database_url(&guard), guard)
}

/// A backup file name in the temporary folder, removed afterwards.
struct BackupFile(PathBuf);

impl BackupFile {
    fn new() -> Self {
        Self(std::env::temp_dir().join(unique("registry_backup") + ".backup"))
    }
}

impl Drop for BackupFile {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}

async fn table_counts(db: &DatabaseConnection) -> Vec<(&'static str, i64)> {
    let mut out = Vec::new();
    for table in TABLES {
        out.push((table, count(db, &format!("SELECT COUNT(*) AS n FROM {table}")).await));
    }
    out
}

/// `spawn_app`, and the URL of its database (for `backup` and `restore`).
async fn spawn_app_and_url(backend: Backend) -> (crate::helpers::TestApp, String) {
    let (db, guard) = fresh_database(backend).await;
    let url = database_url(&guard);
    (spawn_app_with(db, guard).await, url)
}

async fn wheat_total(app: &crate::helpers::TestApp) -> i64 {
    let response = app.get("/api/v1/listings?q=wheat").await;
    assert_eq!(response.status(), 200);
    let body: serde_json::Value = response.json().await.expect("JSON body");
    body["total"].as_i64().expect("total")
}

crate::on_both_backends!(
    backup_then_restore_gives_the_same_registry,
    |backend: Backend| async move {
        let (source, source_url) = spawn_app_and_url(backend).await;
        server::seed::seed(&source.db, 60, 42, false).await.expect("seeded");
        // Accounts and audit events too: an administrator who suspends a producer.
        operator_admin(&source).await;
        suspend_producer(&source, 1).await;
        let before = table_counts(&source.db).await;
        assert!(before.iter().all(|(_, n)| *n > 0), "every table has rows: {before:?}");
        let wheat = wheat_total(&source).await;
        assert!(wheat > 0, "the seed has wheat listings");

        let file = BackupFile::new();
        let report = backup::backup(&source_url, &file.0).await.expect("backup");
        assert!(report.bytes > 0 && file.0.is_file(), "{report}");

        let (target_url, target_guard) = empty_database(backend).await;
        let restored = backup::restore(&target_url, &file.0).await.expect("restore");
        assert_eq!(restored.producers, 60);

        let db = server::db::connect(&target_url).await.expect("connect to the restored database");
        assert_eq!(table_counts(&db).await, before, "row counts survive backup and restore");
        let copy = spawn_app_with(db, target_guard).await;
        assert_eq!(
            wheat_total(&copy).await,
            wheat,
            "the restored registry finds the same listings"
        );
        // The source is untouched.
        assert_eq!(table_counts(&source.db).await, before);
    }
);

crate::on_both_backends!(restore_refuses_a_database_with_data, |backend: Backend| async move {
    let (source, source_url) = spawn_app_and_url(backend).await;
    server::seed::seed(&source.db, 5, 42, false).await.expect("seeded");
    let file = BackupFile::new();
    backup::backup(&source_url, &file.0).await.expect("backup");

    // Into a database that has producers: refused, and nothing changes.
    let (other, other_guard) = fresh_database(backend).await;
    server::seed::seed(&other, 3, 7, false).await.expect("seeded");
    let before = table_counts(&other).await;
    let refused = backup::restore(&database_url(&other_guard), &file.0).await;
    match refused {
        Err(BackupError::NotEmpty { producers: 3, accounts: 0 }) => {}
        other => panic!("expected a refusal naming 3 producers, got {other:?}"),
    }
    let message = backup::restore(&database_url(&other_guard), &file.0).await.unwrap_err();
    assert!(message.to_string().contains("not empty"), "{message}");
    assert_eq!(table_counts(&other).await, before, "the refused target is unchanged");

    // Accounts alone are enough to refuse.
    let (accounts, accounts_url) = spawn_app_and_url(backend).await;
    operator_admin(&accounts).await;
    assert!(matches!(
        backup::restore(&accounts_url, &file.0).await,
        Err(BackupError::NotEmpty { producers: 0, accounts: 1 })
    ));

    // A file that is not a backup of this kind is refused before anything is touched.
    let junk = BackupFile::new();
    std::fs::write(&junk.0, b"not a backup").unwrap();
    let (target_url, _target) = empty_database(backend).await;
    let wrong = backup::restore(&target_url, &junk.0).await;
    assert!(matches!(wrong, Err(BackupError::WrongFormat { .. })), "{wrong:?}");
});

crate::on_both_backends!(backup_refuses_an_existing_file, |backend: Backend| async move {
    let (source, source_url) = spawn_app_and_url(backend).await;
    server::seed::seed(&source.db, 3, 42, false).await.expect("seeded");
    let file = BackupFile::new();
    std::fs::write(&file.0, b"precious").unwrap();
    let refused = backup::backup(&source_url, &file.0).await;
    assert!(matches!(&refused, Err(BackupError::OutputExists(p)) if *p == file.0), "{refused:?}");
    assert!(refused.unwrap_err().to_string().contains("already exists"));
    assert_eq!(std::fs::read(&file.0).unwrap(), b"precious", "the existing file is untouched");
});

crate::on_both_backends!(restore_into_a_migrated_empty_database, |backend: Backend| async move {
    let (db, guard) = fresh_database(backend).await;
    server::seed::seed(&db, 4, 42, false).await.expect("seeded");
    let before = table_counts(&db).await;
    let file = BackupFile::new();
    backup::backup(&database_url(&guard), &file.0).await.expect("backup");
    // Migrated, no producers or accounts yet (what `server migrate` leaves).
    let (_empty, empty_guard) = fresh_database(backend).await;
    let restored = backup::restore(&database_url(&empty_guard), &file.0).await;
    match backend {
        // The file is a database someone made: SQLite restores only into a new file.
        Backend::Sqlite => {
            assert!(matches!(restored, Err(BackupError::TargetFileExists(_))), "{restored:?}")
        }
        // PostgreSQL replaces the empty tables with the backup's.
        Backend::Postgres => {
            assert_eq!(restored.expect("restore").producers, 4);
            let db = server::db::connect(&database_url(&empty_guard)).await.unwrap();
            assert_eq!(table_counts(&db).await, before);
        }
    }
});

// ---------------------------------------------------------------------------------------
// /metrics

fn metric_value(body: &str, series: &str) -> Option<f64> {
    body.lines()
        .find_map(|line| line.strip_prefix(series).and_then(|rest| rest.strip_prefix(' ')))
        .and_then(|v| v.trim().parse().ok())
}

crate::on_both_backends!(metrics_count_requests_by_route, |backend: Backend| async move {
    let app = spawn_app(backend).await;
    server::seed::seed(&app.db, 5, 42, false).await.expect("seeded");
    for _ in 0..3 {
        assert_eq!(app.get("/healthz").await.status(), 200);
    }
    for id in [999_998, 999_999] {
        assert_eq!(app.get(&format!("/api/v1/listings/{id}")).await.status(), 404);
    }
    assert_eq!(app.get("/api/v1/listings?q=wheat").await.status(), 200);

    let response = app.get("/metrics").await;
    assert_eq!(response.status(), 200);
    assert!(
        response.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/plain; version=0.0.4")
    );
    let body = response.text().await.unwrap();
    let value = |series: &str| {
        metric_value(&body, series).unwrap_or_else(|| panic!("no `{series}` in\n{body}"))
    };
    assert_eq!(
        value(r#"registry_http_requests_total{route="/healthz",method="GET",status="200"}"#),
        3.0
    );
    // One series for every id: the route's pattern, not the URL.
    assert_eq!(
        value(
            r#"registry_http_requests_total{route="/api/v1/listings/{id}",method="GET",status="404"}"#
        ),
        2.0
    );
    // Only the labels: a sample's value (a byte count, a sum of seconds) may hold these digits.
    let mut labels = body.lines().filter(|l| !l.starts_with('#')).filter_map(|l| {
        let (_, rest) = l.split_once('{')?;
        Some(rest.split_once('}')?.0)
    });
    assert!(!labels.any(|l| l.contains("99999")), "raw URLs never become labels");
    assert_eq!(
        value(r#"registry_http_request_duration_seconds_count{route="/healthz",method="GET"}"#),
        3.0
    );
    assert_eq!(
        value(
            r#"registry_http_request_duration_seconds_bucket{route="/healthz",method="GET",le="+Inf"}"#
        ),
        3.0
    );
    assert_eq!(
        value(
            r#"registry_http_requests_total{route="/api/v1/listings",method="GET",status="200"}"#
        ),
        1.0
    );
    let generation = app::catalogue::services::search::catalogue_generation(&app.db).await.unwrap();
    assert_eq!(value("registry_catalogue_generation"), generation as f64);
    let queue = app::administration::services::admin::queue_counts(&app.db).await.unwrap();
    assert_eq!(value(r#"registry_moderation_queue{kind="producers"}"#), queue.producers as f64);
    assert_eq!(value(r#"registry_moderation_queue{kind="listings"}"#), queue.listings as f64);
    assert_eq!(value("registry_database_up"), 1.0);
    let max = match backend {
        Backend::Sqlite => 8.0,
        Backend::Postgres => 16.0,
    };
    assert_eq!(value("registry_db_pool_max_connections"), max);
    assert!(value(r#"registry_db_pool_connections{state="idle"}"#) >= 0.0);
    assert!(value("registry_search_cache_entries") >= 1.0, "the wheat search was cached");
    // The caches report what they hold in bytes, within their budgets.
    for cache in ["summaries", "text"] {
        let bytes = value(&format!(r#"registry_search_cache_bytes{{cache="{cache}"}}"#));
        let budget = value(&format!(r#"registry_search_cache_budget_bytes{{cache="{cache}"}}"#));
        assert!(bytes > 0.0 && bytes <= budget, "{cache}: {bytes} of {budget} bytes");
    }

    // The scrape itself is counted by the next one.
    let again = app.get("/metrics").await.text().await.unwrap();
    assert_eq!(
        metric_value(
            &again,
            r#"registry_http_requests_total{route="/metrics",method="GET",status="200"}"#
        ),
        Some(1.0)
    );
});

#[tokio::test]
async fn metrics_are_for_loopback_or_the_token() {
    let (db, _guard) = fresh_database(Backend::Sqlite).await;
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let args = server::cli::ServeArgs { addr, ..Default::default() };
    let state = app::state::AppState::new(db, server::cli::leptos_options(&args));
    let metrics = server::ops::metrics::Metrics::new(Some("let-me-in".into()));
    let router = server::router::build_router_with_metrics(state, metrics);
    tokio::spawn(async move {
        axum::serve(listener, router.into_make_service_with_connect_info::<SocketAddr>())
            .await
            .expect("test server runs");
    });
    let client = reqwest::Client::new();
    let url = format!("http://{addr}/metrics");
    let get = |headers: &'static [(&'static str, &'static str)]| {
        let mut request = client.get(&url);
        for (name, value) in headers {
            request = request.header(*name, *value);
        }
        request.send()
    };
    assert_eq!(get(&[]).await.unwrap().status(), 200, "loopback may scrape");
    let proxied = get(&[("x-forwarded-for", "203.0.113.9")]).await.unwrap();
    assert_eq!(proxied.status(), 403, "a request through a local proxy is not local");
    assert!(proxied.text().await.unwrap().contains("METRICS_TOKEN"));
    let wrong = get(&[("authorization", "Bearer nope")]).await.unwrap();
    assert_eq!(wrong.status(), 401);
    assert!(wrong.text().await.unwrap().contains("wrong metrics token"));
    let with_token =
        get(&[("x-forwarded-for", "203.0.113.9"), ("authorization", "Bearer let-me-in")])
            .await
            .unwrap();
    assert_eq!(with_token.status(), 200);
    assert!(with_token.text().await.unwrap().contains("registry_http_requests_total"));
}

// ---------------------------------------------------------------------------------------
// Graceful shutdown (the serving loop `server serve` uses, on a tiny router: the signal is a
// channel here rather than SIGTERM).

struct Gate {
    started: tokio::sync::Notify,
    release: tokio::sync::Notify,
}

fn slow_router(gate: Arc<Gate>) -> axum::Router {
    axum::Router::new().route(
        "/slow",
        axum::routing::get(move || {
            let gate = gate.clone();
            async move {
                gate.started.notify_one();
                gate.release.notified().await;
                "finished"
            }
        }),
    )
}

async fn start(
    grace: Duration,
) -> (
    SocketAddr,
    Arc<Gate>,
    tokio::sync::oneshot::Sender<()>,
    tokio::task::JoinHandle<std::io::Result<server::ops::shutdown::Stopped>>,
) {
    let gate =
        Arc::new(Gate { started: tokio::sync::Notify::new(), release: tokio::sync::Notify::new() });
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let server = tokio::spawn(server::ops::shutdown::serve_with_deadline(
        listener,
        slow_router(gate.clone()),
        async move {
            let _ = stopped.await;
        },
        grace,
    ));
    (addr, gate, stop, server)
}

/// Polls until nothing accepts connections on `addr` (or fails after five seconds).
async fn wait_until_refused(addr: SocketAddr) {
    let deadline = Instant::now() + Duration::from_secs(5);
    while tokio::net::TcpStream::connect(addr).await.is_ok() {
        assert!(Instant::now() < deadline, "still accepting connections after shutdown began");
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn shutdown_finishes_requests_in_flight_and_accepts_no_new_ones() {
    let (addr, gate, stop, server) = start(Duration::from_secs(10)).await;
    let in_flight = tokio::spawn(async move {
        let response = reqwest::get(format!("http://{addr}/slow")).await?;
        response.text().await
    });
    gate.started.notified().await;
    stop.send(()).unwrap();
    wait_until_refused(addr).await;
    assert!(!server.is_finished(), "the server waits for the request in flight");
    gate.release.notify_one();
    assert_eq!(in_flight.await.unwrap().expect("the request in flight completes"), "finished");
    let stopped = tokio::time::timeout(Duration::from_secs(5), server)
        .await
        .expect("the server stops once its requests are done")
        .unwrap()
        .unwrap();
    assert_eq!(stopped, server::ops::shutdown::Stopped::Drained);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn shutdown_gives_up_on_requests_after_the_grace_period() {
    let grace = Duration::from_millis(300);
    let (addr, gate, stop, server) = start(grace).await;
    let _hanging = tokio::spawn(reqwest::get(format!("http://{addr}/slow")));
    gate.started.notified().await;
    let signalled = Instant::now();
    stop.send(()).unwrap();
    let stopped = tokio::time::timeout(Duration::from_secs(5), server)
        .await
        .expect("the server stops after the grace period")
        .unwrap()
        .unwrap();
    assert_eq!(stopped, server::ops::shutdown::Stopped::DeadlineReached);
    assert!(signalled.elapsed() >= grace, "it waited the grace period first");
    assert_eq!(server::ops::shutdown::GRACE, Duration::from_secs(10));
}
