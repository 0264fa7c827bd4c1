//! Mail that is never lost: the outbox delivered over a real SMTP conversation, retried with
//! backoff when the mail server refuses or is down (the injected clock moves; nobody sleeps),
//! resumed by a new sender after a restart, written as `.eml` files without SMTP, listed for
//! administrators; and a moderation decision mailed to the producer.

use crate::helpers::{Backend, TestApp, browser, operator_admin, spawn_app};
use crate::on_both_backends;
use crate::producers::{BIN, company_form};
use crate::smtp_sink::SmtpSink;
use app::foundations::{
    i18n::Locale,
    services::mail::{self, Message, SITE},
};
use sea_orm::{FromQueryResult, Statement};
use server::mail_sender::{MailConfig, Round, Sender};
use std::time::Duration;

/// A sender for the test app: links point at the app, time is the app's clock.
pub fn sender(app: &TestApp, smtp_url: Option<String>, dir: std::path::PathBuf) -> Sender {
    let config = MailConfig {
        smtp_url,
        mail_dir: dir,
        public_url: app.origin(),
        from: "Registry <noreply@registry.test>".into(),
        poll: Duration::from_millis(20),
    };
    Sender::new(app.db.clone(), app.clock.clone(), &config).expect("sender starts")
}

/// The app, an SMTP sink, and the background sender delivering to it.
pub async fn spawn_with_mail(backend: Backend) -> (TestApp, SmtpSink) {
    let app = spawn_app(backend).await;
    let sink = SmtpSink::start().await;
    sender(&app, Some(sink.url()), std::env::temp_dir()).spawn();
    (app, sink)
}

#[derive(Debug, FromQueryResult)]
pub struct Row {
    pub status: String,
    pub attempts: i32,
    pub last_error: Option<String>,
    pub body_text: String,
    pub kind: String,
}

pub async fn outbox_row(app: &TestApp, id: i64) -> Row {
    Row::find_by_statement(Statement::from_string(
        app.db.get_database_backend(),
        format!("SELECT status, attempts, last_error, body_text, kind FROM outbox WHERE id = {id}"),
    ))
    .one(&app.db)
    .await
    .unwrap()
    .expect("outbox row")
}

/// The body of the newest address-check mail queued for `email`.
async fn confirmation_body(app: &TestApp, email: &str) -> String {
    let id = app
        .count(&format!(
            "SELECT MAX(id) AS n FROM outbox WHERE to_address = '{email}' \
             AND kind = 'account.confirm_email'"
        ))
        .await;
    outbox_row(app, id).await.body_text
}

fn confirmation_path_in(body: &str) -> Option<String> {
    let token = body.split("confirm-email?token=").nth(1)?.split_whitespace().next()?;
    Some(format!("/confirm-email?token={token}"))
}

/// The path of the newest address-check link queued for `email` (read from the outbox: no
/// sender runs in most tests).
pub async fn confirmation_path_from_outbox(app: &TestApp, email: &str) -> String {
    confirmation_path_in(&confirmation_body(app, email).await)
        .expect("a confirmation link in the queued mail")
}

/// Follows that link in `client`'s browser.
pub async fn confirm_from_outbox(app: &TestApp, client: &reqwest::Client, email: &str) {
    let body = confirmation_body(app, email).await;
    let Some(path) = confirmation_path_in(&body) else {
        // A test's running sender delivered it first and cut the stored link (as it must): the
        // fixture confirms the address the way the link would have.
        assert_eq!(
            body,
            app::foundations::services::mail::REMOVED,
            "a confirmation link in the queued mail"
        );
        app.db_exec(&format!(
            "UPDATE user_account SET email_confirmed = TRUE WHERE email = '{email}'"
        ))
        .await;
        return;
    };
    let r = app.get_with(client, &path).await;
    assert_eq!(r.status(), 303, "the confirmation link works");
}

