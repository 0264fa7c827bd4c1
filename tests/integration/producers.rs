//! Producers through the doors they use: registration, sign-in, sessions, the company profile,
//! listings and their lifecycle, CSV import, and what another producer cannot touch.

use crate::helpers::{Backend, TestApp, browser, spawn_app};
use crate::on_both_backends;
use app::{administration::services::moderation, foundations::domain::Target};
use std::time::Duration;

pub const PASSWORD: &str = "Kostanay-flour-mill-2026";
/// A real BIN (valid check digit) and the same with the last digit changed.
pub const BIN: &str = "940140000385";
pub const BAD_BIN: &str = "940140000386";

pub async fn register(app: &TestApp, client: &reqwest::Client, email: &str) {
    let r = app
        .post_form(
            client,
            "/register",
            &[
                ("email", email),
                ("password", PASSWORD),
                ("password_confirm", PASSWORD),
                ("accept_terms", "on"),
            ],
        )
        .await;
    assert_eq!(r.status(), 303, "{}", r.text().await.unwrap_or_default());
    assert_eq!(r.headers()["location"], "/account?done=registered");
    // Producers confirm their address before they submit anything for review.
    crate::mail::confirm_from_outbox(app, client, email).await;
}

pub fn company_form(tax_id: &'static str) -> Vec<(&'static str, &'static str)> {
    vec![
        ("legal_name", "ТОО «Костанай Мука»"),
        ("name_latin", ""),
        ("country", "KZ"),
        ("tax_id", tax_id),
        ("region", "KZ-39"),
        ("city", "Костанай"),
        ("address", "ул. Промышленная, 5"),
        ("website", "kostanay-muka.kz"),
        ("phone", "+7 714 255 10 10"),
        ("show_phone", "on"),
        ("public_email", "sales@kostanay-muka.kz"),
        ("year_founded", "2004"),
        ("workforce", "50-249"),
        ("description", "Мельничный комплекс, пшеничная мука высшего и первого сорта."),
        ("cert_kind_0", "halal"),
        ("cert_issuer_0", "ДУМК"),
        ("cert_number_0", "H-2291"),
        ("cert_from_0", "2025-01-01"),
        ("cert_until_0", "2027-12-31"),
    ]
}

pub fn listing_form(name: &'static str) -> Vec<(&'static str, &'static str)> {
    vec![
        ("product_name", name),
        ("hs_code", "1101.00"),
        ("national_code", "1101001100"),
        ("description", "Мука пшеничная высшего сорта, мешки 50 кг."),
        ("capacity", "12 000"),
        ("capacity_unit", "t"),
        ("min_order", "20"),
        ("min_order_unit", "t"),
        ("lead_time_days", "14"),
        ("export_markets", "AF, UZ, tj"),
        ("cert", "halal"),
    ]
}

/// Registers, describes the company and returns the producer id.
pub async fn producer_with_company(
    app: &TestApp,
    client: &reqwest::Client,
    email: &str,
    tax_id: &'static str,
) -> i64 {
    register(app, client, email).await;
    let r = app.post_form(client, "/account/company", &company_form(tax_id)).await;
    assert_eq!(r.status(), 303, "{}", r.text().await.unwrap_or_default());
    app.count(&format!(
        "SELECT p.id AS n FROM producer p JOIN user_account u ON u.id = p.owner_user_id \
         WHERE u.email_normalized = '{email}'"
    ))
    .await
}

pub async fn add_listing(app: &TestApp, client: &reqwest::Client, name: &'static str) -> i64 {
    let r = app.post_form(client, "/account/listings/new", &listing_form(name)).await;
    assert_eq!(r.status(), 303, "{}", r.text().await.unwrap_or_default());
    assert_eq!(r.headers()["location"], "/account?done=listing_saved");
    app.count(&format!("SELECT MAX(id) AS n FROM listing WHERE product_name = '{name}'")).await
}

async fn status_of(app: &TestApp, table: &str, id: i64) -> String {
    #[derive(sea_orm::FromQueryResult)]
    struct S {
        status: String,
    }
    use sea_orm::{FromQueryResult, Statement};
    S::find_by_statement(Statement::from_string(
        app.db.get_database_backend(),
        format!("SELECT status FROM {table} WHERE id = {id}"),
    ))
    .one(&app.db)
    .await
    .unwrap()
    .unwrap()
    .status
}

