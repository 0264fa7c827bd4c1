//! Headless Chromium against the real server and the built front end, with JavaScript on
//! (islands hydrate, no console errors) and off (the same content, server-rendered).
//!
//! Needs `chromium` + `chromium-driver` and the cargo-leptos build in the site root: `make test`
//! provides both. Screenshots go to `target/screenshots/`.

use crate::helpers::{Backend, TestApp, site_root, spawn_app};
use fantoccini::{Client, ClientBuilder, Locator, wd::WebDriverCompatibleCommand};
use std::{
    io::{BufRead, BufReader},
    process::{Child, Command, Stdio},
    time::Duration,
};

/// A chromedriver process for one test, killed on drop.
pub(crate) struct ChromeDriver {
    child: Child,
    port: u16,
}

impl ChromeDriver {
    pub(crate) fn start() -> Self {
        let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
        let mut child = Command::new(
            std::env::var("CHROMEDRIVER").unwrap_or("chromedriver".into()),
        )
        .arg(format!("--port={port}"))
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect(
            "chromedriver on PATH (apt-get install chromium chromium-driver; `make setup` does)",
        );
        // Ready when it says so on stdout.
        let stdout = child.stdout.take().expect("piped stdout");
        let mut lines = BufReader::new(stdout).lines();
        loop {
            match lines.next() {
                Some(Ok(line)) if line.contains("started successfully") => break,
                Some(Ok(_)) => continue,
                _ => panic!("chromedriver exited before it was ready"),
            }
        }
        // Keep draining so the driver never blocks on a full pipe.
        std::thread::spawn(move || for _ in lines {});
        Self { child, port }
    }
}

impl Drop for ChromeDriver {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

pub(crate) async fn browser(driver: &ChromeDriver, javascript: bool) -> Client {
    browser_sized(driver, javascript, (1280, 1000)).await
}

/// [`browser`] with a window of `(width, height)` CSS pixels (390×844: a phone).
pub(crate) async fn browser_sized(
    driver: &ChromeDriver,
    javascript: bool,
    (width, height): (u32, u32),
) -> Client {
    // Two TLS backends are linked (ring, aws-lc-rs); chromedriver is plain HTTP, any will do.
    let _ = rustls::crypto::ring::default_provider().install_default();
    // One profile per session: a JavaScript-off session must not leave its setting behind.
    static SESSIONS: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);
    let profile = std::env::temp_dir().join(format!(
        "registry-chrome-{}-{}-{}",
        std::process::id(),
        driver.port,
        SESSIONS.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
    ));
    let mut caps = serde_json::Map::new();
    let mut options = serde_json::json!({
        "binary": std::env::var("CHROMIUM").unwrap_or("/usr/bin/chromium".into()),
        "args": [
            "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
            "--no-first-run", format!("--window-size={width},{height}"),
            format!("--user-data-dir={}", profile.display()),
        ],
    });
    if width < 500 {
        // Chromium's windows are at least 500 px wide: a phone's screen is emulated instead.
        options["mobileEmulation"] = serde_json::json!({
            "deviceMetrics": { "width": width, "height": height, "pixelRatio": 3.0, "touch": true }
        });
    }
    if !javascript {
        options["prefs"] =
            serde_json::json!({ "profile.managed_default_content_settings.javascript": 2 });
    }
    caps.insert("goog:chromeOptions".into(), options);
    caps.insert("goog:loggingPrefs".into(), serde_json::json!({ "browser": "ALL" }));
    ClientBuilder::rustls()
        .expect("tls backend")
        .capabilities(caps)
        .connect(&format!("http://127.0.0.1:{}", driver.port))
        .await
        .expect("a Chromium session")
}

/// Chromium's console messages (chromedriver's log endpoint; not part of W3C WebDriver).
#[derive(Debug)]
struct BrowserLog;

