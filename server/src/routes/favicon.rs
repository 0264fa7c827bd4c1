//! The site's icon, so browsers asking for `/favicon.ico` get one instead of a 404 (pages also
//! name it with `<link rel="icon">`).

use axum::{
    http::header,
    response::{IntoResponse, Response},
};

const ICON: &str = include_str!("../../../public/favicon.svg");

pub async fn icon() -> Response {
    (
        [(header::CONTENT_TYPE, "image/svg+xml"), (header::CACHE_CONTROL, "public, max-age=86400")],
        ICON,
    )
        .into_response()
}
