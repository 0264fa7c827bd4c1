//! Catalogue search through the JSON API and the page, on data whose answers are known.

use crate::helpers::{Backend, TestApp, spawn_app};
use serde_json::Value;

async fn api(app: &TestApp, query: &str) -> (u16, Value) {
    let response = app.get(&format!("/api/v1/listings?{query}")).await;
    let status = response.status().as_u16();
    (status, response.json().await.expect("JSON body"))
}

async fn total(app: &TestApp, query: &str) -> i64 {
    let (status, body) = api(app, query).await;
    assert_eq!(status, 200, "{query}: {body}");
    body["total"].as_i64().unwrap()
}

/// Seeded catalogue plus a few hand-made entries with known names.
async fn catalogue(backend: Backend) -> TestApp {
    let app = spawn_app(backend).await;
    server::seed::seed(&app.db, 120, 5, false).await.expect("seed");
    // A suspended producer's listings must never be visible.
    crate::helpers::suspend_producer(&app, 2).await;
    app
}

crate::on_both_backends!(
    filters_alone_and_combined_match_brute_force_counts,
    |backend: Backend| async move {
        let app = catalogue(backend).await;
        let visible = "FROM listing l JOIN producer p ON p.id = l.producer_id \
                   WHERE p.status = 'published' AND l.status = 'published'";
        assert_eq!(
            total(&app, "").await,
            app.count(&format!("SELECT COUNT(*) AS n {visible}")).await
        );
        assert_eq!(
            total(&app, "country=KZ").await,
            app.count(&format!("SELECT COUNT(*) AS n {visible} AND p.country_code = 'KZ'")).await
        );
        assert_eq!(
            total(&app, "country=UZ&verified=1").await,
            app.count(&format!(
                "SELECT COUNT(*) AS n {visible} AND p.country_code = 'UZ' AND p.verified = TRUE"
            ))
            .await
        );
        assert_eq!(
            total(&app, "hs=10").await,
            app.count(&format!("SELECT COUNT(*) AS n {visible} AND l.hs_code LIKE '10%'")).await
        );
        assert_eq!(
        total(&app, "section=XV").await,
        app.count(&format!(
            "SELECT COUNT(*) AS n {visible} AND l.hs_code IN (SELECT code FROM hs_code WHERE section_id = 15)"
        ))
        .await
    );
        let halal = "EXISTS (SELECT 1 FROM certification c WHERE c.producer_id = l.producer_id \
                 AND (c.listing_id IS NULL OR c.listing_id = l.id) AND c.kind = 'halal')";
        assert_eq!(
            total(&app, "cert=halal&country=KZ").await,
            app.count(&format!(
                "SELECT COUNT(*) AS n {visible} AND p.country_code = 'KZ' AND {halal}"
            ))
            .await
        );

        // Facet counts reflect the other filters, and each equals a brute-force count.
        let (_, body) = api(&app, "country=KZ&verified=1").await;
        let facets = &body["facets"];
        for (country, n) in facets["country"].as_object().unwrap() {
            let expected = app
            .count(&format!(
                "SELECT COUNT(*) AS n {visible} AND p.verified = TRUE AND p.country_code = '{country}'"
            ))
            .await;
            assert_eq!(n.as_i64().unwrap(), expected, "country facet {country}");
        }
        for (region, n) in facets["region"].as_object().unwrap() {
            let expected = app
            .count(&format!(
                "SELECT COUNT(*) AS n {visible} AND p.verified = TRUE AND p.country_code = 'KZ' \
                 AND p.region_code = '{region}'"
            ))
            .await;
            assert_eq!(n.as_i64().unwrap(), expected, "region facet {region}");
        }
        let verified_true = facets["verified"]["true"].as_i64().unwrap_or(0);
        let verified_false = facets["verified"]["false"].as_i64().unwrap_or(0);
        assert_eq!(
            verified_true + verified_false,
            app.count(&format!("SELECT COUNT(*) AS n {visible} AND p.country_code = 'KZ'")).await,
            "the verified facet ignores its own filter"
        );
    }
);

