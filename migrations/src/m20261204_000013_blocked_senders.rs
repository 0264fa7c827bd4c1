//! Addresses administrators blocked from writing to producers (reported inquiries): one row per
//! address, as typed addresses are compared lower-cased.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum BlockedSender {
    Table,
    Email,
    Reason,
    BlockedBy,
    CreatedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(BlockedSender::Table)
                    .col(
                        ColumnDef::new(BlockedSender::Email)
                            .string_len(254)
                            .not_null()
                            .primary_key(),
                    )
                    .col(ColumnDef::new(BlockedSender::Reason).string_len(500).not_null())
                    .col(ColumnDef::new(BlockedSender::BlockedBy).big_integer().null())
                    .col(
                        ColumnDef::new(BlockedSender::CreatedAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(BlockedSender::Table).to_owned()).await
    }
}
