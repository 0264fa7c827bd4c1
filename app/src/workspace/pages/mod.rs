//! One module per page (route), with its server functions.

pub mod account;
pub mod company_form;
mod entry_form;
pub mod import;
pub mod inbox;
pub mod listing_form;
pub mod recovery;
