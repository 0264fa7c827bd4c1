//! Database schema, as ordered migrations that run on SQLite and PostgreSQL alike.
//!
//! The reference data (countries, regions, HS 2022) is part of the schema: a migrated database is
//! never without it. The CSV files live in `migrations/data/` so the project needs nothing outside
//! the repository.

pub use sea_orm_migration::prelude::*;

mod m20261129_000001_reference_data;
mod m20261129_000002_registry;
mod m20261129_000003_search;
mod m20261204_000004_catalogue_state;
mod m20261204_000005_search_key_version;
mod m20261204_000010_entry_version;
mod m20261204_000010_mail;
mod m20261204_000011_rate_limit;
mod m20261204_000012_inquiries;
mod m20261204_000013_blocked_senders;
mod m20261204_000014_email_change;
mod m20261204_000015_rfq;
mod m20261204_000016_claims;
mod m20261204_000017_hs_names;
mod m20261204_000018_more_names;
pub mod reference_data;

pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m20261129_000001_reference_data::Migration),
            Box::new(m20261129_000002_registry::Migration),
            Box::new(m20261129_000003_search::Migration),
            Box::new(m20261204_000004_catalogue_state::Migration),
            Box::new(m20261204_000005_search_key_version::Migration),
            Box::new(m20261204_000010_mail::Migration),
            Box::new(m20261204_000010_entry_version::Migration),
            Box::new(m20261204_000011_rate_limit::Migration),
            Box::new(m20261204_000012_inquiries::Migration),
            Box::new(m20261204_000013_blocked_senders::Migration),
            Box::new(m20261204_000014_email_change::Migration),
            Box::new(m20261204_000015_rfq::Migration),
            Box::new(m20261204_000016_claims::Migration),
            Box::new(m20261204_000017_hs_names::Migration),
            Box::new(m20261204_000018_more_names::Migration),
        ]
    }
}
