//! The three journeys without friction (issue 15): what an administrator, a buyer and a producer
//! tripped over, each checked through the door they use.

use crate::admin::{decide, signed_in_admin, submitted_producer};
use crate::helpers::{Backend, TestApp, browser, spawn_app};
use crate::on_both_backends;
use crate::producers::{BIN, add_listing};

async fn page(app: &TestApp, client: &reqwest::Client, path: &str) -> String {
    let r = app.get_with(client, path).await;
    assert_eq!(r.status(), 200, "GET {path}");
    r.text().await.unwrap()
}

/// A producer with a company and one product, both published; returns (producer, listing).
async fn published(app: &TestApp, admin: &reqwest::Client, email: &str) -> (i64, i64) {
    published_by(app, admin, &browser(), email).await
}

/// [`published`], the producer signed in with `me`.
pub async fn published_by(
    app: &TestApp,
    admin: &reqwest::Client,
    me: &reqwest::Client,
    email: &str,
) -> (i64, i64) {
    let (producer, listing) = submitted_producer(app, me, email, BIN).await;
    for (kind, id) in [("producer", producer), ("listing", listing)] {
        let r = decide(app, admin, kind, id, &[("decision", "approve")]).await;
        assert_eq!(r.status(), 303, "approve {kind} {id}");
    }
    (producer, listing)
}

// ---- Administrator ----

on_both_backends!(refused_admin_forms_render_their_own_page, |backend: Backend| async move {
    let app = spawn_app(backend).await;
    let admin = signed_in_admin(&app, "mod@registry.kz").await;
    let me = browser();
    let (producer, _) = submitted_producer(&app, &me, "p@example.kz", BIN).await;
    // "Mark verified" with the note left empty: the producer's admin page, with the message.
    let r = app
        .post_form(&admin, &format!("/admin/producers/{producer}/verify"), &[("verified", "on")])
        .await;
    assert_eq!(r.status(), 422);
    let body = r.text().await.unwrap();
    assert!(!body.contains("Page not found"), "{body}");
    assert!(body.contains("ТОО «Костанай Мука»") && body.contains("This field is required."));
});

on_both_backends!(
    refused_bulk_and_item_decisions_render_their_page,
    |backend: Backend| async move {
        let app = spawn_app(backend).await;
        let admin = signed_in_admin(&app, "mod@registry.kz").await;
        let me = browser();
        let (_, listing) = submitted_producer(&app, &me, "p@example.kz", BIN).await;
        // A bulk rejection without a reason: the queue again, with the message.
        let item = format!("listing:{listing}");
        let r = app
            .post_form(&admin, "/admin/bulk", &[("item", item.as_str()), ("decision", "reject")])
            .await;
        assert_eq!(r.status(), 422);
        let body = r.text().await.unwrap();
        assert!(body.contains("Give a reason: the producer will read it."), "{body}");
        assert!(body.contains("action=\"/admin/bulk\""), "the queue is shown again");
        // A rejection without a reason on the item page: that item page again.
        let r = decide(&app, &admin, "listing", listing, &[("decision", "reject")]).await;
        assert_eq!(r.status(), 422);
        let body = r.text().await.unwrap();
        assert!(body.contains("Give a reason") && body.contains("Мука пшеничная"), "{body}");
    }
);

on_both_backends!(bulk_outcome_is_filled_in, |backend: Backend| async move {
    let app = spawn_app(backend).await;
    let admin = signed_in_admin(&app, "mod@registry.kz").await;
    let me = browser();
    let (producer, listing) = submitted_producer(&app, &me, "p@example.kz", BIN).await;
    // The queue's checkboxes carry the version each row showed.
    let queue = page(&app, &admin, "/admin/queue").await;
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
    let location = r.headers()["location"].to_str().unwrap().to_owned();
    let body = page(&app, &admin, &location).await;
    assert!(body.contains("Decisions saved: 2; already decided by someone else: 0."), "{body}");
    assert!(!body.contains("{ok}") && !body.contains("{failed}"), "{body}");
    // Text in the address is never put into the notice.
    let body = page(&app, &admin, "/admin/queue?done=bulk&ok=lies&failed=1").await;
    assert!(!body.contains("class=\"notice\"") && !body.contains("{ok}"), "{body}");
});

