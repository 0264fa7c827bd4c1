//! WCAG 2.1 AA (issue 11): axe-core (from npm, in `.tools`, injected by the test: nothing is
//! fetched from the network) reads every page type with JavaScript on, in English and in
//! Russian, and reports no serious or critical violation.

use crate::admin::{ADMIN_PASSWORD, signed_in_admin, submitted_producer};
use crate::browser::{ChromeDriver, browser, fill, seeded, submit_and_wait};
use crate::helpers::{Backend, TestApp};
use crate::producers::{BIN, PASSWORD};
use fantoccini::{Client, Locator};

/// axe-core's script, installed by `.ci/setup` (npm, pinned).
fn axe_source() -> String {
    let path = format!("{}/../.tools/node_modules/axe-core/axe.min.js", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("{path}: {e} (run .ci/setup, which installs axe-core)"))
}

/// The serious and critical WCAG 2.1 A/AA violations on the page the browser shows.
async fn violations(client: &Client, axe: &str) -> Vec<String> {
    client.execute(axe, Vec::new()).await.expect("axe-core loads");
    let script = r#"
        const done = arguments[arguments.length - 1];
        axe.run(document, { runOnly: { type: 'tag',
                values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } })
            .then(r => done(r.violations
                .filter(v => v.impact === 'serious' || v.impact === 'critical')
                .map(v => v.id + ' (' + v.impact + '): ' +
                    v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(' | '))))
            .catch(e => done(['axe failed: ' + e]));
    "#;
    let found = client.execute_async(script, Vec::new()).await.expect("axe runs");
    serde_json::from_value(found).expect("a list of violations")
}

/// Opens `path` and adds its violations to `found`, each named by language and page.
async fn check(
    app: &TestApp,
    client: &Client,
    axe: &str,
    language: &str,
    path: &str,
    found: &mut Vec<String>,
) {
    client.goto(&app.url(path)).await.unwrap();
    client.find(Locator::Css("main")).await.expect("a page");
    found.extend(
        violations(client, axe).await.into_iter().map(|v| format!("{language} {path}: {v}")),
    );
}

