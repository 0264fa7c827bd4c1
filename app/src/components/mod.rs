//! Pieces shared by several pages.

pub mod layout;
pub mod search_box;
