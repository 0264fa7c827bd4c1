//! Requests for quotation (issue 10): a buyer asks once, with JavaScript off; after the address
//! check the request reaches exactly the producers with a public listing in its HS heading (not
//! a draft's, not a suspended company's); each quotes on its own page, the buyer compares the
//! quotes on a private page and closes the request. With `RFQ_MODERATION=on` an administrator
//! sends it on first.

use crate::admin::{decide, signed_in_admin, submitted_producer};
use crate::helpers::{Backend, TestApp, browser, spawn_app_with_site, suspend_producer};
use crate::mail::{sender, spawn_with_mail};
use crate::on_both_backends;
use crate::recovery::path_of;
use crate::smtp_sink::{Received, SmtpSink};

const BUYER: &str = "procurement@bakery.af";

/// A Kazakh BIN of a series (check digit computed), for companies that must not collide.
fn bin(n: usize) -> &'static str {
    Box::leak(crate::drills::bin(n).into_boxed_str())
}

/// A producer whose company and "Мука пшеничная" (HS 1101.00) are published; with its client.
async fn published(
    app: &TestApp,
    admin: &reqwest::Client,
    email: &str,
    n: usize,
) -> (i64, reqwest::Client) {
    let client = browser();
    let (producer, listing) = submitted_producer(app, &client, email, bin(n)).await;
    for (kind, id) in [("producer", producer), ("listing", listing)] {
        assert_eq!(decide(app, admin, kind, id, &[("decision", "approve")]).await.status(), 303);
    }
    (producer, client)
}

fn deadline(app: &TestApp, days: i64) -> String {
    (app.clock.now() + chrono::Duration::days(days)).format("%Y-%m-%d").to_string()
}

fn request_form(deadline: &str) -> Vec<(&'static str, String)> {
    [
        ("hs_code", "1101"),
        ("product", "Wheat flour, first grade"),
        ("quantity", "1 000"),
        ("unit", "t"),
        ("destination", "Kabul, Afghanistan"),
        ("incoterm", "DAP"),
        ("details", "50 kg bags, halal certificate, payment by letter of credit."),
        ("name", "Aigerim Bekova"),
        ("company", "Kabul Bakeries"),
        ("email", BUYER),
        ("website", ""),
    ]
    .into_iter()
    .map(|(k, v)| (k, v.to_owned()))
    .chain([("deadline", deadline.to_owned())])
    .collect()
}

async fn post(
    app: &TestApp,
    client: &reqwest::Client,
    path: &str,
    form: &[(&str, String)],
) -> reqwest::Response {
    let pairs: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
    app.post_form(client, path, &pairs).await
}

async fn mail_to(sink: &SmtpSink, to: &str, text: &str) -> Received {
    sink.first_matching(&format!("a message to {to} saying {text:?}"), |m| {
        m.to.iter().any(|t| t == to) && m.text().contains(text)
    })
    .await
}

/// Posts the request and follows the mailed link; returns the buyer's private page path.
async fn confirmed_request(app: &TestApp, sink: &SmtpSink, buyer: &reqwest::Client) -> String {
    confirmed_request_with(app, sink, buyer, "Wheat flour, first grade", &[]).await
}