crate::on_both_backends!(
    suspended_and_unpublished_entries_never_appear,
    |backend: Backend| async move {
        let app = catalogue(backend).await;
        // Seen in a search first, so a cached page cannot hide a missing invalidation.
        let (_, before) = api(&app, "per_page=100&sort=name").await;
        assert!(
            before["items"].as_array().unwrap().iter().any(|i| i["id"] == 1),
            "listing 1 is public before it is withdrawn"
        );
        crate::helpers::withdraw_listing(&app, 1).await;
        let (_, body) = api(&app, "per_page=100&sort=name").await;
        assert_eq!(body["total"].as_i64().unwrap(), before["total"].as_i64().unwrap() - 1);
        let mut page = 1;
        let mut seen = 0;
        let total = body["total"].as_i64().unwrap();
        loop {
            let (_, body) = api(&app, &format!("per_page=100&page={page}")).await;
            let items = body["items"].as_array().unwrap();
            if items.is_empty() {
                break;
            }
            for item in items {
                assert_ne!(item["producer_id"], 2, "suspended producer listed");
                assert_ne!(item["id"], 1, "withdrawn listing listed");
            }
            seen += items.len() as i64;
            page += 1;
        }
        assert_eq!(seen, total, "pages cover the total exactly once");
    }
);

/// Adds one published listing with the given names and returns its id.
async fn listing_named(app: &TestApp, producer_name: &str, product: &str) -> i64 {
    app.db_exec(&format!(
        "UPDATE producer SET legal_name = '{producer_name}', name_latin = 'X' WHERE id = 3"
    ))
    .await;
    let key = app::foundations::domain::search_key(product);
    let producer_key = app::foundations::domain::search_key(producer_name);
    app.db_exec(&format!(
        "UPDATE listing SET product_name = '{product}', name_key = '{key}', \
         search_text = '{key} {producer_key}' WHERE id = (SELECT MIN(id) FROM listing WHERE producer_id = 3)"
    ))
    .await;
    app.count("SELECT MIN(id) AS n FROM listing WHERE producer_id = 3").await
}

fn ids(body: &Value) -> Vec<i64> {
    body["items"].as_array().unwrap().iter().map(|i| i["id"].as_i64().unwrap()).collect()
}

crate::on_both_backends!(text_matches_across_scripts, |backend: Backend| async move {
    let app = catalogue(backend).await;
    let id = listing_named(&app, "ТОО «Шымкент Алматы Трейд»", "Мука пшеничная Ташкентская").await;
    for query in
        ["shymkent", "Шымкент", "almaty", "АЛМАТЫ", "toshkent", "tashkent", "pshenichnaya", "Muka"]
    {
        let (status, body) = api(&app, &format!("q={query}&per_page=100")).await;
        assert_eq!(status, 200);
        assert!(ids(&body).contains(&id), "`{query}` did not find the listing");
    }
    // Prefix on the last word (search as you type).
    let (_, body) = api(&app, "q=shymk&per_page=100").await;
    assert!(ids(&body).contains(&id), "prefix match");
    // Latin text is found by a Cyrillic query too.
    let latin = listing_named(&app, "OOO Oltin Vodiy", "Paxta tolasi").await;
    let (_, body) =
        api(&app, "q=%D0%9E%D0%9E%D0%9E+%D0%BE%D0%BB%D1%82%D0%B8%D0%BD&per_page=100").await;
    assert!(ids(&body).contains(&latin), "ООО олтин finds OOO Oltin");
});

crate::on_both_backends!(exact_name_ranks_first, |backend: Backend| async move {
    let app = catalogue(backend).await;
    let id = listing_named(&app, "ТОО Тест", "Zzyzx Flour").await;
    let (_, body) = api(&app, "q=zzyzx+flour").await;
    assert_eq!(ids(&body).first(), Some(&id));
});

crate::on_both_backends!(
    hs_code_queries_match_the_code_and_its_children,
    |backend: Backend| async move {
        let app = catalogue(backend).await;
        let expected = app
            .count(
                "SELECT COUNT(*) AS n FROM listing WHERE visible = TRUE AND hs_code LIKE '1001%'",
            )
            .await;
        for q in ["1001", "10.01", "10%2001"] {
            assert_eq!(total(&app, &format!("q={q}")).await, expected, "q={q}");
        }
        let (_, body) = api(&app, "q=1001&per_page=100").await;
        for item in body["items"].as_array().unwrap() {
            assert!(item["hs_code"].as_str().unwrap().starts_with("1001"));
        }
    }
);

