//! Journeys the README promises, walked through the doors users use: forms, pages, the JSON
//! API and the `server` CLI. Each asserts what the user would see, not only status codes.

use crate::helpers::{Backend, TestApp, browser, spawn_app};
use crate::on_both_backends;
use crate::producers::{BIN, PASSWORD, add_listing, company_form, producer_with_company, register};
use std::time::Duration;

use crate::admin::{ADMIN_PASSWORD, admin_command};
/// A second valid BIN (check digit right), for a second Kazakh company.
const BIN_2: &str = "990140004654";

/// `server admin create` as the README says, then a browser signed in as that administrator.
async fn admin_browser(app: &TestApp, email: &str) -> reqwest::Client {
    server::admin_cli::run(
        &app.db,
        admin_command(&["create", "--email", email, "--password-stdin"]),
        |_| Ok(ADMIN_PASSWORD.to_owned()),
    )
    .await
    .expect("admin created");
    signed_in(app, email, ADMIN_PASSWORD).await
}

/// A fresh browser signed in through the sign-in form.
async fn signed_in(app: &TestApp, email: &str, password: &str) -> reqwest::Client {
    let client = browser();
    let r = app.post_form(&client, "/login", &[("email", email), ("password", password)]).await;
    assert_eq!(r.status(), 303, "sign-in of {email}");
    client
}

/// The page as a user reads it (Leptos' hydration markers removed).
async fn page(app: &TestApp, client: &reqwest::Client, path: &str) -> String {
    let r = app.get_with(client, path).await;
    assert_eq!(r.status(), 200, "GET {path}");
    r.text().await.expect("body").replace("<!>", "")
}

async fn public_page(app: &TestApp, path: &str) -> String {
    page(app, &browser(), path).await
}

async fn json(app: &TestApp, path: &str) -> serde_json::Value {
    app.get(path).await.json().await.expect("JSON")
}

async fn decide(
    app: &TestApp,
    admin: &reqwest::Client,
    kind: &str,
    id: i64,
    fields: &[(&str, &str)],
) -> reqwest::Response {
    crate::helpers::post_decision(app, admin, kind, id, fields).await
}

async fn approve(app: &TestApp, admin: &reqwest::Client, kind: &str, id: i64) {
    let r = decide(app, admin, kind, id, &[("decision", "approve")]).await;
    assert_eq!(r.status(), 303, "approve {kind} {id}");
}

/// Registers, fills the company form (`form`), adds one listing, submits both.
async fn submit_company_and_listing(
    app: &TestApp,
    client: &reqwest::Client,
    email: &str,
    form: &[(&'static str, &'static str)],
    product: &'static str,
) -> (i64, i64) {
    register(app, client, email).await;
    let r = app.post_form(client, "/account/company", form).await;
    assert_eq!(r.status(), 303, "{}", r.text().await.unwrap_or_default());
    let listing = add_listing(app, client, product).await;
    let r = app.post_form(client, &format!("/account/listings/{listing}/submit"), &[]).await;
    assert_eq!(r.status(), 303);
    let r = app.post_form(client, "/account/company/submit", &[]).await;
    assert_eq!(r.status(), 303);
    let producer = app.count("SELECT MAX(id) AS n FROM producer").await;
    (producer, listing)
}

/// `company_form(tax_id)` with some fields replaced.
fn company_with(
    tax_id: &'static str,
    changes: &[(&'static str, &'static str)],
) -> Vec<(&'static str, &'static str)> {
    let mut form = company_form(tax_id);
    form.retain(|(k, _)| !changes.iter().any(|(c, _)| c == k));
    form.extend_from_slice(changes);
    form
}

/// The ids in links `{prefix}{id}` of a page, in order.
fn linked_ids(html: &str, prefix: &str) -> Vec<i64> {
    html.split(prefix)
        .skip(1)
        .filter_map(|rest| {
            let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
            digits.parse().ok()
        })
        .collect()
}

fn set_cookies(r: &reqwest::Response) -> Vec<String> {
    r.headers()
        .get_all("set-cookie")
        .iter()
        .map(|v| v.to_str().expect("ASCII cookie").to_owned())
        .collect()
}

