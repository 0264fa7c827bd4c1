//! One module per page (route), with its server functions.

pub mod claim;
pub mod contact;
pub mod rfq;
pub mod rfq_quotes;
