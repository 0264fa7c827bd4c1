//! Signing in: the address typed as the limiter and the log may keep it, the limits per client
//! address and per account (counted in the database, so every instance shares them), the audit
//! row of a throttled account, the password check, and the count cleared on success.

use crate::{
    administration::services::audit,
    foundations::{
        auth::AuthConfig,
        entities::user_account,
        error::AppError,
        services::rate_limit::{self, Bucket, Usage},
    },
    workspace::services::accounts,
};
use chrono::{DateTime, Utc};
use sea_orm::DatabaseConnection;

/// What a sign-in attempt came to.
#[derive(Debug)]
pub enum SignIn {
    /// Too many attempts from this address or on this account: wait.
    Throttled(Usage),
    /// No such account, or the wrong password (the two are not told apart).
    Refused,
    SignedIn(Box<user_account::Model>),
}

/// The address typed, as far as it can be kept: no address is longer than 254 characters, and
/// control characters (NUL above all, which PostgreSQL refuses in text) are in none. The second
/// value says whether the typed text held any, in which case it signs nobody in.
fn kept_address(typed: &str) -> (String, bool) {
    let typed = typed.trim().to_lowercase();
    let unusable = typed.chars().any(char::is_control);
    (typed.chars().filter(|c| !c.is_control()).take(254).collect(), unusable)
}

pub async fn sign_in(
    db: &DatabaseConnection,
    limits: &AuthConfig,
    typed_email: &str,
    password: &str,
    ip: Option<&str>,
    now: DateTime<Utc>,
) -> Result<SignIn, AppError> {
    let (email, unusable) = kept_address(typed_email);
    // Per address first; the account is counted only when the address is within its limit.
    let by_ip = (Bucket::LoginIp, ip.unwrap_or_default(), limits.login_per_ip);
    let by_account = [(Bucket::LoginAccount, email.as_str(), limits.login_per_account)];
    let usage = rate_limit::hit_each(db, by_ip, &by_account, now).await?;
    if let Some(refused) = usage.refused {
        // Once per window, and never more of the posted text than an address can hold: a
        // flood of refused attempts must not become a flood of audit rows.
        if refused.first_in_window {
            let event = audit::Event::new(None, "account.login_throttled", "user", 0, now)
                .after(serde_json::json!({ "email": email }))
                .ip(ip);
            let _ = audit::record(db, event).await;
        }
        return Ok(SignIn::Throttled(usage));
    }
    if unusable {
        return Ok(SignIn::Refused);
    }
    match accounts::authenticate(db, &email, password).await? {
        Some(user) => {
            rate_limit::reset(db, Bucket::LoginAccount, &email).await?;
            Ok(SignIn::SignedIn(Box::new(user)))
        }
        None => Ok(SignIn::Refused),
    }
}

#[cfg(test)]
mod tests {
    use super::kept_address;

    #[test]
    fn the_address_is_kept_short_and_without_control_characters() {
        assert_eq!(kept_address("  Ann@Example.KZ "), ("ann@example.kz".to_owned(), false));
        assert_eq!(kept_address("a\0b@x.kz"), ("ab@x.kz".to_owned(), true));
        assert_eq!(kept_address(&"a".repeat(400)).0.len(), 254);
    }
}