/// [`confirmed_request`] for `product`, with `extra` fields (country limits, verified only).
async fn confirmed_request_with(
    app: &TestApp,
    sink: &SmtpSink,
    buyer: &reqwest::Client,
    product: &str,
    extra: &[(&'static str, &str)],
) -> String {
    let mut form = request_form(&deadline(app, 10));
    form.retain(|(k, _)| *k != "product");
    form.push(("product", product.to_owned()));
    form.extend(extra.iter().map(|(k, v)| (*k, (*v).to_owned())));
    let r = post(app, buyer, "/rfq/new", &form).await;
    assert_eq!(r.status(), 303, "{}", r.text().await.unwrap_or_default());
    assert_eq!(r.headers()["location"], "/rfq/new?done=rfq_sent");
    let confirm = mail_to(sink, BUYER, &format!("for quotes on “{product}”")).await;
    let link = path_of(&confirm.link("/rfq/confirm?key="));
    let r = app.get_with(buyer, &link).await;
    assert_eq!(r.status(), 303);
    let page = r.headers()["location"].to_str().unwrap().to_owned();
    assert!(page.starts_with("/rfq/view?key=") && page.ends_with("&done=rfq_confirmed"), "{page}");
    page.trim_end_matches("&done=rfq_confirmed").to_owned()
}

fn recipients_sql() -> &'static str {
    "SELECT COUNT(*) AS n FROM rfq_recipient"
}

on_both_backends!(
    a_request_reaches_exactly_the_heading_producers_who_quote_and_the_buyer_compares,
    |backend: Backend| async move {
        let (app, sink) = spawn_with_mail(backend).await;
        let admin = signed_in_admin(&app, "mod@registry.kz").await;
        let (first, first_client) = published(&app, &admin, "a@mill-one.kz", 1).await;
        let (second, second_client) = published(&app, &admin, "b@mill-two.kz", 2).await;
        let (suspended, _) = published(&app, &admin, "c@mill-three.kz", 3).await;
        suspend_producer(&app, suspended).await;
        // A company whose flour waits for review: not public, not asked.
        let draft_client = browser();
        submitted_producer(&app, &draft_client, "d@mill-four.kz", bin(4)).await;

        // The form is reachable from the product page, with the heading filled in.
        let listing = app.count("SELECT MIN(id) AS n FROM listing").await;
        let page = app.get_html(&format!("/listings/{listing}")).await;
        assert!(page.contains("href=\"/rfq/new?hs=1101\""), "{page}");
        assert!(app.get_html("/rfq/new?hs=1101").await.contains("value=\"1101\""));

        // Refused: a message per field, everything typed kept, nothing stored or mailed.
        let buyer = browser();
        let mut bad = request_form(&deadline(&app, -1));
        bad.retain(|(k, _)| !matches!(*k, "email" | "unit" | "incoterm"));
        bad.extend([("email", "procurement@".into()), ("incoterm", "XYZ".into())]);
        let r = post(&app, &buyer, "/rfq/new", &bad).await;
        assert_eq!(r.status(), 422);
        let body = r.text().await.unwrap();
        for message in [
            "Enter an email address such as name@example.kz.",
            "Choose the unit of this quantity.",
            "Choose one of the options.",
            "Choose a day from",
        ] {
            assert!(body.contains(message), "{message}: {body}");
        }
        assert!(body.contains("value=\"Kabul Bakeries\"") && body.contains("50 kg bags"), "{body}");
        assert_eq!(app.count("SELECT COUNT(*) AS n FROM rfq").await, 0);

        // Accepted, confirmed: sent to the two public mills only.
        let view = confirmed_request(&app, &sink, &buyer).await;
        assert_eq!(app.count(recipients_sql()).await, 2);
        let sent_to = app
            .count(&format!(
                "SELECT COUNT(*) AS n FROM rfq_recipient WHERE producer_id IN ({first}, {second})"
            ))
            .await;
        assert_eq!(sent_to, 2, "exactly the producers with a public listing in 1101");
        let rfq = app.count("SELECT MAX(id) AS n FROM rfq").await;
        for to in ["a@mill-one.kz", "b@mill-two.kz"] {
            let mail = mail_to(&sink, to, "A buyer asks for quotes").await;
            assert!(mail.text().contains(&format!("/account/rfq/{rfq}")));
            assert!(!mail.text().contains(BUYER), "producers are not told the buyer's address");
        }
        let followed_again = app.get_with(&buyer, &path_of(&format!("http://x{view}"))).await;
        assert_eq!(followed_again.status(), 200);
        assert!(app.get_html(&view).await.contains("Producers it was sent to: 2"));

        // The first mill's list and page; a refused quote keeps what was typed.
        let list = app.get_with(&first_client, "/account/rfq").await.text().await.unwrap();
        assert!(
            list.contains("Wheat flour, first grade") && list.contains("Not quoted yet"),
            "{list}"
        );
        let quote_path = format!("/account/rfq/{rfq}/quote");
        let r = app
            .post_form(
                &first_client,
                &quote_path,
                &[("price", "abc"), ("currency", "USD"), ("unit", "t"), ("lead_time_days", "14")],
            )
            .await;
        assert_eq!(r.status(), 422);
        let body = r.text().await.unwrap();
        assert!(
            body.contains("Enter a positive number") && body.contains("This field is required.")
        );
        assert!(body.contains("Kabul, Afghanistan"), "the request's own page: {body}");
        let valid = deadline(&app, 30);
        let quote = |price: &'static str, days: &'static str| {
            vec![
                ("price", price.to_owned()),
                ("currency", "USD".to_owned()),
                ("unit", "t".to_owned()),
                ("lead_time_days", days.to_owned()),
                ("valid_until", valid.clone()),
                ("note", format!("Offer {price}")),
            ]
        };
        let r = post(&app, &first_client, &quote_path, &quote("318", "7")).await;
        assert_eq!(r.status(), 303);
        assert_eq!(r.headers()["location"], format!("/account/rfq/{rfq}?done=quote_sent"));
        mail_to(&sink, BUYER, "quoted on your request").await;
        let r = post(&app, &second_client, &quote_path, &quote("297.5", "21")).await;
        assert_eq!(r.status(), 303);

        // Each producer reads its own quote only.
        let own =
            app.get_with(&first_client, &format!("/account/rfq/{rfq}")).await.text().await.unwrap();
        assert!(own.contains("value=\"318\"") && !own.contains("297.5"), "{own}");
        // The company not asked cannot read the request nor quote on it.
        assert_eq!(app.get_with(&draft_client, &format!("/account/rfq/{rfq}")).await.status(), 404);
        assert_eq!(post(&app, &draft_client, &quote_path, &quote("1", "1")).await.status(), 404);

        // The buyer compares: cheapest first, or fastest first.
        let by_price = app.get_html(&view).await;
        let (cheap, dear) = (by_price.find("297.5 USD / t"), by_price.find("318 USD / t"));
        assert!(cheap.is_some() && dear.is_some() && cheap < dear, "{by_price}");
        let by_lead = app.get_html(&format!("{view}&sort=lead_time")).await;
        assert!(by_lead.find("318 USD / t") < by_lead.find("297.5 USD / t"), "{by_lead}");
        assert_eq!(app.get(&format!("{view}&sort=cheapest")).await.status(), 400);
        // Days as the reader's language writes them: the quotes' validity, English and Russian.
        let valid_day = (app.clock.now() + chrono::Duration::days(30)).date_naive();
        let english = valid_day.format("%-d %b %Y").to_string();
        assert!(by_price.contains(&english), "{english} in {by_price}");
        let russian = app
            .client
            .get(app.url(&view))
            .header("accept-language", "ru")
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert!(russian.contains(&valid_day.format("%d.%m.%Y").to_string()), "{russian}");
        assert_eq!(app.get(&format!("/rfq/view?key={}", "0".repeat(64))).await.status(), 404);

        // Closed by the buyer: the quotes stay, no new quote is taken.
        let key = view.trim_start_matches("/rfq/view?key=").to_owned();
        let r = post(&app, &buyer, "/rfq/close", &[("key", key)]).await;
        assert_eq!(r.status(), 303);
        let closed = r.headers()["location"].to_str().unwrap().to_owned();
        assert_eq!(closed, format!("{view}&done=rfq_closed"));
        let page = app.get_html(&closed).await;
        assert!(page.contains("Request closed") && page.contains("Status: closed"), "{page}");
        assert!(page.contains("297.5 USD / t"), "the quotes stay readable");
        assert_eq!(post(&app, &first_client, &quote_path, &quote("300", "7")).await.status(), 409);
    }
);

on_both_backends!(
    with_moderation_a_request_waits_for_an_administrator,
    |backend: Backend| async move {
        let site = app::state::SiteConfig { rfq_moderation: true, ..Default::default() };
        let app = spawn_app_with_site(backend, site).await;
        let sink = SmtpSink::start().await;
        sender(&app, Some(sink.url()), std::env::temp_dir()).spawn();
        let admin = signed_in_admin(&app, "mod@registry.kz").await;
        published(&app, &admin, "a@mill-one.kz", 1).await;

        let buyer = browser();
        let view = confirmed_request(&app, &sink, &buyer).await;
        assert_eq!(app.count(recipients_sql()).await, 0, "nothing is sent before review");
        assert!(app.get_html(&view).await.contains("waiting for the administrators"));
        let rfq = app.count("SELECT MAX(id) AS n FROM rfq").await;

        let queue = app.get_with(&admin, "/admin/rfq").await.text().await.unwrap();
        assert!(queue.contains("Wheat flour, first grade"), "{queue}");
        // Refusing needs a reason the buyer will read.
        let r = app.post_form(&admin, &format!("/admin/rfq/{rfq}/reject"), &[]).await;
        assert_eq!(r.status(), 422);
        assert!(r.text().await.unwrap().contains("Give a reason"));
        let r = app.post_form(&admin, &format!("/admin/rfq/{rfq}/approve"), &[]).await;
        assert_eq!(r.status(), 303);
        assert_eq!(app.count(recipients_sql()).await, 1);
        mail_to(&sink, "a@mill-one.kz", "A buyer asks for quotes").await;
        // Decided once: a second decision is a conflict, and the queue is empty.
        let field = format!("reason_{rfq}");
        let r =
            app.post_form(&admin, &format!("/admin/rfq/{rfq}/reject"), &[(&field, "spam")]).await;
        assert_eq!(r.status(), 409);
        let producer = browser();
        assert_eq!(
            app.post_form(&producer, &format!("/admin/rfq/{rfq}/approve"), &[]).await.status(),
            401
        );
    }
);

on_both_backends!(
    a_request_limited_to_countries_or_verified_producers_reaches_only_those,
    |backend: Backend| async move {
        let (app, sink) = spawn_with_mail(backend).await;
        let admin = signed_in_admin(&app, "mod@registry.kz").await;
        // Two Kazakh mills with flour (HS 1101); the second is verified.
        published(&app, &admin, "a@mill-one.kz", 1).await;
        let (verified, _) = published(&app, &admin, "b@mill-two.kz", 2).await;
        let r = app
            .post_form(
                &admin,
                &format!("/admin/producers/{verified}/verify"),
                &[("verified", "on"), ("note", "BIN checked in the state register")],
            )
            .await;
        assert_eq!(r.status(), 303, "{}", r.text().await.unwrap_or_default());
        let sent_to = |rfq_product: &'static str| {
            let app = &app;
            async move {
                app.count(&format!(
                    "SELECT COUNT(*) AS n FROM rfq_recipient r JOIN rfq q ON q.id = r.rfq_id \
                     WHERE q.product = '{rfq_product}'"
                ))
                .await
            }
        };
        let buyer = browser();
        confirmed_request_with(&app, &sink, &buyer, "Flour from Uzbekistan", &[("country", "UZ")])
            .await;
        assert_eq!(sent_to("Flour from Uzbekistan").await, 0, "no Uzbek mill has flour");
        confirmed_request_with(
            &app,
            &sink,
            &buyer,
            "Flour, KZ or UZ",
            &[("country", "KZ"), ("country", "UZ")],
        )
        .await;
        assert_eq!(sent_to("Flour, KZ or UZ").await, 2);
        confirmed_request_with(&app, &sink, &buyer, "Flour, verified", &[("verified_only", "on")])
            .await;
        assert_eq!(sent_to("Flour, verified").await, 1, "only the verified mill");
        let only = app
            .count(
                "SELECT r.producer_id AS n FROM rfq_recipient r JOIN rfq q ON q.id = r.rfq_id \
                 WHERE q.product = 'Flour, verified'",
            )
            .await;
        assert_eq!(only, verified);
    }
);
