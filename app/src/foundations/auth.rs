//! Who is asking: the signed-in user of a request, the clock sessions expire by, rate-limit
//! settings (the counters are in `services::rate_limit`) and the same-origin token. Resolved by
//! the server's middleware (`server::routes::session`) and read here by pages and handlers.

use crate::foundations::error::AppError;
use chrono::{DateTime, Utc};
use std::{
    sync::atomic::{AtomicI64, Ordering},
    time::Duration,
};

/// Wall-clock time, which tests can move forward to expire sessions without sleeping.
#[derive(Debug, Default)]
pub struct Clock {
    offset_seconds: AtomicI64,
}

impl Clock {
    pub fn now(&self) -> DateTime<Utc> {
        Utc::now() + chrono::Duration::seconds(self.offset_seconds.load(Ordering::Relaxed))
    }

    pub fn advance(&self, by: Duration) {
        self.offset_seconds.fetch_add(by.as_secs() as i64, Ordering::Relaxed);
    }
}

/// At most `max` attempts per `window`.
#[derive(Clone, Copy, Debug)]
pub struct Limit {
    pub max: u32,
    pub window: Duration,
}

#[derive(Clone, Debug)]
pub struct AuthConfig {
    /// A session unused this long ends.
    pub idle_timeout: Duration,
    /// A session ends this long after sign-in, used or not.
    pub absolute_lifetime: Duration,
    /// `Secure` on cookies; also set per request when a proxy says it terminated HTTPS.
    pub secure_cookies: bool,
    pub login_per_ip: Limit,
    pub login_per_account: Limit,
    pub register_per_ip: Limit,
    /// "Forgot your password?" requests, per client address and per account address.
    pub reset_per_ip: Limit,
    pub reset_per_address: Limit,
    /// "Send the link again" for the address check, per account.
    pub confirm_resend_per_account: Limit,
    /// Requests to the public JSON API (`/api/v1/*`) per client address.
    pub api_per_ip: Limit,
    /// Buyers' inquiries per client address and per buyer address: the contact form must not
    /// become a way to flood producers (or to mail strangers confirmation links).
    pub inquiry_per_ip: Limit,
    pub inquiry_per_address: Limit,
    /// Proxies whose `X-Forwarded-For` / `Forwarded` headers say who the client is.
    pub trusted_proxies: crate::foundations::net::TrustedProxies,
}

impl Default for AuthConfig {
    fn default() -> Self {
        Self {
            idle_timeout: Duration::from_secs(8 * 3600),
            absolute_lifetime: Duration::from_secs(7 * 24 * 3600),
            secure_cookies: false,
            login_per_ip: Limit { max: 30, window: Duration::from_secs(600) },
            login_per_account: Limit { max: 8, window: Duration::from_secs(600) },
            register_per_ip: Limit { max: 20, window: Duration::from_secs(3600) },
            reset_per_ip: Limit { max: 10, window: Duration::from_secs(3600) },
            reset_per_address: Limit { max: 3, window: Duration::from_secs(3600) },
            confirm_resend_per_account: Limit { max: 5, window: Duration::from_secs(3600) },
            api_per_ip: Limit { max: 600, window: Duration::from_secs(60) },
            inquiry_per_ip: Limit { max: 20, window: Duration::from_secs(3600) },
            inquiry_per_address: Limit { max: 5, window: Duration::from_secs(3600) },
            trusted_proxies: Default::default(),
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Role {
    Producer,
    Admin,
}

impl Role {
    pub fn parse(s: &str) -> Role {
        if s == "admin" { Role::Admin } else { Role::Producer }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Role::Producer => "producer",
            Role::Admin => "admin",
        }
    }
}

/// The signed-in user of this request (in the request's extensions when there is one).
#[derive(Clone, Debug)]
pub struct CurrentUser {
    pub id: i64,
    pub email: String,
    pub role: Role,
    /// Stored id (hash) of the session, so logout can end exactly this one.
    pub session_id: String,
}

impl CurrentUser {
    pub fn is_admin(&self) -> bool {
        self.role == Role::Admin
    }
}

/// The request's same-origin token (also in the `csrf` cookie).
#[derive(Clone, Debug)]
pub struct CsrfToken(pub String);

/// The client's address, for rate limits and the audit log.
#[derive(Clone, Debug)]
pub struct ClientIp(pub String);

/// The user of the request being rendered, if signed in.
pub fn current_user() -> Option<CurrentUser> {
    let parts = leptos::prelude::use_context::<http::request::Parts>()?;
    parts.extensions.get::<CurrentUser>().cloned()
}

pub fn require_user() -> Result<CurrentUser, AppError> {
    current_user().ok_or(AppError::Unauthorized)
}

pub fn require_admin() -> Result<CurrentUser, AppError> {
    let user = require_user()?;
    if user.is_admin() { Ok(user) } else { Err(AppError::Forbidden) }
}

/// An attempt over its limit.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Refused {
    /// Seconds until the window ends.
    pub retry_after: u64,
    /// The first refusal of this window.
    pub first_in_window: bool,
}
