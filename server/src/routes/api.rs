//! The JSON API for integrators: the catalogue search and its reference data.
//! Parameters are those of the `/search` page; any bad one is a 400 that names it.

use app::{
    search::{ParamError, params::parse},
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

fn strict(query: Option<String>) -> Result<app::search::SearchRequest, Vec<ParamError>> {
    let (request, problems) = parse(query.as_deref().unwrap_or_default());
    if problems.is_empty() { Ok(request) } else { Err(problems) }
}

fn bad_request(problems: Vec<ParamError>) -> Response {
    (StatusCode::BAD_REQUEST, Json(BadRequest { error: "invalid search parameters", problems }))
        .into_response()
}

fn internal(err: sea_orm::DbErr) -> Response {
    app::error::AppError::from(err).into_response()
}

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

#[derive(serde::Deserialize)]
pub struct HsQuery {
    q: Option<String>,
}

pub async fn hs(
    State(state): State<AppState>,
    axum::extract::Query(query): axum::extract::Query<HsQuery>,
) -> Response {
    match app::services::catalogue::suggest_hs(
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

#[derive(serde::Deserialize)]
pub struct RegionsQuery {
    country: Option<String>,
}

#[derive(Serialize)]
struct RegionItem {
    code: String,
    country: String,
    name_en: String,
    name_ru: String,
    name_native: String,
}

pub async fn regions(
    State(state): State<AppState>,
    axum::extract::Query(query): axum::extract::Query<RegionsQuery>,
) -> Response {
    use app::entities::region;
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
    let mut find = region::Entity::find().order_by_asc(region::Column::Code);
    if let Some(country) = query.country.as_deref().filter(|c| !c.is_empty()) {
        match app::domain::CountryCode::parse(country) {
            Ok(c) => find = find.filter(region::Column::CountryCode.eq(c.as_str())),
            Err(_) => {
                return (
                    StatusCode::BAD_REQUEST,
                    Json(serde_json::json!({ "error": format!("unknown country `{country}`: use KZ, KG, TJ, TM or UZ") })),
                )
                    .into_response();
            }
        }
    }
    match find.all(&state.db).await {
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
