//! `spawn_app()`: the real router on 127.0.0.1:0 over a fresh database, SQLite or PostgreSQL.

use sea_orm::{ConnectionTrait, DatabaseConnection, FromQueryResult, Statement};
use std::{
    net::SocketAddr,
    path::PathBuf,
    sync::atomic::{AtomicU64, Ordering},
};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

pub struct TestApp {
    pub addr: SocketAddr,
    pub db: DatabaseConnection,
    /// The server's clock: tests move it forward instead of sleeping.
    pub clock: std::sync::Arc<app::foundations::auth::Clock>,
    /// A client that keeps cookies and does not follow redirects (tests look at them).
    pub client: reqwest::Client,
    _database: TestDatabase,
}

impl TestApp {
    /// The database this app serves (for a separate server process on it).
    pub fn database(&self) -> &TestDatabase {
        &self._database
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://{}{}", self.addr, path)
    }

    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.client.get(self.url(path)).send().await.expect("request reaches the test server")
    }

    pub async fn get_html(&self, path: &str) -> String {
        let response = self.get(path).await;
        assert_eq!(response.status(), 200, "GET {path}");
        response.text().await.expect("body")
    }

    pub async fn count(&self, sql: &str) -> i64 {
        count(&self.db, sql).await
    }
}

#[derive(FromQueryResult)]
struct Count {
    n: i64,
}

pub async fn count(db: &DatabaseConnection, sql: &str) -> i64 {
    Count::find_by_statement(Statement::from_string(db.get_database_backend(), sql))
        .one(db)
        .await
        .expect("count query runs")
        .expect("count query returns a row")
        .n
}

static NEXT: AtomicU64 = AtomicU64::new(0);

fn unique_name() -> String {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or_default();
    format!(
        "registry_test_{}_{}_{}",
        std::process::id(),
        nanos % 1_000_000_000,
        NEXT.fetch_add(1, Ordering::Relaxed)
    )
}

/// The PostgreSQL server to test against, when `TEST_DATABASE_URL` names one.
pub fn postgres_url() -> Option<String> {
    std::env::var("TEST_DATABASE_URL").ok().filter(|u| !u.is_empty())
}

/// A database that exists for one test and is removed afterwards.
pub enum TestDatabase {
    SqliteFile(PathBuf),
    Postgres { admin_url: String, name: String },
}

impl TestDatabase {
    /// The URL a separate server process opens this database with.
    pub fn url(&self) -> String {
        match self {
            TestDatabase::SqliteFile(path) => format!("sqlite://{}?mode=rwc", path.display()),
            TestDatabase::Postgres { admin_url, name } => replace_database(admin_url, name),
        }
    }
}

impl Drop for TestDatabase {
    fn drop(&mut self) {
        match self {
            TestDatabase::SqliteFile(path) => {
                for suffix in ["", "-wal", "-shm"] {
                    let mut p = path.clone().into_os_string();
                    p.push(suffix);
                    let _ = std::fs::remove_file(p);
                }
            }
            TestDatabase::Postgres { admin_url, name } => {
                let (admin_url, name) = (admin_url.clone(), name.clone());
                // Drop runs inside the test's runtime: use a thread with its own.
                let _ = std::thread::spawn(move || {
                    let rt =
                        tokio::runtime::Builder::new_current_thread().enable_all().build().ok()?;
                    rt.block_on(async {
                        let admin = sea_orm::Database::connect(&admin_url).await.ok()?;
                        admin
                            .execute_unprepared(&format!(
                                "DROP DATABASE IF EXISTS {name} WITH (FORCE)"
                            ))
                            .await
                            .ok()
                    })
                })
                .join();
            }
        }
    }
}

/// Creates an empty, migrated database for one test.
pub async fn fresh_database(backend: Backend) -> (DatabaseConnection, TestDatabase) {
    let name = unique_name();
    let (url, guard) = match backend {
        Backend::Sqlite => {
            let path = std::env::temp_dir().join(format!("{name}.sqlite"));
            (format!("sqlite://{}?mode=rwc", path.display()), TestDatabase::SqliteFile(path))
        }
        Backend::Postgres => {
            let admin_url = postgres_url().expect("TEST_DATABASE_URL is set for PostgreSQL tests");
            let admin = sea_orm::Database::connect(&admin_url)
                .await
                .unwrap_or_else(|e| panic!("PostgreSQL at TEST_DATABASE_URL is unreachable: {e}"));
            admin
                .execute_unprepared(&format!("CREATE DATABASE {name}"))
                .await
                .expect("create test database");
            admin.close().await.ok();
            (replace_database(&admin_url, &name), TestDatabase::Postgres { admin_url, name })
        }
    };
    let db = server::db::open_migrated(&url).await.expect("migrations apply to a fresh database");
    (db, guard)
}

