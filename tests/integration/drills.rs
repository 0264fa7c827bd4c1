//! Drills (issue 9): what an operator would try before trusting the registry with a country's
//! producers. They run longer than tests (60 s each by default, `DRILL_SECONDS` to change), so
//! the suite leaves them out; `make drills` runs them on SQLite and PostgreSQL and prints one
//! `DRILL …` line of figures each (docs/operations.md keeps the last run's).
//!
//! - crash safety: the server process killed with SIGKILL 20 times while 6 producers save drafts
//!   through the form; every save answered with a redirect is there afterwards;
//! - hostile input: ≥ 10,000 requests of malformed, oversized and odd-Unicode values into every
//!   form field and query parameter; no answer is a 5xx;
//! - concurrent writers: 16 producers saving at once; no 5xx;
//! - load: 256 concurrent connections mixing search pages, the API, detail pages and sign-in
//!   attempts; no 5xx, p50/p99 reported.

use crate::helpers::{Backend, browser, fresh_database, site_root, spawn_app_configured};
use crate::producers::{PASSWORD, listing_form};
use app::foundations::auth::{AuthConfig, Limit};
use app::foundations::domain::{CountryCode, TaxId};
use futures_util::StreamExt;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

macro_rules! drill {
    ($name:ident, $body:expr) => {
        mod $name {
            #[allow(unused_imports)]
            use super::*;

            #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
            #[ignore = "a drill: `make drills` runs it"]
            async fn sqlite() {
                ($body)($crate::helpers::Backend::Sqlite).await;
            }

            #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
            #[ignore = "a drill: `make drills` runs it"]
            async fn postgres() {
                assert!(
                    $crate::helpers::postgres_url().is_some(),
                    "the PostgreSQL drill needs TEST_DATABASE_URL"
                );
                ($body)($crate::helpers::Backend::Postgres).await;
            }
        }
    };
}

fn seconds() -> u64 {
    std::env::var("DRILL_SECONDS").ok().and_then(|s| s.parse().ok()).unwrap_or(60)
}

fn engine(backend: Backend) -> &'static str {
    match backend {
        Backend::Sqlite => "sqlite",
        Backend::Postgres => "postgres",
    }
}

/// Limits out of the way: the drills measure the rest of the server, not the rate limiter.
fn unlimited() -> AuthConfig {
    let open = Limit { max: u32::MAX / 2, window: Duration::from_secs(60) };
    AuthConfig {
        login_per_ip: open,
        login_per_account: open,
        register_per_ip: open,
        reset_per_ip: open,
        reset_per_address: open,
        api_per_ip: open,
        inquiry_per_ip: open,
        inquiry_per_address: open,
        ..Default::default()
    }
}

/// The `n`-th valid Kazakh BIN of a series (check digit computed).
pub(crate) fn bin(n: usize) -> String {
    (0..10)
        .map(|k| format!("94014{:06}", n * 10 + k))
        .find_map(|first11| {
            let digits: Vec<u8> = first11.bytes().map(|b| b - b'0').collect();
            let check = app::foundations::domain::kz_check_digit(&digits.try_into().ok()?)?;
            let bin = format!("{first11}{check}");
            TaxId::parse(CountryCode::KZ, &bin).ok().map(|_| bin)
        })
        .expect("a valid BIN")
}

/// Registers producer `n` with a company draft; returns its signed-in client.
async fn producer(base: &str, n: usize) -> reqwest::Client {
    let client = browser();
    let email = format!("drill{n}@example.kz");
    let post = |path: &str, fields: Vec<(String, String)>| {
        client.post(format!("{base}{path}")).header("origin", base).form(&fields).send()
    };
    let own = |v: &[(&str, &str)]| -> Vec<(String, String)> {
        v.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())).collect()
    };
    let r = post(
        "/register",
        own(&[
            ("email", &email),
            ("password", PASSWORD),
            ("password_confirm", PASSWORD),
            ("accept_terms", "on"),
        ]),
    )
    .await
    .expect("register");
    assert_eq!(r.status(), 303, "registration of {email}");
    let tax_id = bin(n);
    let mut company = own(&crate::producers::company_form("940140000385"));
    for (k, v) in company.iter_mut() {
        if k == "tax_id" {
            *v = tax_id.clone();
        }
    }
    let r = post("/account/company", company).await.expect("company");
    assert_eq!(r.status(), 303, "company of {email}: {}", r.text().await.unwrap_or_default());
    client
}

