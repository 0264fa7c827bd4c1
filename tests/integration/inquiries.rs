//! Buyers reach producers (issue 10): an inquiry written from a product's page with JavaScript
//! off (plain form posts), held until the buyer confirms the address by the mailed link, then
//! delivered to the producer by mail (over a real SMTP conversation) and into the inbox, and
//! answered from there. Limits and the honeypot keep the form from becoming a spam relay.

use crate::admin::signed_in_admin;
use crate::friction::published_by;
use crate::helpers::{Backend, TestApp, browser, spawn_app, spawn_app_configured};
use crate::mail::spawn_with_mail;
use crate::on_both_backends;
use crate::producers::register;
use crate::recovery::path_of;
use crate::smtp_sink::{Received, SmtpSink};

const BUYER: &str = "aigerim@flour-buyer.af";
const MILL: &str = "mill@kostanay-muka.kz";

fn inquiry_form(listing: &str) -> Vec<(&str, &str)> {
    vec![
        ("listing", listing),
        ("name", "Aigerim Bekova"),
        ("email", BUYER),
        ("company", "Kabul Bakeries"),
        ("country", "Afghanistan"),
        ("product", "Wheat flour, first grade"),
        ("quantity", "500"),
        ("unit", "t"),
        ("destination", "Mazar-i-Sharif"),
        ("message", "We buy 500 t of first-grade flour a month. Your price CPT Hairatan, please."),
        ("website", ""),
    ]
}

async fn mail_to(sink: &SmtpSink, to: &str, text: &str) -> Received {
    sink.first_matching(&format!("a message to {to} saying {text:?}"), |m| {
        m.to.iter().any(|t| t == to) && m.text().contains(text)
    })
    .await
}

async fn inquiry_status(app: &TestApp) -> String {
    #[derive(sea_orm::FromQueryResult)]
    struct S {
        status: String,
    }
    use sea_orm::{FromQueryResult, Statement};
    S::find_by_statement(Statement::from_string(
        app.db.get_database_backend(),
        "SELECT status FROM inquiry ORDER BY id DESC".to_owned(),
    ))
    .one(&app.db)
    .await
    .unwrap()
    .expect("an inquiry")
    .status
}