// 1. An administrator asks for changes; the producer reads why, edits, resubmits; approved.
on_both_backends!(request_changes_edit_resubmit_publish, |backend: Backend| async move {
    let app = spawn_app(backend).await;
    let admin = admin_browser(&app, "mod@registry.kz").await;
    let me = browser();
    let (producer, listing) = submit_company_and_listing(
        &app,
        &me,
        "changes@kostanay-muka.kz",
        &company_form(BIN),
        "Мука пшеничная",
    )
    .await;
    // Asking for changes needs a reason, like a rejection.
    let r = decide(&app, &admin, "producer", producer, &[("decision", "changes")]).await;
    assert_eq!(r.status(), 422);
    assert!(r.text().await.unwrap().contains("Give a reason"));
    let reason = "Укажите адрес склада полностью.";
    let r = decide(
        &app,
        &admin,
        "producer",
        producer,
        &[("decision", "changes"), ("reason_preset", ""), ("reason", reason)],
    )
    .await;
    assert_eq!(r.status(), 303);
    assert_eq!(r.headers()["location"], "/admin/queue?done=decided");
    // The producer reads the reason on the dashboard; the entry is back in their hands.
    let dashboard = page(&app, &me, "/account").await;
    assert!(dashboard.contains(reason), "reason shown to the producer");
    assert!(dashboard.contains("Changes requested"), "the company is back for changes");
    assert_eq!(app.get(&format!("/producers/{producer}")).await.status(), 404);
    let queue = page(&app, &admin, "/admin/queue").await;
    assert!(!queue.contains("ТОО «Костанай Мука»"), "no longer waiting for a decision");
    // Edit and submit again.
    let form = company_with(BIN, &[("address", "ул. Промышленная, 5, склад № 3")]);
    let r = app.post_form(&me, "/account/company", &form).await;
    assert_eq!(r.status(), 303);
    let r = app.post_form(&me, "/account/company/submit", &[]).await;
    assert_eq!(r.status(), 303);
    let dashboard = page(&app, &me, "/account").await;
    assert!(dashboard.contains("Waiting for review") && !dashboard.contains(reason));
    let queue = page(&app, &admin, "/admin/queue").await;
    assert!(queue.contains("ТОО «Костанай Мука»"), "back in the queue");
    approve(&app, &admin, "producer", producer).await;
    approve(&app, &admin, "listing", listing).await;
    let public = public_page(&app, &format!("/producers/{producer}")).await;
    assert!(public.contains("склад № 3"), "the edited profile is public");
    let api = json(&app, "/api/v1/listings?q=мука").await;
    assert_eq!(api["total"], 1, "{api}");
    assert_eq!(api["items"][0]["id"], listing, "{api}");
    assert!(page(&app, &me, "/account").await.contains("Published"));
    assert_eq!(
        app.count(
            "SELECT COUNT(*) AS n FROM audit_event WHERE action = 'moderation.request_changes'"
        )
        .await,
        1
    );
});

// 2. Changing the password signs out the user's other browsers, not this one.
on_both_backends!(password_change_ends_other_sessions, |backend: Backend| async move {
    let app = spawn_app(backend).await;
    let laptop = browser();
    register(&app, &laptop, "two-devices@example.kz").await;
    let phone = signed_in(&app, "two-devices@example.kz", PASSWORD).await;
    assert!(page(&app, &phone, "/account").await.contains("two-devices@example.kz"));
    let new = "Tashkent-cotton-bales-77";
    let r = app
        .post_form(
            &laptop,
            "/account/password",
            &[("current_password", PASSWORD), ("new_password", new), ("new_password_confirm", new)],
        )
        .await;
    assert_eq!(r.status(), 303);
    assert_eq!(r.headers()["location"], "/account?done=password");
    // This browser stays signed in and is told what happened.
    let dashboard = page(&app, &laptop, "/account?done=password").await;
    assert!(dashboard.contains("Your other sessions were signed out"));
    assert!(dashboard.contains("two-devices@example.kz"));
    // The other one is sent to the sign-in page.
    let r = app.get_with(&phone, "/account").await;
    assert_eq!(r.status(), 303, "the other session ended");
    assert!(r.headers()["location"].to_str().unwrap().starts_with("/login"));
    assert_eq!(app.count("SELECT COUNT(*) AS n FROM session").await, 1);
    // It signs in again with the new password only.
    let r = app
        .post_form(&phone, "/login", &[("email", "two-devices@example.kz"), ("password", PASSWORD)])
        .await;
    assert_eq!(r.status(), 401);
    let phone = signed_in(&app, "two-devices@example.kz", new).await;
    assert_eq!(app.get_with(&phone, "/account").await.status(), 200);
    assert_eq!(app.get_with(&laptop, "/account").await.status(), 200);
});

