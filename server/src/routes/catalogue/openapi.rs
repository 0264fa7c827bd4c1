//! The API's OpenAPI 3.1 document, generated from the handlers' annotations
//! (`/api/v1/openapi.json`), and a readable page rendered from it (`/api/docs`, no CDN assets).

use crate::routes::catalogue::{api, export};
use app::foundations::forms::escape_html;
use axum::{
    Json,
    response::{Html, IntoResponse, Response},
};
use utoipa::{
    OpenApi,
    openapi::{RefOr, path::ParameterIn},
};

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Central Asia Producer Registry API",
        version = "1",
        description = "Published producers and products of Kazakhstan, Kyrgyzstan, Tajikistan, Turkmenistan and Uzbekistan, searchable by HS 2022 category, region, certification and free text in Cyrillic or Latin script. Read-only, no key needed."
    ),
    paths(
        api::listings,
        api::producers,
        api::listing,
        api::producer,
        export::api_csv,
        api::hs,
        api::regions
    )
)]
pub struct ApiDoc;

pub async fn json() -> Response {
    Json(ApiDoc::openapi()).into_response()
}

pub async fn docs() -> Response {
    Html(page(&ApiDoc::openapi())).into_response()
}

/// The readable page: the API's title and description, then a card per GET operation.
fn page(doc: &utoipa::openapi::OpenApi) -> String {
    let mut body = String::new();
    body.push_str(&format!(
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>{} — documentation</title><link rel=\"stylesheet\" href=\"/pkg/registry.css\"></head><body><main id=\"main\" class=\"api-docs\"><h1>{}</h1><p>{}</p><p>OpenAPI {}: <a href=\"/api/v1/openapi.json\">/api/v1/openapi.json</a></p>",
        escape_html(&doc.info.title),
        escape_html(&doc.info.title),
        escape_html(doc.info.description.as_deref().unwrap_or_default()),
        serde_json::to_value(&doc.openapi).ok().and_then(|v| v.as_str().map(str::to_owned)).unwrap_or_default(),
    ));
    for (path, item) in &doc.paths.paths {
        if let Some(op) = &item.get {
            body.push_str(&operation(path, op));
        }
    }
    body.push_str("</main></body></html>");
    body
}

/// One operation's card: its path, summary, parameters and responses.
fn operation(path: &str, op: &utoipa::openapi::path::Operation) -> String {
    let mut body = String::new();
    body.push_str(&format!(
        "<section class=\"card\"><h2><code>GET {}</code></h2><p>{}</p>",
        escape_html(path),
        escape_html(op.summary.as_deref().or(op.description.as_deref()).unwrap_or_default())
    ));
    if let Some(params) = &op.parameters {
        body.push_str("<table class=\"listings-table\"><thead><tr><th>parameter</th><th>in</th><th>required</th><th>meaning</th></tr></thead><tbody>");
        for p in params {
            let location = match p.parameter_in {
                ParameterIn::Query => "query",
                ParameterIn::Path => "path",
                ParameterIn::Header => "header",
                ParameterIn::Cookie => "cookie",
            };
            let required =
                serde_json::to_value(&p.required).ok().and_then(|v| v.as_bool()).unwrap_or(false);
            body.push_str(&format!(
                "<tr><td><code>{}</code></td><td>{location}</td><td>{}</td><td>{}</td></tr>",
                escape_html(&p.name),
                if required { "yes" } else { "no" },
                escape_html(p.description.as_deref().unwrap_or_default())
            ));
        }
        body.push_str("</tbody></table>");
    }
    body.push_str("<ul>");
    for (status, response) in &op.responses.responses {
        let text = match response {
            RefOr::T(r) => r.description.clone(),
            RefOr::Ref(r) => r.ref_location.clone(),
        };
        body.push_str(&format!(
            "<li><code>{}</code> {}</li>",
            escape_html(status),
            escape_html(&text)
        ));
    }
    body.push_str("</ul></section>");
    body
}
