//! Headless Chromium under the real Content-Security-Policy: the islands' scripts (nonced
//! bootstrap, module, WASM) load and hydrate with no violation logged, and the policy is really
//! enforced (an inline script without the nonce does not run).
//!
//! Same needs as `browser.rs`: `chromium` + `chromium-driver` and the cargo-leptos build.

use crate::browser::{ChromeDriver, browser, console_errors, screenshot, seeded};
use crate::helpers::Backend;
use fantoccini::{Client, Locator};
use std::time::{Duration, Instant};

/// Polls a JavaScript condition (`return …`) until it is true or `timeout` has passed.
async fn wait_for_js(client: &Client, condition: &str, timeout: Duration) -> bool {
    let deadline = Instant::now() + timeout;
    loop {
        if client.execute(condition, vec![]).await.unwrap() == serde_json::Value::Bool(true) {
            return true;
        }
        if Instant::now() > deadline {
            return false;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// What the page's scripts carry: the nonce is hidden from attributes after parsing but is
/// still the elements' `nonce` property.
async fn script_nonces(client: &Client) -> Vec<String> {
    let nonces =
        client.execute("return [...document.scripts].map(s => s.nonce);", vec![]).await.unwrap();
    serde_json::from_value(nonces).unwrap()
}

/// Fails on any console error, CSP violations first.
async fn assert_no_violation(client: &Client, page: &str) {
    let errors = console_errors(client).await;
    let violations: Vec<_> =
        errors.iter().filter(|m| m.contains("Content Security Policy")).collect();
    assert!(violations.is_empty(), "{page}: CSP violations: {violations:#?}");
    assert!(errors.is_empty(), "{page}: console errors: {errors:#?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn islands_hydrate_under_the_content_security_policy() {
    let app = seeded(Backend::Sqlite).await;
    let driver = ChromeDriver::start();
    let client = browser(&driver, true).await;

    // Home: the search island hydrates and fetches HS suggestions from the server.
    client.goto(&app.url("/")).await.unwrap();
    let hydrated = client
        .wait()
        .at_most(Duration::from_secs(20))
        .for_element(Locator::Css("form.search-box[data-hydrated='true']"))
        .await;
    if let Err(e) = hydrated {
        let console = console_errors(&client).await;
        panic!("the search island did not hydrate under the CSP ({e}); console: {console:#?}");
    }
    let input = client.find(Locator::Css("#q")).await.unwrap();
    input.send_keys("1001").await.unwrap();
    client
        .wait()
        .at_most(Duration::from_secs(10))
        .for_element(Locator::Css("#q-listbox li[data-code='1001']"))
        .await
        .expect("suggestions arrived (the server function call is same-origin)");
    let nonces = script_nonces(&client).await;
    assert!(!nonces.is_empty() && nonces.iter().all(|n| !n.is_empty() && *n == nonces[0]));
    screenshot(&client, "home-csp").await;
    assert_no_violation(&client, "/").await;

    // Search results: no island there, so no script and no WASM at all (a lighter first visit).
    client.goto(&app.url("/search?q=wheat")).await.unwrap();
    client
        .wait()
        .at_most(Duration::from_secs(20))
        .for_element(Locator::Css(".results-count"))
        .await
        .expect("the results page loaded");
    let loaded = client
        .execute(
            "return [...document.scripts].some(s => s.type === 'module') || performance \
             .getEntriesByType('resource').some(e => e.name.endsWith('.wasm'));",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(loaded, serde_json::Value::Bool(false), "/search loads the islands' front end");
    assert_no_violation(&client, "/search?q=wheat").await;

    // The request form holds the HS picker: the front end loads again, under a new nonce.
    client.goto(&app.url("/rfq/new")).await.unwrap();
    client
        .wait()
        .at_most(Duration::from_secs(20))
        .for_element(Locator::Css(".field[data-hydrated='true'] #f-hs_code"))
        .await
        .expect("the HS picker hydrated on /rfq/new");
    let second = script_nonces(&client).await;
    assert!(!second.is_empty() && second.iter().all(|n| *n == second[0]));
    assert_ne!(second[0], nonces[0], "a page load reused the previous nonce");
    assert_no_violation(&client, "/rfq/new").await;

    // The policy is enforced: an inline script without the nonce is refused and reported.
    let blocked = client
        .execute(
            "window.__violations = [];
             document.addEventListener('securitypolicyviolation',
                 e => window.__violations.push(e.effectiveDirective));
             const s = document.createElement('script');
             s.textContent = 'window.__inlineRan = true;';
             document.head.appendChild(s);
             return window.__inlineRan === undefined;",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(blocked, serde_json::Value::Bool(true), "an inline script ran despite the CSP");
    let reported = wait_for_js(
        &client,
        "return window.__violations.some(d => d.startsWith('script-src'));",
        Duration::from_secs(5),
    )
    .await;
    assert!(reported, "the refused inline script raised no securitypolicyviolation event");
    client.close().await.unwrap();
}
