//! Stand-alone migration runner (`migrations up|down|status`, reads `DATABASE_URL`).
//! The server's own `server migrate` does the same; this binary is for operators and CI.

use sea_orm_migration::prelude::*;

#[tokio::main]
async fn main() {
    cli::run_cli(migrations::Migrator).await;
}