impl WebDriverCompatibleCommand for BrowserLog {
    fn endpoint(
        &self,
        base: &url::Url,
        session: Option<&str>,
    ) -> Result<url::Url, url::ParseError> {
        base.join(&format!("session/{}/se/log", session.unwrap_or_default()))
    }
    fn method_and_body(&self, _: &url::Url) -> (http::Method, Option<String>) {
        (http::Method::POST, Some(r#"{"type":"browser"}"#.into()))
    }
}

pub(crate) async fn console_errors(client: &Client) -> Vec<String> {
    let log = client.issue_cmd(BrowserLog).await.expect("browser log");
    log.as_array()
        .into_iter()
        .flatten()
        .filter(|entry| entry["level"] == "SEVERE")
        .map(|entry| entry["message"].as_str().unwrap_or_default().to_owned())
        // The favicon is not part of the app.
        .filter(|m| !m.contains("favicon.ico"))
        .collect()
}

/// Fails on any console error but a refused post's own 422 (logged as a failed load: expected);
/// anything else — a script the CSP refused on a re-rendered form, as there was — is not.
pub(crate) async fn assert_no_console_errors_but_refusals(client: &Client) {
    let errors: Vec<String> = console_errors(client)
        .await
        .into_iter()
        .filter(|e| !e.contains("the server responded with a status of 422"))
        .collect();
    assert!(errors.is_empty(), "console errors: {errors:#?}");
}

pub(crate) async fn screenshot(client: &Client, name: &str) {
    let png = client.screenshot().await.expect("screenshot");
    let dir = std::path::Path::new(&site_root()).parent().unwrap().join("screenshots");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join(format!("{name}.png")), png).unwrap();
}

pub(crate) async fn seeded(backend: Backend) -> TestApp {
    let pkg = std::path::Path::new(&site_root()).join("pkg/registry.wasm");
    assert!(
        pkg.exists() || std::path::Path::new(&site_root()).join("pkg/registry_bg.wasm").exists(),
        "no front-end build in {}: run `cargo leptos build` first (`make test` does)",
        site_root()
    );
    let app = spawn_app(backend).await;
    server::seed::seed(&app.db, 30, 1, false).await.unwrap();
    app
}

async fn check_home_content(client: &Client) {
    let title = client.title().await.unwrap();
    assert_eq!(title, "Central Asia Producer Registry");
    let countries = client.find_all(Locator::Css("[data-country]")).await.unwrap();
    assert_eq!(countries.len(), 5);
    let sections = client.find_all(Locator::Css("[data-section]")).await.unwrap();
    assert_eq!(sections.len(), 21);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn home_page_hydrates_with_javascript_and_reads_without() {
    let app = seeded(Backend::Sqlite).await;
    let driver = ChromeDriver::start();

    let client = browser(&driver, true).await;
    client.goto(&app.url("/")).await.unwrap();
    check_home_content(&client).await;
    // The search island marks itself once its WASM has run.
    client
        .wait()
        .at_most(Duration::from_secs(20))
        .for_element(Locator::Css("form.search-box[data-hydrated='true']"))
        .await
        .expect("the search island hydrated");
    // And it works: typing an HS code fills the suggestions from the server.
    let input = client.find(Locator::Css("#q")).await.unwrap();
    input.send_keys("1001").await.unwrap();
    client
        .wait()
        .at_most(Duration::from_secs(10))
        .for_element(Locator::Css("#q-listbox li[data-code='1001']"))
        .await
        .expect("suggestions arrived");
    screenshot(&client, "home-js-on").await;
    let errors = console_errors(&client).await;
    assert!(errors.is_empty(), "console errors: {errors:#?}");
    client.close().await.unwrap();

    let client = browser(&driver, false).await;
    client.goto(&app.url("/")).await.unwrap();
    check_home_content(&client).await;
    let hydrated = client.find_all(Locator::Css("[data-hydrated]")).await.unwrap();
    assert!(hydrated.is_empty(), "JavaScript was meant to be off");
    // The plain form still searches.
    let input = client.find(Locator::Css("#q")).await.unwrap();
    input.send_keys("wheat").await.unwrap();
    client.find(Locator::Css("form.search-box button")).await.unwrap().click().await.unwrap();
    // The results page has loaded once its count is there.
    client
        .wait()
        .at_most(Duration::from_secs(20))
        .for_element(Locator::Css(".results-count"))
        .await
        .expect("the results page loaded");
    let url = client.current_url().await.unwrap();
    assert_eq!(url.path(), "/search");
    assert_eq!(url.query(), Some("q=wheat"));
    // The results shown are those of the search: the same count and hits as the API's.
    let api: serde_json::Value = app.get("/api/v1/listings?q=wheat").await.json().await.unwrap();
    let total = api["total"].as_i64().expect("API total");
    assert!(total > 0, "the seeded catalogue has wheat: {api}");
    let count = client.find(Locator::Css(".results-count")).await.unwrap();
    assert_eq!(count.attr("data-total").await.unwrap(), Some(total.to_string()));
    assert!(count.text().await.unwrap().contains(&total.to_string()));
    let mut shown = Vec::new();
    for hit in client.find_all(Locator::Css("ol.hits li.hit")).await.unwrap() {
        shown.push(hit.attr("data-listing").await.unwrap().expect("hit has its listing id"));
    }
    let expected: Vec<String> = api["items"]
        .as_array()
        .expect("API items")
        .iter()
        .map(|item| item["id"].to_string())
        .collect();
    assert!(!shown.is_empty());
    assert_eq!(shown, expected, "the page lists the API's first page of hits");
    client.goto(&app.url("/")).await.unwrap();
    screenshot(&client, "home-js-off").await;
    client.close().await.unwrap();
}

pub(crate) async fn fill(client: &Client, css: &str, text: &str) {
    let field = client.find(Locator::Css(css)).await.unwrap_or_else(|e| panic!("{css}: {e}"));
    field.clear().await.unwrap();
    field.send_keys(text).await.unwrap();
}

pub(crate) async fn submit_and_wait(client: &Client, form: &str, then: &str) {
    client
        .find(Locator::Css(&format!("{form} button[type=submit]")))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    client
        .wait()
        .at_most(Duration::from_secs(20))
        .for_element(Locator::Css(then))
        .await
        .unwrap_or_else(|e| panic!("after submitting {form}, {then} did not appear: {e}"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn producer_registers_and_publishes_a_listing_in_a_browser() {
    let app = seeded(Backend::Sqlite).await;
    let driver = ChromeDriver::start();

    // JavaScript off: a refused form comes back with what was typed and the messages.
    let client = browser(&driver, false).await;
    client.goto(&app.url("/register")).await.unwrap();
    fill(&client, "#f-email", "miller@kostanay.kz").await;
    fill(&client, "#f-password", "short").await;
    fill(&client, "#f-password_confirm", "short").await;
    submit_and_wait(&client, "form[action='/register']", ".error-summary").await;
    let email = client.find(Locator::Css("#f-email")).await.unwrap();
    assert_eq!(email.prop("value").await.unwrap().as_deref(), Some("miller@kostanay.kz"));
    let messages = client.find(Locator::Css(".error-summary")).await.unwrap().text().await.unwrap();
    assert!(
        messages.contains("at least 10 characters") && messages.contains("terms"),
        "{messages}"
    );
    screenshot(&client, "register-refused-js-off").await;
    fill(&client, "#f-password", "Kostanay-flour-mill-2026").await;
    fill(&client, "#f-password_confirm", "Kostanay-flour-mill-2026").await;
    client.find(Locator::Css("#f-accept_terms")).await.unwrap().click().await.unwrap();
    submit_and_wait(&client, "form[action='/register']", "section.account").await;
    assert_eq!(client.current_url().await.unwrap().path(), "/account");
    // The link of the address-check mail (submitting for review needs it).
    let confirm = crate::mail::confirmation_path_from_outbox(&app, "miller@kostanay.kz").await;
    client.goto(&app.url(&confirm)).await.unwrap();
    assert_eq!(client.current_url().await.unwrap().query(), Some("done=email_confirmed"));
    client.close().await.unwrap();

    // JavaScript on: company profile, then a listing with the HS picker's suggestions.
    let client = browser(&driver, true).await;
    client.goto(&app.url("/login")).await.unwrap();
    fill(&client, "#f-email", "miller@kostanay.kz").await;
    fill(&client, "#f-password", "Kostanay-flour-mill-2026").await;
    submit_and_wait(&client, "form[action='/login']", "section.account").await;
    client.goto(&app.url("/account/company")).await.unwrap();
    fill(&client, "#f-legal_name", "ТОО «Костанай Дән»").await;
    client.find(Locator::Css("#f-country")).await.unwrap().select_by_value("KZ").await.unwrap();
    fill(&client, "#f-tax_id", "940140000385").await;
    client.find(Locator::Css("#f-region")).await.unwrap().select_by_value("KZ-39").await.unwrap();
    fill(&client, "#f-city", "Костанай").await;
    click_and_wait_for_url(
        &client,
        "form[action='/account/company']",
        "/account?done=company_saved",
    )
    .await;

    client.goto(&app.url("/account/listings/new")).await.unwrap();
    client
        .wait()
        .at_most(Duration::from_secs(20))
        .for_element(Locator::Css(".field[data-hydrated='true'] #f-hs_code"))
        .await
        .expect("the HS picker hydrated");
    fill(&client, "#f-product_name", "Мука пшеничная").await;
    fill(&client, "#f-hs_code", "wheat").await;
    client
        .wait()
        .at_most(Duration::from_secs(10))
        .for_element(Locator::Css("#f-hs_code-listbox li[data-code='1001']"))
        .await
        .expect("HS suggestions arrived");
    // Not the suggestion (1001, wheat): the heading typed over it.
    fill(&client, "#f-hs_code", "1101").await;
    screenshot(&client, "listing-form-js-on").await;
    click_and_wait_for_url(
        &client,
        "form[action='/account/listings/new']",
        "/account?done=listing_saved",
    )
    .await;
    assert_eq!(
        app.count(
            "SELECT COUNT(*) AS n FROM listing \
             WHERE product_name = 'Мука пшеничная' AND hs_code = '1101'"
        )
        .await,
        1,
        "saved with the HS code typed"
    );
    let listing =
        app.count("SELECT id AS n FROM listing WHERE product_name = 'Мука пшеничная'").await;
    let rows = table_rows(&client, ".listings-table tbody tr").await;
    assert_eq!(rows.len(), 1, "{rows:?}");
    assert_eq!(rows[0][..2], ["Мука пшеничная", "1101"], "the listing and its HS code");
    let errors = console_errors(&client).await;
    assert!(errors.is_empty(), "console errors: {errors:#?}");

    // Submitted from the dashboard, listing and company.
    click_and_wait_for_url(
        &client,
        &format!("form[action='/account/listings/{listing}/submit']"),
        "/account?done=listing_submitted",
    )
    .await;
    click_and_wait_for_url(
        &client,
        "form[action='/account/company/submit']",
        "/account?done=company_submitted",
    )
    .await;
    let producer =
        app.count(&format!("SELECT producer_id AS n FROM listing WHERE id = {listing}")).await;
    assert_eq!(
        app.count(&format!(
            "SELECT COUNT(*) AS n FROM listing l JOIN producer p ON p.id = l.producer_id \
             WHERE l.id = {listing} AND l.status = 'submitted' AND p.status = 'submitted'"
        ))
        .await,
        1
    );
    // Not public before an administrator approves it.
    let search = app.url("/search?q=%D0%BC%D1%83%D0%BA%D0%B0&region=KZ-39");
    let hit = format!("li.hit[data-listing='{listing}']");
    client.goto(&search).await.unwrap();
    client.wait().for_element(Locator::Css(".results-count")).await.unwrap();
    assert!(client.find_all(Locator::Css(&hit)).await.unwrap().is_empty(), "found unapproved");
    // (Over HTTP: a 404 in the browser would be a console error.)
    assert_eq!(app.get(&format!("/listings/{listing}")).await.status(), 404, "public already");

    // An administrator approves both.
    let admin = signed_in_admin(&app, "moderator@registry.kz").await;
    for (kind, id) in [("producer", producer), ("listing", listing)] {
        let r =
            crate::helpers::post_decision(&app, &admin, kind, id, &[("decision", "approve")]).await;
        assert_eq!(r.status(), 303, "approve {kind} {id}");
    }

    // Now the public page and the search show it.
    client.goto(&app.url(&format!("/listings/{listing}"))).await.unwrap();
    let heading = client.find(Locator::Css("h1")).await.unwrap().text().await.unwrap();
    assert!(heading.contains("Мука пшеничная"), "public listing page: {heading}");
    assert!(page_text(&client).await.contains("ТОО «Костанай Дән»"), "the producer is named");
    client.goto(&search).await.unwrap();
    let found = client
        .wait()
        .at_most(Duration::from_secs(20))
        .for_element(Locator::Css(&hit))
        .await
        .expect("the approved listing is in the search results");
    assert!(found.text().await.unwrap().contains("Мука пшеничная"));
    screenshot(&client, "listing-published-search").await;
    let errors = console_errors(&client).await;
    assert!(errors.is_empty(), "console errors: {errors:#?}");
    client.close().await.unwrap();
}

/// The cells' text of each row the selector matches.
async fn table_rows(client: &Client, rows: &str) -> Vec<Vec<String>> {
    let mut out = Vec::new();
    for row in client.find_all(Locator::Css(rows)).await.unwrap() {
        let mut cells = Vec::new();
        for cell in row.find_all(Locator::Css("td")).await.unwrap() {
            cells.push(cell.text().await.unwrap().trim().to_owned());
        }
        out.push(cells);
    }
    out
}

async fn page_text(client: &Client) -> String {
    client.find(Locator::Css("body")).await.unwrap().text().await.unwrap()
}

/// Waits, with a deadline, until the browser is at `path_and_query`.
pub(crate) async fn wait_for_url(client: &Client, path_and_query: &str) {
    let deadline = std::time::Instant::now() + Duration::from_secs(20);
    loop {
        let url = client.current_url().await.unwrap();
        let here = match url.query() {
            Some(q) => format!("{}?{q}", url.path()),
            None => url.path().to_owned(),
        };
        if here == path_and_query {
            return;
        }
        assert!(std::time::Instant::now() < deadline, "at {here}, not {path_and_query}");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// Clicks the form's submit button and waits, with a deadline, for the page it leads to.
async fn click_and_wait_for_url(client: &Client, form: &str, path_and_query: &str) {
    client
        .find(Locator::Css(&format!("{form} button[type=submit]")))
        .await
        .unwrap_or_else(|e| panic!("{form}: {e}"))
        .click()
        .await
        .unwrap();
    wait_for_url(client, path_and_query).await;
    client
        .wait()
        .at_most(Duration::from_secs(20))
        .for_element(Locator::Css("section.account"))
        .await
        .expect("the dashboard loaded");
}

/// An administrator made with `server admin create`, signed in over HTTP.
async fn signed_in_admin(app: &TestApp, email: &str) -> reqwest::Client {
    use clap::Parser;
    let command = match server::cli::Cli::try_parse_from([
        "server",
        "admin",
        "create",
        "--email",
        email,
        "--password-stdin",
    ])
    .expect("arguments parse")
    .command
    {
        Some(server::cli::Command::Admin(c)) => c,
        other => panic!("not an admin command: {other:?}"),
    };
    let password = "Moderator-of-the-registry-42";
    server::admin_cli::run_with_output(
        &app.db,
        command,
        |_| Ok(password.to_owned()),
        &mut std::io::sink(),
    )
    .await
    .unwrap();
    let admin = crate::helpers::browser();
    let r = app.post_form(&admin, "/login", &[("email", email), ("password", password)]).await;
    assert_eq!(r.status(), 303);
    admin
}