/// `postgres://u@h:5432/postgres?x` → `postgres://u@h:5432/{name}?x`.
fn replace_database(url: &str, name: &str) -> String {
    let (base, query) = url.split_once('?').map_or((url, None), |(b, q)| (b, Some(q)));
    let authority_end = base.find("://").map(|i| i + 3).unwrap_or(0);
    let base = match base[authority_end..].find('/') {
        Some(slash) => &base[..authority_end + slash],
        None => base,
    };
    match query {
        Some(q) => format!("{base}/{name}?{q}"),
        None => format!("{base}/{name}"),
    }
}

/// Where cargo-leptos put the built front end (needed only by browser tests).
pub fn site_root() -> String {
    // cargo-leptos writes the site under the workspace, whatever CARGO_TARGET_DIR says.
    std::env::var("LEPTOS_SITE_ROOT")
        .unwrap_or_else(|_| concat!(env!("CARGO_MANIFEST_DIR"), "/../target/site").to_owned())
}

pub async fn spawn_app(backend: Backend) -> TestApp {
    let (db, guard) = fresh_database(backend).await;
    spawn_app_with(db, guard).await
}

pub async fn spawn_app_with(db: DatabaseConnection, guard: TestDatabase) -> TestApp {
    spawn_configured(db, guard, Default::default(), Default::default()).await
}

/// The app with its limits and trusted proxies set as an operator's flags would.
pub async fn spawn_app_configured(
    backend: Backend,
    auth: app::foundations::auth::AuthConfig,
) -> TestApp {
    let (db, guard) = fresh_database(backend).await;
    spawn_configured(db, guard, auth, Default::default()).await
}

/// The app with a site configuration (`PUBLIC_URL`, `CONTACT_EMAIL`).
pub async fn spawn_app_with_site(backend: Backend, site: app::state::SiteConfig) -> TestApp {
    let (db, guard) = fresh_database(backend).await;
    spawn_configured(db, guard, Default::default(), site).await
}

async fn spawn_configured(
    db: DatabaseConnection,
    guard: TestDatabase,
    auth: app::foundations::auth::AuthConfig,
    site: app::state::SiteConfig,
) -> TestApp {
    let (addr, clock) = serve(db.clone(), auth, site).await;
    TestApp { addr, db, clock, client: browser(), _database: guard }
}

/// One more server process's worth of state (its own caches, clock and counters in memory) on
/// the same database, as a second instance behind a load balancer; returns its address.
pub async fn serve_instance(
    db: DatabaseConnection,
    auth: app::foundations::auth::AuthConfig,
) -> (SocketAddr, std::sync::Arc<app::foundations::auth::Clock>) {
    serve(db, auth, Default::default()).await
}

async fn serve(
    db: DatabaseConnection,
    auth: app::foundations::auth::AuthConfig,
    site: app::state::SiteConfig,
) -> (SocketAddr, std::sync::Arc<app::foundations::auth::Clock>) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind port 0");
    let addr = listener.local_addr().expect("local addr");
    let args = server::cli::ServeArgs { addr, site_root: site_root(), ..Default::default() };
    let state = app::state::AppState::new(db, server::cli::leptos_options(&args))
        .with_auth(auth)
        .with_site(site);
    let clock = state.clock.clone();
    let router = server::router::build_router(state);
    tokio::spawn(async move {
        axum::serve(listener, router.into_make_service_with_connect_info::<SocketAddr>())
            .await
            .expect("test server runs");
    });
    (addr, clock)
}

/// A client that keeps cookies and does not follow redirects (tests look at them): one
/// browser, one user.
pub fn browser() -> reqwest::Client {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .cookie_store(true)
        // A response that never ends fails its test, naming the URL, instead of hanging the run.
        .timeout(std::time::Duration::from_secs(60))
        .build()
        .expect("client")
}

/// Runs one async test body against SQLite, and against PostgreSQL when `TEST_DATABASE_URL`
/// is set: `on_both_backends!(name, |backend| async move { ... })`. Without it the PostgreSQL
/// variant is reported as ignored (see `build.rs`), and CI refuses to run that way.
#[macro_export]
macro_rules! on_both_backends {
    ($name:ident, $body:expr) => {
        mod $name {
            #[allow(unused_imports)]
            use super::*;

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn sqlite() {
                ($body)($crate::helpers::Backend::Sqlite).await;
            }

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            #[cfg_attr(
                not(postgres_tests),
                ignore = "TEST_DATABASE_URL was unset when the tests were built"
            )]
            async fn postgres() {
                ($body)($crate::helpers::Backend::Postgres).await;
            }
        }
    };
}

/// CI must test both engines: a run there without PostgreSQL fails instead of skipping.
#[test]
fn ci_tests_postgresql_too() {
    if std::env::var_os("CI").is_some() {
        assert!(
            postgres_url().is_some() && cfg!(postgres_tests),
            "CI is set but TEST_DATABASE_URL is not (or was not when the tests were built): \
             the PostgreSQL variants would not run"
        );
    }
}

#[test]
fn replace_database_keeps_credentials_and_options() {
    assert_eq!(
        replace_database("postgres://postgres@127.0.0.1:5432/postgres?sslmode=disable", "t1"),
        "postgres://postgres@127.0.0.1:5432/t1?sslmode=disable"
    );
    assert_eq!(replace_database("postgres://u@h", "t2"), "postgres://u@h/t2");
}

