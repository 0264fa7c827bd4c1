//! The rules and the queries of this journey (server only): plain async functions over
//! `&DatabaseConnection`, tested without HTTP.

pub mod admin;
pub mod admin_forms;
pub mod audit;
pub mod duplicates;
pub mod moderation;
pub mod review;
pub mod review_item;
