//! The JSON API for integrators: the catalogue search and its reference data.
//! Parameters are those of the `/search` page; any bad one is a 400 that names it.

use app::{
    catalogue::query::{ParamError, params::parse_api},
    foundations::domain::CountryCode,
    state::AppState,
};
use axum::{
    Json,
    extract::{Path, RawQuery, State},
    http::StatusCode,
    response::{IntoResponse, Response},
};
use serde::Serialize;

#[derive(Serialize)]
struct BadRequest {
    error: &'static str,
    problems: Vec<ParamError>,
}

/// Parameters that take one value (the others may repeat).
const SINGLE: [&str; 8] = ["q", "hs", "section", "cert", "verified", "sort", "page", "per_page"];
/// Parameters whose empty value means nothing: on the page an empty field is "any", in the API
/// it is a mistake worth naming.
const TYPED: [&str; 9] =
    ["country", "region", "hs", "section", "cert", "verified", "sort", "page", "per_page"];

/// The API reads parameters as its OpenAPI document declares them: stricter than the search
/// page, which forgives an empty or repeated field (browsers send those).
pub(crate) fn strict(
    query: Option<String>,
) -> Result<app::catalogue::query::SearchRequest, Vec<ParamError>> {
    let query = query.unwrap_or_default();
    let mut problems = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for (key, value) in form_urlencoded::parse(query.as_bytes()) {
        let problem = |message: String| ParamError { param: key.to_string(), message };
        if SINGLE.contains(&key.as_ref()) && !seen.insert(key.to_string()) {
            problems.push(problem(format!("`{key}` takes one value: give it once")));
        }
        if TYPED.contains(&key.as_ref()) && value.trim().is_empty() {
            problems.push(problem(format!("`{key}` is empty: give a value or leave it out")));
        }
    }
    let (request, parsed) = parse_api(&query);
    problems.extend(parsed);
    if problems.is_empty() { Ok(request) } else { Err(problems) }
}

pub(crate) fn bad_request(problems: Vec<ParamError>) -> Response {
    (StatusCode::BAD_REQUEST, Json(BadRequest { error: "invalid search parameters", problems }))
        .into_response()
}

fn internal(err: sea_orm::DbErr) -> Response {
    app::foundations::error::AppError::from(err).into_response()
}

/// The search parameters, shared by the page, the JSON API and the CSV export (documentation
/// only: requests are parsed by `app::catalogue::query::params`, which also reports every bad one). The
/// limits and value lists declared here are the parser's: a request the document allows is
/// answered, one it does not is a 400 that names the parameter.
#[derive(utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[allow(dead_code)]
pub struct SearchParams {
    /// Free text in any script (`almaty` finds `Алматы`), or an HS code or prefix (`1101`, `10.01`, `1001 99`).
    q: Option<String>,
    /// Country; repeat for several.
    #[param(inline)]
    country: Option<Vec<Country>>,
    /// ISO 3166-2 region such as `KZ-39`; repeat for several. With `country`, a region of
    /// another country matches nothing.
    #[param(value_type = Option<Vec<String>>, pattern = "^(KZ|KG|TJ|TM|UZ)-[A-Za-z0-9]{1,3}$")]
    region: Option<Vec<String>>,
    /// HS chapter, heading or subheading: 2, 4 or 6 digits (`11`, `1101`, `10.01`, `1001 99`).
    #[param(
        pattern = r"^(0[1-9]|[1-6][0-9]|7[0-6]|7[89]|8[0-9]|9[0-7]|99)([. ]?([0-9][1-9]|[1-9]0)([. ]?[0-9]{2})?)?$"
    )]
    hs: Option<String>,
    /// HS section, I–XXI (or 1–21).
    #[param(inline)]
    section: Option<Section>,
    /// Certification held by the producer.
    #[param(inline)]
    cert: Option<app::foundations::domain::CertKind>,
    /// `true`: verified producers only.
    verified: Option<bool>,
    /// Order of the results (default relevance).
    #[param(inline)]
    sort: Option<Sort>,
    /// Page number.
    #[param(minimum = 1, maximum = 500, default = 1)]
    page: Option<u32>,
    /// Results per page.
    #[param(minimum = 1, maximum = 100, default = 20)]
    per_page: Option<u32>,
}

