//! HS names in the six interface languages other than English: the 21 sections
//! (`data/hs2022/section-names.csv`) and the 97 chapters (`chapter-names.csv`). Buyers browse
//! the catalogue by section and chapter in their language.

use crate::reference_data::{HS_CHAPTER_NAMES, HS_SECTION_NAMES};
use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum HsSectionName {
    Table,
    SectionId,
    Language,
    Name,
}

#[derive(DeriveIden)]
enum HsChapterName {
    Table,
    Chapter,
    Language,
    Name,
}

#[derive(DeriveIden)]
enum HsSection {
    Table,
    Id,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(HsSectionName::Table)
                    .col(ColumnDef::new(HsSectionName::SectionId).integer().not_null())
                    .col(ColumnDef::new(HsSectionName::Language).string_len(8).not_null())
                    .col(ColumnDef::new(HsSectionName::Name).string_len(300).not_null())
                    .primary_key(
                        Index::create().col(HsSectionName::SectionId).col(HsSectionName::Language),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(HsSectionName::Table, HsSectionName::SectionId)
                            .to(HsSection::Table, HsSection::Id),
                    )
                    .to_owned(),
            )
            .await?;
        let mut insert = Query::insert()
            .into_table(HsSectionName::Table)
            .columns([HsSectionName::SectionId, HsSectionName::Language, HsSectionName::Name])
            .to_owned();
        for (id, language, name) in HS_SECTION_NAMES.iter() {
            insert.values_panic([(*id).into(), language.clone().into(), name.clone().into()]);
        }
        manager.exec_stmt(insert).await?;
        manager
            .create_table(
                Table::create()
                    .table(HsChapterName::Table)
                    .col(ColumnDef::new(HsChapterName::Chapter).string_len(2).not_null())
                    .col(ColumnDef::new(HsChapterName::Language).string_len(8).not_null())
                    .col(ColumnDef::new(HsChapterName::Name).string_len(300).not_null())
                    .primary_key(
                        Index::create().col(HsChapterName::Chapter).col(HsChapterName::Language),
                    )
                    .to_owned(),
            )
            .await?;
        let mut insert = Query::insert()
            .into_table(HsChapterName::Table)
            .columns([HsChapterName::Chapter, HsChapterName::Language, HsChapterName::Name])
            .to_owned();
        for (chapter, language, name) in HS_CHAPTER_NAMES.iter() {
            insert.values_panic([
                chapter.clone().into(),
                language.clone().into(),
                name.clone().into(),
            ]);
        }
        manager.exec_stmt(insert).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(HsChapterName::Table).to_owned()).await?;
        manager.drop_table(Table::drop().table(HsSectionName::Table).to_owned()).await
    }
}