// 3. A change to a published company waits for approval; the public keeps the old version.
on_both_backends!(company_revision_stays_private_until_approved, |backend: Backend| async move {
    let app = spawn_app(backend).await;
    let admin = admin_browser(&app, "mod@registry.kz").await;
    let me = browser();
    let (producer, listing) = submit_company_and_listing(
        &app,
        &me,
        "revise@kostanay-muka.kz",
        &company_form(BIN),
        "Мука пшеничная",
    )
    .await;
    approve(&app, &admin, "producer", producer).await;
    approve(&app, &admin, "listing", listing).await;
    let old_address = "ул. Промышленная, 5";
    let new_address = "пр. Абая, 120";
    assert!(public_page(&app, &format!("/producers/{producer}")).await.contains(old_address));

    let form = company_with(
        BIN,
        &[("address", new_address), ("description", "Новый элеватор на 40 000 тонн.")],
    );
    let r = app.post_form(&me, "/account/company", &form).await;
    assert_eq!(r.status(), 303);
    assert_eq!(r.headers()["location"], "/account?done=company_revision");
    let dashboard = page(&app, &me, "/account?done=company_revision").await;
    assert!(dashboard.contains("The published profile stays as it is"));
    // Public page, API and search: still the published version.
    let public = public_page(&app, &format!("/producers/{producer}")).await;
    assert!(public.contains(old_address) && !public.contains(new_address));
    assert!(!public.contains("элеватор"));
    let api = json(&app, &format!("/api/v1/producers/{producer}")).await;
    assert_eq!(api["address"], old_address, "{api}");
    // The administrator finds the change in the queue and approves it.
    let queue = page(&app, &admin, "/admin/queue").await;
    let revisions = linked_ids(&queue, "/admin/queue/revision/");
    assert_eq!(revisions.len(), 1, "one change waiting: {revisions:?}");
    let item = page(&app, &admin, &format!("/admin/queue/revision/{}", revisions[0])).await;
    assert!(item.contains(old_address) && item.contains(new_address), "both versions shown");
    approve(&app, &admin, "revision", revisions[0]).await;
    let public = public_page(&app, &format!("/producers/{producer}")).await;
    assert!(public.contains(new_address) && !public.contains(old_address));
    assert!(public.contains("Новый элеватор"));
    let api = json(&app, &format!("/api/v1/producers/{producer}")).await;
    assert_eq!(api["address"], new_address, "{api}");
    // Still published, with its listing.
    assert_eq!(json(&app, "/api/v1/listings?q=мука").await["total"], 1);
});

// 4. Administrators give and take the role on /admin/users, never their own.
on_both_backends!(admin_role_given_and_taken_on_the_users_page, |backend: Backend| async move {
    let app = spawn_app(backend).await;
    let boss = admin_browser(&app, "boss@registry.kz").await;
    let helper = browser();
    register(&app, &helper, "helper@registry.kz").await;
    assert_eq!(app.get_with(&helper, "/admin").await.status(), 403);
    assert_eq!(app.get_with(&helper, "/admin/queue").await.status(), 403);
    let helper_id =
        app.count("SELECT id AS n FROM user_account WHERE email = 'helper@registry.kz'").await;
    let boss_id =
        app.count("SELECT id AS n FROM user_account WHERE email = 'boss@registry.kz'").await;

    let users = page(&app, &boss, "/admin/users").await;
    assert!(users.contains("helper@registry.kz") && users.contains("boss@registry.kz"));
    assert!(users.contains(&format!("/admin/users/{helper_id}/role")));
    assert!(users.contains("value=\"admin\""), "a button to make the producer an administrator");
    let r =
        app.post_form(&boss, &format!("/admin/users/{helper_id}/role"), &[("role", "admin")]).await;
    assert_eq!(r.status(), 303);
    assert_eq!(r.headers()["location"], "/admin/users?done=role");
    assert!(page(&app, &boss, "/admin/users?done=role").await.contains("Role changed."));
    // The helper's open session has the role at once.
    let queue = page(&app, &helper, "/admin/queue").await;
    assert!(queue.contains("Moderation queue"));
    assert!(page(&app, &helper, "/account").await.contains("Administration"));

    // Nobody takes their own role on this page.
    let r = app
        .post_form(&boss, &format!("/admin/users/{boss_id}/role"), &[("role", "producer")])
        .await;
    assert_eq!(r.status(), 409);
    assert!(r.text().await.unwrap().contains("cannot change their own role"));
    assert_eq!(app.get_with(&boss, "/admin").await.status(), 200, "still an administrator");

    // Taking it back: the helper is signed out and, signed in again, kept out.
    let r = app
        .post_form(&boss, &format!("/admin/users/{helper_id}/role"), &[("role", "producer")])
        .await;
    assert_eq!(r.status(), 303);
    let r = app.get_with(&helper, "/admin/queue").await;
    assert_eq!(r.status(), 303, "the demoted administrator's session ended");
    let helper = signed_in(&app, "helper@registry.kz", PASSWORD).await;
    assert_eq!(app.get_with(&helper, "/admin").await.status(), 403);
    assert_eq!(app.get_with(&helper, "/admin/queue").await.status(), 403);
    assert_eq!(
        app.count("SELECT COUNT(*) AS n FROM audit_event WHERE action = 'user.role'").await,
        2,
        "both changes audited, the refused one not"
    );
});

