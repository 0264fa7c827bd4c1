//! Per-request middleware: who is signed in (session cookie → [`CurrentUser`]), the same-origin
//! rule for every state-changing request, and the sign-in wall in front of `/account`.

use app::{
    auth::{ClientIp, CsrfToken, CurrentUser},
    services::accounts,
    state::AppState,
};
use axum::{
    body::{Body, to_bytes},
    extract::{ConnectInfo, Request, State},
    http::{HeaderMap, HeaderValue, Method, StatusCode, header},
    middleware::Next,
    response::{IntoResponse, Response},
};
use std::net::SocketAddr;

pub const SESSION_COOKIE: &str = "sid";
pub const CSRF_COOKIE: &str = "csrf";

/// The name a cookie has on this request: `__Host-` prefixed over HTTPS, so that a browser
/// accepts it only as set by this very host, with `Secure` and `Path=/` (no subdomain or
/// plain-HTTP page can plant or overwrite it); plain on loopback HTTP, where `Secure` cookies
/// would not be kept.
pub fn cookie_name(name: &str, secure: bool) -> String {
    if secure { format!("__Host-{name}") } else { name.to_owned() }
}
/// Form bodies are read whole to find the token: bounded.
const TOKEN_BODY_LIMIT: usize = 2 * 1024 * 1024;

pub fn cookie<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers.get_all(header::COOKIE).iter().filter_map(|v| v.to_str().ok()).find_map(|h| {
        h.split(';').find_map(|pair| {
            let (k, v) = pair.trim().split_once('=')?;
            (k == name).then_some(v.trim())
        })
    })
}

fn is_token(s: &str) -> bool {
    s.len() == 64 && s.bytes().all(|b| b.is_ascii_hexdigit())
}

/// Whether the client reached the site over HTTPS (cookies `Secure` and `__Host-`, HSTS):
/// configured (`SECURE_COOKIES`), else as [`app::net::TrustedProxies::https`] tells from the
/// peer and its `X-Forwarded-Proto`.
pub fn secure(state: &AppState, headers: &HeaderMap, peer: Option<std::net::IpAddr>) -> bool {
    let proto = headers.get("x-forwarded-proto").and_then(|v| v.to_str().ok());
    state.auth.secure_cookies || peer.is_some_and(|p| state.auth.trusted_proxies.https(p, proto))
}

/// The connection's peer address (absent only in requests built by hand).
pub fn peer(extensions: &http::Extensions) -> Option<std::net::IpAddr> {
    extensions.get::<ConnectInfo<SocketAddr>>().map(|c| c.0.ip())
}

pub fn set_cookie(
    name: &str,
    value: &str,
    max_age: Option<i64>,
    same_site: &str,
    secure: bool,
) -> HeaderValue {
    let name = cookie_name(name, secure);
    let mut c = format!("{name}={value}; Path=/; HttpOnly; SameSite={same_site}");
    if let Some(age) = max_age {
        c.push_str(&format!("; Max-Age={age}"));
    }
    if secure {
        c.push_str("; Secure");
    }
    HeaderValue::from_str(&c).expect("cookie values are ASCII")
}

enum Origin {
    Same,
    Cross,
    Unknown,
}

/// `Sec-Fetch-Site` when the browser sends it, else `Origin` against `Host`.
fn origin_of(headers: &HeaderMap) -> Origin {
    if let Some(site) = headers.get("sec-fetch-site").and_then(|v| v.to_str().ok()) {
        return match site {
            "same-origin" | "none" => Origin::Same,
            _ => Origin::Cross,
        };
    }
    let host = headers.get(header::HOST).and_then(|v| v.to_str().ok());
    match (headers.get(header::ORIGIN).and_then(|v| v.to_str().ok()), host) {
        (Some(origin), Some(host)) => {
            let bare = origin.split_once("://").map(|(_, rest)| rest).unwrap_or_default();
            if bare == host { Origin::Same } else { Origin::Cross }
        }
        (Some(_), None) => Origin::Cross,
        (None, _) => Origin::Unknown,
    }
}

fn refused(status: StatusCode, message: &str) -> Response {
    (status, [(header::CONTENT_TYPE, "text/plain; charset=utf-8")], message.to_owned())
        .into_response()
}

/// The one place the client's address is decided: the socket's peer, or what trusted proxies
/// (`TRUSTED_PROXIES`) say it is. Rate limits, sessions and the audit log all use this.
pub fn client_ip(state: &AppState, req: &Request) -> Option<std::net::IpAddr> {
    let peer = req.extensions().get::<ConnectInfo<SocketAddr>>()?.0.ip();
    Some(state.auth.trusted_proxies.client_ip(peer, req.headers()))
}

