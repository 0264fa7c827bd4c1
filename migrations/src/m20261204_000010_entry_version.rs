//! A version number on producers and listings. Every edit of an entry's content (a draft edit,
//! an edit while it waits for moderation, a new proposed revision of a published entry) adds one,
//! and an administrator's decision names the version it was shown: a decision on a version that
//! is no longer current is refused, so what was reviewed is what gets published.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Producer {
    Table,
    Version,
}

#[derive(DeriveIden)]
enum Listing {
    Table,
    Version,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // One alteration per statement: SQLite cannot do more.
        manager
            .alter_table(
                Table::alter()
                    .table(Producer::Table)
                    .add_column(
                        ColumnDef::new(Producer::Version).big_integer().not_null().default(1),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Listing::Table)
                    .add_column(
                        ColumnDef::new(Listing::Version).big_integer().not_null().default(1),
                    )
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter().table(Producer::Table).drop_column(Producer::Version).to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter().table(Listing::Table).drop_column(Listing::Version).to_owned(),
            )
            .await
    }
}