// 5. The queue's filters: country, kind, age. What the filter excludes is not on the page.
on_both_backends!(queue_filters_by_country_kind_and_age, |backend: Backend| async move {
    let app = spawn_app(backend).await;
    let kz = browser();
    submit_company_and_listing(&app, &kz, "kz@example.kz", &company_form(BIN), "Отруби пшеничные")
        .await;
    // Three days later a Kyrgyz company arrives (without products yet).
    app.clock.advance(Duration::from_secs(3 * 24 * 3600));
    let kg = browser();
    register(&app, &kg, "kg@example.kg").await;
    let form = company_with(
        "01234567891234",
        &[("country", "KG"), ("region", "KG-C"), ("legal_name", "ОсОО «Ала-Тоо Сүт»")],
    );
    assert_eq!(app.post_form(&kg, "/account/company", &form).await.status(), 303);
    assert_eq!(app.post_form(&kg, "/account/company/submit", &[]).await.status(), 303);
    let admin = admin_browser(&app, "mod@registry.kz").await;

    let (kz_company, kg_company, kz_product) =
        ("ТОО «Костанай Мука»", "ОсОО «Ала-Тоо Сүт»", "Отруби пшеничные");
    let all = page(&app, &admin, "/admin/queue").await;
    assert!(all.contains(kz_company) && all.contains(kg_company) && all.contains(kz_product));

    let by_country = page(&app, &admin, "/admin/queue?country=KG").await;
    assert!(by_country.contains(kg_company));
    assert!(!by_country.contains(kz_company) && !by_country.contains(kz_product));
    let by_country = page(&app, &admin, "/admin/queue?country=KZ").await;
    assert!(by_country.contains(kz_company) && by_country.contains(kz_product));
    assert!(!by_country.contains(kg_company));

    let listings = page(&app, &admin, "/admin/queue?kind=listing").await;
    assert!(listings.contains(kz_product));
    assert!(!listings.contains(kz_company) && !listings.contains(kg_company));
    let companies = page(&app, &admin, "/admin/queue?kind=producer").await;
    assert!(companies.contains(kz_company) && companies.contains(kg_company));
    assert!(!companies.contains(kz_product));

    let old = page(&app, &admin, "/admin/queue?age=2").await;
    assert!(old.contains(kz_company) && old.contains(kz_product), "waiting three days");
    assert!(!old.contains(kg_company), "waiting since today");
    let older = page(&app, &admin, "/admin/queue?age=4").await;
    assert!(!older.contains(kz_company) && !older.contains(kg_company));
    assert!(!older.contains(kz_product));
    // Filters combine.
    let combined = page(&app, &admin, "/admin/queue?country=KZ&kind=producer&age=2").await;
    assert!(combined.contains(kz_company));
    assert!(!combined.contains(kz_product) && !combined.contains(kg_company));
});

