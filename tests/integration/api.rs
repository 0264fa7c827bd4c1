//! The integrators' doors: detail JSON, CSV export, sitemap, OpenAPI document and its page.

use crate::helpers::{Backend, TestApp, spawn_app};
use crate::on_both_backends;

async fn seeded(backend: Backend, producers: u64) -> TestApp {
    let app = spawn_app(backend).await;
    server::seed::seed(&app.db, producers, 5, false).await.unwrap();
    // Not public: a suspended producer and a withdrawn listing, hidden the way the registry
    // hides them.
    crate::helpers::withdraw_listing(&app, 3).await;
    crate::helpers::suspend_producer(&app, 2).await;
    app
}

on_both_backends!(detail_json_of_public_entries_only, |backend: Backend| async move {
    let app = seeded(backend, 20).await;
    let r = app.get("/api/v1/producers/1").await;
    assert_eq!(r.status(), 200);
    let p: serde_json::Value = r.json().await.unwrap();
    assert_eq!(p["id"], 1);
    assert!(p["name"].is_string() && p["listings"].is_array());
    for path in [
        "/api/v1/producers/2",
        "/api/v1/producers/999999",
        "/api/v1/producers/abc",
        "/api/v1/listings/3",
    ] {
        let r = app.get(path).await;
        assert_eq!(r.status(), 404, "{path}");
        let body: serde_json::Value = r.json().await.unwrap();
        assert!(body["error"].is_string());
    }
    let listing = app.count("SELECT MIN(id) AS n FROM listing WHERE visible = TRUE").await;
    let l: serde_json::Value =
        app.get(&format!("/api/v1/listings/{listing}")).await.json().await.unwrap();
    assert_eq!(l["id"], listing);
});

on_both_backends!(csv_export_of_a_search, |backend: Backend| async move {
    let app = seeded(backend, 30).await;
    let r = app.get("/api/v1/listings.csv?country=KZ").await;
    assert_eq!(r.status(), 200);
    assert!(r.headers()["content-type"].to_str().unwrap().starts_with("text/csv"));
    let body = r.text().await.unwrap();
    assert!(body.starts_with("\u{feff}id,product_name,"));
    let rows = body.lines().count() as i64 - 1;
    let expected = app
        .count("SELECT COUNT(*) AS n FROM listing WHERE visible = TRUE AND country_code = 'KZ'")
        .await;
    assert_eq!(rows, expected);
    assert!(!body.contains("# only the first"));
    // Strict in the API, lenient for the page's link.
    assert_eq!(app.get("/api/v1/listings.csv?country=XX").await.status(), 400);
    assert_eq!(app.get("/search.csv?country=XX&q=wheat").await.status(), 200);
    // The results page links to the same export.
    assert!(app.get_html("/search?country=KZ").await.contains("/search.csv?country=KZ"));
});

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn csv_export_states_its_cap() {
    let app = spawn_app(Backend::Sqlite).await;
    server::seed::seed(&app.db, 1_100, 5, false).await.unwrap();
    let total = app.count("SELECT COUNT(*) AS n FROM listing WHERE visible = TRUE").await;
    assert!(total > 10_000, "{total} listings");
    let body = app.get("/search.csv").await.text().await.unwrap();
    let lines: Vec<&str> = body.lines().collect();
    assert_eq!(lines.len(), 1 + 10_000 + 1);
    assert!(lines.last().unwrap().starts_with("# only the first 10000 results"));
}

on_both_backends!(sitemap_lists_published_entries, |backend: Backend| async move {
    let app = seeded(backend, 10).await;
    let index = app.get_html("/sitemap.xml").await;
    assert!(
        index.contains("<sitemapindex")
            && index.contains("/sitemaps/producers-0.xml")
            && index.contains("/sitemaps/listings-0.xml")
    );
    let producers = app.get_html("/sitemaps/producers-0.xml").await;
    assert!(producers.contains("/producers/1<") && !producers.contains("/producers/2<"));
    let published =
        app.count("SELECT COUNT(*) AS n FROM producer WHERE status = 'published'").await;
    assert_eq!(producers.matches("<url>").count() as i64, published);
    let listings = app.get_html("/sitemaps/listings-0.xml").await;
    assert!(!listings.contains("/listings/3<"));
    assert_eq!(app.get("/sitemaps/other-0.xml").await.status(), 404);
    assert!(app.get_html("/robots.txt").await.contains("Sitemap: "));
});

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn openapi_document_and_docs_page() {
    let app = spawn_app(Backend::Sqlite).await;
    let doc: serde_json::Value = app.get("/api/v1/openapi.json").await.json().await.unwrap();
    assert!(doc["openapi"].as_str().unwrap().starts_with("3.1"));
    for path in [
        "/api/v1/listings",
        "/api/v1/producers",
        "/api/v1/listings/{id}",
        "/api/v1/producers/{id}",
        "/api/v1/listings.csv",
        "/api/v1/hs",
        "/api/v1/regions",
    ] {
        assert!(doc["paths"][path]["get"].is_object(), "{path} documented");
    }
    let params: Vec<&str> = doc["paths"]["/api/v1/listings"]["get"]["parameters"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["name"].as_str().unwrap())
        .collect();
    for p in ["q", "country", "region", "hs", "cert", "verified", "sort", "page", "per_page"] {
        assert!(params.contains(&p), "{p}");
    }
    let page = app.get_html("/api/docs").await;
    assert!(page.contains("GET /api/v1/listings") && page.contains("per_page"));
    assert!(!page.contains("http://") || !page.contains("cdn"), "no CDN assets");
}