#[derive(utoipa::ToSchema)]
#[allow(dead_code, clippy::upper_case_acronyms)]
enum Country {
    KZ,
    KG,
    TJ,
    TM,
    UZ,
}

#[derive(utoipa::ToSchema)]
#[schema(rename_all = "lowercase")]
#[allow(dead_code)]
enum Sort {
    Relevance,
    Newest,
    Name,
}

#[derive(utoipa::ToSchema)]
#[allow(dead_code, clippy::upper_case_acronyms)]
enum Section {
    I,
    II,
    III,
    IV,
    V,
    VI,
    VII,
    VIII,
    IX,
    X,
    XI,
    XII,
    XIII,
    XIV,
    XV,
    XVI,
    XVII,
    XVIII,
    XIX,
    XX,
    XXI,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct ErrorBody {
    error: String,
}

/// Search listings (products).
#[utoipa::path(get, path = "/api/v1/listings", params(SearchParams), responses(
    (status = 200, description = "One page of matching listings with total and facet counts", body = app::catalogue::query::results::SearchResults<app::catalogue::query::results::ListingHit>),
    (status = 400, description = "A parameter is invalid; `problems` names each one", body = ErrorBody),
    (status = 429, description = "Too many requests from this address: wait `Retry-After` seconds", body = ErrorBody),
))]
pub async fn listings(State(state): State<AppState>, RawQuery(query): RawQuery) -> Response {
    let request = match strict(query) {
        Ok(r) => r,
        Err(problems) => return bad_request(problems),
    };
    match state.search_listings(&request).await {
        Ok(results) => Json(results).into_response(),
        Err(err) => err.into_response(),
    }
}

/// Search producers: companies with at least one matching listing.
#[utoipa::path(get, path = "/api/v1/producers", params(SearchParams), responses(
    (status = 200, description = "One page of producers with their matching listings' count", body = app::catalogue::query::results::SearchResults<app::catalogue::query::results::ProducerHit>),
    (status = 400, description = "A parameter is invalid", body = ErrorBody),
    (status = 429, description = "Too many requests from this address: wait `Retry-After` seconds", body = ErrorBody),
))]
pub async fn producers(State(state): State<AppState>, RawQuery(query): RawQuery) -> Response {
    let request = match strict(query) {
        Ok(r) => r,
        Err(problems) => return bad_request(problems),
    };
    match state.search_producers(&request).await {
        Ok(results) => Json(results).into_response(),
        Err(err) => err.into_response(),
    }
}

#[derive(serde::Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct HsQuery {
    /// A code prefix (`1001`, `10.01`) or words of the description (`wheat`).
    q: Option<String>,
}

/// HS 2022 codes by code prefix or words: the data of the HS picker (at most 20).
#[utoipa::path(get, path = "/api/v1/hs", params(HsQuery), responses(
    (status = 200, description = "Matching codes", body = Vec<app::foundations::models::HsSuggestion>),
    (status = 429, description = "Too many requests from this address: wait `Retry-After` seconds", body = ErrorBody),
))]
pub async fn hs(
    State(state): State<AppState>,
    axum::extract::Query(query): axum::extract::Query<HsQuery>,
) -> Response {
    match app::foundations::services::hs_lookup::suggest_hs(
        &state.db,
        query.q.as_deref().unwrap_or_default(),
        20,
    )
    .await
    {
        Ok(items) => Json(items).into_response(),
        Err(err) => internal(err),
    }
}