// 6. /stats: median time from submission to decision and new accounts per week.
on_both_backends!(
    statistics_median_decision_time_and_weekly_accounts,
    |backend: Backend| async move {
        let app = spawn_app(backend).await;
        let hour = Duration::from_secs(3600);
        let mut registered = vec![app.clock.now()];
        let admin = admin_browser(&app, "mod@registry.kz").await;
        let page0 = public_page(&app, "/stats").await;
        assert!(page0.contains("No decisions yet."));

        let first = browser();
        registered.push(app.clock.now());
        let (producer_a, listing_a) =
            submit_company_and_listing(&app, &first, "a@example.kz", &company_form(BIN), "Мука")
                .await;
        // Decided 1 h after submission.
        app.clock.advance(hour);
        approve(&app, &admin, "producer", producer_a).await;
        // A second company is submitted now (registered in the same week or the next).
        let second = browser();
        registered.push(app.clock.now());
        register(&app, &second, "b@example.kz").await;
        let form = company_with(BIN_2, &[("legal_name", "ТОО «Второй»")]);
        assert_eq!(app.post_form(&second, "/account/company", &form).await.status(), 303);
        assert_eq!(app.post_form(&second, "/account/company/submit", &[]).await.status(), 303);
        let producer_b = app.count("SELECT MAX(id) AS n FROM producer").await;
        // The listing: rejected 3 h after submission.
        app.clock.advance(2 * hour);
        let r = decide(
            &app,
            &admin,
            "listing",
            listing_a,
            &[("decision", "reject"), ("reason", "Не тот код ТН ВЭД.")],
        )
        .await;
        assert_eq!(r.status(), 303);
        // The second company: changes requested 6 h after submission.
        app.clock.advance(4 * hour);
        let r = decide(
            &app,
            &admin,
            "producer",
            producer_b,
            &[("decision", "changes"), ("reason", "Добавьте адрес.")],
        )
        .await;
        assert_eq!(r.status(), 303);
        // Decisions took 1 h, 3 h and 6 h: the median is 3 h.
        let stats = public_page(&app, "/stats").await;
        assert!(
            stats.contains("Median time from submission to decision: 3.0 h (3 decisions)."),
            "{}",
            stats.split("<h2").last().unwrap_or_default()
        );

        // A week later, one more account.
        app.clock.advance(Duration::from_secs(7 * 24 * 3600));
        registered.push(app.clock.now());
        register(&app, &browser(), "c@example.kz").await;
        let week_of = |t: chrono::DateTime<chrono::Utc>| {
            use chrono::Datelike;
            let day = t.date_naive();
            (day - chrono::Duration::days(day.weekday().num_days_from_monday() as i64)).to_string()
        };
        let mut expected: Vec<(String, i64)> = Vec::new();
        for t in &registered {
            let w = week_of(*t);
            match expected.iter_mut().find(|(k, _)| *k == w) {
                Some(e) => e.1 += 1,
                None => expected.push((w, 1)),
            }
        }
        assert!(expected.len() >= 2, "the registrations span two weeks: {expected:?}");
        let stats = public_page(&app, "/stats").await;
        assert!(stats.contains("New accounts per week"));
        for (week, n) in &expected {
            assert!(
                stats.contains(&format!("<td>{week}</td><td>{n}</td>")),
                "week {week}: {n} accounts in {}",
                stats.split("New accounts per week").last().unwrap_or_default()
            );
        }
        // Weeks without registrations read 0; twelve weeks are shown.
        assert_eq!(stats.matches("<td class=\"bar-cell\">").count(), 12);
    }
);

// 7. Sign-in per IP (30 per 10 min) and registration per IP (20 per hour): 429 + Retry-After.
on_both_backends!(sign_in_and_registration_are_limited_per_ip, |backend: Backend| async move {
    let app = spawn_app(backend).await;
    register(&app, &browser(), "real@example.kz").await;
    let guesser = browser();
    // 30 attempts on 30 different accounts: each is only "wrong", the per-account limit never
    // applies.
    for i in 0..30 {
        let email = format!("guess{i}@example.kz");
        let r = app
            .post_form(&guesser, "/login", &[("email", &email), ("password", "wrong-password-1")])
            .await;
        assert_eq!(r.status(), 401, "attempt {}", i + 1);
    }
    // The 31st from the same address is refused, even with the right password.
    let r = app
        .post_form(&guesser, "/login", &[("email", "real@example.kz"), ("password", PASSWORD)])
        .await;
    assert_eq!(r.status(), 429);
    let wait: u64 = r.headers()["retry-after"].to_str().unwrap().parse().unwrap();
    assert!((1..=600).contains(&wait), "Retry-After {wait}");
    let body = r.text().await.unwrap();
    assert!(body.contains("Too many attempts. Try again in"), "the user is told why");
    assert!(body.contains("value=\"real@example.kz\""), "the email typed is kept");
    assert_eq!(
        app.count("SELECT COUNT(*) AS n FROM session WHERE user_id IS NOT NULL").await,
        1,
        "only the registration's session"
    );
    app.clock.advance(Duration::from_secs(601));
    let r = app
        .post_form(&guesser, "/login", &[("email", "real@example.kz"), ("password", PASSWORD)])
        .await;
    assert_eq!(r.status(), 303, "the window is over");

    // Registration: one was made above; 19 more, then refused.
    for i in 1..20 {
        register(&app, &browser(), &format!("new{i}@example.kz")).await;
    }
    let r = app
        .post_form(
            &browser(),
            "/register",
            &[
                ("email", "one-too-many@example.kz"),
                ("password", PASSWORD),
                ("password_confirm", PASSWORD),
                ("accept_terms", "on"),
            ],
        )
        .await;
    assert_eq!(r.status(), 429);
    let wait: u64 = r.headers()["retry-after"].to_str().unwrap().parse().unwrap();
    assert!((1..=3600).contains(&wait), "Retry-After {wait}");
    let body = r.text().await.unwrap();
    assert!(body.contains("Too many attempts. Try again in"));
    assert!(body.contains("value=\"one-too-many@example.kz\"") && !body.contains(PASSWORD));
    assert_eq!(app.count("SELECT COUNT(*) AS n FROM user_account").await, 20);
    app.clock.advance(Duration::from_secs(3601));
    register(&app, &browser(), "one-too-many@example.kz").await;
});

