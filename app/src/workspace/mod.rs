//! The producer's workspace: the account (sign-up, sign-in, recovery, e-mail change), the
//! company profile, product listings, CSV import, the dashboard and the inquiry inbox.

pub mod models;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod services;
