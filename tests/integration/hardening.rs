//! The edges a hostile or busy world pushes on: redirect targets, throttled sign-ins that must
//! not flood the audit log, many producers saving at once on SQLite.

use crate::helpers::{Backend, TestApp, browser, spawn_app};
use crate::producers::{company_form, listing_form, register};

crate::on_both_backends!(redirect_targets_stay_on_this_site, |backend: Backend| async move {
    let app = spawn_app(backend).await;
    for (next, expected) in [
        ("/search?q=wheat", "/search?q=wheat"),
        ("/%09/evil.example", "/"),
        ("/%0A/evil.example", "/"),
        ("//evil.example", "/"),
        ("/%5Cevil.example", "/"),
        ("/%5C/evil.example", "/"),
        ("https:evil.example", "/"),
        ("javascript:alert(1)", "/"),
        ("/%252F%252Fevil.example", "/%2F%2Fevil.example"),
    ] {
        let r = app.get(&format!("/lang/ru?next={next}")).await;
        assert_eq!(r.status(), 303, "{next}");
        assert_eq!(r.headers()["location"], expected, "/lang/ru?next={next}");
    }
});

crate::on_both_backends!(
    a_flood_of_throttled_sign_ins_is_audited_once,
    |backend: Backend| async move {
        let app = spawn_app(backend).await;
        let client = browser();
        let long_email = format!("{}@example.kz", "x".repeat(5000));
        let mut refused = 0;
        for _ in 0..40 {
            let r = app
                .post_form(
                    &client,
                    "/login",
                    &[("email", &long_email), ("password", "wrong-password-1")],
                )
                .await;
            if r.status() == 429 {
                refused += 1;
                assert!(r.headers().contains_key("retry-after"));
            }
        }
        assert!(refused >= 30, "the account limit refuses the flood ({refused} refused)");
        let rows = app
            .count("SELECT COUNT(*) AS n FROM audit_event WHERE action = 'account.login_throttled'")
            .await;
        // One row per limit reached in its window (the account's after 8 attempts, then the
        // address's after 30), not one per refused attempt.
        assert_eq!(rows, 2, "audited once per limit and window, not once per attempt");
        let longest = app
            .count(
                "SELECT CAST(MAX(LENGTH(CAST(after AS TEXT))) AS BIGINT) AS n FROM audit_event \
             WHERE action = 'account.login_throttled'",
            )
            .await;
        assert!(longest < 400, "the recorded address is cut to 254 characters ({longest})");
    }
);

/// A company in Turkmenistan (12-digit tax numbers without a checksum), one per `n`.
async fn producer(app: &TestApp, n: usize) -> reqwest::Client {
    let client = browser();
    register(app, &client, &format!("writer{n}@example.tm")).await;
    let tax_id = format!("{:012}", 100_000_000_000u64 + n as u64);
    let form: Vec<(&str, String)> = company_form(crate::producers::BIN)
        .into_iter()
        .map(|(k, v)| match k {
            "country" => (k, "TM".to_owned()),
            "region" => (k, "TM-M".to_owned()),
            "tax_id" => (k, tax_id.clone()),
            "phone" => (k, "+993 12 345678".to_owned()),
            "website" => (k, String::new()),
            _ => (k, v.to_owned()),
        })
        .collect();
    let form: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let r = app.post_form(&client, "/account/company", &form).await;
    assert_eq!(r.status(), 303, "{}", r.text().await.unwrap_or_default());
    client
}

crate::on_both_backends!(six_producers_saving_at_once_all_succeed, |backend: Backend| async move {
    let app = std::sync::Arc::new(spawn_app(backend).await);
    let mut clients = Vec::new();
    for n in 0..6 {
        clients.push(producer(&app, n).await);
    }
    let start = std::sync::Arc::new(tokio::sync::Barrier::new(clients.len()));
    let mut writers = Vec::new();
    for client in clients {
        let (app, start) = (app.clone(), start.clone());
        writers.push(tokio::spawn(async move {
            start.wait().await;
            let mut statuses = Vec::new();
            for _ in 0..25 {
                let r =
                    app.post_form(&client, "/account/listings/new", &listing_form("Мука")).await;
                statuses.push(r.status().as_u16());
            }
            statuses
        }));
    }
    let mut saved = 0;
    for writer in writers {
        for status in writer.await.unwrap() {
            assert_eq!(status, 303, "every save succeeds (no 'database is locked')");
            saved += 1;
        }
    }
    assert_eq!(app.count("SELECT COUNT(*) AS n FROM listing").await, saved);
});

// Found by the hostile-input drill: PostgreSQL refuses NUL in text, and the sign-in form sent
// the typed address to the rate limiter and the account lookup as it was (a 500).
crate::on_both_backends!(
    control_characters_in_a_sign_in_address_are_refused_not_errors,
    |backend: Backend| async move {
        let app = spawn_app(backend).await;
        for email in ["a\u{0}b@example.kz", "\u{1b}[31m@example.kz"] {
            let r = app
                .post_form(&browser(), "/login", &[("email", email), ("password", "whatever-1234")])
                .await;
            assert_eq!(r.status(), 401, "{email:?}");
            assert!(r.text().await.unwrap().contains("The email or the password is not correct."));
        }
        // Registration's password check survives a long keypad zigzag (a panic in zxcvbn).
        let zigzag = "01".repeat(40);
        let r = app
            .post_form(
                &browser(),
                "/register",
                &[
                    ("email", "z@example.kz"),
                    ("password", &zigzag),
                    ("password_confirm", &zigzag),
                    ("accept_terms", "on"),
                ],
            )
            .await;
        assert_eq!(r.status(), 422);
    }
);
