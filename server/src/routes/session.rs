//! Per-request middleware, four layers from the outside in: the client's address
//! ([`client_address`]), the same-origin rule for every state-changing request
//! ([`same_origin`]), who is signed in ([`session`]), and the sign-in wall in front of
//! `/account` and `/admin` ([`access`]).

use app::{
    foundations::auth::{ClientIp, CsrfToken, CurrentUser},
    state::AppState,
    workspace::services::accounts,
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
/// configured (`SECURE_COOKIES`), else as [`app::foundations::net::TrustedProxies::https`] tells from the
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

/// Layer 1: the client's address, decided once for everything inside (rate limits, sessions,
/// the audit log).
pub async fn client_address(
    State(state): State<AppState>,
    mut req: Request,
    next: Next,
) -> Response {
    if let Some(ip) = client_ip(&state, &req) {
        req.extensions_mut().insert(ClientIp(ip.to_string()));
    }
    next.run(req).await
}

/// Layer 2: a state-changing request must come from this site (`Sec-Fetch-Site` or `Origin`;
/// without either, the double-submit token of the form must match its cookie). Gives every
/// page its [`CsrfToken`] and sets the cookie when the browser has none yet.
pub async fn same_origin(State(state): State<AppState>, mut req: Request, next: Next) -> Response {
    let secure = secure(&state, req.headers(), peer(req.extensions()));
    let existing = cookie(req.headers(), &cookie_name(CSRF_COOKIE, secure))
        .filter(|t| is_token(t))
        .map(str::to_owned);
    // The JSON API is read-only and cookie-less: no token to mint or cookie to set there, and
    // other methods get the router's 405 with `Allow`, not a refusal meant for forms.
    let api = req.uri().path().starts_with("/api/v1/");
    let csrf = match (&existing, api) {
        (Some(t), _) => t.clone(),
        (None, true) => String::new(),
        (None, false) => accounts::new_token(),
    };
    req.extensions_mut().insert(CsrfToken(csrf.clone()));
    if !api && !matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS) {
        match origin_of(req.headers()) {
            Origin::Same => {}
            Origin::Cross => return refused(StatusCode::FORBIDDEN, "cross-site request refused"),
            // An old browser or a privacy proxy stripped both headers: the form's token must
            // match the cookie (double submit).
            Origin::Unknown => match double_submitted(req, existing.as_deref()).await {
                Ok(checked) => req = checked,
                Err(refusal) => return refusal,
            },
        }
    }
    let mut response = next.run(req).await;
    if existing.is_none() && !api {
        response
            .headers_mut()
            .append(header::SET_COOKIE, set_cookie(CSRF_COOKIE, &csrf, None, "Strict", secure));
    }
    response
}

/// The request again when the token it carries (header, query or form field `_csrf`) is the
/// cookie's; a refusal otherwise.
async fn double_submitted(req: Request, cookie_token: Option<&str>) -> Result<Request, Response> {
    let (parts, body) = req.into_parts();
    let Ok(bytes) = to_bytes(body, TOKEN_BODY_LIMIT).await else {
        return Err(refused(StatusCode::PAYLOAD_TOO_LARGE, "request too large"));
    };
    let from_header =
        parts.headers.get("x-csrf-token").and_then(|v| v.to_str().ok()).map(str::to_owned);
    let field = |raw: &[u8]| {
        form_urlencoded::parse(raw).find(|(k, _)| k == "_csrf").map(|(_, v)| v.into_owned())
    };
    let from_query = parts.uri.query().and_then(|q| field(q.as_bytes()));
    let sent = from_header.or(from_query).or_else(|| field(&bytes));
    if cookie_token.is_none() || sent.as_deref() != cookie_token {
        return Err(refused(
            StatusCode::FORBIDDEN,
            "request refused: it did not come from this site's own form",
        ));
    }
    Ok(Request::from_parts(parts, Body::from(bytes)))
}

/// Layer 3: who is signed in (session cookie → [`CurrentUser`]); a cookie of an ended session
/// is cleared on the way out.
pub async fn session(State(state): State<AppState>, mut req: Request, next: Next) -> Response {
    let secure = secure(&state, req.headers(), peer(req.extensions()));
    let name = cookie_name(SESSION_COOKIE, secure);
    let mut stale = false;
    if let Some(token) = cookie(req.headers(), &name).map(str::to_owned) {
        match accounts::resolve_session(&state.db, &token, state.now(), &state.auth).await {
            Ok(Some(user)) => {
                req.extensions_mut().insert(user);
            }
            Ok(None) => stale = true,
            Err(e) => {
                tracing::error!(error = %e, "session lookup failed");
                return refused(StatusCode::SERVICE_UNAVAILABLE, "please try again in a moment");
            }
        }
    }
    let mut response = next.run(req).await;
    // Not when the response starts a new session (signing in over an ended one): clearing
    // after it would sign the user straight out again.
    let starts_session = response
        .headers()
        .get_all(header::SET_COOKIE)
        .iter()
        .any(|v| v.to_str().is_ok_and(|s| s.starts_with(&format!("{name}="))));
    if stale && !starts_session {
        response
            .headers_mut()
            .append(header::SET_COOKIE, set_cookie(SESSION_COOKIE, "", Some(0), "Lax", secure));
    }
    response
}

/// Layer 4: the sign-in wall in front of `/account` and `/admin` (pages, forms and server
/// functions alike: the Leptos routes share these paths with the form routes, so the wall goes
/// by path rather than by router), and administrators only inside `/admin`.
pub async fn access(req: Request, next: Next) -> Response {
    let path = req.uri().path();
    let (account, admin) = (path.starts_with("/account"), path.starts_with("/admin"));
    let user = req.extensions().get::<CurrentUser>();
    if (account || admin) && user.is_none() {
        if *req.method() == Method::GET || *req.method() == Method::HEAD {
            let next = req.uri().path_and_query().map(|p| p.as_str()).unwrap_or("/account");
            let location = format!(
                "/login?next={}",
                app::foundations::components::layout::encode_component(next)
            );
            let mut response = StatusCode::SEE_OTHER.into_response();
            response.headers_mut().insert(
                header::LOCATION,
                HeaderValue::from_str(&location).unwrap_or(HeaderValue::from_static("/login")),
            );
            return response;
        }
        return refused(StatusCode::UNAUTHORIZED, "please sign in");
    }
    if admin && !user.is_some_and(CurrentUser::is_admin) {
        return refused(StatusCode::FORBIDDEN, "administrators only");
    }
    next.run(req).await
}
