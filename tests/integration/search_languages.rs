//! Search across the region's languages and spellings: romanizations fold to one key, product
//! words reach listings in other languages through their HS heading, typos are forgiven,
//! company names and variety rank first. Through `/api/v1/listings` and the `/search` page.

use crate::helpers::{Backend, TestApp, spawn_app};
use app::catalogue::services::search_keys::{listing_text, producer_text};
use sea_orm::{FromQueryResult, Statement};
use serde_json::Value;

async fn catalogue(backend: Backend) -> TestApp {
    let app = spawn_app(backend).await;
    server::seed::seed(&app.db, 120, 5, false).await.expect("seed");
    app
}

/// Published producers none of whose listings is grain, flour, oil, cement, cotton or
/// garments: their listings can be renamed without the seeded ones getting in the way.
async fn quiet_producers(app: &TestApp) -> Vec<i64> {
    #[derive(FromQueryResult)]
    struct Id {
        id: i64,
    }
    let sql = "SELECT p.id FROM producer p WHERE p.status = 'published' AND NOT EXISTS \
               (SELECT 1 FROM listing l WHERE l.producer_id = p.id AND (l.hs_code LIKE '52%' \
               OR l.hs_code LIKE '10%' OR l.hs_code LIKE '11%' OR l.hs_code LIKE '25%' \
               OR l.hs_code LIKE '15%' OR l.hs_code LIKE '61%' OR l.hs_code LIKE '62%')) \
               ORDER BY p.id LIMIT 12";
    Id::find_by_statement(Statement::from_string(app.db.get_database_backend(), sql))
        .all(&app.db)
        .await
        .unwrap()
        .into_iter()
        .map(|r| r.id)
        .collect()
}

fn quoted(s: &str) -> String {
    format!("'{}'", s.replace('\'', "''"))
}

/// Renames producer `producer` (legal name, city) and its first listing (product name, HS
/// code), storing the search keys as the services compute them; returns the listing's id.
async fn put_listing(app: &TestApp, producer: i64, company: &str, product: &str, hs: &str) -> i64 {
    #[derive(FromQueryResult)]
    struct Hs {
        description_en: String,
    }
    let hs_row = Hs::find_by_statement(Statement::from_string(
        app.db.get_database_backend(),
        format!("SELECT description_en FROM hs_code WHERE code = '{hs}'"),
    ))
    .one(&app.db)
    .await
    .unwrap()
    .expect("HS code exists");
    // No region words either: the words of the test alone find this listing.
    let ptext = producer_text(company, "", "Zxq", "");
    app.db_exec(&format!(
        "UPDATE producer SET legal_name = {}, name_latin = {}, city = 'Zxq', search_text = {} \
         WHERE id = {producer}",
        quoted(company),
        quoted(&app::foundations::domain::transliterate_name(company)),
        quoted(&ptext)
    ))
    .await;
    let name_key = app::foundations::domain::search_key(product);
    let text = listing_text(
        &name_key,
        "",
        &ptext,
        &app::foundations::domain::search_key(&hs_row.description_en),
        hs,
    );
    let id = app
        .count(&format!("SELECT MIN(id) AS n FROM listing WHERE producer_id = {producer}"))
        .await;
    app.db_exec(&format!(
        "UPDATE listing SET product_name = {}, description = '', hs_code = '{hs}', \
         hs_section_id = (SELECT section_id FROM hs_code WHERE code = '{hs}'), name_key = {}, \
         search_text = {} WHERE id = {id}",
        quoted(product),
        quoted(&name_key),
        quoted(&text)
    ))
    .await;
    app.db_exec("UPDATE catalogue_state SET generation = generation + 1 WHERE id = 1").await;
    id
}

async fn api(app: &TestApp, query: &str) -> Value {
    let response = app.get(&format!("/api/v1/listings?{query}")).await;
    assert_eq!(response.status(), 200, "{query}");
    response.json().await.expect("JSON body")
}

fn ids(body: &Value) -> Vec<i64> {
    body["items"].as_array().unwrap().iter().map(|i| i["id"].as_i64().unwrap()).collect()
}

fn enc(q: &str) -> String {
    url::form_urlencoded::byte_serialize(q.as_bytes()).collect()
}

/// Every result of `q` in order, page by page.
async fn all_results(app: &TestApp, q: &str) -> Vec<i64> {
    let mut out = Vec::new();
    for page in 1.. {
        let body = api(app, &format!("q={}&per_page=100&page={page}", enc(q))).await;
        let items = ids(&body);
        if items.is_empty() {
            break;
        }
        out.extend(items);
        if out.len() as i64 >= body["total"].as_i64().unwrap() {
            break;
        }
    }
    out
}