fn csv_upload(bytes: Vec<u8>, valid_only: bool) -> reqwest::multipart::Form {
    let form = reqwest::multipart::Form::new().part(
        "file",
        reqwest::multipart::Part::bytes(bytes)
            .file_name("listings.csv")
            .mime_str("text/csv")
            .unwrap(),
    );
    if valid_only { form.text("valid_only", "on") } else { form }
}

// 8. CSV upload limits: over 10 MB or over 20,000 rows is refused, with a message; nothing saved.
on_both_backends!(csv_upload_limits_size_and_rows, |backend: Backend| async move {
    let app = spawn_app(backend).await;
    let me = browser();
    producer_with_company(&app, &me, "big@example.kz", BIN).await;
    let upload = |form: reqwest::multipart::Form| {
        me.post(app.url("/account/import")).header("origin", app.origin()).multipart(form).send()
    };
    // Valid rows, just over 10 MB.
    let row = format!("Мука пшеничная,1101,{}\n", "x".repeat(4000));
    let mut big = String::from("product_name,hs_code,description\n");
    while big.len() <= app::workspace::services::import::MAX_BYTES {
        big.push_str(&row);
    }
    for valid_only in [false, true] {
        let r = upload(csv_upload(big.clone().into_bytes(), valid_only)).await.unwrap();
        assert_eq!(r.status(), 413);
        let body = r.text().await.unwrap();
        assert!(body.contains("The file is larger than 10 MB."), "{:.400}", body);
    }
    // 20,001 valid, short rows.
    let mut many = String::from("product_name,hs_code\n");
    for i in 0..20_001 {
        many.push_str(&format!("Мука {i},1101\n"));
    }
    assert!(many.len() < 1024 * 1024);
    for valid_only in [false, true] {
        let r = upload(csv_upload(many.clone().into_bytes(), valid_only)).await.unwrap();
        assert_eq!(r.status(), 422);
        let body = r.text().await.unwrap();
        assert!(body.contains("rows: split it into several files"), "{:.400}", body);
    }
    assert_eq!(app.count("SELECT COUNT(*) AS n FROM listing").await, 0, "nothing saved");
    // 20,000 rows are within the limit: that file is checked row by row (its one bad row is
    // reported) instead of refused as a whole.
    let mut at_limit = String::from("product_name,hs_code\n");
    for i in 0..19_999 {
        at_limit.push_str(&format!("Мука {i},1101\n"));
    }
    at_limit.push_str(",1101\n");
    let r = upload(csv_upload(at_limit.into_bytes(), false)).await.unwrap();
    assert_eq!(r.status(), 422);
    let body = r.text().await.unwrap();
    assert!(body.contains("Problems found: 1") && body.contains("19999 rows are valid"));
    assert_eq!(app.count("SELECT COUNT(*) AS n FROM listing").await, 0, "nothing saved");
});