/// The row once the sender has marked it sent (10 s at most).
pub async fn sent_row(app: &TestApp, id: i64) -> Row {
    let deadline = std::time::Instant::now() + Duration::from_secs(10);
    loop {
        let row = outbox_row(app, id).await;
        if row.status == "sent" {
            return row;
        }
        assert!(std::time::Instant::now() < deadline, "outbox row {id} is marked sent");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

fn message(to: &str) -> Message {
    Message {
        to: to.into(),
        subject: "Outbox test".into(),
        text: format!("Hello,\n\nOpen {SITE}/account\n"),
        html: format!("<p>Open <a href=\"{SITE}/account\">your account</a></p>"),
        language: Locale::En,
        kind: "test.outbox",
        reply_to: None,
    }
}

async fn enqueue(app: &TestApp, to: &str) -> i64 {
    mail::enqueue(&app.db, message(to), app.clock.now()).await.expect("queued")
}

async fn admin_browser(app: &TestApp) -> reqwest::Client {
    operator_admin(app).await;
    let admin = browser();
    let r = app
        .post_form(
            &admin,
            "/login",
            &[("email", "operator@registry.example"), ("password", "Operator-of-the-registry-42")],
        )
        .await;
    assert_eq!(r.status(), 303, "the operator signs in");
    admin
}

on_both_backends!(
    the_background_sender_delivers_the_outbox_over_smtp,
    |backend: Backend| async move {
        let (app, sink) = spawn_with_mail(backend).await;
        let id = enqueue(&app, "buyer@example.kz").await;
        let got = sink.wait_for(1).await;
        assert_eq!(got[0].to, ["buyer@example.kz"]);
        assert_eq!(got[0].from, "noreply@registry.test");
        assert_eq!(got[0].header("Subject").as_deref(), Some("Outbox test"));
        // Links are built from the public address when the message leaves.
        assert!(got[0].text().contains(&format!("{}/account", app.origin())), "{}", got[0].text());
        assert!(got[0].part("text/html").contains(&format!("href=\"{}/account\"", app.origin())));
        let row = sent_row(&app, id).await;
        assert_eq!(row.attempts, 1);
        assert!(row.body_text.contains("/account"), "ordinary mail keeps its body");
    }
);

on_both_backends!(
    a_refusing_or_dead_mail_server_is_retried_with_backoff_and_a_restart_loses_nothing,
    |backend: Backend| async move {
        let app = spawn_app(backend).await;
        let id = enqueue(&app, "producer@example.kz").await;

        // The mail server is down: nothing listens on the port.
        let dead = {
            let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
            l.local_addr().unwrap()
        };
        let first = sender(&app, Some(format!("smtp://{dead}")), std::env::temp_dir());
        assert_eq!(first.deliver_due().await.unwrap(), Round { sent: 0, failed: 1 });
        let row = outbox_row(&app, id).await;
        assert_eq!((row.status.as_str(), row.attempts), ("queued", 1));
        assert!(row.last_error.is_some_and(|e| !e.is_empty()), "the error is kept");
        // Not due again until the backoff (30 s) has passed.
        assert_eq!(first.deliver_due().await.unwrap(), Round::default());
        drop(first); // the process stops; the queue is in the database

        // After a restart the mail server answers, but refuses (5xx).
        let sink = SmtpSink::start().await;
        sink.refuse(true);
        let restarted = sender(&app, Some(sink.url()), std::env::temp_dir());
        app.clock.advance(Duration::from_secs(29));
        assert_eq!(restarted.deliver_due().await.unwrap(), Round::default(), "29 s: not yet");
        assert_eq!(sink.connections(), 0);
        app.clock.advance(Duration::from_secs(2));
        assert_eq!(restarted.deliver_due().await.unwrap(), Round { sent: 0, failed: 1 });
        assert_eq!(sink.connections(), 1);
        let row = outbox_row(&app, id).await;
        assert_eq!((row.status.as_str(), row.attempts), ("queued", 2));
        let error = row.last_error.unwrap();
        assert!(error.contains("554") || error.contains("not accepting"), "{error}");

        // The administrators see it waiting, with its attempts and last error.
        let admin = admin_browser(&app).await;
        let page = app.get_with(&admin, "/admin/outbox?status=queued").await;
        assert_eq!(page.status(), 200);
        let page = page.text().await.unwrap();
        assert!(page.contains("producer@example.kz") && page.contains("Outbox test"));
        let row = page.split("data-outbox-id").nth(1).unwrap_or_default().replace("<!>", "");
        assert!(row.contains("<td>2</td>"), "two attempts shown: {row}");
        assert!(page.contains("not accepting"), "the last error shown");

        // The second wait is twice as long (60 s); then the server accepts and it is delivered.
        sink.refuse(false);
        app.clock.advance(Duration::from_secs(59));
        assert_eq!(restarted.deliver_due().await.unwrap(), Round::default(), "59 s: not yet");
        app.clock.advance(Duration::from_secs(2));
        assert_eq!(restarted.deliver_due().await.unwrap(), Round { sent: 1, failed: 0 });
        let got = sink.messages();
        assert_eq!(got.len(), 1, "delivered exactly once");
        assert_eq!(got[0].to, ["producer@example.kz"]);
        let row = outbox_row(&app, id).await;
        assert_eq!((row.status.as_str(), row.attempts, row.last_error), ("sent", 3, None));
        let sent = app.get_with(&admin, "/admin/outbox?status=sent").await.text().await.unwrap();
        assert!(sent.contains("producer@example.kz"));
        assert_eq!(app.get_with(&admin, "/admin/outbox?status=bogus").await.status(), 400);
        // Producers do not see the outbox.
        let producer = browser();
        crate::producers::register(&app, &producer, "nosy@example.kz").await;
        assert_eq!(app.get_with(&producer, "/admin/outbox").await.status(), 403);
    }
);

on_both_backends!(without_smtp_messages_are_written_as_eml_files, |backend: Backend| async move {
    let app = spawn_app(backend).await;
    let dir = std::env::temp_dir().join(format!("registry-mail-{}", app.addr.port()));
    let _ = std::fs::remove_dir_all(&dir);
    let id = enqueue(&app, "newcomer@example.kz").await;
    let files = sender(&app, None, dir.clone());
    assert_eq!(files.deliver_due().await.unwrap(), Round { sent: 1, failed: 0 });
    let written: Vec<_> = std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().path()).collect();
    assert_eq!(written.len(), 1);
    assert!(written[0].extension().is_some_and(|e| e == "eml"));
    let eml = std::fs::read_to_string(&written[0]).unwrap();
    assert!(eml.contains("To: newcomer@example.kz") && eml.contains("Subject: Outbox test"));
    assert!(eml.contains(&format!("{}/account", app.origin())), "{eml}");
    assert_eq!(outbox_row(&app, id).await.status, "sent");
    let _ = std::fs::remove_dir_all(&dir);
});

on_both_backends!(a_moderation_decision_is_mailed_to_the_producer, |backend: Backend| async move {
    let (app, sink) = spawn_with_mail(backend).await;
    let me = browser();
    let email = "decided@kostanay-muka.kz";
    // The sender delivers (and then forgets) the address-check link: take it from the mail.
    crate::recovery::register_only(&app, &me, email, "en").await;
    let link =
        sink.first_matching("the address check", |m| m.text().contains("confirm-email")).await;
    let confirm = crate::recovery::path_of(&link.link("/confirm-email?token="));
    assert_eq!(app.get_with(&me, &confirm).await.status(), 303);
    let r = app.post_form(&me, "/account/company", &company_form(BIN)).await;
    assert_eq!(r.status(), 303);
    let producer = app.count("SELECT MAX(id) AS n FROM producer").await;
    assert_eq!(app.post_form(&me, "/account/company/submit", &[]).await.status(), 303);
    let admin = admin_browser(&app).await;
    let r = crate::helpers::post_decision(
        &app,
        &admin,
        "producer",
        producer,
        &[("decision", "changes"), ("reason", "Add the street number to the address")],
    )
    .await;
    assert_eq!(r.status(), 303, "{}", r.text().await.unwrap_or_default());
    let mail = sink
        .first_matching("the request for changes", |m| {
            m.to.iter().any(|t| t == email) && m.text().contains("street number")
        })
        .await;
    let subject = mail.header("Subject").unwrap();
    assert!(subject.starts_with("Changes requested:") || subject.contains("=?"), "{subject}");
    let text = mail.text();
    assert!(text.contains("Add the street number to the address"), "{text}");
    assert!(text.contains(&format!("{}/account", app.origin())));
    // Submitted again and approved: a second mail.
    assert_eq!(app.post_form(&me, "/account/company/submit", &[]).await.status(), 303);
    let r = crate::helpers::post_decision(
        &app,
        &admin,
        "producer",
        producer,
        &[("decision", "approve")],
    )
    .await;
    assert_eq!(r.status(), 303);
    sink.first_matching("the approval", |m| m.text().contains("was approved")).await;

    // Verified, then suspended with a reason: each mailed.
    let r = app
        .post_form(
            &admin,
            &format!("/admin/producers/{producer}/verify"),
            &[("verified", "on"), ("note", "BIN checked in the state register")],
        )
        .await;
    assert_eq!(r.status(), 303, "{}", r.text().await.unwrap_or_default());
    sink.first_matching("the verification", |m| m.text().contains("marked as verified")).await;
    let r = app
        .post_form(
            &admin,
            &format!("/admin/producers/{producer}/suspend"),
            &[("reason", "Counterfeit certificates")],
        )
        .await;
    assert_eq!(r.status(), 303, "{}", r.text().await.unwrap_or_default());
    let mail = sink
        .first_matching("the suspension", |m| m.text().contains("Counterfeit certificates"))
        .await;
    assert_eq!(mail.to, [email]);
    // A rejected post sends nothing: no decision, no mail.
    let queued = app.count("SELECT COUNT(*) AS n FROM outbox").await;
    let r = app
        .post_form(&admin, &format!("/admin/producers/{producer}/suspend"), &[("reason", "again")])
        .await;
    assert_eq!(r.status(), 409);
    assert_eq!(app.count("SELECT COUNT(*) AS n FROM outbox").await, queued);
});

crate::on_both_backends!(
    accounts_older_than_the_address_check_count_as_confirmed,
    |backend: Backend| async move {
        use migrations::{Migrator, MigratorTrait};
        let (db, _guard) = crate::helpers::fresh_database(backend).await;
        // The schema as it was before the mail migration, with an account in it.
        Migrator::down(&db, Some(1)).await.expect("the mail migration reverts");
        sea_orm::ConnectionTrait::execute_unprepared(
            &db,
            "INSERT INTO user_account (email, email_normalized, password_hash, role, status, \
             created_at, updated_at) VALUES ('old@example.kz', 'old@example.kz', 'x', \
             'producer', 'active', '2026-01-01 00:00:00', '2026-01-01 00:00:00')",
        )
        .await
        .unwrap();
        Migrator::up(&db, None).await.expect("and applies again");
        let confirmed = crate::helpers::count(
            &db,
            "SELECT COUNT(*) AS n FROM user_account WHERE email_confirmed = TRUE",
        )
        .await;
        assert_eq!(confirmed, 1);
    }
);
