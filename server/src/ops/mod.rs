//! Running the registry as a service: backups and restores, metrics.

pub mod backup;
pub mod metrics;
