//! A producer's journey with the keyboard alone, in Chromium with JavaScript on (issue 11):
//! Tab to every field and button, type, Space for a checkbox, arrow keys for a list, Enter to
//! send. Every stop shows where the focus is, and the first Tab stop skips to the content.

use crate::browser::{ChromeDriver, browser, seeded, wait_for_url};
use crate::helpers::Backend;
use fantoccini::{Client, Locator, key::Key};

/// Presses `key` on whatever has the focus, as a person at the keyboard does.
async fn press(client: &Client, key: Key) {
    let focused = client.active_element().await.expect("something has the focus");
    focused.send_keys(&key.to_string()).await.unwrap();
}

async fn focused_matches(client: &Client, css: &str) -> bool {
    let script =
        "return document.activeElement !== null && document.activeElement.matches(arguments[0]);";
    client.execute(script, vec![css.into()]).await.unwrap().as_bool().unwrap_or(false)
}

/// Whether the focused element shows a focus ring (an outline or a box shadow).
async fn focus_is_visible(client: &Client) -> bool {
    let script = "const s = getComputedStyle(document.activeElement); \
                  return (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0) \
                      || s.boxShadow !== 'none';";
    client.execute(script, vec![]).await.unwrap().as_bool().unwrap_or(false)
}

/// Tabs forward until `css` has the focus (at most 60 stops), and checks the ring shows.
async fn tab_to(client: &Client, css: &str) {
    for _ in 0..60 {
        if focused_matches(client, css).await {
            assert!(focus_is_visible(client).await, "{css} has the focus but shows no ring");
            return;
        }
        press(client, Key::Tab).await;
    }
    panic!("{css} never got the focus from the keyboard");
}

async fn type_into(client: &Client, css: &str, text: &str) {
    tab_to(client, css).await;
    client.active_element().await.unwrap().send_keys(text).await.unwrap();
}

/// Arrow keys on a focused list until it holds `value`.
async fn choose(client: &Client, css: &str, value: &str) {
    tab_to(client, css).await;
    for _ in 0..80 {
        let now = client.active_element().await.unwrap().prop("value").await.unwrap();
        if now.as_deref() == Some(value) {
            return;
        }
        press(client, Key::Down).await;
    }
    panic!("{css}: {value} not reached with the arrow keys");
}

/// Enter on `button`, then waits (with a deadline) for `path_and_query`.
async fn send_with_enter(client: &Client, button: &str, path_and_query: &str) {
    tab_to(client, button).await;
    press(client, Key::Enter).await;
    wait_for_url(client, path_and_query).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_producer_registers_and_submits_with_the_keyboard_alone() {
    let app = seeded(Backend::Sqlite).await;
    let driver = ChromeDriver::start();
    let client = browser(&driver, true).await;

    // The first Tab stop skips the header; Enter on it moves to the content.
    client.goto(&app.url("/register")).await.unwrap();
    press(&client, Key::Tab).await;
    assert!(focused_matches(&client, "a.skip-link").await, "the skip link comes first");
    assert!(focus_is_visible(&client).await, "the skip link shows when focused");
    press(&client, Key::Enter).await;
    assert_eq!(client.current_url().await.unwrap().fragment(), Some("main"));

    let email = "keys@kostanay.kz";
    type_into(&client, "#f-email", email).await;
    type_into(&client, "#f-password", "Only-the-keyboard-2026").await;
    type_into(&client, "#f-password_confirm", "Only-the-keyboard-2026").await;
    tab_to(&client, "#f-accept_terms").await;
    press(&client, Key::Space).await;
    send_with_enter(
        &client,
        "form[action='/register'] button[type=submit]",
        "/account?done=registered",
    )
    .await;
    let confirm = crate::mail::confirmation_path_from_outbox(&app, email).await;
    client.goto(&app.url(&confirm)).await.unwrap();

    client.goto(&app.url("/account/company")).await.unwrap();
    type_into(&client, "#f-legal_name", "ТОО «Клавиатура»").await;
    choose(&client, "#f-country", "KZ").await;
    type_into(&client, "#f-tax_id", crate::producers::BIN).await;
    choose(&client, "#f-region", "KZ-39").await;
    type_into(&client, "#f-city", "Костанай").await;
    send_with_enter(
        &client,
        "form[action='/account/company'] button[type=submit]",
        "/account?done=company_saved",
    )
    .await;

    client.goto(&app.url("/account/listings/new")).await.unwrap();
    client
        .wait()
        .for_element(Locator::Css(".field[data-hydrated='true'] #f-hs_code"))
        .await
        .expect("the HS picker runs");
    type_into(&client, "#f-product_name", "Мука пшеничная").await;
    type_into(&client, "#f-hs_code", "1101").await;
    press(&client, Key::Escape).await;
    send_with_enter(
        &client,
        "form[action='/account/listings/new'] button[type=submit]",
        "/account?done=listing_saved",
    )
    .await;
    let listing = app.count("SELECT MAX(id) AS n FROM listing").await;
    send_with_enter(
        &client,
        &format!("form[action='/account/listings/{listing}/submit'] button[type=submit]"),
        "/account?done=listing_submitted",
    )
    .await;
    send_with_enter(
        &client,
        "form[action='/account/company/submit'] button[type=submit]",
        "/account?done=company_submitted",
    )
    .await;
    assert_eq!(
        app.count(&format!(
            "SELECT COUNT(*) AS n FROM listing l JOIN producer p ON p.id = l.producer_id \
             WHERE l.id = {listing} AND l.status = 'submitted' AND p.status = 'submitted' \
             AND l.hs_code = '1101'"
        ))
        .await,
        1,
        "submitted from the keyboard"
    );
    client.close().await.unwrap();
}