/// Posts a new product draft named `name`; Some(status) when an answer came.
async fn save_draft(client: &reqwest::Client, base: &str, name: &str) -> Option<u16> {
    let mut form: Vec<(String, String)> =
        listing_form("x").into_iter().map(|(k, v)| (k.to_owned(), v.to_owned())).collect();
    form[0].1 = name.to_owned();
    let r = client
        .post(format!("{base}/account/listings/new"))
        .header("origin", base)
        .form(&form)
        .timeout(Duration::from_secs(30))
        .send()
        .await
        .ok()?;
    Some(r.status().as_u16())
}

// ---------------------------------------------------------------------------------------------
// Crash safety

/// The server binary `cargo leptos build` leaves beside this test binary.
fn server_binary() -> std::path::PathBuf {
    let exe = std::env::current_exe().expect("test binary path");
    let debug = exe.parent().and_then(|deps| deps.parent()).expect("target/debug");
    let server = debug.join("server");
    assert!(server.exists(), "no {}: run `cargo leptos build` first", server.display());
    server
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

async fn start_server(url: &str, mail_dir: &std::path::Path) -> (tokio::process::Child, String) {
    let port = free_port();
    let base = format!("http://127.0.0.1:{port}");
    let child = tokio::process::Command::new(server_binary())
        .arg("serve")
        .env("DATABASE_URL", url)
        .env("LEPTOS_SITE_ADDR", format!("127.0.0.1:{port}"))
        .env("LEPTOS_SITE_ROOT", site_root())
        .env("DEMO_PRODUCERS", "0")
        .env("MAIL_DIR", mail_dir)
        .env("RUST_LOG", "error")
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .kill_on_drop(true)
        .spawn()
        .expect("server starts");
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        if let Ok(r) = reqwest::get(format!("{base}/readyz")).await
            && r.status() == 200
        {
            return (child, base);
        }
        assert!(Instant::now() < deadline, "the server at {base} did not get ready");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

drill!(sigkill_during_saves_loses_nothing_acknowledged, |backend: Backend| async move {
    let (db, database) = fresh_database(backend).await;
    let url = database.url();
    let mail_dir = std::env::temp_dir().join(format!("drill-mail-{}", std::process::id()));
    let (mut child, base) = start_server(&url, &mail_dir).await;
    let mut clients = Vec::new();
    for n in 0..6 {
        clients.push(producer(&base, n).await);
    }
    child.kill().await.ok();
    let acknowledged = Arc::new(std::sync::Mutex::new(Vec::<String>::new()));
    let mut answered_other = 0usize;
    let (mut rounds, mut kills) = (0usize, 0usize);
    while kills < 20 {
        rounds += 1;
        let (mut child, base) = start_server(&url, &mail_dir).await;
        let stop = Arc::new(AtomicBool::new(false));
        let mut tasks = Vec::new();
        for (n, client) in clients.iter().enumerate() {
            let (client, base, stop, acknowledged) =
                (client.clone(), base.clone(), stop.clone(), acknowledged.clone());
            tasks.push(tokio::spawn(async move {
                let mut other = 0usize;
                let mut i = 0;
                while !stop.load(Ordering::Relaxed) {
                    i += 1;
                    let name = format!("Drill r{rounds} c{n} #{i}");
                    match save_draft(&client, &base, &name).await {
                        Some(303) => acknowledged.lock().unwrap().push(name),
                        Some(_) => other += 1,
                        None => {}
                    }
                }
                other
            }));
        }
        // Killed at a different moment each round: 150 ms to 1.1 s into the saves.
        tokio::time::sleep(Duration::from_millis(150 + (rounds as u64 * 389) % 950)).await;
        child.start_kill().expect("SIGKILL");
        child.wait().await.ok();
        kills += 1;
        stop.store(true, Ordering::Relaxed);
        for t in tasks {
            answered_other += t.await.unwrap();
        }
    }
    let names = acknowledged.lock().unwrap().clone();
    let mut missing = Vec::new();
    for name in &names {
        let n = crate::helpers::count(
            &db,
            &format!("SELECT COUNT(*) AS n FROM listing WHERE product_name = '{name}'"),
        )
        .await;
        if n != 1 {
            missing.push(name.clone());
        }
    }
    let integrity = match backend {
        Backend::Sqlite => {
            use sea_orm::{ConnectionTrait, Statement};
            let row = db
                .query_one_raw(Statement::from_string(
                    db.get_database_backend(),
                    "PRAGMA integrity_check".to_owned(),
                ))
                .await
                .unwrap()
                .expect("a row");
            row.try_get_by_index::<String>(0).unwrap()
        }
        Backend::Postgres => "n/a".to_owned(),
    };
    println!(
        "DRILL crash {}: {kills} SIGKILLs, {} saves acknowledged, {} missing, {answered_other} \
         answered otherwise, integrity_check {integrity}",
        engine(backend),
        names.len(),
        missing.len()
    );
    assert!(names.len() > 20 * 6 / 2, "saves went through between the kills: {}", names.len());
    assert!(missing.is_empty(), "acknowledged but lost: {missing:?}");
    assert_eq!(answered_other, 0, "every save answered was a redirect");
    if backend == Backend::Sqlite {
        assert_eq!(integrity, "ok");
    }
    let _ = std::fs::remove_dir_all(mail_dir);
});

// ---------------------------------------------------------------------------------------------
// Hostile input

/// A small deterministic generator (xorshift): the same values on every run.
struct Values(u64);

impl Values {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[(self.next() % items.len() as u64) as usize]
    }

    /// One malformed, oversized or odd value.
    fn value(&mut self) -> String {
        const SEEDS: [&str; 32] = [
            "",
            " ",
            "\u{0}",
            "%",
            "%%",
            "%00",
            "\u{202e}gnp.exe",
            "\u{200b}",
            "\u{feff}",
            "😀🌾",
            "' OR 1=1 --",
            "\"; DROP TABLE producer; --",
            "<script>alert(1)</script>",
            "../../etc/passwd",
            "-1",
            "0",
            "99999999999999999999",
            "1e309",
            "NaN",
            "KZ-",
            "KZ:",
            "1101.",
            "01",
            "\r\n",
            "\t",
            "ǵ\u{301}\u{301}",
            "Алматы",
            "/\\/evil.example",
            "javascript:alert(1)",
            "9223372036854775808",
            "true",
            "null",
        ];
        match self.next() % 6 {
            0 => self.pick(&SEEDS).to_owned(),
            1 => self.pick(&SEEDS).repeat((self.next() % 100) as usize),
            2 => (0..(self.next() % 40))
                .filter_map(|_| char::from_u32((self.next() % 0x11000) as u32))
                .collect(),
            3 => format!("{}{}", self.pick(&SEEDS), self.pick(&SEEDS)),
            4 => "x".repeat((self.next() % 3000) as usize),
            _ => (self.next() as i64).to_string(),
        }
    }
}

const FORMS: [(&str, &[&str]); 11] = [
    ("/register", &["email", "password", "password_confirm", "accept_terms"]),
    ("/login", &["email", "password", "next"]),
    ("/forgot-password", &["email"]),
    (
        "/account/company",
        &[
            "legal_name",
            "name_latin",
            "country",
            "tax_id",
            "region",
            "city",
            "address",
            "website",
            "phone",
            "show_phone",
            "public_email",
            "year_founded",
            "workforce",
            "description",
            "cert_kind_0",
            "cert_issuer_0",
            "cert_number_0",
            "cert_from_0",
            "cert_until_0",
        ],
    ),
    (
        "/account/listings/new",
        &[
            "product_name",
            "hs_code",
            "hs_pick",
            "national_code",
            "description",
            "capacity",
            "capacity_unit",
            "min_order",
            "min_order_unit",
            "lead_time_days",
            "export_markets",
            "cert",
        ],
    ),
    ("/account/password", &["current_password", "new_password", "new_password_confirm"]),
    (
        "/producers/1/contact",
        &[
            "listing",
            "name",
            "email",
            "company",
            "country",
            "product",
            "quantity",
            "unit",
            "destination",
            "message",
        ],
    ),
    (
        "/rfq/new",
        &[
            "hs_code",
            "hs_pick",
            "product",
            "quantity",
            "unit",
            "destination",
            "incoterm",
            "deadline",
            "details",
            "country",
            "verified_only",
            "name",
            "company",
            "email",
        ],
    ),
    ("/rfq/close", &["key"]),
    (
        "/account/rfq/1/quote",
        &["price", "currency", "unit", "lead_time_days", "valid_until", "note"],
    ),
    // Multipart in the browser: posted url-encoded here, which must be refused with a 4xx.
    ("/account/claim/1", &["role", "email", "document"]),
];

const QUERIES: [&str; 15] = [
    "/search",
    "/api/v1/listings",
    "/api/v1/producers",
    "/search.csv",
    "/api/v1/hs",
    "/api/v1/regions",
    "/account/inquiries",
    "/admin/queue",
    "/lang/ru",
    "/rfq/new",
    "/rfq/view",
    "/rfq/confirm",
    "/claims/confirm",
    "/account/rfq",
    "/admin/claims",
];

const PARAMS: [&str; 17] = [
    "q", "country", "region", "hs", "section", "cert", "verified", "sort", "view", "page",
    "per_page", "next", "show", "kind", "key", "token", "product",
];

drill!(hostile_input_never_gets_a_5xx, |backend: Backend| async move {
    let app = spawn_app_configured(backend, unlimited()).await;
    server::seed::seed(&app.db, 20, 7, false).await.expect("seeded");
    let signed_in = producer(&app.url(""), 900).await;
    let anonymous = browser();
    let mut values = Values(0x9e37_79b9_7f4a_7c15 ^ backend as u64);
    let mut requests = Vec::new();
    for i in 0..10_400usize {
        let client = if i % 2 == 0 { signed_in.clone() } else { anonymous.clone() };
        let request = match i % 3 {
            0 => {
                let (path, fields) = FORMS[i / 3 % FORMS.len()];
                let form: Vec<(&str, String)> =
                    fields.iter().map(|f| (*f, values.value())).collect();
                client.post(app.url(path)).header("origin", app.origin()).form(&form)
            }
            1 => {
                let path = QUERIES[i / 3 % QUERIES.len()];
                let query: Vec<(&str, String)> = (0..1 + values.next() % 5)
                    .map(|_| (values.pick(&PARAMS), values.value()))
                    .collect();
                client.get(app.url(path)).query(&query)
            }
            _ => {
                // Odd path segments where ids and codes go.
                let segment: String = form_urlencoded::byte_serialize(values.value().as_bytes())
                    .collect::<String>()
                    .chars()
                    .take(2000)
                    .collect();
                let path = values.pick(&[
                    "/producers/",
                    "/listings/",
                    "/api/v1/listings/",
                    "/api/v1/producers/",
                    "/lang/",
                    "/sitemaps/",
                    "/account/listings/",
                    "/account/rfq/",
                    "/account/claim/",
                    "/admin/claims/",
                ]);
                client.get(app.url(&format!("{path}{segment}")))
            }
        };
        requests.push(request);
    }
    let total = requests.len();
    let started = Instant::now();
    let answers = futures_util::stream::iter(requests.into_iter().map(|r| async move {
        // A pooled connection the server had closed fails before it reaches the server:
        // such a request is sent once more; a second failure counts.
        let again = r.try_clone();
        let sent = match (r.send().await, again) {
            (Err(e), Some(again)) if !e.is_builder() => again.send().await,
            (sent, _) => sent,
        };
        match sent {
            Ok(response) => {
                let status = response.status().as_u16();
                let url: String = response.url().as_str().chars().take(160).collect();
                let body = response.text().await.unwrap_or_default();
                (status, url, body)
            }
            // A request the client library would not send (a URL too long for it) never
            // reached the server: counted apart, as 1.
            Err(e) if e.is_builder() => (1, String::new(), String::new()),
            Err(e) => (0, e.to_string().chars().take(160).collect(), String::new()),
        }
    }))
    .buffer_unordered(8)
    .collect::<Vec<_>>()
    .await;
    let mut by_class = std::collections::BTreeMap::<u16, usize>::new();
    let mut failures = Vec::new();
    for (status, url, body) in &answers {
        *by_class.entry(status / 100 * 100).or_default() += 1;
        if *status >= 500 || *status == 0 {
            failures
                .push(format!("{status} {url}: {}", body.chars().take(200).collect::<String>()));
        }
    }
    println!(
        "DRILL hostile-input {}: {total} requests in {:.1} s, by status class {by_class:?}",
        engine(backend),
        started.elapsed().as_secs_f64()
    );
    assert!(
        failures.is_empty(),
        "{} failures, first: {:#?}",
        failures.len(),
        &failures[..failures.len().min(5)]
    );
    drop(app);
});

// ---------------------------------------------------------------------------------------------
// Concurrent writers and load

fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    sorted[((sorted.len() - 1) as f64 * p).round() as usize]
}

