//! Which version of the search-key folding (`app::foundations::domain::translit::SEARCH_KEY_VERSION`) the
//! stored `name_key`/`search_text` columns were computed with. 0: unknown, so the server
//! recomputes them at its next start (`app::services::rekey`); the seed records the version it
//! wrote.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum CatalogueState {
    Table,
    SearchKeyVersion,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(CatalogueState::Table)
                    .add_column(
                        ColumnDef::new(CatalogueState::SearchKeyVersion)
                            .big_integer()
                            .not_null()
                            .default(0),
                    )
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(CatalogueState::Table)
                    .drop_column(CatalogueState::SearchKeyVersion)
                    .to_owned(),
            )
            .await
    }
}
