//! Rate-limit counters in the database: every instance serving it counts the same attempts, so
//! two instances behind a load balancer do not double a limit. One row per (bucket, subject):
//! its current window's start, end and count; rows of ended windows are deleted as new ones
//! start.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum RateLimit {
    Table,
    Bucket,
    Subject,
    WindowStart,
    Hits,
    ExpiresAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(RateLimit::Table)
                    .col(ColumnDef::new(RateLimit::Bucket).string_len(32).not_null())
                    .col(ColumnDef::new(RateLimit::Subject).string_len(320).not_null())
                    // Unix seconds: the window starts at the subject's first attempt.
                    .col(ColumnDef::new(RateLimit::WindowStart).big_integer().not_null())
                    .col(ColumnDef::new(RateLimit::Hits).big_integer().not_null())
                    .col(ColumnDef::new(RateLimit::ExpiresAt).big_integer().not_null())
                    .primary_key(Index::create().col(RateLimit::Bucket).col(RateLimit::Subject))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("rate_limit_expires_at")
                    .table(RateLimit::Table)
                    .col(RateLimit::ExpiresAt)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(RateLimit::Table).to_owned()).await
    }
}
