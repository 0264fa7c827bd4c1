//! Administrators: the CLI, the moderation cycle over HTTP, revisions, concurrent decisions,
//! duplicates, merge, suspension, the 403 wall, the audit log and statistics.

use crate::helpers::{Backend, TestApp, browser, shown_version, spawn_app};
use crate::on_both_backends;
use crate::producers::{
    BIN, PASSWORD, add_listing, company_form, listing_form, producer_with_company, register,
};

pub(crate) const ADMIN_PASSWORD: &str = "Moderator-of-the-registry-42";

pub(crate) fn admin_command(args: &[&str]) -> server::admin_cli::AdminCommand {
    use clap::Parser;
    let mut argv = vec!["server", "admin"];
    argv.extend_from_slice(args);
    match server::cli::Cli::try_parse_from(argv).expect("arguments parse").command {
        Some(server::cli::Command::Admin(c)) => c,
        other => panic!("not an admin command: {other:?}"),
    }
}

/// Creates an administrator through the CLI and signs them in; returns their browser.
pub(crate) async fn signed_in_admin(app: &TestApp, email: &str) -> reqwest::Client {
    server::admin_cli::run(
        &app.db,
        admin_command(&["create", "--email", email, "--password-stdin"]),
        |_| Ok(ADMIN_PASSWORD.to_owned()),
    )
    .await
    .expect("admin created");
    let client = browser();
    let r =
        app.post_form(&client, "/login", &[("email", email), ("password", ADMIN_PASSWORD)]).await;
    assert_eq!(r.status(), 303);
    client
}

/// What `server admin list` prints, one line per administrator.
async fn admin_list(app: &TestApp) -> Vec<String> {
    let mut out = Vec::new();
    server::admin_cli::run_with_output(
        &app.db,
        admin_command(&["list"]),
        |_| unreachable!(),
        &mut out,
    )
    .await
    .expect("admin list");
    String::from_utf8(out).expect("UTF-8 output").lines().map(str::to_owned).collect()
}

/// `total` of a JSON API search.
async fn api_total(app: &TestApp, path: &str) -> i64 {
    let api: serde_json::Value = app.get(path).await.json().await.unwrap();
    api["total"].as_i64().unwrap_or_else(|| panic!("{path}: {api}"))
}

pub(crate) async fn submitted_producer(
    app: &TestApp,
    client: &reqwest::Client,
    email: &str,
    tax_id: &'static str,
) -> (i64, i64) {
    let producer = producer_with_company(app, client, email, tax_id).await;
    let listing = add_listing(app, client, "Мука пшеничная").await;
    assert_eq!(
        app.post_form(client, &format!("/account/listings/{listing}/submit"), &[]).await.status(),
        303
    );
    assert_eq!(app.post_form(client, "/account/company/submit", &[]).await.status(), 303);
    (producer, listing)
}

pub async fn decide(
    app: &TestApp,
    admin: &reqwest::Client,
    kind: &str,
    id: i64,
    fields: &[(&str, &str)],
) -> reqwest::Response {
    crate::helpers::post_decision(app, admin, kind, id, fields).await
}

