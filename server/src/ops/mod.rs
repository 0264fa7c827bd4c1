//! Running the registry as a service: backups and restores.

pub mod backup;