// 9. More than 50,000 published listings: the sitemap index names more than one file.
on_both_backends!(sitemap_splits_at_fifty_thousand_urls, |backend: Backend| async move {
    let app = spawn_app(backend).await;
    server::seed::seed(&app.db, 3, 42, false).await.unwrap();
    // Copies of one published listing, enough to pass 50,000 (one statement, both engines).
    app.db_exec(
        "WITH RECURSIVE s(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM s WHERE n < 50000) \
         INSERT INTO listing (producer_id, hs_code, national_code, product_name, description, \
           capacity, capacity_unit, min_order, min_order_unit, lead_time_days, export_markets, \
           status, status_reason, name_key, search_text, visible, country_code, region_code, \
           hs_section_id, verified, published_at, created_at, updated_at) \
         SELECT l.producer_id, l.hs_code, l.national_code, l.product_name, l.description, \
           l.capacity, l.capacity_unit, l.min_order, l.min_order_unit, l.lead_time_days, \
           l.export_markets, l.status, l.status_reason, l.name_key, l.search_text, l.visible, \
           l.country_code, l.region_code, l.hs_section_id, l.verified, l.published_at, \
           l.created_at, l.updated_at \
         FROM s CROSS JOIN (SELECT * FROM listing WHERE visible = TRUE ORDER BY id LIMIT 1) l",
    )
    .await;
    let published = app.count("SELECT COUNT(*) AS n FROM listing WHERE visible = TRUE").await;
    assert!(published > 50_000);
    let index = app.get("/sitemap.xml").await;
    assert_eq!(index.status(), 200);
    let index = index.text().await.unwrap();
    assert!(index.contains("<sitemapindex"));
    let base = app.origin();
    let files: Vec<String> = index
        .split("<loc>")
        .skip(1)
        .filter_map(|s| s.split("</loc>").next())
        .map(|loc| loc.strip_prefix(&base).expect("absolute URL on this host").to_owned())
        .collect();
    let listing_files: Vec<&String> = files.iter().filter(|f| f.contains("listings")).collect();
    assert!(listing_files.len() >= 2, "the listings are split: {files:?}");
    assert!(files.iter().any(|f| f.contains("producers")));
    let mut urls = 0;
    for file in &listing_files {
        let body = app.get(file).await.text().await.unwrap();
        let n = body.matches("<url>").count();
        assert!(n <= 50_000, "{file} has {n} URLs");
        assert!(body.contains(&format!("<loc>{base}/listings/")));
        urls += n as i64;
    }
    assert_eq!(urls, published, "every published listing is in exactly one file");
});

// 10. Behind a proxy that terminated HTTPS, cookies are `Secure`; on plain HTTP they are not.
on_both_backends!(secure_cookies_behind_an_https_proxy, |backend: Backend| async move {
    let app = spawn_app(backend).await;
    register(&app, &browser(), "cookie@example.kz").await;
    let login = [("email", "cookie@example.kz"), ("password", PASSWORD)];
    let proxied = browser()
        .post(app.url("/login"))
        .header("origin", app.origin())
        .header("x-forwarded-proto", "https")
        .form(&login)
        .send()
        .await
        .unwrap();
    assert_eq!(proxied.status(), 303);
    let cookies = set_cookies(&proxied);
    // `__Host-`: the browser keeps it only from this host, Secure, Path=/ (no subdomain or
    // plain-HTTP page can plant one).
    let sid = cookies.iter().find(|c| c.starts_with("__Host-sid=")).expect("session cookie");
    assert!(sid.contains("; Secure") && sid.contains("HttpOnly") && sid.contains("Path=/"));
    assert!(cookies.iter().all(|c| c.contains("; Secure") && c.starts_with("__Host-")));
    // The session works over HTTPS, and its cookie means nothing on plain HTTP.
    let value = sid.split(';').next().unwrap().to_owned();
    let account = |https: bool| {
        let request = browser().get(app.url("/account")).header("cookie", value.clone());
        if https { request.header("x-forwarded-proto", "https") } else { request }
    };
    assert_eq!(account(true).send().await.unwrap().status(), 200);
    assert_eq!(account(false).send().await.unwrap().status(), 303, "signed out on plain HTTP");

    let plain = app.post_form(&browser(), "/login", &login).await;
    assert_eq!(plain.status(), 303);
    let cookies = set_cookies(&plain);
    let sid = cookies.iter().find(|c| c.starts_with("sid=")).expect("session cookie");
    assert!(!sid.contains("Secure"), "{sid}");
    assert!(cookies.iter().all(|c| !c.contains("Secure")), "{cookies:?}");
    // A proxy saying plain http does not make them Secure either.
    let http = browser()
        .post(app.url("/login"))
        .header("origin", app.origin())
        .header("x-forwarded-proto", "http")
        .form(&login)
        .send()
        .await
        .unwrap();
    assert!(set_cookies(&http).iter().all(|c| !c.contains("Secure")));
});