async fn sign_in(app: &TestApp, client: &Client, email: &str, password: &str, then: &str) {
    client.goto(&app.url("/login")).await.unwrap();
    fill(client, "#f-email", email).await;
    fill(client, "#f-password", password).await;
    submit_and_wait(client, "form[action='/login']", then).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_page_type_passes_axe_in_two_languages() {
    let app = seeded(Backend::Sqlite).await;
    let axe = axe_source();
    let driver = ChromeDriver::start();
    let producer_email = "access@kostanay-muka.kz";
    let (producer, listing) =
        submitted_producer(&app, &crate::helpers::browser(), producer_email, BIN).await;
    signed_in_admin(&app, "mod@registry.kz").await;
    let public_producer =
        app.count("SELECT MIN(id) AS n FROM producer WHERE status = 'published'").await;
    let public_listing = app.count("SELECT MIN(id) AS n FROM listing WHERE visible = TRUE").await;
    let mut found = Vec::new();
    for language in ["en", "ru"] {
        let client = browser(&driver, true).await;
        client.goto(&app.url(&format!("/lang/{language}?next=/"))).await.unwrap();
        let anonymous = [
            "/".to_owned(),
            "/search?q=wheat".to_owned(),
            "/search?q=zzzzqqqq".to_owned(),
            format!("/producers/{public_producer}"),
            format!("/listings/{public_listing}"),
            "/register".to_owned(),
            "/login".to_owned(),
            "/stats".to_owned(),
            "/rfq/new".to_owned(),
            format!("/producers/{public_producer}/contact"),
        ];
        for path in &anonymous {
            check(&app, &client, &axe, language, path, &mut found).await;
        }
        // A refused form: the error summary and the messages beside the fields.
        client.goto(&app.url("/register")).await.unwrap();
        submit_and_wait(&client, "form[action='/register']", ".error-summary").await;
        let focused =
            client.execute("return document.activeElement.id;", Vec::new()).await.unwrap();
        assert_eq!(focused.as_str(), Some("error-summary"), "the summary has the focus");
        found.extend(
            violations(&client, &axe)
                .await
                .into_iter()
                .map(|v| format!("{language} refused /register: {v}")),
        );

        sign_in(&app, &client, producer_email, PASSWORD, "section.account").await;
        for path in [
            "/account",
            "/account/company",
            "/account/listings/new",
            "/account/inquiries",
            "/account/rfq",
        ] {
            check(&app, &client, &axe, language, path, &mut found).await;
        }
        client.close().await.unwrap();

        let client = browser(&driver, true).await;
        client.goto(&app.url(&format!("/lang/{language}?next=/"))).await.unwrap();
        sign_in(&app, &client, "mod@registry.kz", ADMIN_PASSWORD, "form[action='/admin/bulk']")
            .await;
        for path in [
            "/admin/queue".to_owned(),
            format!("/admin/queue/listing/{listing}"),
            format!("/admin/producers/{producer}"),
            "/admin/audit".to_owned(),
            "/admin/users".to_owned(),
            "/admin/claims".to_owned(),
        ] {
            check(&app, &client, &axe, language, &path, &mut found).await;
        }
        client.close().await.unwrap();
    }
    assert!(
        found.is_empty(),
        "{} serious or critical violations:\n{}",
        found.len(),
        found.join("\n")
    );
}

/// The attribute's value on the element, if it has the attribute.
async fn attr(client: &Client, css: &str, name: &str) -> Option<String> {
    let element = client.find(Locator::Css(css)).await.unwrap_or_else(|e| panic!("{css}: {e}"));
    element.attr(name).await.expect("attribute read")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_hs_suggestions_work_from_the_keyboard() {
    use fantoccini::key::Key;
    let app = seeded(Backend::Sqlite).await;
    let driver = ChromeDriver::start();
    let client = browser(&driver, true).await;
    // The home page's search box (the search page's own form is plain HTML).
    client.goto(&app.url("/")).await.unwrap();
    client
        .wait()
        .for_element(Locator::Css("form.search-box[data-hydrated='true']"))
        .await
        .expect("the search box runs");
    assert_eq!(attr(&client, "#q", "role").await.as_deref(), Some("combobox"));
    assert_eq!(attr(&client, "#q", "aria-expanded").await.as_deref(), Some("false"));

    // Typing opens the list; ArrowDown highlights the first code, announced by the box.
    let q = client.find(Locator::Css("#q")).await.unwrap();
    q.send_keys("wheat flour").await.unwrap();
    client
        .wait()
        .for_element(Locator::Css("#q-listbox:not([hidden]) li[role='option']"))
        .await
        .expect("suggestions open");
    assert_eq!(attr(&client, "#q", "aria-expanded").await.as_deref(), Some("true"));
    q.send_keys(&Key::Down.to_string()).await.unwrap();
    let active = attr(&client, "#q", "aria-activedescendant").await.expect("a highlighted code");
    assert_eq!(active, "q-listbox-0");
    assert_eq!(attr(&client, "#q-listbox-0", "aria-selected").await.as_deref(), Some("true"));
    let code = client.find(Locator::Css("#q-listbox-0 code")).await.unwrap().text().await.unwrap();

    // Enter takes the code (the form is not sent); Escape closes a list opened again.
    q.send_keys(&Key::Enter.to_string()).await.unwrap();
    assert_eq!(q.prop("value").await.unwrap().as_deref(), Some(code.as_str()));
    assert_eq!(client.current_url().await.unwrap().path(), "/", "not submitted");
    assert_eq!(attr(&client, "#q", "aria-expanded").await.as_deref(), Some("false"));
    q.send_keys(&Key::Down.to_string()).await.unwrap();
    assert_eq!(attr(&client, "#q", "aria-expanded").await.as_deref(), Some("true"));
    q.send_keys(&Key::Escape.to_string()).await.unwrap();
    assert_eq!(attr(&client, "#q", "aria-expanded").await.as_deref(), Some("false"));
    assert_eq!(attr(&client, "#q", "aria-activedescendant").await, None);

    // A second Enter sends the search for the code.
    q.send_keys(&Key::Enter.to_string()).await.unwrap();
    client
        .wait()
        .for_url(&app.url(&format!("/search?q={code}")).parse().unwrap())
        .await
        .expect("searched");
    client.close().await.unwrap();
}