crate::on_both_backends!(
    hostile_input_gives_results_or_nothing_never_errors,
    |backend: Backend| async move {
        let app = catalogue(backend).await;
        let long = "x".repeat(10_000);
        for q in [
            "%22",
            "%22unterminated",
            "NEAR(a+b)",
            "a+OR+b",
            "*",
            "-a",
            "a:b",
            "%27%3B+DROP+TABLE+listing%3B--",
            "%F0%9F%8C%BE%F0%9F%8C%BE",
            "%5C",
            "(",
            ")",
            "^",
            "%00",
            long.as_str(),
            "a%26b%7Cc%21d",
        ] {
            let (status, body) = api(&app, &format!("q={q}")).await;
            assert_eq!(status, 200, "q={q}: {body}");
            let page = app.get(&format!("/search?q={q}")).await;
            assert_eq!(page.status(), 200, "page for q={q}");
        }
        assert!(app.count("SELECT COUNT(*) AS n FROM listing").await > 0, "still there");
    }
);

crate::on_both_backends!(
    out_of_range_parameters_are_400_in_the_api_and_explained_on_the_page,
    |backend: Backend| async move {
        let app = catalogue(backend).await;
        for query in [
            "page=0",
            "page=1000000000",
            "country=XX",
            "hs=12ab",
            "per_page=1000",
            "sort=best",
            "cert=kosher",
        ] {
            let (status, body) = api(&app, query).await;
            assert_eq!(status, 400, "{query}");
            assert!(body["problems"][0]["message"].as_str().is_some_and(|m| !m.is_empty()));
            let page = app.get(&format!("/search?{query}")).await;
            assert_eq!(page.status(), 200, "the page corrects {query}");
            assert!(
                page.text().await.unwrap().contains("data-testid=\"notices\""),
                "and says so: {query}"
            );
        }
        // A page past the end is empty, not an error.
        let (status, body) = api(&app, "page=400").await;
        assert_eq!(status, 200);
        assert!(body["items"].as_array().unwrap().is_empty());
    }
);

crate::on_both_backends!(api_json_shape, |backend: Backend| async move {
    let app = catalogue(backend).await;
    let (_, body) = api(&app, "q=a&per_page=5").await;
    for key in ["total", "page", "per_page", "items", "facets"] {
        assert!(body.get(key).is_some(), "missing {key}");
    }
    for facet in ["country", "region", "hs_section", "hs_chapter", "cert", "verified"] {
        assert!(body["facets"][facet].is_object(), "facet {facet}");
    }
    let item = &body["items"][0];
    for key in [
        "id",
        "name",
        "name_latin",
        "country",
        "region",
        "hs_code",
        "hs_description",
        "verified",
        "url",
        "producer_id",
        "producer_name",
    ] {
        assert!(item.get(key).is_some(), "item lacks {key}");
    }
    let producers: Value = app.get("/api/v1/producers?country=KZ").await.json().await.unwrap();
    assert!(producers["items"][0]["matching_listings"].as_i64().unwrap() >= 1);
    let regions: Value = app.get("/api/v1/regions?country=KG").await.json().await.unwrap();
    assert_eq!(regions.as_array().unwrap().len(), 9);
    assert_eq!(app.get("/api/v1/regions?country=RU").await.status(), 400);
    assert_eq!(app.get("/api/v1/nothing-here").await.status(), 404);
});

crate::on_both_backends!(
    search_page_renders_results_facets_and_empty_hint,
    |backend: Backend| async move {
        let app = catalogue(backend).await;
        let html = app.get_html("/search?country=KZ").await;
        assert!(html.contains("data-facet=\"country\""));
        assert!(html.contains("data-chip"), "the active filter is a removable chip");
        assert!(html.contains("class=\"hit\""));
        let empty = app.get_html("/search?q=zzzzqqqq&country=KZ&verified=1").await;
        assert!(empty.contains("data-testid=\"empty\""));
        assert!(empty.contains("data-testid=\"remove-narrowest\""));
        // An empty search offers to ask the producers, with the words carried over.
        assert!(empty.contains("href=\"/rfq/new?product=zzzzqqqq\""), "{empty}");
        let by_code = app.get_html("/search?q=zzzzqqqq&hs=1101").await;
        assert!(by_code.contains("href=\"/rfq/new?product=zzzzqqqq&amp;hs=1101\""), "{by_code}");
        let producers = app.get_html("/search?view=producers&country=UZ").await;
        assert!(producers.contains("data-producer="));
    }
);