on_both_backends!(admin_cli_creates_lists_and_revokes, |backend: Backend| async move {
    let app = spawn_app(backend).await;
    // No default administrator.
    assert_eq!(app.count("SELECT COUNT(*) AS n FROM user_account WHERE role = 'admin'").await, 0);
    // Long enough, but guessable: refused for that reason, and no account is made.
    let weak = server::admin_cli::run(
        &app.db,
        admin_command(&["create", "--email", "a@registry.kz"]),
        |_| Ok("password123".into()),
    )
    .await
    .expect_err("a guessable password is refused");
    let weak = weak.to_string();
    assert!(weak.starts_with("password refused: ") && weak.contains("too easy to guess"), "{weak}");
    assert_eq!(app.count("SELECT COUNT(*) AS n FROM user_account").await, 0);
    let admin = signed_in_admin(&app, "boss@registry.kz").await;
    assert_eq!(app.get_with(&admin, "/admin/queue").await.status(), 200);
    // Promoting an existing producer account needs no password.
    let producer = browser();
    register(&app, &producer, "p@registry.kz").await;
    let listed = admin_list(&app).await;
    assert_eq!(listed.len(), 1, "{listed:?}");
    assert!(listed[0].starts_with("boss@registry.kz\tactive\t"), "{listed:?}");
    server::admin_cli::run(
        &app.db,
        admin_command(&["create", "--email", "p@registry.kz"]),
        |_| unreachable!(),
    )
    .await
    .unwrap();
    assert_eq!(app.count("SELECT COUNT(*) AS n FROM user_account WHERE role = 'admin'").await, 2);
    let listed = admin_list(&app).await;
    assert_eq!(listed.len(), 2, "{listed:?}");
    assert!(listed[0].starts_with("boss@registry.kz\tactive\t"), "{listed:?}");
    assert!(listed[1].starts_with("p@registry.kz\tactive\t"), "{listed:?}");
    server::admin_cli::run(
        &app.db,
        admin_command(&["revoke", "--email", "boss@registry.kz"]),
        |_| unreachable!(),
    )
    .await
    .unwrap();
    let listed = admin_list(&app).await;
    assert_eq!(listed.len(), 1, "{listed:?}");
    assert!(listed[0].starts_with("p@registry.kz\tactive\t"), "revoked: {listed:?}");
    // Revoked: the open session ends with the role.
    let r = app.get_with(&admin, "/admin/queue").await;
    assert_eq!(r.status(), 303, "signed out");
    assert_eq!(
        app.count("SELECT COUNT(*) AS n FROM audit_event WHERE action = 'user.role'").await,
        2
    );
    assert_eq!(
        app.count("SELECT COUNT(*) AS n FROM audit_event WHERE action = 'user.create_admin'").await,
        1
    );
});

on_both_backends!(reject_edit_resubmit_approve_cycle, |backend: Backend| async move {
    let app = spawn_app(backend).await;
    let admin = signed_in_admin(&app, "mod@registry.kz").await;
    let me = browser();
    let (producer, listing) = submitted_producer(&app, &me, "cycle@example.kz", BIN).await;
    let queue = app.get_with(&admin, "/admin/queue").await.text().await.unwrap();
    assert!(queue.contains("ТОО «Костанай Мука»") && queue.contains("Мука пшеничная"));
    // A rejection needs a reason.
    let r = decide(&app, &admin, "producer", producer, &[("decision", "reject")]).await;
    assert_eq!(r.status(), 422);
    assert!(r.text().await.unwrap().contains("Give a reason"));
    let r = decide(
        &app,
        &admin,
        "producer",
        producer,
        &[("decision", "reject"), ("reason", "Укажите адрес полностью.")],
    )
    .await;
    assert_eq!(r.status(), 303);
    let dashboard = app.get_with(&me, "/account").await.text().await.unwrap();
    assert!(dashboard.contains("Укажите адрес полностью."), "reason shown to the producer");
    // The producer edits (back to draft) and submits again.
    let mut form = company_form(BIN);
    form.retain(|(k, _)| *k != "address");
    form.push(("address", "ул. Промышленная, 5, офис 2"));
    assert_eq!(app.post_form(&me, "/account/company", &form).await.status(), 303);
    assert_eq!(app.post_form(&me, "/account/company/submit", &[]).await.status(), 303);
    assert_eq!(
        decide(&app, &admin, "producer", producer, &[("decision", "approve")]).await.status(),
        303
    );
    assert_eq!(
        decide(&app, &admin, "listing", listing, &[("decision", "approve")]).await.status(),
        303
    );
    let api: serde_json::Value = app.get("/api/v1/listings?q=мука").await.json().await.unwrap();
    assert_eq!(api["total"], 1, "{api}");
    assert!(app.get_html(&format!("/producers/{producer}")).await.contains("офис 2"));
    for action in [
        "moderation.reject",
        "moderation.approve",
        "producer.submit",
        "producer.update",
        "listing.submit",
        "listing.create",
        "account.register",
    ] {
        assert!(
            app.count(&format!("SELECT COUNT(*) AS n FROM audit_event WHERE action = '{action}'"))
                .await
                >= 1,
            "audit event {action}"
        );
    }
});

