//! `/lang/{code}?next=/path`: remembers the chosen language in a cookie and goes back.

use app::i18n::{LOCALE_COOKIE, Locale};
use axum::{
    extract::{Path, Query},
    http::{HeaderMap, HeaderValue, StatusCode, header},
    response::{IntoResponse, Response},
};
use serde::Deserialize;

#[derive(Deserialize)]
pub struct Next {
    next: Option<String>,
}

pub async fn switch_language(Path(code): Path<String>, Query(q): Query<Next>) -> Response {
    let Some(locale) = Locale::from_code(&code) else {
        return (StatusCode::BAD_REQUEST, format!("unknown language `{code}`")).into_response();
    };
    let mut headers = HeaderMap::new();
    let cookie =
        format!("{LOCALE_COOKIE}={}; Path=/; Max-Age=31536000; SameSite=Lax", locale.code());
    headers.insert(header::SET_COOKIE, HeaderValue::from_str(&cookie).expect("ascii cookie"));
    let target = safe_next(q.next.as_deref());
    headers.insert(
        header::LOCATION,
        HeaderValue::from_str(target).unwrap_or(HeaderValue::from_static("/")),
    );
    (StatusCode::SEE_OTHER, headers).into_response()
}

/// Only same-site paths: `next` must not become an open redirect (`//evil.example`).
pub fn safe_next(next: Option<&str>) -> &str {
    match next {
        Some(n) if n.starts_with('/') && !n.starts_with("//") && !n.contains('\\') => n,
        _ => "/",
    }
}

#[cfg(test)]
mod tests {
    use super::safe_next;

    #[test]
    fn next_is_limited_to_local_paths() {
        assert_eq!(safe_next(Some("/search?q=a")), "/search?q=a");
        assert_eq!(safe_next(Some("//evil.example/")), "/");
        assert_eq!(safe_next(Some("https://evil.example/")), "/");
        assert_eq!(safe_next(Some("/\\evil.example")), "/");
        assert_eq!(safe_next(None), "/");
    }
}