/// An administrator account (issue 4 adds the CLI for this).
pub async fn admin(app: &TestApp) -> i64 {
    let existing =
        app.count("SELECT COALESCE(MAX(id), 0) AS n FROM user_account WHERE role = 'admin'").await;
    if existing > 0 {
        return existing;
    }
    app.db_exec(
        "INSERT INTO user_account (email, email_normalized, password_hash, role, status, created_at, updated_at) \
         VALUES ('admin@registry.test', 'admin@registry.test', 'x', 'admin', 'active', '2026-01-01 00:00:00', '2026-01-01 00:00:00')",
    )
    .await;
    app.count("SELECT MAX(id) AS n FROM user_account WHERE role = 'admin'").await
}

fn has_text(body: &str, needle: &str) -> bool {
    body.contains(needle) || body.contains(&needle.replace('\'', "&#x27;"))
}

on_both_backends!(register_profile_two_listings_submit_publish, |backend: Backend| async move {
    let app = spawn_app(backend).await;
    let me = browser();
    // The form pages render for anyone.
    let page = app.get_html("/register").await;
    assert!(page.contains(r#"type="email""#) && page.contains(r#"type="password""#));
    register(&app, &me, "owner@kostanay-muka.kz").await;
    let dashboard = app.get_with(&me, "/account?done=registered").await.text().await.unwrap();
    assert!(dashboard.contains("owner@kostanay-muka.kz"));
    assert!(dashboard.contains("Your account is ready"));

    let producer = {
        let r = app.post_form(&me, "/account/company", &company_form(BIN)).await;
        assert_eq!(r.status(), 303);
        assert_eq!(r.headers()["location"], "/account?done=company_saved");
        app.count("SELECT MAX(id) AS n FROM producer").await
    };
    assert_eq!(status_of(&app, "producer", producer).await, "draft");
    // Latin name left empty: the transliteration was stored.
    assert_eq!(
        app.count("SELECT COUNT(*) AS n FROM producer WHERE name_latin LIKE '%Kostanai%' OR name_latin LIKE '%Kostanay%'").await,
        1
    );
    let flour = add_listing(&app, &me, "Мука пшеничная высший сорт").await;
    let bran = add_listing(&app, &me, "Отруби пшеничные").await;
    for id in [flour, bran] {
        let r = app.post_form(&me, &format!("/account/listings/{id}/submit"), &[]).await;
        assert_eq!(r.status(), 303);
        assert_eq!(status_of(&app, "listing", id).await, "submitted");
    }
    let r = app.post_form(&me, "/account/company/submit", &[]).await;
    assert_eq!(r.status(), 303);
    assert_eq!(status_of(&app, "producer", producer).await, "submitted");
    let dashboard = app.get_with(&me, "/account").await.text().await.unwrap();
    assert!(dashboard.contains("Waiting for review"));

    // Nothing public until an administrator decides.
    let api: serde_json::Value = app.get("/api/v1/listings?q=мука").await.json().await.unwrap();
    assert_eq!(api["total"], 0);
    assert_eq!(app.get("/producers/1").await.status(), 404);

    let now = app.clock.now();
    moderation::approve(&app.db, admin(&app).await, Target::Producer(producer), now).await.unwrap();
    moderation::approve(&app.db, admin(&app).await, Target::Listing(flour), now).await.unwrap();
    let api: serde_json::Value = app.get("/api/v1/listings?q=мука").await.json().await.unwrap();
    assert_eq!(api["total"], 1, "{api}");
    assert_eq!(api["items"][0]["hs_code"], "110100");
    // Cross-script: the Latin query finds the Cyrillic listing.
    let api: serde_json::Value = app.get("/api/v1/listings?q=muka").await.json().await.unwrap();
    assert_eq!(api["total"], 1, "{api}");
    let page = app.get_html(&format!("/listings/{flour}")).await;
    assert!(page.contains("Мука пшеничная высший сорт"));
});

on_both_backends!(registration_rules, |backend: Backend| async move {
    let app = spawn_app(backend).await;
    let me = browser();
    let cases: [(&str, &str, &str, bool, &str); 5] = [
        ("not-an-email", PASSWORD, PASSWORD, true, "Enter an email address"),
        ("a@b.kz", "short", "short", true, "Use at least 10 characters"),
        ("a@b.kz", "password123", "password123", true, "too easy to guess"),
        ("a@b.kz", PASSWORD, "something-else-entirely", true, "The two passwords differ"),
        ("a@b.kz", PASSWORD, PASSWORD, false, "Accept the terms of use"),
    ];
    for (email, password, confirm, terms, message) in cases {
        let mut fields =
            vec![("email", email), ("password", password), ("password_confirm", confirm)];
        if terms {
            fields.push(("accept_terms", "on"));
        }
        let r = app.post_form(&me, "/register", &fields).await;
        assert_eq!(r.status(), 422, "{email}/{password}");
        let body = r.text().await.unwrap();
        assert!(has_text(&body, message), "expected «{message}»");
        // What was typed comes back, except passwords.
        assert!(body.contains(&format!(r#"value="{email}""#)));
        assert!(!body.contains(password), "{email}/{password}: the password came back");
        assert!(body.contains("error-summary"));
    }
    assert_eq!(app.count("SELECT COUNT(*) AS n FROM user_account").await, 0);
    register(&app, &me, "a@b.kz").await;
    // The same email again, in other case: refused with a message, not a 500.
    let r = app
        .post_form(
            &browser(),
            "/register",
            &[
                ("email", "A@B.KZ"),
                ("password", PASSWORD),
                ("password_confirm", PASSWORD),
                ("accept_terms", "on"),
            ],
        )
        .await;
    assert_eq!(r.status(), 409);
    assert!(r.text().await.unwrap().contains("already exists"));
    // Stored as argon2id, never as the password.
    assert_eq!(
        app.count("SELECT COUNT(*) AS n FROM user_account WHERE password_hash LIKE '$argon2id$v=19$m=19456,t=2,p=1$%'").await,
        1
    );
});

on_both_backends!(company_profile_rules, |backend: Backend| async move {
    let app = spawn_app(backend).await;
    let me = browser();
    register(&app, &me, "rules@example.kz").await;
    let long = "я".repeat(5001);
    let at_limit = "я".repeat(5000);
    let cases: Vec<(&str, String, &str)> = vec![
        ("tax_id", BAD_BIN.into(), "check digit does not match"),
        ("tax_id", "12345".into(), "not the format of a tax ID"),
        ("region", "UZ-TO".into(), "This region is not in"),
        ("legal_name", "".into(), "This field is required"),
        ("website", "not a site".into(), "Enter a web address"),
        ("phone", "call me".into(), "Enter a phone number"),
        ("year_founded", "1700".into(), "Enter a year from 1800"),
        ("description", long.clone(), "Enter at most 5000 characters"),
        ("cert_kind_0", "".into(), "Choose one of the options"),
        ("cert_until_0", "2024-01-01".into(), "end of validity is before its start"),
        ("country", "RU".into(), "Choose one of the five countries"),
    ];
    for (field, value, message) in cases {
        let mut form = company_form(BIN);
        form.retain(|(k, _)| *k != field);
        let mut owned: Vec<(&str, &str)> = form;
        owned.push((field, value.as_str()));
        let r = app.post_form(&me, "/account/company", &owned).await;
        assert_eq!(r.status(), 422, "{field}={value:.20}");
        let body = r.text().await.unwrap();
        assert!(has_text(&body, message), "{field}: expected «{message}»");
        // Everything else typed is still there.
        assert!(body.contains("ул. Промышленная, 5"), "{field}: address kept");
        assert!(body.contains(r#"aria-invalid="true""#));
    }
    assert_eq!(app.count("SELECT COUNT(*) AS n FROM producer").await, 0);
    // Good values at the edges are accepted.
    let mut form = company_form(BIN);
    form.retain(|(k, _)| *k != "description");
    form.push(("description", at_limit.as_str()));
    let r = app.post_form(&me, "/account/company", &form).await;
    assert_eq!(r.status(), 303);
    // Other countries' formats.
    let mut form = company_form(BIN);
    form.retain(|(k, _)| !["country", "tax_id", "region"].contains(k));
    form.extend([("country", "KG"), ("tax_id", "01234567891234"), ("region", "KG-C")]);
    let r = app.post_form(&me, "/account/company", &form).await;
    assert_eq!(r.status(), 303, "{}", r.text().await.unwrap_or_default());
    assert_eq!(app.count("SELECT COUNT(*) AS n FROM producer WHERE country_code = 'KG'").await, 1);
});

on_both_backends!(duplicate_tax_id_is_refused_and_recorded, |backend: Backend| async move {
    let app = spawn_app(backend).await;
    let a = browser();
    producer_with_company(&app, &a, "a@one.kz", BIN).await;
    let b = browser();
    register(&app, &b, "b@two.kz").await;
    let r = app.post_form(&b, "/account/company", &company_form(BIN)).await;
    assert_eq!(r.status(), 409);
    let body = r.text().await.unwrap();
    assert!(body.contains("already registered in this country"));
    assert!(body.contains("ТОО «Костанай Мука»"), "typed values kept");
    assert_eq!(app.count("SELECT COUNT(*) AS n FROM producer").await, 1);
    assert_eq!(
        app.count(
            "SELECT COUNT(*) AS n FROM audit_event WHERE action = 'producer.duplicate_tax_id'"
        )
        .await,
        1
    );
});

on_both_backends!(listing_rules_and_hs_picker_without_js, |backend: Backend| async move {
    let app = spawn_app(backend).await;
    let me = browser();
    producer_with_company(&app, &me, "hs@example.kz", BIN).await;
    let cases: [(&str, &str, &str); 8] = [
        ("product_name", "", "This field is required"),
        ("hs_code", "10", "not a whole chapter"),
        ("hs_code", "010110", "not in the HS 2022 nomenclature"),
        ("national_code", "1001001100", "must start with the HS code"),
        ("capacity", "-5", "Enter a positive number"),
        ("capacity_unit", "", "Choose the unit"),
        ("lead_time_days", "1000", "from 0 to 730"),
        ("export_markets", "AF, XYZ", "is not a two-letter country code"),
    ];
    for (field, value, message) in cases {
        let mut form = listing_form("Мука");
        // The national code extends the HS code: it goes when the HS code is the subject.
        form.retain(|(k, _)| *k != field && (field != "hs_code" || *k != "national_code"));
        form.push((field, value));
        let r = app.post_form(&me, "/account/listings/new", &form).await;
        assert_eq!(r.status(), 422, "{field}={value}");
        let body = r.text().await.unwrap();
        assert!(
            has_text(&body, message),
            "{field}: expected «{message}» in {}",
            body.split("role=\"alert\"")
                .nth(1)
                .unwrap_or(&body)
                .chars()
                .take(400)
                .collect::<String>()
        );
        assert!(body.contains("Мука пшеничная высшего сорта, мешки 50 кг."), "description kept");
    }
    // Words in the HS field: the form comes back with matching codes to choose from.
    let mut form = listing_form("Мука");
    form.retain(|(k, _)| !["hs_code", "national_code"].contains(k));
    form.push(("hs_code", "wheat"));
    let r = app.post_form(&me, "/account/listings/new", &form).await;
    assert_eq!(r.status(), 422);
    let body = r.text().await.unwrap();
    assert!(body.contains(r#"name="hs_pick""#) && body.contains(r#"value="1001"#), "candidates");
    form.push(("hs_pick", "100199"));
    let r = app.post_form(&me, "/account/listings/new", &form).await;
    assert_eq!(r.status(), 303);
    assert_eq!(app.count("SELECT COUNT(*) AS n FROM listing WHERE hs_code = '100199'").await, 1);
});

on_both_backends!(another_producer_cannot_touch_my_listings, |backend: Backend| async move {
    let app = spawn_app(backend).await;
    let a = browser();
    producer_with_company(&app, &a, "a@one.kz", BIN).await;
    let listing = add_listing(&app, &a, "Мука А").await;
    let b = browser();
    producer_with_company(&app, &b, "b@two.kz", "990140004654").await;
    let edit = listing_form("Чужая мука");
    for path in [
        format!("/account/listings/{listing}/edit"),
        format!("/account/listings/{listing}/submit"),
        format!("/account/listings/{listing}/withdraw"),
        format!("/account/listings/{listing}/delete"),
    ] {
        let r = app.post_form(&b, &path, &edit).await;
        assert!(matches!(r.status().as_u16(), 403 | 404), "{path}: {}", r.status());
    }
    assert_eq!(app.get_with(&b, &format!("/account/listings/{listing}/edit")).await.status(), 404);
    assert_eq!(
        app.count(
            "SELECT COUNT(*) AS n FROM listing WHERE product_name = 'Мука А' AND status = 'draft'"
        )
        .await,
        1
    );
    // B's own company form changes B's company only.
    let r = app.post_form(&b, "/account/company", &company_form("990140004654")).await;
    assert_eq!(r.status(), 303);
    assert_eq!(
        app.count("SELECT COUNT(*) AS n FROM producer WHERE tax_id = '940140000385'").await,
        1
    );
    // Nobody signed in: refused, nothing changed.
    let anonymous = browser();
    for path in ["/account/company", "/account/listings/new", "/account/company/submit"] {
        let r = app.post_form(&anonymous, path, &edit).await;
        assert_eq!(r.status(), 401, "{path}");
    }
    assert_eq!(app.get_with(&anonymous, "/account").await.status(), 303);
    assert_eq!(app.count("SELECT COUNT(*) AS n FROM listing").await, 1);
});

on_both_backends!(sessions_expire_and_logout_ends_them, |backend: Backend| async move {
    let app = spawn_app(backend).await;
    let me = browser();
    register(&app, &me, "clock@example.kz").await;
    assert_eq!(app.get_with(&me, "/account").await.status(), 200);
    // Idle: 8 hours without a request.
    app.clock.advance(Duration::from_secs(8 * 3600 + 60));
    let r = app.get_with(&me, "/account").await;
    assert_eq!(r.status(), 303);
    assert!(r.headers()["location"].to_str().unwrap().starts_with("/login?next="));
    assert_eq!(app.count("SELECT COUNT(*) AS n FROM session").await, 0);

    // Absolute: in use every 7 hours, still over after 7 days.
    let login = [("email", "clock@example.kz"), ("password", PASSWORD)];
    let r = app.post_form(&me, "/login", &login).await;
    assert_eq!(r.status(), 303);
    let mut alive_hours = 0;
    loop {
        app.clock.advance(Duration::from_secs(7 * 3600));
        alive_hours += 7;
        if app.get_with(&me, "/account").await.status() != 200 {
            break;
        }
        assert!(alive_hours < 7 * 24, "session outlived its absolute lifetime");
    }
    assert!(alive_hours >= 7 * 24 - 7, "ended early, after {alive_hours} h");

    // Logout deletes the row; the old cookie no longer works.
    let r = app.post_form(&me, "/login", &login).await;
    assert_eq!(r.status(), 303);
    let cookie = r
        .headers()
        .get_all("set-cookie")
        .iter()
        .find_map(|v| {
            v.to_str()
                .ok()
                .filter(|s| s.starts_with("sid="))
                .map(|s| s.split(';').next().unwrap().to_owned())
        })
        .expect("session cookie");
    assert!(r.headers().get_all("set-cookie").iter().any(|v| {
        let s = v.to_str().unwrap();
        s.starts_with("sid=") && s.contains("HttpOnly") && s.contains("SameSite=Lax")
    }));
    assert_eq!(app.count("SELECT COUNT(*) AS n FROM session").await, 1);
    let r = app.post_form(&me, "/logout", &[]).await;
    assert_eq!(r.status(), 303);
    assert_eq!(app.count("SELECT COUNT(*) AS n FROM session").await, 0);
    let replay =
        reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build().unwrap();
    let r = replay.get(app.url("/account")).header("cookie", cookie).send().await.unwrap();
    assert_eq!(r.status(), 303);
});

on_both_backends!(cross_site_posts_are_refused, |backend: Backend| async move {
    let app = spawn_app(backend).await;
    let me = browser();
    register(&app, &me, "csrf@example.kz").await;
    let form = company_form(BIN);
    let forged = me
        .post(app.url("/account/company"))
        .header("origin", "https://evil.example")
        .form(&form)
        .send()
        .await
        .unwrap();
    assert_eq!(forged.status(), 403);
    let forged = me
        .post(app.url("/account/company"))
        .header("sec-fetch-site", "cross-site")
        .form(&form)
        .send()
        .await
        .unwrap();
    assert_eq!(forged.status(), 403);
    // Neither header and no token: refused too.
    let bare = me.post(app.url("/account/company")).form(&form).send().await.unwrap();
    assert_eq!(bare.status(), 403);
    assert_eq!(app.count("SELECT COUNT(*) AS n FROM producer").await, 0);
    // Neither header, but the form's hidden token: accepted.
    let page = app.get_with(&me, "/account/company").await.text().await.unwrap();
    let token = page
        .split(r#"name="_csrf" value=""#)
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .expect("form carries a token")
        .to_owned();
    let mut with_token = form.clone();
    with_token.push(("_csrf", token.as_str()));
    let ok = me.post(app.url("/account/company")).form(&with_token).send().await.unwrap();
    assert_eq!(ok.status(), 303);
    // Server functions are state-changing requests too.
    let forged = me
        .post(app.url("/api/suggest_hs"))
        .header("origin", "https://evil.example")
        .form(&[("q", "wheat")])
        .send()
        .await
        .unwrap();
    assert_eq!(forged.status(), 403);
});

on_both_backends!(sign_in_is_rate_limited, |backend: Backend| async move {
    let app = spawn_app(backend).await;
    let me = browser();
    register(&app, &me, "limit@example.kz").await;
    let other = browser();
    // Unknown email and wrong password read the same.
    let unknown = app
        .post_form(&other, "/login", &[("email", "nobody@example.kz"), ("password", PASSWORD)])
        .await;
    assert_eq!(unknown.status(), 401);
    assert!(unknown.text().await.unwrap().contains("The email or the password is not correct"));
    let mut last = 0;
    for _ in 0..8 {
        let r = app
            .post_form(
                &other,
                "/login",
                &[("email", "limit@example.kz"), ("password", "wrong-password-1")],
            )
            .await;
        last = r.status().as_u16();
        if last == 429 {
            break;
        }
        assert_eq!(last, 401);
    }
    let r = app
        .post_form(&other, "/login", &[("email", "limit@example.kz"), ("password", PASSWORD)])
        .await;
    assert_eq!(r.status(), 429, "after {last}");
    assert!(r.headers().contains_key("retry-after"));
    assert!(r.text().await.unwrap().contains("Try again in"));
    // After the window the right password works.
    app.clock.advance(Duration::from_secs(601));
    let r = app
        .post_form(&other, "/login", &[("email", "limit@example.kz"), ("password", PASSWORD)])
        .await;
    assert_eq!(r.status(), 303);
});

on_both_backends!(change_password, |backend: Backend| async move {
    let app = spawn_app(backend).await;
    let me = browser();
    register(&app, &me, "pw@example.kz").await;
    let new = "Tashkent-cotton-bales-77";
    let r = app
        .post_form(
            &me,
            "/account/password",
            &[
                ("current_password", "wrong-one-here"),
                ("new_password", new),
                ("new_password_confirm", new),
            ],
        )
        .await;
    assert_eq!(r.status(), 422);
    assert!(r.text().await.unwrap().contains("The current password is not correct"));
    let r = app
        .post_form(
            &me,
            "/account/password",
            &[("current_password", PASSWORD), ("new_password", new), ("new_password_confirm", new)],
        )
        .await;
    assert_eq!(r.status(), 303);
    let other = browser();
    let r = app
        .post_form(&other, "/login", &[("email", "pw@example.kz"), ("password", PASSWORD)])
        .await;
    assert_eq!(r.status(), 401);
    let r = app.post_form(&other, "/login", &[("email", "pw@example.kz"), ("password", new)]).await;
    assert_eq!(r.status(), 303);
});

on_both_backends!(revision_keeps_the_published_listing_visible, |backend: Backend| async move {
    let app = spawn_app(backend).await;
    let me = browser();
    let producer = producer_with_company(&app, &me, "rev@example.kz", BIN).await;
    let listing = add_listing(&app, &me, "Мука первого сорта").await;
    app.post_form(&me, &format!("/account/listings/{listing}/submit"), &[]).await;
    app.post_form(&me, "/account/company/submit", &[]).await;
    let now = app.clock.now();
    moderation::approve(&app.db, admin(&app).await, Target::Producer(producer), now).await.unwrap();
    moderation::approve(&app.db, admin(&app).await, Target::Listing(listing), now).await.unwrap();
    assert!(app.get_html(&format!("/listings/{listing}")).await.contains("Мука первого сорта"));

    let r = app
        .post_form(
            &me,
            &format!("/account/listings/{listing}/edit"),
            &listing_form("Мука высшего сорта"),
        )
        .await;
    assert_eq!(r.status(), 303);
    assert_eq!(r.headers()["location"], "/account?done=listing_revision");
    let public = app.get_html(&format!("/listings/{listing}")).await;
    assert!(public.contains("Мука первого сорта") && !public.contains("Мука высшего сорта"));
    assert_eq!(status_of(&app, "listing", listing).await, "published");
    // The producer keeps editing the pending version.
    let form =
        app.get_with(&me, &format!("/account/listings/{listing}/edit")).await.text().await.unwrap();
    assert!(form.contains("Мука высшего сорта") && form.contains("Changes waiting for review"));
    let revision = app.count("SELECT id AS n FROM revision WHERE status = 'pending'").await;
    moderation::approve_revision(&app.db, admin(&app).await, revision, app.clock.now())
        .await
        .unwrap();
    let public = app.get_html(&format!("/listings/{listing}")).await;
    assert!(public.contains("Мука высшего сорта"));
    // A second decision on the same revision loses, and is told who decided it.
    match moderation::approve_revision(&app.db, admin(&app).await, revision, app.clock.now()).await
    {
        Err(app::foundations::error::AppError::Conflict(message)) => {
            assert!(message.starts_with("already decided by admin@registry.test at "), "{message}")
        }
        other => panic!("expected the already-decided conflict, got {other:?}"),
    }
});

/// The import page's problem table: (line, column, message) of each row.
fn problem_rows(body: &str) -> Vec<(String, String, String)> {
    fn text(html: &str) -> String {
        let mut out = String::new();
        let mut in_tag = false;
        for c in html.chars() {
            match c {
                '<' => in_tag = true,
                '>' => in_tag = false,
                c if !in_tag => out.push(c),
                _ => {}
            }
        }
        out.trim().to_owned()
    }
    body.split("<tr")
        .skip(1)
        .filter_map(|row| {
            let row = row.split("</tr>").next().unwrap_or_default();
            let cells: Vec<String> = row
                .split("<td")
                .skip(1)
                .map(|cell| text(&format!("<td{}", cell.split("</td>").next().unwrap_or_default())))
                .collect();
            match <[String; 3]>::try_from(cells) {
                Ok([line, column, message]) => Some((line, column, message)),
                Err(_) => None,
            }
        })
        .collect()
}

fn csv_part(body: &str) -> reqwest::multipart::Form {
    reqwest::multipart::Form::new().part(
        "file",
        reqwest::multipart::Part::bytes(body.as_bytes().to_vec())
            .file_name("listings.csv")
            .mime_str("text/csv")
            .unwrap(),
    )
}

on_both_backends!(
    csv_import_reports_bad_rows_and_saves_nothing_until_valid,
    |backend: Backend| async move {
        let app = spawn_app(backend).await;
        let me = browser();
        producer_with_company(&app, &me, "csv@example.kz", BIN).await;
        let template = app.get_with(&me, "/account/import/template.csv").await;
        assert_eq!(template.status(), 200);
        let template = template.text().await.unwrap();
        assert!(template.starts_with("\u{feff}product_name,hs_code"));
        let file = "\u{feff}product_name;hs_code;capacity;capacity_unit;export_markets;certifications\n\
                Мука пшеничная;1101;12000;t;AF UZ;halal|iso22000\n\
                Отруби;2302.30;500;t;;\n\
                ;1101;1;t;;\n\
                Макароны;1902.19;10;bags;;\n\
                Хлопок;5201;100;t;;\n";
        let post = |form: reqwest::multipart::Form| {
            me.post(app.url("/account/import"))
                .header("origin", app.origin())
                .multipart(form)
                .send()
        };
        let r = post(csv_part(file)).await.unwrap();
        assert_eq!(r.status(), 422);
        let body = r.text().await.unwrap();
        assert!(body.contains("Problems found: 2"), "two bad rows");
        // Exactly the bad rows, each with its line, column and reason (the header is line 1).
        let problems = problem_rows(&body);
        let expected = [
            ("4", "product_name", "This field is required."),
            ("5", "capacity_unit", "Choose one of the options."),
        ]
        .map(|(l, c, m)| (l.to_owned(), c.to_owned(), m.to_owned()));
        assert_eq!(problems, expected, "problem table");
        assert!(body.contains("3 rows are valid"));
        assert_eq!(app.count("SELECT COUNT(*) AS n FROM listing").await, 0);

        let r = post(csv_part(file).text("valid_only", "on")).await.unwrap();
        assert_eq!(r.status(), 200);
        assert!(r.text().await.unwrap().contains("3 products imported"));
        assert_eq!(
            app.count("SELECT COUNT(*) AS n FROM listing WHERE status = 'submitted'").await,
            3
        );
        assert_eq!(
            app.count("SELECT COUNT(*) AS n FROM certification WHERE listing_id IS NOT NULL").await,
            2
        );
        // Unknown columns and non-UTF-8 files are refused as a whole, with a message.
        let r = post(csv_part("name,price\nx,1\n")).await.unwrap();
        assert_eq!(r.status(), 422);
        assert!(r.text().await.unwrap().contains("Unknown column"));
        let latin1 = reqwest::multipart::Form::new().part(
            "file",
            reqwest::multipart::Part::bytes(vec![b'p', 0xE9, b'\n']).file_name("x.csv"),
        );
        let r = post(latin1).await.unwrap();
        assert_eq!(r.status(), 422);
        assert!(r.text().await.unwrap().contains("not UTF-8"));
    }
);

fn import_command(args: &[&str]) -> server::import_cli::ImportCommand {
    use clap::Parser;
    let mut argv = vec!["server", "import"];
    argv.extend_from_slice(args);
    match server::cli::Cli::try_parse_from(argv).expect("arguments parse").command {
        Some(server::cli::Command::Import(c)) => c,
        other => panic!("not an import command: {other:?}"),
    }
}

on_both_backends!(
    cli_imports_a_register_of_producers_then_listings,
    |backend: Backend| async move {
        let app = spawn_app(backend).await;
        // A folder of this test and backend only: the other backend's run removes its own.
        let dir = std::env::temp_dir().join(format!(
            "registry-import-{}-cli-producers-then-listings-{backend:?}",
            std::process::id()
        ));
        std::fs::create_dir_all(&dir).unwrap();
        let producers = dir.join(format!("producers-{backend:?}.csv"));
        std::fs::write(
            &producers,
            "tax_id,country,legal_name,region,city,product_name,hs_code,capacity,capacity_unit\n\
         940140000385,KZ,ТОО «Дән»,KZ-39,Костанай,Мука пшеничная,1101,1000,t\n\
         940140000385,KZ,ТОО «Дән»,KZ-39,Костанай,Отруби,2302.30,200,t\n\
         305010010,UZ,«Paxta Tola» MChJ,UZ-TO,Chirchiq,Paxta tolasi,5201,5000,t\n\
         123,UZ,Bad Tax Id LLC,UZ-TO,Tashkent,Yarn,5205,1,t\n",
        )
        .unwrap();
        let path = producers.to_str().unwrap();
        // A file that is not there is a different error from a file with a bad row.
        let missing = dir.join("no-such-file.csv");
        let missing = server::import_cli::run(
            &app.db,
            import_command(&["producers", missing.to_str().unwrap()]),
        )
        .await
        .expect_err("a missing file is refused")
        .to_string();
        assert!(missing.starts_with("cannot read ") && missing.contains("no-such-file.csv"));
        let refused = server::import_cli::run(&app.db, import_command(&["producers", path]))
            .await
            .expect_err("a bad row stops the whole file")
            .to_string();
        // The message names the bad line, its column and the reason, and only that line.
        let lines: Vec<&str> = refused.lines().collect();
        assert_eq!(lines.len(), 2, "{refused}");
        assert!(lines[0].starts_with("1 problems: nothing imported"), "{refused}");
        assert_eq!(
            lines[1], "line 5, column tax_id: This is not the format of a tax ID of UZ.",
            "{refused}"
        );
        assert_eq!(app.count("SELECT COUNT(*) AS n FROM producer").await, 0);
        server::import_cli::run(&app.db, import_command(&["producers", "--valid-only", path]))
            .await
            .unwrap();
        assert_eq!(
            app.count("SELECT COUNT(*) AS n FROM producer WHERE status = 'published'").await,
            2
        );
        assert_eq!(app.count("SELECT COUNT(*) AS n FROM listing WHERE visible = TRUE").await, 3);
        let api: serde_json::Value =
            app.get("/api/v1/listings?q=paxta").await.json().await.unwrap();
        assert_eq!(api["total"], 1, "{api}");

        let listings = dir.join(format!("listings-{backend:?}.csv"));
        std::fs::write(&listings, "product_name;hs_code\nМанная крупа;1103.11\n").unwrap();
        server::import_cli::run(
            &app.db,
            import_command(&[
                "listings",
                "--producer-tax-id",
                "KZ:940140000385",
                listings.to_str().unwrap(),
            ]),
        )
        .await
        .unwrap();
        assert_eq!(
            app.count(
                "SELECT COUNT(*) AS n FROM listing WHERE hs_code = '110311' AND visible = TRUE"
            )
            .await,
            1
        );
        let unknown = server::import_cli::run(
            &app.db,
            import_command(&[
                "listings",
                "--producer-tax-id",
                "KZ:990140004654",
                listings.to_str().unwrap(),
            ]),
        )
        .await
        .expect_err("no producer has this tax ID")
        .to_string();
        assert_eq!(unknown, "no producer with tax ID KZ:990140004654");
        assert_eq!(app.count("SELECT COUNT(*) AS n FROM listing").await, 4);
        let _ = std::fs::remove_dir_all(&dir);
    }
);