on_both_backends!(product_review_page_reads_as_words, |backend: Backend| async move {
    let app = spawn_app(backend).await;
    let admin = signed_in_admin(&app, "mod@registry.kz").await;
    let me = browser();
    let (_, listing) = submitted_producer(&app, &me, "p@example.kz", BIN).await;
    let twin = add_listing(&app, &me, "Мука пшеничная в/с").await;
    let body = page(&app, &admin, &format!("/admin/queue/listing/{listing}")).await;
    // Labels, not keys; words, not JSON; whole numbers; the HS code described.
    assert!(body.contains("Capacity unit") && !body.contains(">capacity_unit<"), "{body}");
    assert!(body.contains("Halal") && !body.contains("[&quot;halal&quot;]"), "{body}");
    assert!(!body.contains("[\"halal\"]") && !body.contains("&quot;AF&quot;"), "{body}");
    assert!(body.contains("12 000") && !body.contains("12000.0"), "{body}");
    assert!(body.contains("110100 — Wheat or meslin flour"), "{body}");
    // The product's own history: its creation and submission.
    assert!(body.contains("listing.create") && body.contains("listing.submit"), "{body}");
    // Possible duplicates are the producer's similar products.
    assert!(!body.contains("No similar producers found"), "{body}");
    assert!(body.contains(&format!("/admin/queue/listing/{twin}")), "{body}");
});

on_both_backends!(a_chosen_and_a_typed_reason_are_both_kept, |backend: Backend| async move {
    let app = spawn_app(backend).await;
    let admin = signed_in_admin(&app, "mod@registry.kz").await;
    let me = browser();
    let (_, listing) = submitted_producer(&app, &me, "p@example.kz", BIN).await;
    let r = decide(
        &app,
        &admin,
        "listing",
        listing,
        &[
            ("decision", "changes"),
            ("reason_preset", "The profile is incomplete."),
            ("reason", "Add the packaging."),
        ],
    )
    .await;
    assert_eq!(r.status(), 303);
    let kept = app
        .count(&format!(
            "SELECT COUNT(*) AS n FROM listing WHERE id = {listing} \
             AND status_reason = 'The profile is incomplete. — Add the packaging.'"
        ))
        .await;
    assert_eq!(kept, 1);
});

on_both_backends!(administrators_land_on_the_queue, |backend: Backend| async move {
    let app = spawn_app(backend).await;
    let _ = signed_in_admin(&app, "mod@registry.kz").await;
    let admin = browser();
    let r = app
        .post_form(
            &admin,
            "/login",
            &[("email", "mod@registry.kz"), ("password", "Moderator-of-the-registry-42")],
        )
        .await;
    assert_eq!(r.status(), 303);
    assert_eq!(r.headers()["location"], "/admin/queue");
});

on_both_backends!(accounts_link_to_producers_and_nav_is_a_list, |backend: Backend| async move {
    let app = spawn_app(backend).await;
    let admin = signed_in_admin(&app, "mod@registry.kz").await;
    let me = browser();
    let (producer, _) = submitted_producer(&app, &me, "p@example.kz", BIN).await;
    let users = page(&app, &admin, "/admin/users").await;
    assert!(users.contains(&format!("href=\"/admin/producers/{producer}\"")), "{users}");
    // The navigation is a list, not links run together.
    assert!(users.contains("class=\"admin-nav\"><ul><li>"), "{users}");
});

// ---- Buyer ----

on_both_backends!(no_blank_certificate_line, |backend: Backend| async move {
    let app = spawn_app(backend).await;
    let admin = signed_in_admin(&app, "mod@registry.kz").await;
    let (_, listing) = published(&app, &admin, "p@example.kz").await;
    // The product's certificate has no issuer or number: no blank "— , №".
    let body = app.get_html(&format!("/listings/{listing}")).await;
    assert!(body.contains("Halal"), "{body}");
    assert!(!body.contains("— , №") && !body.contains(", № <"), "{body}");
});

