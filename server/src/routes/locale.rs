//! `/lang/{code}?next=/path`: remembers the chosen language in a cookie (and, signed in, on
//! the account, so that its mail is written in it too) and goes back.

use app::{
    foundations::{
        auth::CurrentUser,
        i18n::{LOCALE_COOKIE, Locale},
    },
    state::AppState,
};
use axum::{
    Extension,
    extract::{Path, Query, State},
    http::{HeaderMap, HeaderValue, StatusCode, header},
    response::{IntoResponse, Response},
};
use serde::Deserialize;

#[derive(Deserialize)]
pub struct Next {
    next: Option<String>,
}

pub async fn switch_language(
    State(state): State<AppState>,
    user: Option<Extension<CurrentUser>>,
    Path(code): Path<String>,
    Query(q): Query<Next>,
) -> Response {
    let Some(locale) = Locale::from_code(&code) else {
        return (StatusCode::BAD_REQUEST, format!("unknown language `{code}`")).into_response();
    };
    if let Some(Extension(user)) = user
        && let Err(e) =
            app::workspace::services::accounts::set_locale(&state.db, user.id, locale).await
    {
        // The cookie still switches the pages; only the mail's language stays as it was.
        tracing::error!(error = %e, "could not remember the account's language");
    }
    let mut headers = HeaderMap::new();
    let cookie =
        format!("{LOCALE_COOKIE}={}; Path=/; Max-Age=31536000; SameSite=Lax", locale.code());
    headers.insert(header::SET_COOKIE, HeaderValue::from_str(&cookie).expect("ascii cookie"));
    let target = safe_next(q.next.as_deref());
    headers.insert(
        header::LOCATION,
        HeaderValue::from_str(&target).unwrap_or(HeaderValue::from_static("/")),
    );
    (StatusCode::SEE_OTHER, headers).into_response()
}

/// Only same-origin paths: `next` must not become an open redirect. It is resolved as a
/// browser would (the WHATWG URL parser drops tabs and newlines and reads `\` as `/`), and
/// kept only if it stays on this site; what is returned is the parser's own serialisation.
pub fn safe_next(next: Option<&str>) -> String {
    let base = url::Url::parse("http://registry.invalid/").expect("a valid base");
    next.filter(|n| n.starts_with('/'))
        .and_then(|n| base.join(n).ok())
        .filter(|u| u.origin() == base.origin())
        .map(|u| match u.query() {
            Some(q) => format!("{}?{q}", u.path()),
            None => u.path().to_owned(),
        })
        .unwrap_or_else(|| "/".to_owned())
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

    #[test]
    fn next_that_a_browser_would_read_as_another_site_is_refused() {
        for hostile in [
            "/\t/evil.example",
            "/\n/evil.example",
            "/\\evil.example",
            "\\/evil.example",
            "/\\/evil.example",
            "https:evil.example",
            "javascript:alert(1)",
            "http://evil.example",
            " //evil.example",
            "",
        ] {
            assert_eq!(safe_next(Some(hostile)), "/", "{hostile:?}");
        }
        // Encoded slashes and tabs stay a path on this site.
        assert_eq!(safe_next(Some("/%2F%2Fevil.example")), "/%2F%2Fevil.example");
        assert_eq!(safe_next(Some("/%09/evil.example")), "/%09/evil.example");
        assert_eq!(safe_next(Some("/account?tab=1")), "/account?tab=1");
    }
}