// Signing in over HTTPS with the cookie of an ended session keeps the new session: the old
// cookie's clearing must not follow (and so undo) the new one. Before the session layer was
// split out, it looked for `sid=` and missed `__Host-sid=`.
on_both_backends!(
    signing_in_over_an_ended_session_keeps_the_new_one,
    |backend: Backend| async move {
        let app = spawn_app(backend).await;
        register(&app, &browser(), "stale@example.kz").await;
        let stale = format!("__Host-sid={}", "ab".repeat(32));
        let login = [("email", "stale@example.kz"), ("password", PASSWORD)];
        let response = browser()
            .post(app.url("/login"))
            .header("origin", app.origin())
            .header("x-forwarded-proto", "https")
            .header("cookie", stale)
            .form(&login)
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 303);
        let sessions: Vec<String> =
            set_cookies(&response).into_iter().filter(|c| c.starts_with("__Host-sid=")).collect();
        assert_eq!(sessions.len(), 1, "one session cookie, the new one: {sessions:?}");
        assert!(!sessions[0].contains("Max-Age=0"), "{sessions:?}");
    }
);

// 11. Merging a duplicate: its certificates move, and it leaves the API.
on_both_backends!(
    merge_moves_certificates_and_removes_the_duplicate,
    |backend: Backend| async move {
        let app = spawn_app(backend).await;
        let admin = admin_browser(&app, "mod@registry.kz").await;
        let (a, b) = (browser(), browser());
        let (keep, kept_listing) =
            submit_company_and_listing(&app, &a, "keep@example.kz", &company_form(BIN), "Мука")
                .await;
        let duplicate = company_with(
            BIN_2,
            &[
                ("legal_name", "ТОО «Дубликат Агро»"),
                ("cert_kind_0", "iso9001"),
                ("cert_issuer_0", "Bureau Veritas"),
                ("cert_number_0", "Q-5150"),
            ],
        );
        let (gone, moved_listing) =
            submit_company_and_listing(&app, &b, "dup@example.kz", &duplicate, "Отруби").await;
        for (kind, id) in [
            ("producer", keep),
            ("producer", gone),
            ("listing", kept_listing),
            ("listing", moved_listing),
        ] {
            approve(&app, &admin, kind, id).await;
        }
        let api = json(&app, "/api/v1/producers?q=Дубликат").await;
        assert_eq!(api["total"], 1, "{api}");
        assert_eq!(api["items"][0]["id"], gone, "{api}");
        let before = json(&app, &format!("/api/v1/producers/{keep}")).await;
        assert!(!before.to_string().contains("Q-5150"));

        let admin_page = page(&app, &admin, &format!("/admin/producers/{keep}")).await;
        assert!(admin_page.contains("merge_id"), "the merge form is on the producer's admin page");
        let r = app
            .post_form(
                &admin,
                &format!("/admin/producers/{keep}/merge"),
                &[("merge_id", &gone.to_string())],
            )
            .await;
        assert_eq!(r.status(), 303);
        assert!(
            page(&app, &admin, &format!("/admin/producers/{keep}?done=merged"))
                .await
                .contains("Duplicate merged into this producer.")
        );
        // The surviving producer shows both certificates, on the API and its page.
        let kept = json(&app, &format!("/api/v1/producers/{keep}")).await;
        let numbers: Vec<&str> = kept["certifications"]
            .as_array()
            .expect("certifications")
            .iter()
            .filter_map(|c| c["number"].as_str())
            .collect();
        assert!(numbers.contains(&"H-2291") && numbers.contains(&"Q-5150"), "{kept}");
        let listing_ids: Vec<i64> =
            kept["listings"].as_array().unwrap().iter().filter_map(|l| l["id"].as_i64()).collect();
        assert!(listing_ids.contains(&moved_listing), "{kept}");
        let public = public_page(&app, &format!("/producers/{keep}")).await;
        assert!(public.contains("Q-5150") && public.contains("Bureau Veritas"));
        // The merged producer is gone from the API: 404 for its id, absent from searches.
        let r = app.get(&format!("/api/v1/producers/{gone}")).await;
        assert_eq!(r.status(), 404);
        let body: serde_json::Value = r.json().await.unwrap();
        assert_eq!(body["error"], format!("no published producer {gone}"));
        let r = app.get(&format!("/producers/{gone}")).await;
        assert_eq!(r.status(), 301);
        for query in
            ["/api/v1/producers?q=Дубликат", "/api/v1/producers", "/api/v1/producers?q=Отруби"]
        {
            let api = json(&app, query).await;
            let ids: Vec<i64> =
                api["items"].as_array().unwrap().iter().filter_map(|i| i["id"].as_i64()).collect();
            assert!(!ids.contains(&gone), "{query}: {api}");
        }
        let api = json(&app, "/api/v1/producers?q=Отруби").await;
        assert_eq!(api["items"][0]["id"], keep, "the moved product is found under the survivor");
        let api = json(&app, "/api/v1/listings?q=Отруби").await;
        assert_eq!(api["items"][0]["producer_id"], keep, "{api}");
    }
);