crate::on_both_backends!(detail_pages_show_public_entries_only, |backend: Backend| async move {
    let app = catalogue(backend).await;
    app.db_exec(
        "UPDATE producer SET phone = '+77001234567', show_phone = FALSE, \
         email = 'sales@example.kz', show_email = TRUE WHERE id = 3",
    )
    .await;
    let html = app.get_html("/producers/3").await;
    assert!(html.contains("application/ld+json") && html.contains("\"Organization\""));
    assert!(html.contains("og:title"));
    assert!(html.contains("sales@example.kz"), "a public email is shown");
    assert!(!html.contains("+77001234567"), "a hidden phone is not");

    let listing = app.count("SELECT MIN(id) AS n FROM listing WHERE producer_id = 3").await;
    let html = app.get_html(&format!("/listings/{listing}")).await;
    assert!(html.contains("\"Product\""));
    assert!(html.contains("href=\"/producers/3\""));

    // Suspended producer (2) and its listings, a draft listing, unknown and malformed ids: 404.
    let suspended_listing =
        app.count("SELECT MIN(id) AS n FROM listing WHERE producer_id = 2").await;
    crate::helpers::withdraw_listing(&app, listing).await;
    for path in [
        "/producers/2".to_owned(),
        format!("/listings/{suspended_listing}"),
        format!("/listings/{listing}"),
        "/producers/999999".to_owned(),
        "/listings/abc".to_owned(),
        "/producers/-1".to_owned(),
    ] {
        assert_eq!(app.get(&path).await.status(), 404, "{path}");
    }
});

crate::on_both_backends!(
    facet_index_agrees_with_sql_counts,
    |backend: crate::helpers::Backend| async move {
        use app::catalogue::services::{facet_index::FacetIndex, search};
        let app = crate::helpers::spawn_app(backend).await;
        server::seed::seed(&app.db, 80, 11, false).await.unwrap();
        app.db_exec("UPDATE listing SET visible = FALSE WHERE id % 13 = 0").await;
        let index = FacetIndex::load(&app.db, 0).await.unwrap();
        let mut matched = 0;
        for query in [
            "",
            "q=wheat",
            "q=мука",
            "q=shymkent",
            "q=1101",
            "q=10",
            "country=KZ",
            "country=KZ&country=UZ",
            "region=KZ-39",
            "hs=52",
            "hs=1101",
            "section=XI",
            "cert=halal",
            "verified=1",
            "q=wheat&country=KZ&cert=halal",
            "q=cotton&verified=1&section=XI",
            "q=%F0%9F%98%80",
            "country=TM&cert=organic&verified=1",
            "q=paxta&region=UZ-FA",
        ] {
            let (req, problems) = app::catalogue::query::params::parse(query);
            assert!(problems.is_empty(), "{query}: {problems:?}");
            let sql = search::summary(&app.db, &req).await.unwrap();
            let memory = search::summary_from_index(&app.db, &index, &req).await.unwrap();
            assert_eq!(sql, memory, "{query}");
            // Equal because both found something, not because both found nothing.
            if query.contains("%F0") {
                assert_eq!(sql.listings, 0, "{query}");
            } else {
                matched += usize::from(sql.listings > 0);
            }
        }
        assert!(matched >= 15, "only {matched} of 18 queries matched anything: a weak comparison");
    }
);

crate::on_both_backends!(
    pages_from_memory_match_sql_order,
    |backend: crate::helpers::Backend| async move {
        use app::catalogue::services::search;
        let app = crate::helpers::spawn_app(backend).await;
        server::seed::seed(&app.db, 60, 17, false).await.unwrap();
        app.db_exec("UPDATE listing SET visible = FALSE WHERE id % 11 = 0").await;
        app::catalogue::services::search::catalogue_changed(&app.db).await.unwrap();
        let options = leptos::prelude::LeptosOptions::builder().output_name("registry").build();
        let state = app::state::AppState::new(app.db.clone(), options);
        let mut pages_with_items = 0;
        for query in [
            "",
            "sort=newest",
            "sort=name",
            "page=3",
            "per_page=7&page=4&sort=name",
            "q=wheat",
            "q=мука&sort=name",
            "q=flour&page=2&per_page=5",
            "q=1101",
            "country=KZ&sort=newest",
            "cert=halal&verified=1",
            "hs=52&region=UZ-FA",
            "q=oil&country=UZ",
            "page=500",
            "q=%F0%9F%98%80",
        ] {
            let (req, problems) = app::catalogue::query::params::parse(query);
            assert!(problems.is_empty(), "{query}: {problems:?}");
            let sql = search::search_listings(&app.db, &req, None).await.unwrap();
            let memory = state.search_listings(&req).await.unwrap();
            let ids = |r: &app::catalogue::query::results::SearchResults<
                app::catalogue::query::results::ListingHit,
            >| { r.items.iter().map(|i| i.id).collect::<Vec<_>>() };
            assert_eq!(ids(&sql), ids(&memory), "{query}");
            assert_eq!(sql.total, memory.total, "{query}");
            assert_eq!(sql.facets, memory.facets, "{query}");
            if !query.contains("%F0") && !query.starts_with("page=500") {
                pages_with_items += usize::from(!sql.items.is_empty());
            }
        }
        assert!(
            pages_with_items >= 10,
            "only {pages_with_items} pages had items: a weak comparison"
        );
    }
);

