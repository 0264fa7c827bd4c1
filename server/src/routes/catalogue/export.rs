//! CSV export of a result set: `/search.csv?…` (the page's lenient parameters) and
//! `/api/v1/listings.csv?…` (strict: a bad parameter is a 400). UTF-8 with a BOM so Excel reads
//! Cyrillic correctly; at most [`CAP`] rows, the file's last line saying so when the cap is hit.

use app::foundations::domain::csv_field;
use app::{
    administration::services::review::number_text,
    catalogue::{
        query::{SearchRequest, params::parse},
        services::{
            export::{ExportRow, export_rows},
            search::export_listings,
        },
    },
    state::AppState,
};
use axum::{
    body::{Body, Bytes},
    extract::{RawQuery, State},
    http::{HeaderMap, header},
    response::{IntoResponse, Response},
};

pub const CAP: u64 = 10_000;
/// Rows per database round trip while streaming.
const CHUNK: usize = 1_000;

fn row(r: &ExportRow) -> String {
    let h = &r.hit;
    let text = |s: &Option<String>| csv_field(s.as_deref().unwrap_or_default());
    // Plain digits (no grouping) so spreadsheets read quantities as numbers.
    let number = |n: Option<f64>| n.map(|n| number_text(n).replace(' ', "")).unwrap_or_default();
    [
        h.id.to_string(),
        csv_field(&h.name),
        csv_field(&h.name_latin),
        h.producer_id.to_string(),
        csv_field(&h.producer_name),
        csv_field(&h.producer_name_latin),
        h.country.clone(),
        csv_field(&r.country_name),
        h.region.clone(),
        csv_field(&r.region_name),
        csv_field(&r.city),
        h.hs_code.clone(),
        csv_field(&h.hs_description),
        h.verified.to_string(),
        csv_field(&r.absolute_url),
        text(&r.website),
        text(&r.phone),
        text(&r.email),
        number(r.capacity),
        text(&r.capacity_unit),
        number(r.min_order),
        text(&r.min_order_unit),
        r.lead_time_days.map(|d| d.to_string()).unwrap_or_default(),
    ]
    .join(",")
        + "\r\n"
}

const HEADER: &str = "\u{feff}id,product_name,product_name_latin,producer_id,producer_name,producer_name_latin,country,country_name,region,region_name,city,hs_code,hs_description,verified,url,website,phone,email,capacity,capacity_unit,min_order,min_order_unit,lead_time_days\r\n";

async fn export(state: AppState, headers: &HeaderMap, request: SearchRequest) -> Response {
    let base_url = state.site.base_url(headers);
    let index = match state.ready_facet_index().await {
        Ok(index) => index,
        Err(e) => return e.into_response(),
    };
    let dict = index.as_deref().map(|i| i.terms());
    let hits = match export_listings(&state.db, &request, CAP + 1, dict).await {
        Ok(h) => h,
        Err(e) => return app::foundations::error::AppError::from(e).into_response(),
    };
    let hits = match export_rows(&state.db, hits, &base_url).await {
        Ok(h) => h,
        Err(e) => return app::foundations::error::AppError::from(e).into_response(),
    };
    let capped = hits.len() as u64 > CAP;
    let mut chunks: Vec<String> = vec![HEADER.to_owned()];
    for part in hits[..hits.len().min(CAP as usize)].chunks(CHUNK) {
        chunks.push(part.iter().map(row).collect());
    }
    if capped {
        chunks.push(format!(
            "# only the first {CAP} results are in this file; narrow the search to export the rest\r\n"
        ));
    }
    let stream = futures_util::stream::iter(
        chunks.into_iter().map(|c| Ok::<_, std::convert::Infallible>(Bytes::from(c))),
    );
    (
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8"),
            (header::CONTENT_DISPOSITION, "attachment; filename=\"listings.csv\""),
        ],
        Body::from_stream(stream),
    )
        .into_response()
}

pub async fn search_csv(
    State(state): State<AppState>,
    headers: HeaderMap,
    RawQuery(query): RawQuery,
) -> Response {
    // Like the page: unknown or bad parameters are dropped, not fatal.
    let (request, _) = parse(query.as_deref().unwrap_or_default());
    export(state, &headers, request).await
}

/// The listings of a search as CSV (UTF-8 with BOM, at most 10,000 rows).
#[utoipa::path(get, path = "/api/v1/listings.csv", params(crate::routes::catalogue::api::SearchParams), responses(
    (status = 200, description = "CSV: id, product_name, product_name_latin, producer_id, producer_name, producer_name_latin, country, country_name, region, region_name, city, hs_code, hs_description, verified, url (absolute, from PUBLIC_URL), website, phone, email (when public), capacity, capacity_unit, min_order, min_order_unit, lead_time_days; a last line states the cap when it is hit", content_type = "text/csv"),
    (status = 400, description = "A parameter is invalid", body = crate::routes::catalogue::api::ErrorBody),
    (status = 429, description = "Too many requests from this address: wait `Retry-After` seconds", body = crate::routes::catalogue::api::ErrorBody),
))]
pub async fn api_csv(
    State(state): State<AppState>,
    headers: HeaderMap,
    RawQuery(query): RawQuery,
) -> Response {
    match crate::routes::catalogue::api::strict(query) {
        Ok(request) => export(state, &headers, request).await,
        Err(problems) => crate::routes::catalogue::api::bad_request(problems),
    }
}
