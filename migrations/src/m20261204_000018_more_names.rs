//! More reference names in the interface languages: the 1,229 HS headings in Russian
//! (`data/hs2022/heading-names.csv`: Russian-speaking buyers and producers read and search
//! headings in it) and the 5 countries and 54 regions in Kazakh, Kyrgyz, Tajik, Turkmen and
//! Uzbek (`data/place-names.csv`; English and Russian are columns of their own tables).

use crate::reference_data::{HS_HEADING_NAMES, PLACE_NAMES};
use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum HsHeadingName {
    Table,
    Heading,
    Language,
    Name,
}

#[derive(DeriveIden)]
enum PlaceName {
    Table,
    Code,
    Language,
    Name,
}

/// Rows per INSERT: well under SQLite's and PostgreSQL's bound-parameter limits.
const BATCH: usize = 300;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(HsHeadingName::Table)
                    .col(ColumnDef::new(HsHeadingName::Heading).string_len(4).not_null())
                    .col(ColumnDef::new(HsHeadingName::Language).string_len(8).not_null())
                    .col(ColumnDef::new(HsHeadingName::Name).string_len(400).not_null())
                    .primary_key(
                        Index::create().col(HsHeadingName::Heading).col(HsHeadingName::Language),
                    )
                    .to_owned(),
            )
            .await?;
        for rows in HS_HEADING_NAMES.chunks(BATCH) {
            let mut insert = Query::insert()
                .into_table(HsHeadingName::Table)
                .columns([HsHeadingName::Heading, HsHeadingName::Language, HsHeadingName::Name])
                .to_owned();
            for (heading, language, name) in rows {
                insert.values_panic([
                    heading.clone().into(),
                    language.clone().into(),
                    name.clone().into(),
                ]);
            }
            manager.exec_stmt(insert).await?;
        }
        manager
            .create_table(
                Table::create()
                    .table(PlaceName::Table)
                    .col(ColumnDef::new(PlaceName::Code).string_len(8).not_null())
                    .col(ColumnDef::new(PlaceName::Language).string_len(8).not_null())
                    .col(ColumnDef::new(PlaceName::Name).string_len(200).not_null())
                    .primary_key(Index::create().col(PlaceName::Code).col(PlaceName::Language))
                    .to_owned(),
            )
            .await?;
        let mut insert = Query::insert()
            .into_table(PlaceName::Table)
            .columns([PlaceName::Code, PlaceName::Language, PlaceName::Name])
            .to_owned();
        for (code, language, name) in PLACE_NAMES.iter() {
            insert.values_panic([
                code.clone().into(),
                language.clone().into(),
                name.clone().into(),
            ]);
        }
        manager.exec_stmt(insert).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(PlaceName::Table).to_owned()).await?;
        manager.drop_table(Table::drop().table(HsHeadingName::Table).to_owned()).await
    }
}
