//! `/sitemap.xml`: a sitemap index of every published producer and listing, in files of at most
//! 50,000 URLs (the protocol's limit) by id range: `/sitemaps/producers-N.xml`,
//! `/sitemaps/listings-N.xml`. `/robots.txt` points crawlers at it.

use app::domain::EntryStatus;
use app::{
    entities::{listing, producer},
    state::AppState,
};
use axum::{
    extract::{Path, State},
    http::{HeaderMap, StatusCode, header},
    response::{IntoResponse, Response},
};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};

const PER_FILE: i64 = 50_000;

fn base(headers: &HeaderMap) -> String {
    let host = headers.get(header::HOST).and_then(|h| h.to_str().ok()).unwrap_or("localhost");
    let scheme = match headers.get("x-forwarded-proto").and_then(|h| h.to_str().ok()) {
        Some("https") => "https",
        _ => "http",
    };
    format!("{scheme}://{host}")
}

fn xml(body: String) -> Response {
    ([(header::CONTENT_TYPE, "application/xml; charset=utf-8")], body).into_response()
}

async fn max_id(state: &AppState, kind: &str) -> Result<i64, sea_orm::DbErr> {
    let id: Option<i64> = match kind {
        "producers" => producer::Entity::find()
            .filter(producer::Column::Status.eq(EntryStatus::Published))
            .select_only()
            .column_as(producer::Column::Id.max(), "m")
            .into_tuple()
            .one(&state.db)
            .await?
            .flatten(),
        _ => listing::Entity::find()
            .filter(listing::Column::Visible.eq(true))
            .select_only()
            .column_as(listing::Column::Id.max(), "m")
            .into_tuple()
            .one(&state.db)
            .await?
            .flatten(),
    };
    Ok(id.unwrap_or(0))
}

pub async fn index(State(state): State<AppState>, headers: HeaderMap) -> Response {
    let base = base(&headers);
    let mut body = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for kind in ["producers", "listings"] {
        let max = match max_id(&state, kind).await {
            Ok(m) => m,
            Err(e) => return app::error::AppError::from(e).into_response(),
        };
        for n in 0..=(max / PER_FILE) {
            if max == 0 {
                break;
            }
            body.push_str(&format!(
                "  <sitemap><loc>{base}/sitemaps/{kind}-{n}.xml</loc></sitemap>\n"
            ));
        }
    }
    body.push_str("</sitemapindex>\n");
    xml(body)
}

pub async fn file(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(name): Path<String>,
) -> Response {
    let parsed = name
        .strip_suffix(".xml")
        .and_then(|n| n.split_once('-'))
        .and_then(|(kind, n)| Some((kind.to_owned(), n.parse::<i64>().ok()?)))
        .filter(|(kind, n)| {
            matches!(kind.as_str(), "producers" | "listings") && (0..100_000).contains(n)
        });
    let Some((kind, n)) = parsed else {
        return (StatusCode::NOT_FOUND, "no such sitemap").into_response();
    };
    let (from, to) = (n * PER_FILE, (n + 1) * PER_FILE);
    let rows: Result<Vec<(i64, chrono::DateTime<chrono::Utc>)>, _> = if kind == "producers" {
        producer::Entity::find()
            .filter(producer::Column::Status.eq(EntryStatus::Published))
            .filter(producer::Column::Id.gte(from))
            .filter(producer::Column::Id.lt(to))
            .order_by_asc(producer::Column::Id)
            .select_only()
            .columns([producer::Column::Id, producer::Column::UpdatedAt])
            .into_tuple()
            .all(&state.db)
            .await
    } else {
        listing::Entity::find()
            .filter(listing::Column::Visible.eq(true))
            .filter(listing::Column::Id.gte(from))
            .filter(listing::Column::Id.lt(to))
            .order_by_asc(listing::Column::Id)
            .select_only()
            .columns([listing::Column::Id, listing::Column::UpdatedAt])
            .into_tuple()
            .all(&state.db)
            .await
    };
    let rows = match rows {
        Ok(r) => r,
        Err(e) => return app::error::AppError::from(e).into_response(),
    };
    let base = base(&headers);
    let mut body = String::with_capacity(rows.len() * 110 + 200);
    body.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
    for (id, updated) in rows {
        body.push_str(&format!(
            "  <url><loc>{base}/{kind}/{id}</loc><lastmod>{}</lastmod></url>\n",
            updated.format("%Y-%m-%d")
        ));
    }
    body.push_str("</urlset>\n");
    xml(body)
}

pub async fn robots(headers: HeaderMap) -> Response {
    (
        [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
        format!(
            "User-agent: *\nDisallow: /account\nDisallow: /admin\nSitemap: {}/sitemap.xml\n",
            base(&headers)
        ),
    )
        .into_response()
}