pub async fn middleware(State(state): State<AppState>, mut req: Request, next: Next) -> Response {
    if let Some(ip) = client_ip(&state, &req) {
        req.extensions_mut().insert(ClientIp(ip.to_string()));
    }
    let headers = req.headers().clone();
    let secure = secure(&state, &headers, peer(req.extensions()));
    let existing_csrf = cookie(&headers, &cookie_name(CSRF_COOKIE, secure))
        .filter(|t| is_token(t))
        .map(str::to_owned);
    // The JSON API is read-only and cookie-less: no token to mint or cookie to set there.
    let api = req.uri().path().starts_with("/api/v1/");
    let csrf = match (&existing_csrf, api) {
        (Some(t), _) => t.clone(),
        (None, true) => String::new(),
        (None, false) => accounts::new_token(),
    };
    req.extensions_mut().insert(CsrfToken(csrf.clone()));

    // The JSON API has only GET routes: other methods get the router's 405 with `Allow`, not
    // the same-origin refusal meant for forms (nothing there changes state).
    if !api && !matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS) {
        match origin_of(&headers) {
            Origin::Same => {}
            Origin::Cross => {
                return refused(StatusCode::FORBIDDEN, "cross-site request refused");
            }
            Origin::Unknown => {
                // An old browser or a privacy proxy stripped both headers: the form's token
                // must match the cookie (double submit).
                let (parts, body) = req.into_parts();
                let bytes = match to_bytes(body, TOKEN_BODY_LIMIT).await {
                    Ok(b) => b,
                    Err(_) => return refused(StatusCode::PAYLOAD_TOO_LARGE, "request too large"),
                };
                let from_header = parts
                    .headers
                    .get("x-csrf-token")
                    .and_then(|v| v.to_str().ok())
                    .map(str::to_owned);
                let from_query = parts.uri.query().and_then(|q| {
                    form_urlencoded::parse(q.as_bytes())
                        .find(|(k, _)| k == "_csrf")
                        .map(|(_, v)| v.into_owned())
                });
                let from_form = form_urlencoded::parse(&bytes)
                    .find(|(k, _)| k == "_csrf")
                    .map(|(_, v)| v.into_owned());
                let sent = from_header.or(from_query).or(from_form);
                if existing_csrf.is_none() || sent != existing_csrf {
                    return refused(
                        StatusCode::FORBIDDEN,
                        "request refused: it did not come from this site's own form",
                    );
                }
                req = Request::from_parts(parts, Body::from(bytes));
            }
        }
    }

    let mut clear_session = false;
    if let Some(token) = cookie(&headers, &cookie_name(SESSION_COOKIE, secure)) {
        match accounts::resolve_session(&state.db, token, state.now(), &state.auth).await {
            Ok(Some(user)) => {
                req.extensions_mut().insert(user);
            }
            Ok(None) => clear_session = true,
            Err(e) => {
                tracing::error!(error = %e, "session lookup failed");
                return refused(StatusCode::SERVICE_UNAVAILABLE, "please try again in a moment");
            }
        }
    }

    let path = req.uri().path().to_owned();
    let signed_in = req.extensions().get::<CurrentUser>().is_some();
    if (path.starts_with("/account") || path.starts_with("/admin")) && !signed_in {
        if *req.method() == Method::GET || *req.method() == Method::HEAD {
            let next = req.uri().path_and_query().map(|p| p.as_str()).unwrap_or("/account");
            let location =
                format!("/login?next={}", app::components::layout::encode_component(next));
            let mut response = StatusCode::SEE_OTHER.into_response();
            response.headers_mut().insert(
                header::LOCATION,
                HeaderValue::from_str(&location).unwrap_or(HeaderValue::from_static("/login")),
            );
            return finish(response, clear_session, existing_csrf.is_none(), &csrf, secure);
        }
        return finish(
            refused(StatusCode::UNAUTHORIZED, "please sign in"),
            clear_session,
            existing_csrf.is_none(),
            &csrf,
            secure,
        );
    }

    // Administration is for administrators only, whatever the page or form.
    let is_admin = req.extensions().get::<CurrentUser>().is_some_and(CurrentUser::is_admin);
    if path.starts_with("/admin") && !is_admin {
        return finish(
            refused(StatusCode::FORBIDDEN, "administrators only"),
            clear_session,
            existing_csrf.is_none(),
            &csrf,
            secure,
        );
    }

    let response = next.run(req).await;
    finish(response, clear_session, existing_csrf.is_none() && !api, &csrf, secure)
}

fn finish(
    mut response: Response,
    clear_session: bool,
    new_csrf: bool,
    csrf: &str,
    secure: bool,
) -> Response {
    let sets_session = response
        .headers()
        .get_all(header::SET_COOKIE)
        .iter()
        .any(|v| v.to_str().is_ok_and(|s| s.starts_with("sid=")));
    if clear_session && !sets_session {
        response
            .headers_mut()
            .append(header::SET_COOKIE, set_cookie(SESSION_COOKIE, "", Some(0), "Lax", secure));
    }
    if new_csrf {
        response
            .headers_mut()
            .append(header::SET_COOKIE, set_cookie(CSRF_COOKIE, csrf, None, "Strict", secure));
    }
    response
}