on_both_backends!(one_result_is_one_result, |backend: Backend| async move {
    let app = spawn_app(backend).await;
    let admin = signed_in_admin(&app, "mod@registry.kz").await;
    published(&app, &admin, "p@example.kz").await;
    // One result is one result, in English and Russian.
    let body = app.get_html("/search?q=%D0%BC%D1%83%D0%BA%D0%B0").await;
    assert!(body.contains("1 result<") && !body.contains("1 results"), "{body}");
    let r = app
        .client
        .get(app.url("/search?q=%D0%BC%D1%83%D0%BA%D0%B0&view=producers"))
        .header("cookie", "lang=ru")
        .send()
        .await
        .unwrap();
    let body = r.text().await.unwrap();
    assert!(body.contains("1 производитель<"), "{body}");
});

on_both_backends!(back_to_results_from_a_product_or_producer, |backend: Backend| async move {
    let app = spawn_app(backend).await;
    let admin = signed_in_admin(&app, "mod@registry.kz").await;
    let (producer, listing) = published(&app, &admin, "p@example.kz").await;
    // From the results to a product and back.
    let body = app.get_html("/search?q=%D0%BC%D1%83%D0%BA%D0%B0").await;
    let from = format!(
        "/listings/{listing}?from=%2Fsearch%3Fq%3D%25D0%25BC%25D1%2583%25D0%25BA%25D0%25B0"
    );
    assert!(body.contains(&from.replace('&', "&amp;")), "{body}");
    let back = app.get_html(&from).await;
    assert!(back.contains("href=\"/search?q=%D0%BC%D1%83%D0%BA%D0%B0\""), "{back}");
    assert!(back.contains("Back to results"), "{back}");
    let producer_page =
        app.get_html(&format!("/producers/{producer}?from=%2Fsearch%3Fcountry%3DKZ")).await;
    assert!(producer_page.contains("href=\"/search?country=KZ\""), "{producer_page}");
    // Only a search on this site.
    for evil in ["https%3A%2F%2Fevil.example%2Fsearch", "%2F%2Fevil.example", "%2Faccount"] {
        let body = app.get_html(&format!("/listings/{listing}?from={evil}")).await;
        assert!(!body.contains("Back to results"), "{evil}");
    }
});

on_both_backends!(favicon_is_served, |backend: Backend| async move {
    let app = spawn_app(backend).await;
    let r = app.get("/favicon.ico").await;
    assert_eq!(r.status(), 200);
    assert!(r.headers()["content-type"].to_str().unwrap().starts_with("image/"));
    assert!(app.get_html("/").await.contains("rel=\"icon\""));
});

on_both_backends!(csv_export_carries_what_a_buyer_needs, |backend: Backend| async move {
    let app = spawn_app(backend).await;
    let admin = signed_in_admin(&app, "mod@registry.kz").await;
    let (_, listing) = published(&app, &admin, "p@example.kz").await;
    let body = app.get("/search.csv?country=KZ").await.text().await.unwrap();
    let mut lines = body.lines();
    let header: Vec<&str> =
        lines.next().unwrap().trim_start_matches('\u{feff}').split(',').collect();
    let row: Vec<String> = lines.next().unwrap().split(',').map(str::to_owned).collect();
    let cell = |name: &str| {
        let i = header.iter().position(|h| *h == name).unwrap_or_else(|| panic!("{name}"));
        row[i].clone()
    };
    assert_eq!(cell("url"), app.url(&format!("/listings/{listing}")));
    assert_eq!(cell("city"), "Костанай");
    assert_eq!(cell("country_name"), "Kazakhstan");
    assert_eq!(cell("region"), "KZ-39");
    assert!(!cell("region_name").is_empty());
    // A leading + is kept as text (spreadsheets would read a formula).
    assert_eq!(cell("phone"), "'+7 714 255 10 10");
    assert_eq!(cell("email"), "", "the contact email was not made public");
    assert_eq!(cell("capacity"), "12000");
    assert_eq!(cell("capacity_unit"), "t");
    assert_eq!(cell("min_order"), "20");
    assert_eq!(cell("lead_time_days"), "14");
});