on_both_backends!(
    revision_diff_and_approval_keep_the_listing_public,
    |backend: Backend| async move {
        let app = spawn_app(backend).await;
        let admin = signed_in_admin(&app, "mod@registry.kz").await;
        let me = browser();
        let (producer, listing) = submitted_producer(&app, &me, "rev@example.kz", BIN).await;
        decide(&app, &admin, "producer", producer, &[("decision", "approve")]).await;
        decide(&app, &admin, "listing", listing, &[("decision", "approve")]).await;
        let r = app
            .post_form(
                &me,
                &format!("/account/listings/{listing}/edit"),
                &listing_form("Мука пшеничная экстра"),
            )
            .await;
        assert_eq!(r.status(), 303);
        let revision = app.count("SELECT MAX(id) AS n FROM revision").await;
        let item = app
            .get_with(&admin, &format!("/admin/queue/revision/{revision}"))
            .await
            .text()
            .await
            .unwrap();
        assert!(
            item.contains("Мука пшеничная экстра") && item.contains("Мука пшеничная<"),
            "both versions"
        );
        assert!(item.contains("class=\"changed\""), "the changed field is marked");
        assert!(app.get_html(&format!("/listings/{listing}")).await.contains("Мука пшеничная"));
        assert_eq!(
            decide(&app, &admin, "revision", revision, &[("decision", "approve")]).await.status(),
            303
        );
        assert!(
            app.get_html(&format!("/listings/{listing}")).await.contains("Мука пшеничная экстра")
        );
        let api: serde_json::Value =
            app.get("/api/v1/listings?q=экстра").await.json().await.unwrap();
        assert_eq!(api["total"], 1, "{api}");
    }
);

on_both_backends!(ten_admins_deciding_at_once_exactly_one_wins, |backend: Backend| async move {
    use app::foundations::entities::audit_event;
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
    const ADMINS: usize = 10;
    let app = spawn_app(backend).await;
    let mut admins = Vec::new();
    for i in 0..ADMINS {
        let email = format!("admin{i}@registry.kz");
        let client = signed_in_admin(&app, &email).await;
        admins.push((email, client));
    }
    let me = browser();
    let (producer, _) = submitted_producer(&app, &me, "race@example.kz", BIN).await;
    // Every administrator's request waits at the barrier, then all are sent at once: half
    // approve, half reject.
    let barrier = std::sync::Arc::new(tokio::sync::Barrier::new(ADMINS));
    let url = app.url(&format!("/admin/queue/producer/{producer}"));
    let item = app.get_with(&admins[0].1, &format!("/admin/queue/producer/{producer}")).await;
    let seen = shown_version(&item.text().await.unwrap()).expect("the item shows its version");
    let mut tasks = Vec::new();
    for (i, (_, client)) in admins.iter().enumerate() {
        let (barrier, client, url, origin, seen) =
            (barrier.clone(), client.clone(), url.clone(), app.origin(), seen.clone());
        tasks.push(tokio::spawn(async move {
            let fields: &[(&str, &str)] = if i.is_multiple_of(2) {
                &[("decision", "approve"), ("revision", &seen)]
            } else {
                &[("decision", "reject"), ("reason", "Дубликат"), ("revision", &seen)]
            };
            barrier.wait().await;
            let r = client.post(url).header("origin", origin).form(fields).send().await.unwrap();
            (r.status().as_u16(), r.text().await.unwrap())
        }));
    }
    let mut outcomes = Vec::new();
    for task in tasks {
        outcomes.push(task.await.expect("decision task"));
    }
    let statuses: Vec<u16> = outcomes.iter().map(|(s, _)| *s).collect();
    let winners: Vec<usize> = (0..ADMINS).filter(|&i| statuses[i] == 303).collect();
    assert_eq!(winners.len(), 1, "exactly one decision wins: {statuses:?}");
    assert_eq!(statuses.iter().filter(|&&s| s == 409).count(), ADMINS - 1, "{statuses:?}");
    let winner = winners[0];
    let winner_email = &admins[winner].0;
    // One decision recorded, by the winner, and it is the winner's decision that stands.
    let decisions = audit_event::Entity::find()
        .filter(audit_event::Column::Action.starts_with("moderation."))
        .all(&app.db)
        .await
        .unwrap();
    assert_eq!(decisions.len(), 1, "{decisions:?}");
    let decision = &decisions[0];
    let winner_id = app
        .count(&format!(
            "SELECT id AS n FROM user_account WHERE email_normalized = '{winner_email}'"
        ))
        .await;
    assert_eq!(decision.actor_user_id, Some(winner_id));
    let (action, status) = if winner.is_multiple_of(2) {
        ("moderation.approve", "published")
    } else {
        ("moderation.reject", "rejected")
    };
    assert_eq!(decision.action, action);
    assert_eq!(
        app.count(&format!(
            "SELECT COUNT(*) AS n FROM producer WHERE id = {producer} AND status = '{status}'"
        ))
        .await,
        1
    );
    // Every loser is told who decided, and when.
    let told = format!(
        "already decided by {winner_email} at {}",
        decision.created_at.format("%Y-%m-%d %H:%M UTC")
    );
    for (i, (status, body)) in outcomes.iter().enumerate() {
        if i != winner {
            assert_eq!(*status, 409);
            let shown = body
                .split("already decided")
                .nth(1)
                .map(|rest| rest.chars().take(120).collect::<String>());
            assert!(body.contains(&told), "admin{i}: expected «{told}», got {shown:?}");
        }
    }
});

