//! One row that says which generation of the public catalogue is current. Every change that
//! alters what search shows bumps it in the same transaction, so every process serving the same
//! database (two instances, a CLI import beside `serve`) sees the change on its next read
//! instead of keeping caches of a catalogue that no longer exists.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum CatalogueState {
    Table,
    Id,
    Generation,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(CatalogueState::Table)
                    .col(ColumnDef::new(CatalogueState::Id).integer().not_null().primary_key())
                    .col(ColumnDef::new(CatalogueState::Generation).big_integer().not_null())
                    .to_owned(),
            )
            .await?;
        manager
            .exec_stmt(
                Query::insert()
                    .into_table(CatalogueState::Table)
                    .columns([CatalogueState::Id, CatalogueState::Generation])
                    .values_panic([1.into(), 1.into()])
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(CatalogueState::Table).to_owned()).await
    }
}
