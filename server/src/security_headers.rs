//! Browser security headers on every response: a Content-Security-Policy whose script nonce is
//! minted here per request and rendered into the page's scripts by Leptos, no sniffing, no
//! framing, a strict referrer, HSTS behind HTTPS, and `Cache-Control: no-store` wherever a
//! response is one visitor's own (signed-in pages, anything that sets a cookie).

use app::state::AppState;
use axum::{
    extract::{Request, State},
    http::{HeaderValue, header},
    middleware::Next,
    response::Response,
};
use leptos::nonce::Nonce;

use crate::routes::session;

/// One year; sent only when the site is served over HTTPS (the same test as `Secure` cookies).
const HSTS: &str = "max-age=31536000; includeSubDomains";

/// The policy for one response. Scripts: the site's own files (the islands' module and WASM
/// glue), inline scripts only with this request's nonce (the hydration bootstrap Leptos
/// renders), and WebAssembly compilation. Styles: the site's stylesheet, plus `style`
/// attributes (the bar widths on /stats) but no inline `<style>` elements.
pub fn content_security_policy(nonce: &str) -> String {
    format!(
        "default-src 'self'; script-src 'self' 'nonce-{nonce}' 'wasm-unsafe-eval'; \
         style-src 'self'; style-src-attr 'unsafe-inline'; \
         img-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; \
         frame-ancestors 'none'"
    )
}

/// Pages behind the sign-in wall (see [`session::access`]).
fn private(path: &str) -> bool {
    path.starts_with("/account") || path.starts_with("/admin")
}

/// The outermost layer. Puts a fresh [`Nonce`] into the request's extensions, where the Leptos
/// context closure in [`crate::router`] finds it (see [`provide_request_nonce`]).
pub async fn middleware(State(state): State<AppState>, mut req: Request, next: Next) -> Response {
    let nonce = Nonce::new();
    req.extensions_mut().insert(nonce.clone());
    let https = session::secure(&state, req.headers(), session::peer(req.extensions()));
    let private = private(req.uri().path());

    let mut response = next.run(req).await;
    let sets_cookie = response.headers().contains_key(header::SET_COOKIE);
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_str(&content_security_policy(&nonce)).expect("nonce is base64url"),
    );
    headers.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    headers.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("strict-origin-when-cross-origin"),
    );
    headers.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    if https {
        headers.insert(header::STRICT_TRANSPORT_SECURITY, HeaderValue::from_static(HSTS));
    }
    if private || sets_cookie {
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    response
}

/// For the Leptos context closures: the nonce [`middleware`] put into this request, so the
/// hydration scripts carry the value the header names. (leptos_axum provides a nonce of its
/// own first; this replaces it.)
pub fn provide_request_nonce() {
    use leptos::prelude::{provide_context, use_context};
    if let Some(nonce) =
        use_context::<http::request::Parts>().and_then(|p| p.extensions.get::<Nonce>().cloned())
    {
        provide_context(nonce);
    }
}
