//! Plain axum handlers (outside the Leptos page tree), one folder per journey as in `app`
//! (`catalogue`, `contact`, `workspace`, `administration`), beside what they all share: the
//! request layers (`session`), form plumbing (`forms`, `extract`), the API's rate limit, the
//! language switch, health checks and the icon.

pub mod administration;
pub mod catalogue;
pub mod contact;
pub mod extract;
pub mod favicon;
pub mod forms;
pub mod health;
pub mod locale;
pub mod rate_limit;
pub mod session;
pub mod workspace;
