//! Accounts that can be recovered, through the mail that reaches a real SMTP server: the
//! address check after registration (drafts only until then), and password resets. Tokens are
//! single-use and expire (the injected clock moves past 48 h and 30 min).

use crate::helpers::{Backend, TestApp, browser};
use crate::mail::spawn_with_mail;
use crate::on_both_backends;
use crate::producers::{BIN, PASSWORD, company_form};
use crate::smtp_sink::SmtpSink;
use std::time::Duration;

pub async fn register_only(app: &TestApp, client: &reqwest::Client, email: &str, lang: &str) {
    let r = client
        .post(app.url("/register"))
        .header("origin", app.origin())
        .header("cookie", format!("lang={lang}"))
        .form(&[
            ("email", email),
            ("password", PASSWORD),
            ("password_confirm", PASSWORD),
            ("accept_terms", "on"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303, "{}", r.text().await.unwrap_or_default());
}

/// `http://host:port/path?query` → `/path?query`.
pub fn path_of(link: &str) -> String {
    let rest = link.split("://").nth(1).expect("absolute link");
    format!("/{}", rest.split_once('/').map(|(_, p)| p).unwrap_or_default())
}

async fn confirmation_link(sink: &SmtpSink, email: &str, nth: usize) -> String {
    let deadline = std::time::Instant::now() + Duration::from_secs(10);
    loop {
        let links: Vec<String> = sink
            .messages()
            .into_iter()
            .filter(|m| m.to.iter().any(|t| t == email) && m.text().contains("/confirm-email?"))
            .map(|m| path_of(&m.link("/confirm-email?token=")))
            .collect();
        if links.len() >= nth {
            return links[nth - 1].clone();
        }
        assert!(std::time::Instant::now() < deadline, "confirmation mail #{nth} to {email}");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

on_both_backends!(
    registration_mails_a_link_that_confirms_the_address_once,
    |backend: Backend| async move {
        let (app, sink) = spawn_with_mail(backend).await;
        let me = browser();
        let email = "new@kostanay-muka.kz";
        register_only(&app, &me, email, "ru").await;
        let mail = sink.first_to(email).await;
        // In the language the producer registered in.
        assert!(mail.text().contains("Подтвердите"), "{}", mail.text());
        let link = mail.link("/confirm-email?token=");
        assert!(link.starts_with(&app.origin()), "{link}");

        // Until confirmed: drafts are saved, submitting is refused with a way out.
        let r = app.post_form(&me, "/account/company", &company_form(BIN)).await;
        assert_eq!(r.status(), 303, "a draft is saved");
        let dashboard = app.get_with(&me, "/account").await.text().await.unwrap();
        assert!(dashboard.contains("/account/email/resend"), "the dashboard offers a new link");
        let r = app.post_form(&me, "/account/company/submit", &[]).await;
        assert_eq!(r.status(), 403);
        let page = r.text().await.unwrap();
        assert!(page.contains("action=\"/account/email/resend\""), "{page}");
        assert_eq!(
            app.count("SELECT COUNT(*) AS n FROM producer WHERE status = 'submitted'").await,
            0
        );
        // A CSV upload, which goes straight to review once confirmed, stays among the drafts.
        let csv = reqwest::multipart::Form::new().part(
            "file",
            reqwest::multipart::Part::bytes(
                "product_name;hs_code\nМука пшеничная;1101\n".as_bytes().to_vec(),
            )
            .file_name("listings.csv")
            .mime_str("text/csv")
            .unwrap(),
        );
        let r = me
            .post(app.url("/account/import"))
            .header("origin", app.origin())
            .multipart(csv)
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 303, "{}", r.text().await.unwrap_or_default());
        assert_eq!(app.count("SELECT COUNT(*) AS n FROM listing WHERE status = 'draft'").await, 1);
        assert_eq!(
            app.count("SELECT COUNT(*) AS n FROM listing WHERE status = 'submitted'").await,
            0
        );

        // The link confirms (signed in: back to the dashboard).
        let r = app.get_with(&me, &path_of(&link)).await;
        assert_eq!(r.status(), 303);
        assert_eq!(r.headers()["location"], "/account?done=email_confirmed");
        let dashboard = app.get_with(&me, "/account").await.text().await.unwrap();
        assert!(!dashboard.contains("/account/email/resend"), "nothing left to confirm");
        assert_eq!(app.post_form(&me, "/account/company/submit", &[]).await.status(), 303);

        // Used once: a second visit (anyone's) is refused.
        let r = app.get_with(&browser(), &path_of(&link)).await;
        assert_eq!(r.status(), 400);
        let r = app.get_with(&browser(), "/confirm-email?token=not-a-token").await;
        assert_eq!(r.status(), 400);

        // Once delivered, the outbox keeps no live link.
        let id =
            app.count("SELECT MAX(id) AS n FROM outbox WHERE kind = 'account.confirm_email'").await;
        let row = crate::mail::sent_row(&app, id).await;
        assert_eq!(row.kind, "account.confirm_email");
        assert!(!row.body_text.contains("token="), "{}", row.body_text);
    }
);

on_both_backends!(
    confirmation_links_expire_after_48_hours_and_a_new_one_replaces_the_old,
    |backend: Backend| async move {
        let (app, sink) = spawn_with_mail(backend).await;
        let me = browser();
        let email = "late@example.kz";
        register_only(&app, &me, email, "en").await;
        let first = confirmation_link(&sink, email, 1).await;
        app.clock.advance(Duration::from_secs(48 * 3600 + 60));
        assert_eq!(app.get_with(&me, &first).await.status(), 400, "expired after 48 h");
        // Two days on, the session has ended too: sign in again.
        assert_eq!(sign_in(&app, &me, email, PASSWORD).await, 303);

        // "Send the link again", twice: only the newest link works.
        let r = app.post_form(&me, "/account/email/resend", &[]).await;
        assert_eq!(r.headers()["location"], "/account?done=confirm_sent");
        let second = confirmation_link(&sink, email, 2).await;
        app.post_form(&me, "/account/email/resend", &[]).await;
        let third = confirmation_link(&sink, email, 3).await;
        assert_eq!(app.get_with(&me, &second).await.status(), 400, "replaced by a newer link");
        // Anonymous (another device): confirmed, then asked to sign in.
        let r = app.get_with(&browser(), &third).await;
        assert_eq!(r.status(), 303);
        assert_eq!(r.headers()["location"], "/login?done=email_confirmed");
        let r = app.post_form(&me, "/account/email/resend", &[]).await;
        assert_eq!(r.headers()["location"], "/account?done=email_confirmed");
    }
);

async fn sign_in(app: &TestApp, client: &reqwest::Client, email: &str, password: &str) -> u16 {
    app.post_form(client, "/login", &[("email", email), ("password", password)])
        .await
        .status()
        .as_u16()
}

async fn request_reset(app: &TestApp, client: &reqwest::Client, email: &str) -> reqwest::Response {
    app.post_form(client, "/forgot-password", &[("email", email)]).await
}

on_both_backends!(
    password_reset_end_to_end_ends_every_session_and_the_link_works_once,
    |backend: Backend| async move {
        let (app, sink) = spawn_with_mail(backend).await;
        let email = "forgetful@example.kz";
        let (laptop, phone, anonymous) = (browser(), browser(), browser());
        register_only(&app, &laptop, email, "en").await;
        assert_eq!(sign_in(&app, &phone, email, PASSWORD).await, 303);

        let login = app.get_html("/login").await;
        assert!(login.contains("href=\"/forgot-password\""), "the sign-in page offers a reset");
        assert_eq!(app.get("/forgot-password").await.status(), 200);

        // The same answer whether or not the address has an account; mail only for the one.
        let queued = app.count("SELECT COUNT(*) AS n FROM outbox").await;
        let r = request_reset(&app, &anonymous, "nobody@example.kz").await;
        assert_eq!(r.status(), 303);
        let unknown_answer = r.headers()["location"].clone();
        assert_eq!(app.count("SELECT COUNT(*) AS n FROM outbox").await, queued);
        let r = request_reset(&app, &anonymous, email).await;
        assert_eq!(r.status(), 303);
        assert_eq!(r.headers()["location"], unknown_answer);
        let bad = request_reset(&app, &anonymous, "not an address").await;
        assert_eq!(bad.status(), 422, "a malformed address is a field error");

        let deadline = std::time::Instant::now() + Duration::from_secs(10);
        let link = loop {
            if let Some(m) =
                sink.messages().into_iter().find(|m| m.text().contains("/reset-password?"))
            {
                break path_of(&m.link("/reset-password?token="));
            }
            assert!(std::time::Instant::now() < deadline, "a reset mail arrives");
            tokio::time::sleep(Duration::from_millis(20)).await;
        };
        let token = link.split("token=").nth(1).unwrap().to_owned();
        let page = app.get_html(&link).await;
        assert!(page.contains("name=\"new_password\""), "the link opens the form");

        let weak = app
            .post_form(
                &anonymous,
                "/reset-password",
                &[("token", &token), ("new_password", "short"), ("new_password_confirm", "short")],
            )
            .await;
        assert_eq!(weak.status(), 422, "a weak password is refused, the link kept");
        let new_password = "Shymkent-wheat-harvest-77";
        let fields = [
            ("token", token.as_str()),
            ("new_password", new_password),
            ("new_password_confirm", new_password),
        ];
        let r = app.post_form(&anonymous, "/reset-password", &fields).await;
        assert_eq!(r.status(), 303, "{}", r.text().await.unwrap_or_default());
        assert_eq!(r.headers()["location"], "/login?done=password_reset");

        // Every session of the account ended; the old password no longer works.
        for device in [&laptop, &phone] {
            let r = app.get_with(device, "/account").await;
            assert_eq!(r.status(), 303, "signed out");
        }
        assert_eq!(sign_in(&app, &browser(), email, PASSWORD).await, 401);
        assert_eq!(sign_in(&app, &browser(), email, new_password).await, 303);

        // The link worked once.
        let again = app.post_form(&anonymous, "/reset-password", &fields).await;
        assert_eq!(again.status(), 400);
        let page = app.get_html(&link).await;
        assert!(!page.contains("name=\"new_password\""), "a used link opens no form");
        assert!(page.contains("/forgot-password"), "it offers to ask again");
    }
);

on_both_backends!(reset_links_expire_after_30_minutes, |backend: Backend| async move {
    let (app, sink) = spawn_with_mail(backend).await;
    let email = "slow@example.kz";
    register_only(&app, &browser(), email, "en").await;
    assert_eq!(request_reset(&app, &browser(), email).await.status(), 303);
    let deadline = std::time::Instant::now() + Duration::from_secs(10);
    let link = loop {
        if let Some(m) = sink.messages().into_iter().find(|m| m.text().contains("/reset-password?"))
        {
            break path_of(&m.link("/reset-password?token="));
        }
        assert!(std::time::Instant::now() < deadline, "a reset mail arrives");
        tokio::time::sleep(Duration::from_millis(20)).await;
    };
    let token = link.split("token=").nth(1).unwrap().to_owned();
    app.clock.advance(Duration::from_secs(31 * 60));
    let new_password = "Shymkent-wheat-harvest-77";
    let r = app
        .post_form(
            &browser(),
            "/reset-password",
            &[
                ("token", &token),
                ("new_password", new_password),
                ("new_password_confirm", new_password),
            ],
        )
        .await;
    assert_eq!(r.status(), 400, "expired after 30 minutes");
    assert_eq!(sign_in(&app, &browser(), email, PASSWORD).await, 303, "password unchanged");
});

on_both_backends!(
    reset_requests_are_limited_per_address_and_per_client,
    |backend: Backend| async move {
        let app = crate::helpers::spawn_app(backend).await;
        let client = browser();
        for _ in 0..3 {
            assert_eq!(request_reset(&app, &client, "target@example.kz").await.status(), 303);
        }
        let r = request_reset(&app, &client, "TARGET@example.kz").await;
        assert_eq!(r.status(), 429, "the fourth request for one address within the hour");
        assert!(r.headers().contains_key("retry-after"));
        // Other addresses go on from the same client until its own limit (10 an hour).
        for i in 0..6 {
            let r = request_reset(&app, &client, &format!("other{i}@example.kz")).await;
            assert_eq!(r.status(), 303);
        }
        assert_eq!(request_reset(&app, &client, "one-more@example.kz").await.status(), 429);
        app.clock.advance(Duration::from_secs(3601));
        assert_eq!(request_reset(&app, &client, "target@example.kz").await.status(), 303);
    }
);

on_both_backends!(
    asking_for_the_link_again_is_limited_per_account,
    |backend: Backend| async move {
        let app = crate::helpers::spawn_app(backend).await;
        let me = browser();
        let email = "impatient@example.kz";
        register_only(&app, &me, email, "en").await;
        for _ in 0..5 {
            let r = app.post_form(&me, "/account/email/resend", &[]).await;
            assert_eq!(r.headers()["location"], "/account?done=confirm_sent");
        }
        let r = app.post_form(&me, "/account/email/resend", &[]).await;
        assert_eq!(r.status(), 429);
        assert!(r.headers().contains_key("retry-after"));
        let queued = app
            .count("SELECT COUNT(*) AS n FROM outbox WHERE kind = 'account.confirm_email'")
            .await;
        assert_eq!(queued, 6, "the first mail and five more, no sixth");
        // Only the newest link works.
        let live = app.count("SELECT COUNT(*) AS n FROM account_token WHERE used_at IS NULL").await;
        assert_eq!(live, 1);
    }
);

// The language chosen while signed in is the account's: its mail follows it (issue 11).
on_both_backends!(
    mail_follows_the_language_chosen_while_signed_in,
    |backend: Backend| async move {
        let app = crate::helpers::spawn_app(backend).await;
        let me = browser();
        register_only(&app, &me, "lang@example.kz", "en").await;
        let r = app.get_with(&me, "/lang/ru?next=/account").await;
        assert_eq!(r.status(), 303);
        assert_eq!(r.headers()["location"], "/account");
        let r = app.post_form(&me, "/account/email/resend", &[]).await;
        assert_eq!(r.headers()["location"], "/account?done=confirm_sent");
        let id =
            app.count("SELECT MAX(id) AS n FROM outbox WHERE kind = 'account.confirm_email'").await;
        let body = crate::mail::outbox_row(&app, id).await.body_text;
        assert!(body.contains("Подтвердите, что это ваш адрес"), "{body}");
        // Anonymous visitors only get the cookie: no account changes.
        assert_eq!(app.get("/lang/kk").await.status(), 303);
        assert_eq!(
            app.count("SELECT COUNT(*) AS n FROM user_account WHERE locale = 'kk'").await,
            0
        );
    }
);

// A change of address is confirmed at the new address; the old one is told (issue 10).
on_both_backends!(
    a_new_email_address_is_confirmed_there_before_the_account_takes_it,
    |backend: Backend| async move {
        let (app, sink) = spawn_with_mail(backend).await;
        let me = browser();
        register_only(&app, &me, "old@example.kz", "en").await;
        let form = |new: &'static str, password: &'static str| {
            vec![("new_email", new), ("current_password", password)]
        };
        // Refused: wrong password, the same address, an address another account has.
        let r =
            app.post_form(&me, "/account/email", &form("new@example.kz", "not-my-password")).await;
        assert_eq!(r.status(), 422);
        let body = r.text().await.unwrap();
        assert!(
            body.contains("The current password is not correct.")
                && body.contains("value=\"new@example.kz\"")
        );
        let r = app.post_form(&me, "/account/email", &form("OLD@example.kz", PASSWORD)).await;
        assert!(r.text().await.unwrap().contains("This is already your account"));
        register_only(&app, &browser(), "taken@example.kz", "en").await;
        let r = app.post_form(&me, "/account/email", &form("taken@example.kz", PASSWORD)).await;
        assert!(r.text().await.unwrap().contains("An account with this email already exists."));

        let r = app.post_form(&me, "/account/email", &form("new@example.kz", PASSWORD)).await;
        assert_eq!(r.headers()["location"], "/account?done=email_change_sent");
        // Nothing changes until the new mailbox answers.
        assert_eq!(sign_in(&app, &browser(), "old@example.kz", PASSWORD).await, 303);
        let link = sink.first_to("new@example.kz").await.link("/confirm-email-change?token=");
        let r = app.get_with(&me, &path_of(&link)).await;
        assert_eq!(r.headers()["location"], "/account?done=email_changed");
        assert_eq!(app.get_with(&me, &path_of(&link)).await.status(), 400, "the link works once");
        assert_eq!(sign_in(&app, &browser(), "new@example.kz", PASSWORD).await, 303);
        assert_eq!(sign_in(&app, &browser(), "old@example.kz", PASSWORD).await, 401);
        let notice = sink
            .first_matching("the notice to the old address", |m| {
                m.to.iter().any(|t| t == "old@example.kz")
                    && m.text().contains("now uses new@example.kz")
            })
            .await;
        assert!(notice.text().contains("reset the password"));
    }
);
