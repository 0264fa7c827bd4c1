//! `/sitemap.xml`: a sitemap index of every published producer and listing, in files of at most
//! 50,000 URLs (the protocol's limit) by id range: `/sitemaps/producers-N.xml`,
//! `/sitemaps/listings-N.xml`. `/robots.txt` points crawlers at it.

use app::{
    catalogue::services::sitemap::{PageKind, max_public_id, public_pages},
    state::AppState,
};
use axum::{
    extract::{Path, State},
    http::{HeaderMap, StatusCode, header},
    response::{IntoResponse, Response},
};

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

pub async fn index(State(state): State<AppState>, headers: HeaderMap) -> Response {
    let base = base(&headers);
    let mut body = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for kind in PageKind::ALL {
        let max = match max_public_id(&state.db, kind).await {
            Ok(m) => m,
            Err(e) => return app::foundations::error::AppError::from(e).into_response(),
        };
        for n in 0..=(max / PER_FILE) {
            if max == 0 {
                break;
            }
            body.push_str(&format!(
                "  <sitemap><loc>{base}/sitemaps/{}-{n}.xml</loc></sitemap>\n",
                kind.segment()
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
        .and_then(|(kind, n)| Some((PageKind::parse(kind)?, n.parse::<i64>().ok()?)))
        .filter(|(_, n)| (0..100_000).contains(n));
    let Some((kind, n)) = parsed else {
        return (StatusCode::NOT_FOUND, "no such sitemap").into_response();
    };
    let rows = public_pages(&state.db, kind, n * PER_FILE, (n + 1) * PER_FILE).await;
    let rows = match rows {
        Ok(r) => r,
        Err(e) => return app::foundations::error::AppError::from(e).into_response(),
    };
    let base = base(&headers);
    let mut body = String::with_capacity(rows.len() * 110 + 200);
    body.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
    for (id, updated) in rows {
        body.push_str(&format!(
            "  <url><loc>{base}/{}/{id}</loc><lastmod>{}</lastmod></url>\n",
            kind.segment(),
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