// ---- Producer ----

on_both_backends!(
    a_sent_back_entry_keeps_its_reason_until_resubmitted,
    |backend: Backend| async move {
        let app = spawn_app(backend).await;
        let admin = signed_in_admin(&app, "mod@registry.kz").await;
        let me = browser();
        let (producer, listing) = submitted_producer(&app, &me, "p@example.kz", BIN).await;
        let changes = [("decision", "changes"), ("reason", "Say how the flour is packed.")];
        assert_eq!(decide(&app, &admin, "listing", listing, &changes).await.status(), 303);
        let reject = [("decision", "reject"), ("reason", "Add the company's address.")];
        assert_eq!(decide(&app, &admin, "producer", producer, &reject).await.status(), 303);
        let dashboard = page(&app, &me, "/account").await;
        assert!(dashboard.contains("Changes requested"), "{dashboard}");
        assert!(dashboard.contains("What to change: Say how the flour is packed."), "{dashboard}");
        assert!(!dashboard.contains(">Draft<"), "{dashboard}");
        // The edit page shows the reason and offers to save and resubmit.
        let edit = page(&app, &me, &format!("/account/listings/{listing}/edit")).await;
        assert!(edit.contains("Say how the flour is packed."), "{edit}");
        assert!(
            edit.contains("name=\"then\" value=\"submit\"") && edit.contains("Save and resubmit")
        );
        // Saving keeps the reason in sight: the rejected company, edited, still says why.
        let mut form = crate::producers::company_form(BIN);
        form.push(("address", "ул. Промышленная, 7"));
        let r = app.post_form(&me, "/account/company", &form).await;
        assert_eq!(r.status(), 303);
        let dashboard = page(&app, &me, "/account").await;
        assert!(
            dashboard.contains("Add the company&#x27;s address.")
                || dashboard.contains("Add the company's address."),
            "{dashboard}"
        );
        let company = page(&app, &me, "/account/company").await;
        assert!(
            company.contains("Add the company") && company.contains("Save and resubmit"),
            "{company}"
        );
        // "Save and resubmit" sends it back to the queue, and the reason is gone.
        let mut edit = crate::producers::listing_form("Мука пшеничная");
        edit.push(("description", "Мешки по 50 кг, полипропилен."));
        edit.push(("then", "submit"));
        let r = app.post_form(&me, &format!("/account/listings/{listing}/edit"), &edit).await;
        assert_eq!(r.status(), 303);
        assert_eq!(r.headers()["location"], "/account?done=listing_submitted");
        let submitted = app
            .count(&format!(
                "SELECT COUNT(*) AS n FROM listing WHERE id = {listing} AND status = 'submitted' \
             AND status_reason IS NULL"
            ))
            .await;
        assert_eq!(submitted, 1);
    }
);

