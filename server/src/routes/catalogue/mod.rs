//! The buyer's catalogue outside the page tree: the JSON API and its OpenAPI document, CSV
//! export, the sitemap.

use app::state::AppState;
use axum::{Router, routing::get};

pub mod api;
pub mod export;
pub mod openapi;
pub mod sitemap;

/// The journey's routes, merged into the site's router (`crate::router`).
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/api/v1/listings", get(api::listings))
        .route("/api/v1/listings.csv", get(export::api_csv))
        .route("/api/v1/listings/{id}", get(api::listing))
        .route("/api/v1/producers/{id}", get(api::producer))
        .route("/search.csv", get(export::search_csv))
        .route("/api/v1/openapi.json", get(openapi::json))
        .route("/api/docs", get(openapi::docs))
        .route("/sitemap.xml", get(sitemap::index))
        .route("/sitemaps/{name}", get(sitemap::file))
        .route("/robots.txt", get(sitemap::robots))
        .route("/api/v1/producers", get(api::producers))
        .route("/api/v1/hs", get(api::hs))
        .route("/api/v1/regions", get(api::regions))
        .route("/api/v1/{*path}", get(api::not_found))
}