/// Documentation only: the handler reads the raw query (to refuse a repeated `country`).
#[derive(utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[allow(dead_code)]
pub struct RegionsQuery {
    /// The country; all 54 regions without it.
    #[param(inline, value_type = Option<Country>)]
    country: Option<String>,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct RegionItem {
    code: String,
    country: String,
    name_en: String,
    name_ru: String,
    name_native: String,
}

/// The `country` parameter of `/api/v1/regions`: at most one, one of the five.
fn one_country(query: &str) -> Result<Option<CountryCode>, String> {
    let mut given = form_urlencoded::parse(query.as_bytes()).filter(|(k, _)| k == "country");
    let Some((_, country)) = given.next() else { return Ok(None) };
    if given.next().is_some() {
        return Err("`country` takes one value: give it once".into());
    }
    CountryCode::parse(&country)
        .map(Some)
        .map_err(|_| format!("unknown country `{country}`: use KZ, KG, TJ, TM or UZ"))
}

/// The ISO 3166-2 regions, with English, Russian and native names.
#[utoipa::path(get, path = "/api/v1/regions", params(RegionsQuery), responses(
    (status = 200, description = "Regions", body = Vec<RegionItem>),
    (status = 400, description = "Unknown country", body = ErrorBody),
    (status = 429, description = "Too many requests from this address: wait `Retry-After` seconds", body = ErrorBody),
))]
pub async fn regions(State(state): State<AppState>, RawQuery(query): RawQuery) -> Response {
    let country = match one_country(query.as_deref().unwrap_or_default()) {
        Ok(country) => country,
        Err(error) => {
            return (StatusCode::BAD_REQUEST, Json(serde_json::json!({ "error": error })))
                .into_response();
        }
    };
    match app::foundations::services::reference_names::regions(&state.db, country).await {
        Ok(rows) => Json(
            rows.into_iter()
                .map(|r| RegionItem {
                    code: r.code,
                    country: r.country_code,
                    name_en: r.name_en,
                    name_ru: r.name_ru,
                    name_native: r.name_iso,
                })
                .collect::<Vec<_>>(),
        )
        .into_response(),
        Err(err) => internal(err),
    }
}

/// Unknown API paths answer in JSON too.
pub async fn not_found(Path(path): Path<String>) -> Response {
    (
        StatusCode::NOT_FOUND,
        Json(serde_json::json!({ "error": format!("no API endpoint /api/v1/{path}") })),
    )
        .into_response()
}

fn not_found_json(what: &str, id: &str) -> Response {
    (
        StatusCode::NOT_FOUND,
        Json(serde_json::json!({ "error": format!("no published {what} {id}") })),
    )
        .into_response()
}

/// One published producer: every public field, certificates, listings.
#[utoipa::path(get, path = "/api/v1/producers/{id}", params(("id" = i64, Path, description = "Producer number")), responses(
    (status = 200, description = "The producer", body = app::catalogue::models::detail::ProducerDetail),
    (status = 404, description = "No published producer with this number", body = ErrorBody),
    (status = 429, description = "Too many requests from this address: wait `Retry-After` seconds", body = ErrorBody),
))]
pub async fn producer(State(state): State<AppState>, Path(id): Path<String>) -> Response {
    let Some(n) = id.parse::<i64>().ok().filter(|n| *n > 0) else {
        return not_found_json("producer", &id);
    };
    match app::catalogue::services::detail::producer_detail(&state.db, n).await {
        Ok(Some(p)) => Json(p).into_response(),
        Ok(None) => not_found_json("producer", &id),
        Err(err) => internal(err),
    }
}

/// One published listing with its producer.
#[utoipa::path(get, path = "/api/v1/listings/{id}", params(("id" = i64, Path, description = "Listing number")), responses(
    (status = 200, description = "The listing", body = app::catalogue::models::detail::ListingDetail),
    (status = 404, description = "No published listing with this number", body = ErrorBody),
    (status = 429, description = "Too many requests from this address: wait `Retry-After` seconds", body = ErrorBody),
))]
pub async fn listing(State(state): State<AppState>, Path(id): Path<String>) -> Response {
    let Some(n) = id.parse::<i64>().ok().filter(|n| *n > 0) else {
        return not_found_json("listing", &id);
    };
    match app::catalogue::services::detail::listing_detail(&state.db, n).await {
        Ok(Some(l)) => Json(l).into_response(),
        Ok(None) => not_found_json("listing", &id),
        Err(err) => internal(err),
    }
}