crate::on_both_backends!(
    a_change_made_by_another_process_is_seen_on_the_next_search,
    |backend: Backend| async move {
        let app = catalogue(backend).await;
        let before = total(&app, "").await;
        assert!(before > 0);
        let hide_one = "UPDATE listing SET visible = FALSE WHERE id = \
                        (SELECT MIN(id) FROM listing WHERE visible = TRUE)";
        // Without a new generation the server keeps its counts (they are cached)...
        app.db_exec(hide_one).await;
        assert_eq!(total(&app, "").await, before, "counts are cached within a generation");
        // ...and what `server import` or another instance does, bumping the generation in the
        // database, is seen by the very next search of this process.
        app.db_exec("UPDATE catalogue_state SET generation = generation + 1").await;
        assert_eq!(total(&app, "").await, before - 1);
        assert_eq!(
            total(&app, "").await,
            app.count("SELECT COUNT(*) AS n FROM listing WHERE visible = TRUE").await
        );
    }
);

crate::on_both_backends!(cached_home_counts_expire_by_the_clock, |backend: Backend| async move {
    let app = catalogue(backend).await;
    let kz_listings = |html: &str| {
        let at = html.find("data-country=\"KZ\"").expect("KZ on the home page");
        let rest = &html[at..];
        let key = "data-listings=\"";
        let from = rest.find(key).expect("listing count") + key.len();
        rest[from..].split('"').next().unwrap().parse::<i64>().unwrap()
    };
    let before = kz_listings(&app.get_html("/").await);
    assert!(before > 0);
    app.db_exec(
        "UPDATE listing SET status = 'withdrawn', visible = FALSE WHERE id = \
         (SELECT MIN(l.id) FROM listing l JOIN producer p ON p.id = l.producer_id \
          WHERE l.visible = TRUE AND p.country_code = 'KZ')",
    )
    .await;
    app.clock.advance(std::time::Duration::from_secs(20));
    assert_eq!(kz_listings(&app.get_html("/").await), before, "within its 30 s the cache holds");
    app.clock.advance(std::time::Duration::from_secs(11));
    assert_eq!(kz_listings(&app.get_html("/").await), before - 1, "after 30 s it is recomputed");
});

crate::on_both_backends!(
    chapter_facets_are_named_in_the_visitors_language,
    |backend: Backend| async move {
        let app = catalogue(backend).await;
        // The chapter with most public listings, by its English name and the six others.
        let chapter = app
            .count(
                "SELECT CAST(SUBSTR(hs_code, 1, 2) AS BIGINT) AS n FROM listing \
                 WHERE visible = TRUE GROUP BY SUBSTR(hs_code, 1, 2) ORDER BY COUNT(*) DESC, 1 LIMIT 1",
            )
            .await;
        let code = format!("{chapter:02}");
        let english: String = migrations::reference_data::HS_CODES
            .iter()
            .find(|c| c.code == code)
            .map(|c| {
                c.description.chars().take_while(|c| c.is_alphanumeric() || *c == ' ').collect()
            })
            .expect("an English name");
        // Chapters are listed once the search is narrowed to one (the drill-down).
        let page = |language: &'static str| {
            let (app, code) = (&app, &code);
            async move {
                app.client
                    .get(app.url(&format!("/search?hs={code}")))
                    .header("accept-language", language)
                    .send()
                    .await
                    .unwrap()
                    .text()
                    .await
                    .unwrap()
            }
        };
        let en = page("en").await;
        assert!(en.contains(&english), "{code} {english}");
        for language in ["ru", "kk", "ky", "tg", "tk", "uz"] {
            let name = migrations::reference_data::HS_CHAPTER_NAMES
                .iter()
                .find(|(c, l, _)| *c == code && l == language)
                .map(|(_, _, name)| name.clone())
                .unwrap_or_else(|| panic!("a {language} name for chapter {code}"));
            let html = page(language).await;
            assert!(html.contains(&name), "{language}: {name}");
            assert!(!html.contains(&english), "{language}: no English chapter name");
        }
    }
);