on_both_backends!(deleting_a_product_asks_first, |backend: Backend| async move {
    let app = spawn_app(backend).await;
    let me = browser();
    crate::producers::producer_with_company(&app, &me, "p@example.kz", BIN).await;
    let listing = add_listing(&app, &me, "Отруби").await;
    let path = format!("/account/listings/{listing}/delete");
    // The dashboard links to the confirmation; a bare post is sent there too.
    assert!(page(&app, &me, "/account").await.contains(&format!("href=\"{path}\"")));
    let r = app.post_form(&me, &path, &[]).await;
    assert_eq!(r.status(), 303);
    assert_eq!(r.headers()["location"], path.as_str());
    assert_eq!(app.count("SELECT COUNT(*) AS n FROM listing").await, 1, "nothing deleted yet");
    let confirm = page(&app, &me, &path).await;
    assert!(
        confirm.contains("Delete “Отруби”?") && confirm.contains("name=\"confirm\""),
        "{confirm}"
    );
    // Someone else sees no confirmation page and cannot delete.
    let other = browser();
    crate::producers::producer_with_company(&app, &other, "o@example.kz", "990140004654").await;
    assert_eq!(app.get_with(&other, &path).await.status(), 404);
    let r = app.post_form(&other, &path, &[("confirm", "yes")]).await;
    assert!(matches!(r.status().as_u16(), 403 | 404));
    // Confirmed: deleted.
    let r = app.post_form(&me, &path, &[("confirm", "yes")]).await;
    assert_eq!(r.headers()["location"], "/account?done=listing_deleted");
    assert_eq!(app.count("SELECT COUNT(*) AS n FROM listing").await, 0);
});

on_both_backends!(
    a_region_of_another_country_is_refused_with_the_right_ones,
    |backend: Backend| async move {
        let app = spawn_app(backend).await;
        let me = browser();
        crate::producers::register(&app, &me, "p@example.kz").await;
        let mut form = crate::producers::company_form(BIN);
        form.retain(|(k, _)| *k != "region");
        form.push(("region", "KG-GB"));
        let r = app.post_form(&me, "/account/company", &form).await;
        assert_eq!(r.status(), 422);
        let body = r.text().await.unwrap();
        assert!(body.contains("Regions of Kazakhstan:") && body.contains("Kostanay"), "{body}");
        assert!(!body.contains("Bishkek,"), "only the chosen country's regions are named");
        // Without JavaScript the list is grouped by country.
        assert!(body.contains("<optgroup label=\"Kazakhstan\""), "{body}");
    }
);

on_both_backends!(a_taken_tax_id_says_whom_to_write_to, |backend: Backend| async move {
    let site = app::state::SiteConfig {
        contact_email: Some("registry@example.org".into()),
        ..Default::default()
    };
    let app = crate::helpers::spawn_app_with_site(backend, site).await;
    let a = browser();
    crate::producers::producer_with_company(&app, &a, "a@one.kz", BIN).await;
    let b = browser();
    crate::producers::register(&app, &b, "b@two.kz").await;
    let r = app.post_form(&b, "/account/company", &crate::producers::company_form(BIN)).await;
    assert_eq!(r.status(), 409);
    let body = r.text().await.unwrap();
    assert!(body.contains("registry@example.org"), "{body}");
});

// ---- Phones ----

on_both_backends!(search_filters_fold_below_the_count, |backend: Backend| async move {
    let app = spawn_app(backend).await;
    let admin = signed_in_admin(&app, "mod@registry.kz").await;
    published(&app, &admin, "p@example.kz").await;
    let body = app.get_html("/search?country=KZ").await;
    let count = body.find("class=\"results-count\"").expect("the count");
    let details = body.find("<details class=\"facets-disclosure\"").expect("a disclosure");
    let first_hit = body.find("class=\"hit\"").expect("a result");
    assert!(count < details && details < first_hit, "count, then filters, then results");
    assert!(body.contains("<summary>Filters (1)"), "{body}");
    assert!(!body[details..].starts_with("<details class=\"facets-disclosure\" open"));
});

/// The stylesheet the pages link (`style/main.css`, served as `/pkg/registry.css`).
const CSS: &str = include_str!("../../style/main.css");

#[test]
fn phone_styles_stack_the_dashboard_and_enlarge_tap_targets() {
    assert!(
        CSS.contains(
            "input[type=\"checkbox\"], input[type=\"radio\"] { width: 24px; height: 24px;"
        )
    );
    assert!(CSS.contains("@media (max-width: 30rem)") && CSS.contains(".stack-on-phone tr"));
    assert!(CSS.contains(".admin-nav ul { display: flex;"));
}

// ---- Producer: the HS word lookup ----

