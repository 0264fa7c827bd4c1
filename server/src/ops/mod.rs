//! Running the registry as a service: backups and restores, metrics, shutdown.

pub mod backup;
pub mod metrics;
pub mod shutdown;