on_both_backends!(
    a_buyer_writes_confirms_and_the_producer_answers_from_the_inbox,
    |backend: Backend| async move {
        let (app, sink) = spawn_with_mail(backend).await;
        let admin = signed_in_admin(&app, "mod@registry.kz").await;
        let producer_client = browser();
        let (producer, listing) = published_by(&app, &admin, &producer_client, MILL).await;
        let listing_id = listing.to_string();

        // The product's page leads to the form, about that product; the mill's address is
        // not on the page (it chose not to show it).
        let page = app.get_html(&format!("/listings/{listing}")).await;
        let contact = format!("/producers/{producer}/contact?listing={listing}");
        assert!(page.contains(&format!("href=\"{contact}\"")), "{page}");
        assert!(!page.contains(MILL));
        let form = app.get_html(&contact).await;
        assert!(form.contains("value=\"Мука пшеничная\""), "the product is filled in: {form}");
        assert!(form.contains(&format!("action=\"/producers/{producer}/contact\"")));

        // Refused: a message per field, everything typed kept.
        let buyer = browser();
        let action = format!("/producers/{producer}/contact");
        let mut bad = inquiry_form(&listing_id);
        bad.retain(|(k, _)| !matches!(*k, "email" | "message" | "unit"));
        bad.extend([("email", "aigerim@"), ("message", "Price?"), ("unit", "")]);
        let r = app.post_form(&buyer, &action, &bad).await;
        assert_eq!(r.status(), 422);
        let body = r.text().await.unwrap();
        for message in [
            "Enter an email address such as name@example.kz.",
            "Enter at least 10 characters.",
            "Choose the unit of this quantity.",
        ] {
            assert!(body.contains(message), "{message}: {body}");
        }
        assert!(body.contains("value=\"Kabul Bakeries\"") && body.contains("value=\"aigerim@\""));
        assert_eq!(app.count("SELECT COUNT(*) AS n FROM inquiry").await, 0);

        // Accepted: the buyer is asked to confirm; nothing reaches the producer yet.
        let r = app.post_form(&buyer, &action, &inquiry_form(&listing_id)).await;
        assert_eq!(r.status(), 303, "{}", r.text().await.unwrap_or_default());
        let sent = r.headers()["location"].to_str().unwrap().to_owned();
        assert_eq!(sent, format!("/producers/{producer}/contact?done=inquiry_sent"));
        assert!(app.get_html(&sent).await.contains("Almost done: we mailed you a link."));
        assert_eq!(inquiry_status(&app).await, "unconfirmed");
        let inbox =
            app.get_with(&producer_client, "/account/inquiries").await.text().await.unwrap();
        assert!(!inbox.contains("Aigerim"), "unconfirmed inquiries are not delivered");

        let confirm = mail_to(&sink, BUYER, "Confirm and send my inquiry").await;
        assert!(!confirm.text().contains(MILL), "the buyer is not told the producer's address");
        let link = path_of(&confirm.link("/inquiries/confirm?token="));
        let r = app.get_with(&buyer, &link).await;
        assert_eq!(r.status(), 303);
        assert_eq!(
            r.headers()["location"],
            format!("/producers/{producer}?done=inquiry_delivered")
        );
        assert_eq!(app.get_with(&buyer, &link).await.status(), 400, "the link works once");
        assert_eq!(inquiry_status(&app).await, "new");

        // The producer's mail: the whole inquiry; "Reply" goes to the buyer.
        let received = mail_to(&sink, MILL, "A buyer wrote to").await;
        let text = received.text();
        for fact in [
            "Aigerim Bekova, Kabul Bakeries (Afghanistan)",
            "Quantity: 500 t",
            "Destination: Mazar-i-Sharif",
            "CPT Hairatan",
        ] {
            assert!(text.contains(fact), "{fact}: {text}");
        }
        assert!(received.header("reply-to").is_some_and(|r| r.contains(BUYER)));

        // The inbox lists it as new; the dashboard counts it.
        let dashboard = app.get_with(&producer_client, "/account").await.text().await.unwrap();
        assert!(dashboard.contains("href=\"/account/inquiries\""), "{dashboard}");
        let inbox =
            app.get_with(&producer_client, "/account/inquiries").await.text().await.unwrap();
        assert!(inbox.contains("Kabul Bakeries") && inbox.contains("CPT Hairatan"), "{inbox}");
        assert!(inbox.contains("New (1)"), "{inbox}");
        let id = app.count("SELECT MAX(id) AS n FROM inquiry").await;
        let field = format!("reply_{id}");
        let reply_path = format!("/account/inquiries/{id}/reply");

        // Another account cannot answer it, nor learn that it exists.
        let stranger = browser();
        register(&app, &stranger, "other@example.kz").await;
        let r = app.post_form(&stranger, &reply_path, &[(&field, "Hello")]).await;
        assert_eq!(r.status(), 404);

        // An empty reply is refused on the inbox page, beside its own form.
        let r =
            app.post_form(&producer_client, &reply_path, &[(&field, " "), ("show", "new")]).await;
        assert_eq!(r.status(), 422);
        let body = r.text().await.unwrap();
        assert!(
            body.contains("This field is required.") && body.contains("CPT Hairatan"),
            "{body}"
        );

        let answer = "Our price is 310 USD/t CPT Hairatan, loading in 14 days.";
        let r = app.post_form(&producer_client, &reply_path, &[(&field, answer)]).await;
        assert_eq!(r.status(), 303);
        assert_eq!(
            r.headers()["location"],
            "/account/inquiries?show=answered&done=inquiry_answered"
        );
        let reply = mail_to(&sink, BUYER, answer).await;
        assert!(reply.header("reply-to").is_some_and(|r| r.contains(MILL)), "{:?}", reply.data);
        assert!(reply.text().contains("> We buy 500 t"), "the buyer's message is quoted");
        assert_eq!(inquiry_status(&app).await, "answered");

        let answered = app
            .get_with(&producer_client, "/account/inquiries?show=answered")
            .await
            .text()
            .await
            .unwrap();
        assert!(answered.contains(answer) && answered.contains("Answered (1)"), "{answered}");
        let r =
            app.post_form(&producer_client, &format!("/account/inquiries/{id}/archive"), &[]).await;
        assert_eq!(r.status(), 303);
        assert_eq!(inquiry_status(&app).await, "archived");
        assert_eq!(
            app.get_with(&producer_client, "/account/inquiries?show=unconfirmed").await.status(),
            400,
            "unconfirmed inquiries are no inbox tab"
        );
    }
);

on_both_backends!(
    one_buyer_address_over_its_limit_gets_429_and_bots_are_answered_but_dropped,
    |backend: Backend| async move {
        let auth = app::foundations::auth::AuthConfig {
            inquiry_per_address: app::foundations::auth::Limit {
                max: 2,
                window: std::time::Duration::from_secs(3600),
            },
            ..Default::default()
        };
        let app = spawn_app_configured(backend, auth).await;
        let admin = signed_in_admin(&app, "mod@registry.kz").await;
        let (producer, listing) = published_by(&app, &admin, &browser(), MILL).await;
        let listing_id = listing.to_string();
        let action = format!("/producers/{producer}/contact");
        let buyer = browser();
        for _ in 0..2 {
            let r = app.post_form(&buyer, &action, &inquiry_form(&listing_id)).await;
            assert_eq!(r.status(), 303);
        }
        let r = app.post_form(&buyer, &action, &inquiry_form(&listing_id)).await;
        assert_eq!(r.status(), 429);
        assert!(
            r.headers().contains_key("retry-after") || r.headers().contains_key("ratelimit-reset")
        );
        let body = r.text().await.unwrap();
        assert!(body.contains("Too many attempts."), "{body}");
        assert!(body.contains("value=\"Kabul Bakeries\""), "what was typed is kept");
        assert_eq!(app.count("SELECT COUNT(*) AS n FROM inquiry").await, 2);

        // The honeypot filled in: a success page, and nothing kept or mailed.
        let mut bot = inquiry_form(&listing_id);
        bot.retain(|(k, _)| *k != "website" && *k != "email");
        bot.extend([("website", "http://spam.example"), ("email", "bot@spam.example")]);
        let r = app.post_form(&browser(), &action, &bot).await;
        assert_eq!(r.status(), 303);
        assert_eq!(app.count("SELECT COUNT(*) AS n FROM inquiry").await, 2);
        assert_eq!(
            app.count("SELECT COUNT(*) AS n FROM outbox WHERE to_address = 'bot@spam.example'")
                .await,
            0
        );
    }
);