on_both_backends!(
    duplicate_candidates_by_tax_id_and_cross_script_name,
    |backend: Backend| async move {
        let app = spawn_app(backend).await;
        let admin = signed_in_admin(&app, "mod@registry.kz").await;
        let first = browser();
        let (original, _) = submitted_producer(&app, &first, "first@example.kz", BIN).await;
        // Someone else tries the same tax ID, is refused, then registers another one.
        let second = browser();
        register(&app, &second, "second@example.kz").await;
        assert_eq!(
            app.post_form(&second, "/account/company", &company_form(BIN)).await.status(),
            409
        );
        let mut latin = company_form("990140004654");
        latin.retain(|(k, _)| !["legal_name", "name_latin"].contains(k));
        latin.extend([("legal_name", "Kostanay Muka LLP"), ("name_latin", "Kostanay Muka LLP")]);
        assert_eq!(app.post_form(&second, "/account/company", &latin).await.status(), 303);
        assert_eq!(app.post_form(&second, "/account/company/submit", &[]).await.status(), 303);
        let suspect = app.count("SELECT MAX(id) AS n FROM producer").await;
        let item = app
            .get_with(&admin, &format!("/admin/queue/producer/{suspect}"))
            .await
            .text()
            .await
            .unwrap();
        assert!(item.contains(&format!("/admin/producers/{original}")), "candidate linked");
        assert!(item.contains("same tax ID"));
        assert!(item.contains("similar name in the same region"));
        // And from the other side.
        let item = app
            .get_with(&admin, &format!("/admin/queue/producer/{original}"))
            .await
            .text()
            .await
            .unwrap();
        assert!(item.contains(&format!("/admin/producers/{suspect}")));
    }
);

on_both_backends!(merge_moves_listings_and_redirects, |backend: Backend| async move {
    let app = spawn_app(backend).await;
    let admin = signed_in_admin(&app, "mod@registry.kz").await;
    let a = browser();
    let (keep, _) = submitted_producer(&app, &a, "keep@example.kz", BIN).await;
    let b = browser();
    let (remove, moved) = submitted_producer(&app, &b, "dup@example.kz", "990140004654").await;
    for (kind, id) in [("producer", keep), ("producer", remove), ("listing", moved)] {
        assert_eq!(decide(&app, &admin, kind, id, &[("decision", "approve")]).await.status(), 303);
    }
    let r = app
        .post_form(
            &admin,
            &format!("/admin/producers/{keep}/merge"),
            &[("merge_id", &remove.to_string())],
        )
        .await;
    assert_eq!(r.status(), 303);
    let r = app.get(&format!("/producers/{remove}")).await;
    assert_eq!(r.status(), 301);
    assert_eq!(r.headers()["location"], format!("/producers/{keep}"));
    assert_eq!(
        app.count(&format!("SELECT producer_id AS n FROM listing WHERE id = {moved}")).await,
        keep
    );
    assert!(
        app.get_html(&format!("/producers/{keep}")).await.contains(&format!("/listings/{moved}"))
    );
    assert_eq!(
        app.count("SELECT COUNT(*) AS n FROM audit_event WHERE action = 'producer.merge'").await,
        1
    );
});

