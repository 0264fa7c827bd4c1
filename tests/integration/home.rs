//! The home page, health checks, 404 and the language choice, through HTTP as a browser sends.

use crate::helpers::{Backend, TestApp, spawn_app};

/// The number in `attr="N"` that follows `anchor` in the page.
fn number_after(html: &str, anchor: &str, attr: &str) -> i64 {
    let start = html.find(anchor).unwrap_or_else(|| panic!("`{anchor}` not in page"));
    let rest = &html[start..];
    let key = format!("{attr}=\"");
    let at = rest.find(&key).unwrap_or_else(|| panic!("no {attr} after {anchor}")) + key.len();
    rest[at..].split('"').next().unwrap().parse().expect("a number")
}

async fn home_with_language(app: &TestApp, accept_language: &str) -> String {
    let response =
        app.client.get(app.url("/")).header("accept-language", accept_language).send().await;
    response.expect("request").text().await.expect("body")
}

/// The HS picker's server function, posted as a browser form would.
async fn suggest(app: &TestApp, q: &str) -> serde_json::Value {
    let response = app
        .client
        .post(app.url("/api/suggest_hs"))
        .header("origin", app.origin())
        .form(&[("q", q)])
        .send()
        .await;
    response.expect("request").json().await.expect("JSON")
}

async fn seeded_app(backend: Backend) -> TestApp {
    let app = spawn_app(backend).await;
    server::seed::seed(&app.db, 60, 3, false).await.expect("seed");
    // Some entries that must not be counted, hidden the way the registry hides them: a
    // suspended producer, a withdrawn listing.
    crate::helpers::withdraw_listing(&app, 20).await;
    crate::helpers::suspend_producer(&app, 1).await;
    app
}

crate::on_both_backends!(home_page_counts_match_the_database, |backend: Backend| async move {
    let app = seeded_app(backend).await;
    let html = app.get_html("/").await;
    for code in ["KZ", "KG", "TJ", "TM", "UZ"] {
        let anchor = format!("data-country=\"{code}\"");
        let producers = app
            .count(&format!(
                "SELECT COUNT(*) AS n FROM producer WHERE country_code = '{code}' AND status = 'published'"
            ))
            .await;
        let listings = app
            .count(&format!(
                "SELECT COUNT(*) AS n FROM listing l JOIN producer p ON p.id = l.producer_id \
                 WHERE p.country_code = '{code}' AND p.status = 'published' AND l.status = 'published'"
            ))
            .await;
        assert_eq!(number_after(&html, &anchor, "data-producers"), producers, "{code} producers");
        assert_eq!(number_after(&html, &anchor, "data-listings"), listings, "{code} listings");
    }
    let mut total = 0;
    for (id, roman) in [(1, "I"), (2, "II"), (10, "X"), (15, "XV"), (21, "XXI")] {
        let anchor = format!("data-section=\"{roman}\"");
        let listings = app
            .count(&format!(
                "SELECT COUNT(*) AS n FROM listing l JOIN producer p ON p.id = l.producer_id \
                 JOIN hs_code h ON h.code = l.hs_code \
                 WHERE h.section_id = {id} AND p.status = 'published' AND l.status = 'published'"
            ))
            .await;
        total += listings;
        assert_eq!(number_after(&html, &anchor, "data-listings"), listings, "section {roman}");
    }
    assert!(total > 0, "the sample of sections has listings");
    assert_eq!(html.matches("data-section=").count(), 21);
});

crate::on_both_backends!(health_and_readiness, |backend: Backend| async move {
    let app = spawn_app(backend).await;
    assert_eq!(app.get("/healthz").await.status(), 200);
    let ready = app.get("/readyz").await;
    assert_eq!(ready.status(), 200);
    app.db.clone().close().await.expect("close pool");
    assert_eq!(app.get("/readyz").await.status(), 503, "readiness follows the database");
    assert_eq!(app.get("/healthz").await.status(), 200, "liveness does not");
});

crate::on_both_backends!(unknown_address_is_a_real_404_page, |backend: Backend| async move {
    let app = spawn_app(backend).await;
    let response = app.get("/no/such/page").await;
    assert_eq!(response.status(), 404);
    let html = response.text().await.unwrap();
    assert!(html.contains("Page not found"), "{html}");
    assert!(html.contains("<a href=\"/\""), "a way back home");
});