impl TestApp {
    pub fn origin(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// Posts a form as a browser on this site does (url-encoded, with `Origin`).
    pub async fn post_form(
        &self,
        client: &reqwest::Client,
        path: &str,
        fields: &[(&str, &str)],
    ) -> reqwest::Response {
        client
            .post(self.url(path))
            .header("origin", self.origin())
            .form(fields)
            .send()
            .await
            .expect("request reaches the test server")
    }

    pub async fn get_with(&self, client: &reqwest::Client, path: &str) -> reqwest::Response {
        client.get(self.url(path)).send().await.expect("request reaches the test server")
    }

    pub async fn db_exec(&self, sql: &str) {
        self.db.execute_unprepared(sql).await.unwrap_or_else(|e| panic!("{sql}: {e}"));
    }
}

const OPERATOR_EMAIL: &str = "operator@registry.example";

/// The id of an administrator made through `server admin create`, as an operator would
/// (created on first use).
pub async fn operator_admin(app: &TestApp) -> i64 {
    let find = format!(
        "SELECT COALESCE(MAX(id), 0) AS n FROM user_account WHERE email = '{OPERATOR_EMAIL}'"
    );
    if app.count(&find).await == 0 {
        use clap::Parser;
        let cli = server::cli::Cli::try_parse_from([
            "server",
            "admin",
            "create",
            "--email",
            OPERATOR_EMAIL,
            "--password-stdin",
        ])
        .expect("arguments parse");
        let Some(server::cli::Command::Admin(command)) = cli.command else {
            panic!("not an admin command")
        };
        server::admin_cli::run(&app.db, command, |_| Ok("Operator-of-the-registry-42".into()))
            .await
            .expect("administrator created");
    }
    app.count(&find).await
}

/// Suspends a producer through the administration service: fixtures hide entries the way the
/// registry does, so a search test also checks what that path leaves behind.
pub async fn suspend_producer(app: &TestApp, producer_id: i64) {
    let admin = operator_admin(app).await;
    app::administration::services::admin::suspend(
        &app.db,
        admin,
        producer_id,
        "fixture",
        app.clock.now(),
    )
    .await
    .unwrap_or_else(|e| panic!("suspend producer {producer_id}: {e:?}"));
}

/// Withdraws a published listing through the producers' service, acting as its owner (seeded
/// producers have none, so the listing's producer is lent one account for the withdrawal).
pub async fn withdraw_listing(app: &TestApp, listing_id: i64) {
    let owner = operator_admin(app).await;
    let producer =
        app.count(&format!("SELECT producer_id AS n FROM listing WHERE id = {listing_id}")).await;
    app.db_exec(&format!("UPDATE producer SET owner_user_id = {owner} WHERE id = {producer}"))
        .await;
    let user = app::foundations::auth::CurrentUser {
        id: owner,
        email: OPERATOR_EMAIL.into(),
        role: app::foundations::auth::Role::Producer,
        session_id: String::new(),
    };
    let withdrawn = app::workspace::services::listings::act(
        &app.db,
        &user,
        listing_id,
        app::workspace::services::listings::Action::Withdraw,
        app.clock.now(),
        None,
    )
    .await;
    app.db_exec(&format!("UPDATE producer SET owner_user_id = NULL WHERE id = {producer}")).await;
    withdrawn.unwrap_or_else(|e| panic!("withdraw listing {listing_id}: {e:?}"));
}

/// The version a page's decision form carries (its hidden `revision` field), if it has one.
pub fn shown_version(html: &str) -> Option<String> {
    let start = html.find(r#"name="revision" value=""#)? + r#"name="revision" value=""#.len();
    let len = html[start..].find('"')?;
    Some(html[start..start + len].to_owned())
}

/// The value of the queue checkbox of one entry (`kind:id:version`), as `/admin/queue` shows it
/// in `queue_html`: bulk decisions send the version each row showed.
pub fn queued_item(queue_html: &str, kind_and_id: &str) -> String {
    let start = queue_html.find(&format!("value=\"{kind_and_id}:")).expect("a queued row") + 7;
    queue_html[start..start + queue_html[start..].find('"').unwrap()].to_owned()
}

/// Posts an administrator's decision as the item page does: with the version that page shows
/// now, unless `fields` names one.
pub async fn post_decision(
    app: &TestApp,
    admin: &reqwest::Client,
    kind: &str,
    id: i64,
    fields: &[(&str, &str)],
) -> reqwest::Response {
    let path = format!("/admin/queue/{kind}/{id}");
    let mut fields = fields.to_vec();
    let shown;
    if !fields.iter().any(|(k, _)| *k == "revision") {
        let page = app.get_with(admin, &path).await.text().await.expect("item page");
        shown = shown_version(&page).unwrap_or_default();
        fields.push(("revision", shown.as_str()));
    }
    app.post_form(admin, &path, &fields).await
}