struct Tally {
    statuses: std::collections::BTreeMap<u16, usize>,
    millis: Vec<f64>,
}

impl Tally {
    fn new() -> Self {
        Tally { statuses: Default::default(), millis: Vec::new() }
    }

    fn add(&mut self, other: Tally) {
        for (s, n) in other.statuses {
            *self.statuses.entry(s).or_default() += n;
        }
        self.millis.extend(other.millis);
    }

    fn errors(&self) -> usize {
        self.statuses.iter().filter(|(s, _)| **s >= 500 || **s == 0).map(|(_, n)| n).sum()
    }

    fn summary(&mut self, seconds: f64) -> String {
        self.millis.sort_by(f64::total_cmp);
        format!(
            "{} requests, {:.0} req/s, p50 {:.1} ms, p99 {:.1} ms, statuses {:?}",
            self.millis.len(),
            self.millis.len() as f64 / seconds,
            percentile(&self.millis, 0.5),
            percentile(&self.millis, 0.99),
            self.statuses
        )
    }
}

async fn timed(tally: &mut Tally, request: reqwest::RequestBuilder) {
    let started = Instant::now();
    let status = match request.timeout(Duration::from_secs(60)).send().await {
        Ok(r) => {
            let status = r.status().as_u16();
            let _ = r.bytes().await;
            status
        }
        Err(_) => 0,
    };
    tally.millis.push(started.elapsed().as_secs_f64() * 1000.0);
    *tally.statuses.entry(status).or_default() += 1;
}