/// The codes offered (radio buttons, in order) when `words` are typed in the HS field.
async fn offered_codes(app: &TestApp, me: &reqwest::Client, words: &str) -> (Vec<String>, String) {
    let mut form = crate::producers::listing_form("Мука");
    form.retain(|(k, _)| !["hs_code", "national_code"].contains(k));
    form.push(("hs_code", words));
    let r = app.post_form(me, "/account/listings/new", &form).await;
    assert_eq!(r.status(), 422, "{words}: not saved until a code is chosen");
    let body = r.text().await.unwrap();
    let codes = body
        .split("name=\"hs_pick\"")
        .skip(1)
        .filter_map(|rest| rest.split("value=\"").nth(1)?.split('"').next().map(str::to_owned))
        .collect();
    (codes, body)
}

on_both_backends!(
    hs_words_in_any_language_find_the_right_heading_first,
    |backend: Backend| async move {
        let app = spawn_app(backend).await;
        let me = browser();
        crate::producers::producer_with_company(&app, &me, "p@example.kz", BIN).await;

        // The hint's own example: the heading first, offered as a step (no error summary), and
        // the subheading that only repeats the heading left out.
        let (codes, body) = offered_codes(&app, &me, "wheat flour").await;
        assert_eq!(codes.first().map(String::as_str), Some("1101"), "{codes:?}");
        assert!(!codes.contains(&"110100".to_owned()), "{codes:?}");
        assert!(body.contains("Choose the HS code for “wheat flour”"), "{body}");
        assert!(body.contains("A heading (4 digits) covers all its subheadings"));
        assert!(
            !body.contains("No HS code matches") && !body.contains("Please correct the following")
        );

        // Russian words reach the heading through the product vocabulary.
        for words in ["мука", "пшеничная мука", "flour"] {
            let (codes, _) = offered_codes(&app, &me, words).await;
            assert_eq!(codes.first().map(String::as_str), Some("1101"), "{words}: {codes:?}");
        }
        // Whole words: bran is not "branches".
        let (codes, _) = offered_codes(&app, &me, "bran").await;
        assert_eq!(codes.first().map(String::as_str), Some("2302"), "{codes:?}");
        assert!(!codes.iter().any(|c| c.starts_with("0604")), "{codes:?}");
        // Nothing matches: one message, as the field's error.
        let (codes, body) = offered_codes(&app, &me, "zzqxw").await;
        assert!(codes.is_empty());
        assert!(body.contains("No HS code matches these words."), "{body}");
        assert!(!body.contains("Choose one of the matching HS codes"), "{body}");
        // The search box's suggestions use the same lookup.
        let found: Vec<serde_json::Value> =
            app.get("/api/v1/hs?q=%D0%BC%D1%83%D0%BA%D0%B0").await.json().await.unwrap();
        assert_eq!(found.first().and_then(|h| h["code"].as_str()), Some("1101"), "{found:?}");
    }
);

// ---- Buyer: places by name ----

on_both_backends!(results_and_pages_name_places_not_codes, |backend: Backend| async move {
    let app = spawn_app(backend).await;
    let admin = signed_in_admin(&app, "mod@registry.kz").await;
    let (producer, _) = published(&app, &admin, "p@example.kz").await;
    for path in
        ["/search?q=%D0%BC%D1%83%D0%BA%D0%B0", "/search?q=%D0%BC%D1%83%D0%BA%D0%B0&view=producers"]
    {
        let body = page(&app, &browser(), path).await;
        assert!(body.contains("Kostanay Region, Kazakhstan"), "{path}: {body}");
        assert!(!body.contains("· KZ-39"), "{path}");
    }
    let detail = page(&app, &browser(), &format!("/producers/{producer}")).await;
    assert!(detail.contains("Костанай, Kostanay Region, Kazakhstan"), "{detail}");
    // In Russian, the Russian names.
    let r = browser()
        .get(app.url(&format!("/producers/{producer}")))
        .header("cookie", "lang=ru")
        .send()
        .await
        .unwrap();
    assert!(r.text().await.unwrap().contains("Костанайская область, Казахстан"));
});