crate::on_both_backends!(every_romanization_of_a_place_finds_it, |backend: Backend| async move {
    let app = catalogue(backend).await;
    let quiet = quiet_producers(&app).await;
    let id = put_listing(&app, quiet[0], "ТОО «Маңғыстау Балық»", "Рыба мороженая", "030389").await;
    for q in ["Маңғыстау", "mangystau", "Мангистау", "mangistau", "mańğystau", "mangghystau"]
    {
        assert!(all_results(&app, q).await.contains(&id), "`{q}` did not find it");
    }
    let fergana = put_listing(&app, quiet[1], "Farg‘ona Meva MChJ", "Olma", "080810").await;
    for q in ["Fergana", "Фергана", "Fargʻona", "Farg'ona", "Farg’ona"] {
        assert!(all_results(&app, q).await.contains(&fergana), "`{q}` did not find Farg‘ona");
    }
    // The page shows it too.
    let html = app.get_html(&format!("/search?q={}", enc("Мангистау"))).await;
    assert!(html.contains("Маңғыстау Балық"), "the /search page lists it");
});

crate::on_both_backends!(
    cotton_in_any_language_finds_cotton_named_in_the_others,
    |backend: Backend| async move {
        let app = catalogue(backend).await;
        let quiet = quiet_producers(&app).await;
        let named = [
            ("хлопок", put_listing(&app, quiet[0], "ТОО Зетра", "Хлопок-волокно", "520100").await),
            (
                "cotton",
                put_listing(&app, quiet[1], "Zetra LLC", "Raw cotton fibre", "520100").await,
            ),
            ("paxta", put_listing(&app, quiet[2], "Zetra MChJ", "Paxta tolasi", "520100").await),
            ("pagta", put_listing(&app, quiet[3], "Zetra HJ", "Pagta süýümi", "520100").await),
        ];
        for (query, own) in named {
            let found = all_results(&app, query).await;
            for (other, id) in named {
                assert!(found.contains(&id), "`{query}` did not find the `{other}` listing");
            }
            // The listing that has the word itself ranks above those found through HS 52.
            let position = |id: i64| found.iter().position(|x| *x == id).unwrap();
            for (other, id) in named.iter().filter(|(q, _)| *q != query) {
                assert!(
                    position(own) < position(*id),
                    "`{query}`: its own listing ranks below the `{other}` one"
                );
            }
        }
        // `мука` finds a Latin-named listing under HS 1101 that says nothing of flour.
        let flour =
            put_listing(&app, quiet[4], "Zarafshon MChJ", "Zarafshon Premium", "110100").await;
        assert!(all_results(&app, "мука").await.contains(&flour));
        assert!(all_results(&app, "flour").await.contains(&flour));
    }
);

crate::on_both_backends!(
    a_russian_word_of_a_headings_name_finds_listings_written_in_other_languages,
    |backend: Backend| async move {
        let app = catalogue(backend).await;
        let quiet = quiet_producers(&app).await;
        // Neither word is in the product vocabulary: the headings' Russian names carry them.
        let plywood =
            put_listing(&app, quiet[5], "Qarag'ay MChJ", "Birch 18 mm sheets", "441233").await;
        let tractor = put_listing(&app, quiet[6], "Agromash LLP", "MTZ-82 series", "8701").await;
        assert!(all_results(&app, "фанера").await.contains(&plywood));
        assert!(all_results(&app, "Фанеру").await.contains(&plywood), "an inflected form");
        assert!(all_results(&app, "трактор").await.contains(&tractor));
        assert!(!all_results(&app, "трактор").await.contains(&plywood));
    }
);

crate::on_both_backends!(one_typo_is_forgiven, |backend: Backend| async move {
    let app = catalogue(backend).await;
    let quiet = quiet_producers(&app).await;
    let kostanay = put_listing(&app, quiet[0], "ТОО Қостанай Астық", "Ячмень", "100390").await;
    let shymkent = put_listing(&app, quiet[1], "ТОО Шымкент Нан", "Крупа", "110311").await;
    let wheat = put_listing(&app, quiet[2], "Zetra LLC", "Пшеница мягкая", "100199").await;
    assert!(all_results(&app, "kostanai").await.contains(&kostanay));
    assert!(all_results(&app, "shymknet").await.contains(&shymkent));
    assert!(all_results(&app, "пшенца").await.contains(&wheat));
    // A short word gets no edits: four letters must be exact.
    assert!(!all_results(&app, "astk").await.contains(&kostanay));
    // An exact match ranks first: a company really called Shymknet.
    let exact = put_listing(&app, quiet[3], "Shymknet Group", "Крупа", "110311").await;
    assert_eq!(all_results(&app, "shymknet").await.first(), Some(&exact));
});

