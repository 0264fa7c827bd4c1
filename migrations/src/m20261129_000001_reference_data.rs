//! Countries, regions and the HS 2022 nomenclature: created and filled in one step.

use crate::reference_data::{COUNTRIES, HS_CODES, HS_SECTIONS, REGIONS};
use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
pub enum Country {
    Table,
    Code,
    NameEn,
    NameRu,
    NameNative,
}

#[derive(DeriveIden)]
pub enum Region {
    Table,
    Code,
    CountryCode,
    Kind,
    NameEn,
    NameRu,
    NameIso,
}

#[derive(DeriveIden)]
pub enum HsSection {
    Table,
    Id,
    Roman,
    NameEn,
}

#[derive(DeriveIden)]
pub enum HsCode {
    Table,
    Code,
    Level,
    ParentCode,
    SectionId,
    DescriptionEn,
}

/// Rows per INSERT: well under SQLite's bound-parameter limit.
const BATCH: usize = 400;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Country::Table)
                    .col(ColumnDef::new(Country::Code).string_len(2).not_null().primary_key())
                    .col(ColumnDef::new(Country::NameEn).string().not_null())
                    .col(ColumnDef::new(Country::NameRu).string().not_null())
                    .col(ColumnDef::new(Country::NameNative).string().not_null())
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Region::Table)
                    .col(ColumnDef::new(Region::Code).string_len(6).not_null().primary_key())
                    .col(ColumnDef::new(Region::CountryCode).string_len(2).not_null())
                    .col(ColumnDef::new(Region::Kind).string_len(16).not_null())
                    .col(ColumnDef::new(Region::NameEn).string().not_null())
                    .col(ColumnDef::new(Region::NameRu).string().not_null())
                    .col(ColumnDef::new(Region::NameIso).string().not_null())
                    .foreign_key(
                        ForeignKey::create()
                            .from(Region::Table, Region::CountryCode)
                            .to(Country::Table, Country::Code),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_region_country")
                    .table(Region::Table)
                    .col(Region::CountryCode)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(HsSection::Table)
                    .col(ColumnDef::new(HsSection::Id).integer().not_null().primary_key())
                    .col(ColumnDef::new(HsSection::Roman).string_len(8).not_null().unique_key())
                    .col(ColumnDef::new(HsSection::NameEn).text().not_null())
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(HsCode::Table)
                    .col(ColumnDef::new(HsCode::Code).string_len(6).not_null().primary_key())
                    .col(ColumnDef::new(HsCode::Level).small_integer().not_null())
                    .col(ColumnDef::new(HsCode::ParentCode).string_len(6).null())
                    .col(ColumnDef::new(HsCode::SectionId).integer().null())
                    .col(ColumnDef::new(HsCode::DescriptionEn).text().not_null())
                    .foreign_key(
                        ForeignKey::create()
                            .from(HsCode::Table, HsCode::ParentCode)
                            .to(HsCode::Table, HsCode::Code),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(HsCode::Table, HsCode::SectionId)
                            .to(HsSection::Table, HsSection::Id),
                    )
                    .to_owned(),
            )
            .await?;
        for (name, col) in
            [("idx_hs_code_parent", HsCode::ParentCode), ("idx_hs_code_section", HsCode::SectionId)]
        {
            manager
                .create_index(Index::create().name(name).table(HsCode::Table).col(col).to_owned())
                .await?;
        }

        let mut insert = Query::insert()
            .into_table(Country::Table)
            .columns([Country::Code, Country::NameEn, Country::NameRu, Country::NameNative])
            .to_owned();
        for c in COUNTRIES.iter() {
            insert.values_panic([
                c.code.clone().into(),
                c.name_en.clone().into(),
                c.name_ru.clone().into(),
                c.name_native.clone().into(),
            ]);
        }
        manager.exec_stmt(insert).await?;

        let mut insert = Query::insert()
            .into_table(Region::Table)
            .columns([
                Region::Code,
                Region::CountryCode,
                Region::Kind,
                Region::NameEn,
                Region::NameRu,
                Region::NameIso,
            ])
            .to_owned();
        for r in REGIONS.iter() {
            insert.values_panic([
                r.code.clone().into(),
                r.country.clone().into(),
                r.kind.clone().into(),
                r.name_en.clone().into(),
                r.name_ru.clone().into(),
                r.name_iso.clone().into(),
            ]);
        }
        manager.exec_stmt(insert).await?;

        let mut insert = Query::insert()
            .into_table(HsSection::Table)
            .columns([HsSection::Id, HsSection::Roman, HsSection::NameEn])
            .to_owned();
        for s in HS_SECTIONS.iter() {
            insert.values_panic([s.id.into(), s.roman.clone().into(), s.name.clone().into()]);
        }
        manager.exec_stmt(insert).await?;

        // Parents precede children in the source (chapter, heading, subheading), so the
        // self-referencing foreign key holds batch by batch.
        for chunk in HS_CODES.chunks(BATCH) {
            let mut insert = Query::insert()
                .into_table(HsCode::Table)
                .columns([
                    HsCode::Code,
                    HsCode::Level,
                    HsCode::ParentCode,
                    HsCode::SectionId,
                    HsCode::DescriptionEn,
                ])
                .to_owned();
            for c in chunk {
                insert.values_panic([
                    c.code.clone().into(),
                    (c.level as i16).into(),
                    c.parent.clone().into(),
                    c.section_id.into(),
                    c.description.clone().into(),
                ]);
            }
            manager.exec_stmt(insert).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            HsCode::Table.into_iden(),
            HsSection::Table.into_iden(),
            Region::Table.into_iden(),
            Country::Table.into_iden(),
        ] {
            manager.drop_table(Table::drop().table(table).to_owned()).await?;
        }
        Ok(())
    }
}
