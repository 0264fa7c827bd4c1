//! Claims: the owner of a company that came into the registry by import (no account manages it)
//! asks for it. The evidence is an address at the company's own web domain, confirmed by a
//! mailed link, or a document (PDF/JPEG/PNG, kept as a file outside the web root: only its name
//! and type are in the table); administrators decide. A claim on a company that already has an owner is a
//! dispute (worked out when shown, not stored: ownership can change while a claim waits).

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Claim {
    Table,
    Id,
    ProducerId,
    UserId,
    Role,
    EvidenceEmail,
    DocumentName,
    DocumentFile,
    DocumentType,
    TokenHash,
    TokenExpiresAt,
    EmailConfirmedAt,
    Status,
    Reason,
    DecidedBy,
    DecidedAt,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Producer {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum UserAccount {
    Table,
    Id,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Claim::Table)
                    .col(
                        ColumnDef::new(Claim::Id)
                            .big_integer()
                            .not_null()
                            .auto_increment()
                            .primary_key(),
                    )
                    .col(ColumnDef::new(Claim::ProducerId).big_integer().not_null())
                    .col(ColumnDef::new(Claim::UserId).big_integer().not_null())
                    .col(ColumnDef::new(Claim::Role).string_len(200).not_null())
                    .col(ColumnDef::new(Claim::EvidenceEmail).string_len(254).null())
                    // The name the claimant's file had, the file it is kept as, its type.
                    .col(ColumnDef::new(Claim::DocumentName).string_len(200).null())
                    .col(ColumnDef::new(Claim::DocumentFile).string_len(100).null())
                    .col(ColumnDef::new(Claim::DocumentType).string_len(32).null())
                    // SHA-256 of the address-check token, cleared once the link is used.
                    .col(ColumnDef::new(Claim::TokenHash).string_len(64).null())
                    .col(ColumnDef::new(Claim::TokenExpiresAt).timestamp_with_time_zone().null())
                    .col(ColumnDef::new(Claim::EmailConfirmedAt).timestamp_with_time_zone().null())
                    .col(ColumnDef::new(Claim::Status).string_len(16).not_null())
                    .col(ColumnDef::new(Claim::Reason).text().null())
                    .col(ColumnDef::new(Claim::DecidedBy).big_integer().null())
                    .col(ColumnDef::new(Claim::DecidedAt).timestamp_with_time_zone().null())
                    .col(ColumnDef::new(Claim::CreatedAt).timestamp_with_time_zone().not_null())
                    .foreign_key(
                        ForeignKey::create()
                            .from(Claim::Table, Claim::ProducerId)
                            .to(Producer::Table, Producer::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(Claim::Table, Claim::UserId)
                            .to(UserAccount::Table, UserAccount::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ux_claim_token_hash")
                    .table(Claim::Table)
                    .col(Claim::TokenHash)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_claim_status")
                    .table(Claim::Table)
                    .col(Claim::Status)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(Claim::Table).to_owned()).await
    }
}