crate::on_both_backends!(
    language_follows_cookie_then_accept_language,
    |backend: Backend| async move {
        let app = spawn_app(backend).await;
        let english = app.get_html("/").await;
        assert!(english.contains("<html lang=\"en\""));
        assert!(english.contains("Browse by country"));

        let russian = home_with_language(&app, "ru-RU,ru;q=0.9,en;q=0.8").await;
        assert!(russian.contains("<html lang=\"ru\""));
        assert!(russian.contains("Страны"));
        assert!(russian.contains("Казахстан"), "country names follow the language");

        // An explicit choice is remembered and beats the browser's preference.
        let switch = app.get("/lang/kk?next=/").await;
        assert_eq!(switch.status(), 303);
        assert_eq!(switch.headers()["location"], "/");
        let kazakh = home_with_language(&app, "ru").await;
        assert!(kazakh.contains("<html lang=\"kk\""));
        assert!(kazakh.contains("Елдер"));

        assert_eq!(app.get("/lang/xx").await.status(), 400, "unknown language is refused");
        let open_redirect = app.get("/lang/en?next=//evil.example").await;
        assert_eq!(open_redirect.headers()["location"], "/");
    }
);

crate::on_both_backends!(
    russian_words_find_headings_through_their_russian_names,
    |backend: Backend| async move {
        let app = spawn_app(backend).await;
        let codes = |v: serde_json::Value| -> Vec<String> {
            v.as_array().unwrap().iter().map(|s| s["code"].as_str().unwrap().to_owned()).collect()
        };
        // Not in the product vocabulary: found through the headings' Russian names, in the
        // singular the buyer types against the nomenclature's plural.
        for (word, heading) in [("трактор", "8701"), ("фанера", "4412"), ("цемент", "2523")]
        {
            let found = codes(suggest(&app, word).await);
            assert!(found.contains(&heading.to_owned()), "{word}: {found:?}");
        }
        // A Russian-speaking visitor reads the heading's Russian name.
        let response = app
            .client
            .post(app.url("/api/suggest_hs"))
            .header("origin", app.origin())
            .header("accept-language", "ru")
            .form(&[("q", "1101")])
            .send()
            .await
            .unwrap();
        let found: serde_json::Value = response.json().await.unwrap();
        assert_eq!(found[0]["code"], "1101");
        assert_eq!(found[0]["description"], "Мука пшеничная или пшенично-ржаная");
    }
);

crate::on_both_backends!(hs_suggestions_by_code_and_by_words, |backend: Backend| async move {
    let app = spawn_app(backend).await;
    let by_code = suggest(&app, "10.01").await;
    let codes: Vec<&str> =
        by_code.as_array().unwrap().iter().map(|s| s["code"].as_str().unwrap()).collect();
    assert_eq!(codes.first(), Some(&"1001"));
    assert!(codes.iter().all(|c| c.starts_with("1001")));

    let by_words = suggest(&app, "WHEAT").await;
    assert!(!by_words.as_array().unwrap().is_empty(), "case-insensitive on both engines");

    let hostile = suggest(&app, "%_' OR 1=1 --").await;
    assert_eq!(hostile.as_array().unwrap().len(), 0);
});

crate::on_both_backends!(
    hs_sections_are_named_in_the_visitors_language,
    |backend: Backend| async move {
        let app = spawn_app(backend).await;
        for (language, name) in [
            ("en", "Vegetable products"),
            ("ru", "Продукты растительного происхождения"),
            ("kk", "Өсімдіктен алынатын өнімдер"),
            ("uz-Latn-UZ", "Oʻsimlik mahsulotlari"),
            ("tk", "Ösümlik önümleri"),
        ] {
            let html = home_with_language(&app, language).await;
            assert!(html.contains(name), "{language}: {name}");
        }
        let html = home_with_language(&app, "ru").await;
        assert!(!html.contains("Vegetable products"), "no English section names in Russian");
        let stats = app
            .client
            .get(app.url("/stats"))
            .header("accept-language", "ky")
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert!(stats.contains("Өсүмдүктөн алынган азыктар"), "{stats}");
    }
);