drill!(sixteen_writers_at_once_get_no_5xx, |backend: Backend| async move {
    let app = spawn_app_configured(backend, unlimited()).await;
    let base = app.url("");
    let mut writers = Vec::new();
    for n in 0..16 {
        writers.push(producer(&base, 100 + n).await);
    }
    let until = Instant::now() + Duration::from_secs(seconds());
    let started = Instant::now();
    let mut tasks = Vec::new();
    for (n, client) in writers.into_iter().enumerate() {
        let base = base.clone();
        tasks.push(tokio::spawn(async move {
            let mut tally = Tally::new();
            let mut i = 0;
            while Instant::now() < until {
                i += 1;
                let mut form: Vec<(String, String)> = listing_form("x")
                    .into_iter()
                    .map(|(k, v)| (k.to_owned(), v.to_owned()))
                    .collect();
                form[0].1 = format!("Writer {n} draft {i}");
                let request = client
                    .post(format!("{base}/account/listings/new"))
                    .header("origin", &base)
                    .form(&form);
                timed(&mut tally, request).await;
            }
            tally
        }));
    }
    let mut tally = Tally::new();
    for t in tasks {
        tally.add(t.await.unwrap());
    }
    let elapsed = started.elapsed().as_secs_f64();
    println!(
        "DRILL writers {} (16 producers, {:.0} s): {}",
        engine(backend),
        elapsed,
        tally.summary(elapsed)
    );
    assert_eq!(tally.errors(), 0, "5xx or no answer: {:?}", tally.statuses);
    assert!(tally.statuses.get(&303).copied().unwrap_or(0) > 16, "saves went through");
});