on_both_backends!(
    companies_that_are_not_public_cannot_be_written_to,
    |backend: Backend| async move {
        let app = spawn_app(backend).await;
        let me = browser();
        let producer =
            crate::producers::producer_with_company(&app, &me, MILL, crate::producers::BIN).await;
        // A draft company: no page, no form, and a post is refused with a reason.
        assert_eq!(app.get(&format!("/producers/{producer}/contact")).await.status(), 404);
        let r = app
            .post_form(&browser(), &format!("/producers/{producer}/contact"), &inquiry_form(""))
            .await;
        assert_eq!(r.status(), 404);
        let r =
            app.post_form(&browser(), "/producers/not-a-number/contact", &inquiry_form("")).await;
        assert_eq!(r.status(), 404);
        assert_eq!(app.count("SELECT COUNT(*) AS n FROM inquiry").await, 0);
        assert_eq!(app.get("/inquiries/confirm?token=abc").await.status(), 400);
    }
);

on_both_backends!(
    a_reported_sender_is_blocked_by_an_administrator_and_refused_after,
    |backend: Backend| async move {
        let app = spawn_app(backend).await;
        let admin = signed_in_admin(&app, "mod@registry.kz").await;
        let producer_client = browser();
        let (producer, listing) = published_by(&app, &admin, &producer_client, MILL).await;
        let action = format!("/producers/{producer}/contact");
        let listing_id = listing.to_string();
        // Delivered (its confirmation link followed, read from the outbox: no sender runs).
        let r = app.post_form(&browser(), &action, &inquiry_form(&listing_id)).await;
        assert_eq!(r.status(), 303);
        let id = app.count("SELECT MAX(id) AS n FROM inquiry").await;
        let mail = app
            .count(&format!("SELECT MAX(id) AS n FROM outbox WHERE to_address = '{BUYER}'"))
            .await;
        let body = crate::mail::outbox_row(&app, mail).await.body_text;
        let token = body.split("confirm?token=").nth(1).unwrap().split_whitespace().next().unwrap();
        let confirm = format!("/inquiries/confirm?token={token}");
        assert_eq!(app.get_with(&browser(), &confirm).await.status(), 303);

        // The producer reports it: out of the inbox, onto the administrators' list.
        let report = format!("/account/inquiries/{id}/report");
        let r = app.post_form(&producer_client, &report, &[]).await;
        assert_eq!(r.headers()["location"], "/account/inquiries?done=inquiry_reported");
        let inbox =
            app.get_with(&producer_client, "/account/inquiries").await.text().await.unwrap();
        assert!(!inbox.contains("Kabul Bakeries"), "{inbox}");
        // Producers do not see the list, nor block anyone.
        assert_eq!(
            app.post_form(&producer_client, &format!("/admin/inquiries/{id}/block"), &[])
                .await
                .status(),
            403
        );
        let list = app.get_with(&admin, "/admin/inquiries").await.text().await.unwrap();
        assert!(list.contains(BUYER) && list.contains("CPT Hairatan"), "{list}");

        let r = app.post_form(&admin, &format!("/admin/inquiries/{id}/block"), &[]).await;
        assert_eq!(r.headers()["location"], "/admin/inquiries?done=sender_blocked");
        let list = app
            .get_with(&admin, "/admin/inquiries?done=sender_blocked")
            .await
            .text()
            .await
            .unwrap();
        assert!(list.contains("Sender blocked") && list.contains("Nothing reported."), "{list}");
        assert_eq!(
            app.count(
                "SELECT COUNT(*) AS n FROM audit_event WHERE action = 'inquiry.sender_blocked'"
            )
            .await,
            1
        );

        // The same address (in any case) is refused beside its field; another one is not.
        let mut again = inquiry_form(&listing_id);
        again.retain(|(k, _)| *k != "email");
        again.push(("email", "Aigerim@Flour-Buyer.af"));
        let r = app.post_form(&browser(), &action, &again).await;
        assert_eq!(r.status(), 422);
        let page = r.text().await.unwrap();
        assert!(
            page.contains("This address may not send inquiries through the registry."),
            "{page}"
        );
        let mut other = inquiry_form(&listing_id);
        other.retain(|(k, _)| *k != "email");
        other.push(("email", "someone@else.af"));
        assert_eq!(app.post_form(&browser(), &action, &other).await.status(), 303);
    }
);