on_both_backends!(suspension_hides_everything_and_ends_sessions, |backend: Backend| async move {
    let app = spawn_app(backend).await;
    let admin = signed_in_admin(&app, "mod@registry.kz").await;
    let me = browser();
    let (producer, listing) = submitted_producer(&app, &me, "bad@example.kz", BIN).await;
    decide(&app, &admin, "producer", producer, &[("decision", "approve")]).await;
    decide(&app, &admin, "listing", listing, &[("decision", "approve")]).await;
    assert_eq!(app.get(&format!("/listings/{listing}")).await.status(), 200);
    assert_eq!(app.get_with(&me, "/account").await.status(), 200);
    // Found before: the API and the search page show the listing and the producer.
    assert_eq!(api_total(&app, "/api/v1/listings?q=мука").await, 1);
    assert_eq!(api_total(&app, "/api/v1/producers?q=kostanay").await, 1);
    let page = app.get_html("/search?q=мука").await;
    assert!(page.contains(r#"data-total="1""#), "search page before suspension");
    assert!(page.contains(&format!("/listings/{listing}?from=")), "listing linked before");
    let r = app
        .post_form(&admin, &format!("/admin/producers/{producer}/suspend"), &[("reason", "")])
        .await;
    assert_eq!(r.status(), 422, "a reason is required");
    let r = app
        .post_form(
            &admin,
            &format!("/admin/producers/{producer}/suspend"),
            &[("reason", "Недостоверные сведения")],
        )
        .await;
    assert_eq!(r.status(), 303);
    // At once gone from every public page, the API and the search page, and the producer's
    // next request is signed out.
    assert_eq!(api_total(&app, "/api/v1/listings?q=мука").await, 0);
    assert_eq!(api_total(&app, "/api/v1/producers?q=kostanay").await, 0);
    let page = app.get_html("/search?q=мука").await;
    assert!(page.contains(r#"data-total="0""#), "search page after suspension");
    assert!(!page.contains(&format!("/listings/{listing}?from=")), "listing still linked");
    let page = app.get_html("/search?q=kostanay&view=producers").await;
    assert!(page.contains(r#"data-total="0""#), "producer search after suspension");
    assert_eq!(app.get(&format!("/listings/{listing}")).await.status(), 404);
    assert_eq!(app.get(&format!("/producers/{producer}")).await.status(), 404);
    let r = app.get_with(&me, "/account").await;
    assert_eq!(r.status(), 303, "session ended");
    let r =
        app.post_form(&me, "/login", &[("email", "bad@example.kz"), ("password", PASSWORD)]).await;
    assert_eq!(r.status(), 401, "cannot sign in while suspended");
    let r = app
        .post_form(
            &admin,
            &format!("/admin/producers/{producer}/reinstate"),
            &[("reason", "Исправлено")],
        )
        .await;
    assert_eq!(r.status(), 303);
    assert_eq!(app.get(&format!("/listings/{listing}")).await.status(), 200);
    assert_eq!(api_total(&app, "/api/v1/listings?q=мука").await, 1, "back after reinstating");
    for action in ["producer.suspend", "producer.reinstate"] {
        assert_eq!(
            app.count(&format!("SELECT COUNT(*) AS n FROM audit_event WHERE action = '{action}'"))
                .await,
            1
        );
    }
});

on_both_backends!(verified_badge_and_filter, |backend: Backend| async move {
    let app = spawn_app(backend).await;
    let admin = signed_in_admin(&app, "mod@registry.kz").await;
    let me = browser();
    let (producer, listing) = submitted_producer(&app, &me, "ok@example.kz", BIN).await;
    decide(&app, &admin, "producer", producer, &[("decision", "approve")]).await;
    decide(&app, &admin, "listing", listing, &[("decision", "approve")]).await;
    let api: serde_json::Value = app.get("/api/v1/listings?verified=1").await.json().await.unwrap();
    assert_eq!(api["total"], 0);
    let r = app
        .post_form(
            &admin,
            &format!("/admin/producers/{producer}/verify"),
            &[("verified", "on"), ("note", "")],
        )
        .await;
    assert_eq!(r.status(), 422, "a note is required");
    let r = app
        .post_form(
            &admin,
            &format!("/admin/producers/{producer}/verify"),
            &[("verified", "on"), ("note", "BIN checked at stat.gov.kz")],
        )
        .await;
    assert_eq!(r.status(), 303);
    let api: serde_json::Value = app.get("/api/v1/listings?verified=1").await.json().await.unwrap();
    assert_eq!(api["total"], 1, "{api}");
    assert_eq!(api["items"][0]["verified"], true);
    assert!(app.get_html(&format!("/producers/{producer}")).await.contains("Verified"));
    assert_eq!(
        app.count("SELECT COUNT(*) AS n FROM audit_event WHERE action = 'producer.verify'").await,
        1
    );
});

on_both_backends!(only_administrators_pass_the_admin_wall, |backend: Backend| async move {
    let app = spawn_app(backend).await;
    let _admin = signed_in_admin(&app, "mod@registry.kz").await;
    let me = browser();
    let (producer, _) = submitted_producer(&app, &me, "nosy@example.kz", BIN).await;
    let pages = [
        "/admin".to_owned(),
        "/admin/queue".to_owned(),
        format!("/admin/queue/producer/{producer}"),
        format!("/admin/producers/{producer}"),
        "/admin/users".to_owned(),
        "/admin/audit".to_owned(),
        "/admin/audit.csv".to_owned(),
    ];
    for page in &pages {
        assert_eq!(app.get_with(&me, page).await.status(), 403, "GET {page}");
        // Signed out: to the sign-in page.
        assert_eq!(app.get(page).await.status(), 303, "GET {page} anonymous");
    }
    let posts = [
        (format!("/admin/queue/producer/{producer}"), vec![("decision", "approve")]),
        ("/admin/bulk".to_owned(), vec![("decision", "approve"), ("item", "producer:1")]),
        (format!("/admin/producers/{producer}/verify"), vec![("verified", "on"), ("note", "x")]),
        (format!("/admin/producers/{producer}/suspend"), vec![("reason", "x")]),
        (format!("/admin/producers/{producer}/merge"), vec![("merge_id", "1")]),
        ("/admin/users/1/role".to_owned(), vec![("role", "admin")]),
    ];
    for (path, fields) in &posts {
        assert_eq!(app.post_form(&me, path, fields).await.status(), 403, "POST {path}");
    }
    // The admin server functions refuse too, whatever the URL.
    for (name, body) in [
        ("admin_queue", ""),
        ("admin_item", "kind=producer&id=1"),
        ("admin_producer", "id=1"),
        ("admin_users", ""),
        ("admin_audit", "query="),
    ] {
        let r = me
            .post(app.url(&format!("/api/{name}")))
            .header("origin", app.origin())
            .header("content-type", "application/x-www-form-urlencoded")
            .body(body)
            .send()
            .await
            .unwrap();
        let status = r.status();
        assert_eq!(status, 403, "server fn {name}: {}", r.text().await.unwrap_or_default());
    }
    assert_eq!(app.count("SELECT COUNT(*) AS n FROM producer WHERE status = 'submitted'").await, 1);
    assert_eq!(app.count("SELECT COUNT(*) AS n FROM user_account WHERE role = 'admin'").await, 1);
});

on_both_backends!(audit_log_filters_and_exports, |backend: Backend| async move {
    let app = spawn_app(backend).await;
    let admin = signed_in_admin(&app, "mod@registry.kz").await;
    let me = browser();
    let (producer, _) = submitted_producer(&app, &me, "log@example.kz", BIN).await;
    decide(&app, &admin, "producer", producer, &[("decision", "approve")]).await;
    let page = app.get_with(&admin, "/admin/audit?action=moderation").await.text().await.unwrap();
    assert!(page.contains("moderation.approve"));
    for other in ["listing.create", "producer.create", "account.register"] {
        assert!(!page.contains(other), "{other} shown under action=moderation");
    }
    let page = app.get_with(&admin, "/admin/audit?actor=log@example").await.text().await.unwrap();
    assert!(page.contains("listing.create") && page.contains("producer.create"));
    for other in ["moderation.approve", "user.create_admin"] {
        assert!(!page.contains(other), "{other} shown under actor=log@example");
    }
    let csv = app.get_with(&admin, "/admin/audit.csv?target_kind=producer").await;
    assert_eq!(csv.status(), 200);
    assert!(csv.headers()["content-type"].to_str().unwrap().starts_with("text/csv"));
    let csv = csv.text().await.unwrap();
    assert!(csv.starts_with("\u{feff}time,actor,action,target_kind,"));
    // Events of other kinds exist, and the filter leaves them out.
    for action in ["listing.create", "account.register", "user.create_admin"] {
        let n = app
            .count(&format!("SELECT COUNT(*) AS n FROM audit_event WHERE action = '{action}'"))
            .await;
        assert!(n >= 1, "{action} is in the log");
    }
    let rows = csv_rows(&csv);
    let actions: Vec<&str> = rows.iter().map(|r| r[2].as_str()).collect();
    assert!(actions.contains(&"moderation.approve") && actions.contains(&"producer.create"));
    assert!(rows.iter().all(|r| r[3] == "producer"), "only producer events: {actions:?}");
    assert_eq!(
        rows.len() as i64,
        app.count("SELECT COUNT(*) AS n FROM audit_event WHERE target_kind = 'producer'").await
    );
    // By actor: the administrator's events only.
    let csv = app.get_with(&admin, "/admin/audit.csv?actor=mod@registry").await;
    assert_eq!(csv.status(), 200);
    let rows = csv_rows(&csv.text().await.unwrap());
    assert!(!rows.is_empty());
    assert!(rows.iter().all(|r| r[1] == "mod@registry.kz"), "{rows:?}");
    assert!(rows.iter().any(|r| r[2] == "moderation.approve"), "{rows:?}");
    assert_eq!(app.get_with(&admin, "/admin/audit?from=yesterday").await.status(), 400);
});

/// The data rows of the audit CSV, each cut into its first columns (time, actor, action,
/// target kind, target id); the JSON columns after them are not needed here.
fn csv_rows(csv: &str) -> Vec<Vec<String>> {
    csv.split("\r\n")
        .skip(1)
        .filter(|line| !line.is_empty())
        .map(|line| line.splitn(6, ',').take(5).map(str::to_owned).collect::<Vec<_>>())
        .inspect(|cells| assert_eq!(cells.len(), 5, "{cells:?}"))
        .collect()
}

on_both_backends!(public_statistics, |backend: Backend| async move {
    let app = spawn_app(backend).await;
    server::seed::seed(&app.db, 40, 3, false).await.unwrap();
    let page = app.get_html("/stats").await;
    assert!(page.contains("<svg") && page.contains("stats-table"));
    let published = app.count("SELECT COUNT(*) AS n FROM listing WHERE visible = TRUE").await;
    assert!(page.contains(&format!(">{published}<")), "grand total {published} appears");
    let page = app.get_html("/stats?country=KZ").await;
    let page = page.replace("<!>", "");
    assert!(page.contains("By region: KZ") && page.contains("<th>Region</th>"));
});

on_both_backends!(bulk_decisions_on_selected_items, |backend: Backend| async move {
    let app = spawn_app(backend).await;
    let admin = signed_in_admin(&app, "mod@registry.kz").await;
    let me = browser();
    let (producer, listing) = submitted_producer(&app, &me, "bulk@example.kz", BIN).await;
    let second = add_listing(&app, &me, "Отруби").await;
    assert_eq!(
        app.post_form(&me, &format!("/account/listings/{second}/submit"), &[]).await.status(),
        303
    );
    // The queue's checkboxes carry the version each row showed.
    let queue = app.get_with(&admin, "/admin/queue").await.text().await.unwrap();
    let (p, l) = (
        crate::helpers::queued_item(&queue, &format!("producer:{producer}")),
        crate::helpers::queued_item(&queue, &format!("listing:{listing}")),
    );
    let r = app
        .post_form(
            &admin,
            "/admin/bulk",
            &[("item", p.as_str()), ("item", l.as_str()), ("decision", "approve")],
        )
        .await;
    assert_eq!(r.status(), 303);
    assert_eq!(r.headers()["location"], "/admin/queue?done=bulk&ok=2&failed=0");
    assert_eq!(app.count("SELECT COUNT(*) AS n FROM listing WHERE visible = TRUE").await, 1);
    // Rejecting needs a reason; the item already decided counts as failed.
    let s = crate::helpers::queued_item(&queue, &format!("listing:{second}"));
    let r =
        app.post_form(&admin, "/admin/bulk", &[("item", s.as_str()), ("decision", "reject")]).await;
    assert_eq!(r.status(), 422);
    let r = app
        .post_form(
            &admin,
            "/admin/bulk",
            &[
                ("item", s.as_str()),
                ("item", l.as_str()),
                ("decision", "reject"),
                ("reason", "Дубликат"),
            ],
        )
        .await;
    assert_eq!(r.headers()["location"], "/admin/queue?done=bulk&ok=1&failed=1");
});