drill!(load_of_256_connections_gets_no_5xx, |backend: Backend| async move {
    let app = spawn_app_configured(backend, unlimited()).await;
    server::seed::seed(&app.db, 300, 11, false).await.expect("seeded");
    let (producers, listings) = (
        app.count("SELECT MAX(id) AS n FROM producer").await,
        app.count("SELECT MAX(id) AS n FROM listing").await,
    );
    let base = app.url("");
    let until = Instant::now() + Duration::from_secs(seconds());
    let started = Instant::now();
    let words =
        ["wheat", "мука", "cotton", "paxta", "cement", "алматы", "honey", "1101", "kostanay"];
    let mut tasks = Vec::new();
    for n in 0..256u64 {
        let base = base.clone();
        // One client (one connection) per simulated visitor.
        let client = browser();
        tasks.push(tokio::spawn(async move {
            let mut tally = Tally::new();
            let mut i = n;
            while Instant::now() < until {
                i = i.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
                let word = words[(i >> 33) as usize % words.len()];
                let request = match (i >> 40) % 5 {
                    0 => client.get(format!("{base}/search?q={word}")),
                    1 => client
                        .get(format!("{base}/api/v1/listings?q={word}&page={}", 1 + (i >> 50) % 3)),
                    2 => {
                        client.get(format!("{base}/producers/{}", 1 + (i >> 20) as i64 % producers))
                    }
                    3 => client.get(format!("{base}/listings/{}", 1 + (i >> 20) as i64 % listings)),
                    _ => client.post(format!("{base}/login")).header("origin", &base).form(&[
                        ("email", format!("visitor{n}@example.com")),
                        ("password", "wrong".into()),
                    ]),
                };
                timed(&mut tally, request).await;
            }
            tally
        }));
    }
    let mut tally = Tally::new();
    for t in tasks {
        tally.add(t.await.unwrap());
    }
    let elapsed = started.elapsed().as_secs_f64();
    // The suite's debug build: these latencies measure robustness under overload, not speed
    // (release figures: `make bench`, docs/benchmarks.md).
    println!(
        "DRILL load {} (256 connections, {:.0} s, debug build): {}",
        engine(backend),
        elapsed,
        tally.summary(elapsed)
    );
    assert_eq!(tally.errors(), 0, "5xx or no answer: {:?}", tally.statuses);
    drop(app);
});

/// The drills' helpers are checked by the suite, so a drill never fails on its own set-up.
#[test]
fn drill_tax_ids_are_valid_and_distinct() {
    let ids: std::collections::HashSet<String> = (0..1000).map(bin).collect();
    assert_eq!(ids.len(), 1000);
}
