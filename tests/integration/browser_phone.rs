//! The three journeys on a phone (issue 15): a 390×844 window, JavaScript on and off. Pages do
//! not scroll sideways, search results start on the first screen, and the pages an
//! administrator and a producer work in are kept as screenshots (`target/site/../screenshots`).

use crate::admin::{ADMIN_PASSWORD, signed_in_admin, submitted_producer};
use crate::browser::{
    ChromeDriver, browser_sized, console_errors, fill, screenshot, seeded, submit_and_wait,
};
use crate::helpers::{Backend, TestApp};
use crate::producers::{BIN, PASSWORD};
use fantoccini::{Client, Locator};

const PHONE: (u32, u32) = (390, 844);

async fn sign_in(app: &TestApp, client: &Client, email: &str, password: &str, then: &str) {
    client.goto(&app.url("/login")).await.unwrap();
    fill(client, "#f-email", email).await;
    fill(client, "#f-password", password).await;
    submit_and_wait(client, "form[action='/login']", then).await;
}

/// The page's width beyond the window, in CSS pixels (0: nothing scrolls sideways).
async fn sideways_overflow(client: &Client) -> i64 {
    let v = client
        .execute("return document.documentElement.scrollWidth - window.innerWidth;", Vec::new())
        .await
        .expect("script runs");
    v.as_i64().expect("a number")
}

/// Where the element's top edge is, from the page's top (no script: works with JS off).
async fn top_of(client: &Client, css: &str) -> f64 {
    let element = client.find(Locator::Css(css)).await.unwrap_or_else(|e| panic!("{css}: {e}"));
    element.rectangle().await.expect("element rectangle").1
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn journeys_fit_a_phone_screen_with_javascript_on_and_off() {
    let app = seeded(Backend::Sqlite).await;
    let driver = ChromeDriver::start();
    // A producer with a company and a product waiting for review, and an administrator.
    let producer_email = "phone@kostanay-muka.kz";
    let (_, listing) =
        submitted_producer(&app, &crate::helpers::browser(), producer_email, BIN).await;
    signed_in_admin(&app, "mod@registry.kz").await;

    let client = browser_sized(&driver, true, PHONE).await;

    // Buyer: the first result is on the first screen; the filters fold away.
    client.goto(&app.url("/search?q=wheat")).await.unwrap();
    let width = client.execute("return window.innerWidth;", Vec::new()).await.unwrap();
    assert_eq!(width.as_i64(), Some(390), "the window is a phone's");
    let first = top_of(&client, "li.hit").await;
    assert!(first < f64::from(PHONE.1), "first result at y = {first}");
    assert_eq!(sideways_overflow(&client).await, 0, "/search scrolls sideways");
    screenshot(&client, "phone-search-js-on").await;

    // Producer: the dashboard's products stack as cards, nothing scrolls sideways.
    sign_in(&app, &client, producer_email, PASSWORD, "section.account").await;
    assert_eq!(sideways_overflow(&client).await, 0, "/account scrolls sideways");
    screenshot(&client, "phone-producer-dashboard").await;
    client.goto(&app.url(&format!("/account/listings/{listing}/edit"))).await.unwrap();
    assert_eq!(sideways_overflow(&client).await, 0, "the listing form scrolls sideways");
    let errors = console_errors(&client).await;
    assert!(errors.is_empty(), "console errors: {errors:#?}");
    client.close().await.unwrap();

    // Administrator: lands on the queue; the product's review page fits the screen.
    let client = browser_sized(&driver, true, PHONE).await;
    sign_in(&app, &client, "mod@registry.kz", ADMIN_PASSWORD, "form[action='/admin/bulk']").await;
    client.goto(&app.url(&format!("/admin/queue/listing/{listing}"))).await.unwrap();
    client
        .find(Locator::Css(&format!("form[action='/admin/queue/listing/{listing}']")))
        .await
        .expect("the decision form");
    assert_eq!(sideways_overflow(&client).await, 0, "the admin item page scrolls sideways");
    screenshot(&client, "phone-admin-item").await;
    client.close().await.unwrap();

    // JavaScript off: the same search page, results on the first screen.
    let client = browser_sized(&driver, false, PHONE).await;
    client.goto(&app.url("/search?q=wheat")).await.unwrap();
    let first = top_of(&client, "li.hit").await;
    assert!(first < f64::from(PHONE.1), "first result at y = {first} with JavaScript off");
    screenshot(&client, "phone-search-js-off").await;
    client.close().await.unwrap();
}
