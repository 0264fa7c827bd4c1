//! One module per page (route).

pub mod detail;
pub mod home;
pub mod not_found;
pub mod search;