crate::on_both_backends!(
    company_name_ranks_first_and_producers_take_turns,
    |backend: Backend| async move {
        let app = catalogue(backend).await;
        let quiet = quiet_producers(&app).await;
        let own =
            put_listing(&app, quiet[0], "ТОО «Шымкентцемент»", "Portland cement CEM I", "252329")
                .await;
        assert_eq!(all_results(&app, "shymkentcement").await.first(), Some(&own));
        assert_eq!(all_results(&app, "Шымкентцемент").await.first(), Some(&own));
        // A company called just "Cement" comes before every seeded "Цемент …" product.
        assert!(quiet.len() >= 6);
        let named = put_listing(&app, quiet[5], "ТОО «Цемент»", "Portland CEM II", "252329").await;
        let found = all_results(&app, "cement").await;
        assert!(found.len() > 3, "seeded cement listings compete");
        assert_eq!(found.first(), Some(&named));

        // One producer lists the same product many times; others once.
        let busy = quiet[1];
        let key = app::foundations::domain::search_key("Qwertyx lamp");
        app.db_exec(&format!(
            "UPDATE listing SET product_name = 'Qwertyx lamp', name_key = '{key}', \
         search_text = '{key}' WHERE producer_id = {busy}"
        ))
        .await;
        let busy_count = app
            .count(&format!("SELECT COUNT(*) AS n FROM listing WHERE producer_id = {busy}"))
            .await;
        assert!(busy_count >= 3, "{busy_count}");
        let mut others = Vec::new();
        for p in &quiet[2..5] {
            others.push(put_listing(&app, *p, "Zetra LLC", "Qwertyx lamp", "940360").await);
        }
        // The busy producer's listings would fill the page on their own: verified, the others
        // not.
        app.db_exec(&format!("UPDATE listing SET verified = TRUE WHERE producer_id = {busy}"))
            .await;
        app.db_exec(&format!(
            "UPDATE listing SET verified = FALSE WHERE id IN ({})",
            others.iter().map(i64::to_string).collect::<Vec<_>>().join(",")
        ))
        .await;
        app.db_exec("UPDATE catalogue_state SET generation = generation + 1 WHERE id = 1").await;
        let body = api(&app, "q=qwertyx&per_page=4").await;
        let first_page = ids(&body);
        let busy_on_first = app
            .count(&format!(
                "SELECT COUNT(*) AS n FROM listing WHERE producer_id = {busy} AND id IN ({})",
                first_page.iter().map(i64::to_string).collect::<Vec<_>>().join(",")
            ))
            .await;
        assert_eq!(first_page.len(), 4);
        assert!(busy_on_first <= 2, "{busy_on_first} of one producer on page 1");
        // Nothing is lost: every page together holds every match once.
        let mut all = Vec::new();
        for page in 1..=10 {
            all.extend(ids(&api(&app, &format!("q=qwertyx&per_page=4&page={page}")).await));
        }
        let total = body["total"].as_i64().unwrap();
        assert_eq!(total, busy_count + 3);
        let mut unique = all.clone();
        unique.sort();
        unique.dedup();
        assert_eq!((all.len() as i64, unique.len() as i64), (total, total));
    }
);

crate::on_both_backends!(stale_search_keys_are_recomputed_once, |backend: Backend| async move {
    use app::catalogue::services::search_keys::{rekey_if_stale, stored_version};
    let app = catalogue(backend).await;
    // The seed wrote current keys and says so.
    assert_eq!(
        stored_version(&app.db).await.unwrap(),
        app::foundations::domain::translit::SEARCH_KEY_VERSION
    );
    assert_eq!(rekey_if_stale(&app.db).await.unwrap(), None);
    // A database keyed by an older folding (here: no keys at all).
    app.db_exec("UPDATE listing SET name_key = '', search_text = 'stale'").await;
    app.db_exec("UPDATE producer SET search_text = 'stale'").await;
    app.db_exec("UPDATE catalogue_state SET search_key_version = 1").await;
    assert!(all_results(&app, "cotton").await.is_empty());
    let listings = app.count("SELECT COUNT(*) AS n FROM listing").await;
    assert_eq!(rekey_if_stale(&app.db).await.unwrap(), Some(listings as u64));
    assert_eq!(rekey_if_stale(&app.db).await.unwrap(), None);
    assert!(!all_results(&app, "cotton").await.is_empty());
    assert_eq!(app.count("SELECT COUNT(*) AS n FROM listing WHERE search_text = 'stale'").await, 0);
    assert_eq!(
        app.count("SELECT COUNT(*) AS n FROM listing WHERE search_text NOT LIKE '%hs%'").await,
        0
    );
});
