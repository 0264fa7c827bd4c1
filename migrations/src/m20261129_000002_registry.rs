//! The registry itself: accounts and sessions, producers, listings, certifications, moderation
//! (revisions, audit trail) and buyer inquiries.
//!
//! Statuses and kinds are short strings rather than database enums so both engines share one
//! schema; the application parses them into Rust enums at the edge.

use crate::m20261129_000001_reference_data::{Country, HsCode, Region};
use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum UserAccount {
    Table,
    Id,
    Email,
    EmailNormalized,
    PasswordHash,
    Role,
    Status,
    CreatedAt,
    UpdatedAt,
    LastLoginAt,
}

#[derive(DeriveIden)]
enum Session {
    Table,
    Id,
    UserId,
    CreatedAt,
    LastSeenAt,
    ExpiresAt,
    Ip,
    UserAgent,
}

#[derive(DeriveIden)]
enum Producer {
    Table,
    Id,
    OwnerUserId,
    LegalName,
    NameLatin,
    LegalForm,
    TaxId,
    CountryCode,
    RegionCode,
    City,
    Address,
    Website,
    Phone,
    Email,
    ShowPhone,
    ShowEmail,
    YearFounded,
    Workforce,
    Description,
    Verified,
    VerifiedAt,
    VerifiedNote,
    Status,
    StatusReason,
    MergedIntoId,
    SearchText,
    PublishedAt,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum Listing {
    Table,
    Id,
    ProducerId,
    HsCode,
    NationalCode,
    ProductName,
    Description,
    Capacity,
    CapacityUnit,
    MinOrder,
    MinOrderUnit,
    LeadTimeDays,
    ExportMarkets,
    Status,
    StatusReason,
    NameKey,
    SearchText,
    Visible,
    CountryCode,
    RegionCode,
    HsSectionId,
    Verified,
    PublishedAt,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum Certification {
    Table,
    Id,
    ProducerId,
    ListingId,
    Kind,
    Issuer,
    Number,
    ValidFrom,
    ValidUntil,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Revision {
    Table,
    Id,
    TargetKind,
    TargetId,
    Proposed,
    AuthorUserId,
    Status,
    Reason,
    DecidedBy,
    DecidedAt,
    CreatedAt,
}

#[derive(DeriveIden)]
enum AuditEvent {
    Table,
    Id,
    ActorUserId,
    Action,
    TargetKind,
    TargetId,
    Before,
    After,
    Ip,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Inquiry {
    Table,
    Id,
    ProducerId,
    ListingId,
    Name,
    Email,
    Company,
    Message,
    IsRead,
    CreatedAt,
}

fn id<T: IntoIden>(col: T) -> ColumnDef {
    ColumnDef::new(col).big_integer().not_null().auto_increment().primary_key().to_owned()
}

fn timestamp<T: IntoIden>(col: T) -> ColumnDef {
    ColumnDef::new(col).timestamp_with_time_zone().not_null().to_owned()
}

fn timestamp_null<T: IntoIden>(col: T) -> ColumnDef {
    ColumnDef::new(col).timestamp_with_time_zone().null().to_owned()
}

async fn index(
    manager: &SchemaManager<'_>,
    name: &str,
    table: impl IntoIden,
    cols: Vec<DynIden>,
    unique: bool,
) -> Result<(), DbErr> {
    let mut idx = Index::create().name(name).table(table).to_owned();
    for c in cols {
        idx.col(c);
    }
    if unique {
        idx.unique();
    }
    manager.create_index(idx).await
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(UserAccount::Table)
                    .col(id(UserAccount::Id))
                    .col(ColumnDef::new(UserAccount::Email).string_len(254).not_null())
                    // Lower-cased copy: uniqueness must ignore case on both engines.
                    .col(ColumnDef::new(UserAccount::EmailNormalized).string_len(254).not_null())
                    .col(ColumnDef::new(UserAccount::PasswordHash).string().not_null())
                    .col(ColumnDef::new(UserAccount::Role).string_len(16).not_null())
                    .col(ColumnDef::new(UserAccount::Status).string_len(16).not_null())
                    .col(timestamp(UserAccount::CreatedAt))
                    .col(timestamp(UserAccount::UpdatedAt))
                    .col(timestamp_null(UserAccount::LastLoginAt))
                    .to_owned(),
            )
            .await?;
        index(
            manager,
            "ux_user_account_email",
            UserAccount::Table,
            vec![UserAccount::EmailNormalized.into_iden()],
            true,
        )
        .await?;

        manager
            .create_table(
                Table::create()
                    .table(Session::Table)
                    // SHA-256 of the cookie token: a leaked table does not leak live sessions.
                    .col(ColumnDef::new(Session::Id).string_len(64).not_null().primary_key())
                    .col(ColumnDef::new(Session::UserId).big_integer().not_null())
                    .col(timestamp(Session::CreatedAt))
                    .col(timestamp(Session::LastSeenAt))
                    .col(timestamp(Session::ExpiresAt))
                    .col(ColumnDef::new(Session::Ip).string_len(64).null())
                    .col(ColumnDef::new(Session::UserAgent).string_len(512).null())
                    .foreign_key(
                        ForeignKey::create()
                            .from(Session::Table, Session::UserId)
                            .to(UserAccount::Table, UserAccount::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        index(
            manager,
            "idx_session_user",
            Session::Table,
            vec![Session::UserId.into_iden()],
            false,
        )
        .await?;

        manager
            .create_table(
                Table::create()
                    .table(Producer::Table)
                    .col(id(Producer::Id))
                    .col(ColumnDef::new(Producer::OwnerUserId).big_integer().null())
                    .col(ColumnDef::new(Producer::LegalName).string_len(300).not_null())
                    .col(ColumnDef::new(Producer::NameLatin).string_len(300).not_null())
                    .col(ColumnDef::new(Producer::LegalForm).string_len(40).null())
                    .col(ColumnDef::new(Producer::TaxId).string_len(20).not_null())
                    .col(ColumnDef::new(Producer::CountryCode).string_len(2).not_null())
                    .col(ColumnDef::new(Producer::RegionCode).string_len(6).not_null())
                    .col(ColumnDef::new(Producer::City).string_len(120).not_null())
                    .col(ColumnDef::new(Producer::Address).string_len(300).not_null())
                    .col(ColumnDef::new(Producer::Website).string_len(300).null())
                    .col(ColumnDef::new(Producer::Phone).string_len(40).null())
                    .col(ColumnDef::new(Producer::Email).string_len(254).null())
                    .col(ColumnDef::new(Producer::ShowPhone).boolean().not_null().default(false))
                    .col(ColumnDef::new(Producer::ShowEmail).boolean().not_null().default(false))
                    .col(ColumnDef::new(Producer::YearFounded).integer().null())
                    .col(ColumnDef::new(Producer::Workforce).string_len(16).null())
                    .col(ColumnDef::new(Producer::Description).text().not_null())
                    .col(ColumnDef::new(Producer::Verified).boolean().not_null().default(false))
                    .col(timestamp_null(Producer::VerifiedAt))
                    .col(ColumnDef::new(Producer::VerifiedNote).text().null())
                    .col(ColumnDef::new(Producer::Status).string_len(16).not_null())
                    .col(ColumnDef::new(Producer::StatusReason).text().null())
                    .col(ColumnDef::new(Producer::MergedIntoId).big_integer().null())
                    // Names folded to one Latin spelling, for cross-script search.
                    .col(ColumnDef::new(Producer::SearchText).text().not_null().default(""))
                    .col(timestamp_null(Producer::PublishedAt))
                    .col(timestamp(Producer::CreatedAt))
                    .col(timestamp(Producer::UpdatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Producer::Table, Producer::OwnerUserId)
                            .to(UserAccount::Table, UserAccount::Id)
                            .on_delete(ForeignKeyAction::SetNull),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(Producer::Table, Producer::CountryCode)
                            .to(Country::Table, Country::Code),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(Producer::Table, Producer::RegionCode)
                            .to(Region::Table, Region::Code),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(Producer::Table, Producer::MergedIntoId)
                            .to(Producer::Table, Producer::Id)
                            .on_delete(ForeignKeyAction::SetNull),
                    )
                    .to_owned(),
            )
            .await?;
        index(
            manager,
            "ux_producer_country_tax_id",
            Producer::Table,
            vec![Producer::CountryCode.into_iden(), Producer::TaxId.into_iden()],
            true,
        )
        .await?;
        index(
            manager,
            "idx_producer_status_country_region",
            Producer::Table,
            vec![
                Producer::Status.into_iden(),
                Producer::CountryCode.into_iden(),
                Producer::RegionCode.into_iden(),
            ],
            false,
        )
        .await?;
        index(
            manager,
            "idx_producer_region",
            Producer::Table,
            vec![Producer::RegionCode.into_iden()],
            false,
        )
        .await?;
        index(
            manager,
            "idx_producer_owner",
            Producer::Table,
            vec![Producer::OwnerUserId.into_iden()],
            false,
        )
        .await?;

        manager
            .create_table(
                Table::create()
                    .table(Listing::Table)
                    .col(id(Listing::Id))
                    .col(ColumnDef::new(Listing::ProducerId).big_integer().not_null())
                    .col(ColumnDef::new(Listing::HsCode).string_len(6).not_null())
                    .col(ColumnDef::new(Listing::NationalCode).string_len(10).null())
                    .col(ColumnDef::new(Listing::ProductName).string_len(200).not_null())
                    .col(ColumnDef::new(Listing::Description).text().not_null())
                    .col(ColumnDef::new(Listing::Capacity).double().null())
                    .col(ColumnDef::new(Listing::CapacityUnit).string_len(8).null())
                    .col(ColumnDef::new(Listing::MinOrder).double().null())
                    .col(ColumnDef::new(Listing::MinOrderUnit).string_len(8).null())
                    .col(ColumnDef::new(Listing::LeadTimeDays).integer().null())
                    // Comma-separated ISO 3166-1 alpha-2 codes.
                    .col(
                        ColumnDef::new(Listing::ExportMarkets)
                            .string_len(400)
                            .not_null()
                            .default(""),
                    )
                    .col(ColumnDef::new(Listing::Status).string_len(16).not_null())
                    .col(ColumnDef::new(Listing::StatusReason).text().null())
                    // The product name folded to search tokens: relevance ranks name matches first.
                    .col(ColumnDef::new(Listing::NameKey).string_len(400).not_null().default(""))
                    // Product, company and HS texts folded to Latin search tokens (cross-script).
                    .col(ColumnDef::new(Listing::SearchText).text().not_null().default(""))
                    // Denormalised from the producer and HS tree so catalogue filters and facet
                    // counts read one table: kept in step by the services that change them.
                    .col(ColumnDef::new(Listing::Visible).boolean().not_null().default(false))
                    .col(ColumnDef::new(Listing::CountryCode).string_len(2).not_null())
                    .col(ColumnDef::new(Listing::RegionCode).string_len(6).not_null())
                    .col(ColumnDef::new(Listing::HsSectionId).integer().not_null())
                    .col(ColumnDef::new(Listing::Verified).boolean().not_null().default(false))
                    .col(timestamp_null(Listing::PublishedAt))
                    .col(timestamp(Listing::CreatedAt))
                    .col(timestamp(Listing::UpdatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Listing::Table, Listing::ProducerId)
                            .to(Producer::Table, Producer::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(Listing::Table, Listing::HsCode)
                            .to(HsCode::Table, HsCode::Code),
                    )
                    .to_owned(),
            )
            .await?;
        index(
            manager,
            "idx_listing_producer",
            Listing::Table,
            vec![Listing::ProducerId.into_iden()],
            false,
        )
        .await?;
        // HS prefix filters (`hs_code LIKE '1101%'`) and facet counts use these on both engines.
        index(
            manager,
            "idx_listing_visible_hs",
            Listing::Table,
            vec![Listing::Visible.into_iden(), Listing::HsCode.into_iden()],
            false,
        )
        .await?;
        index(
            manager,
            "idx_listing_visible_country_region",
            Listing::Table,
            vec![
                Listing::Visible.into_iden(),
                Listing::CountryCode.into_iden(),
                Listing::RegionCode.into_iden(),
            ],
            false,
        )
        .await?;
        index(
            manager,
            "idx_listing_visible_section",
            Listing::Table,
            vec![Listing::Visible.into_iden(), Listing::HsSectionId.into_iden()],
            false,
        )
        .await?;
        index(
            manager,
            "idx_listing_status",
            Listing::Table,
            vec![Listing::Status.into_iden()],
            false,
        )
        .await?;

        manager
            .create_table(
                Table::create()
                    .table(Certification::Table)
                    .col(id(Certification::Id))
                    .col(ColumnDef::new(Certification::ProducerId).big_integer().not_null())
                    // Null: the certificate covers the whole company.
                    .col(ColumnDef::new(Certification::ListingId).big_integer().null())
                    .col(ColumnDef::new(Certification::Kind).string_len(16).not_null())
                    .col(ColumnDef::new(Certification::Issuer).string_len(200).not_null())
                    .col(ColumnDef::new(Certification::Number).string_len(100).not_null())
                    .col(ColumnDef::new(Certification::ValidFrom).date().null())
                    .col(ColumnDef::new(Certification::ValidUntil).date().null())
                    .col(timestamp(Certification::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Certification::Table, Certification::ProducerId)
                            .to(Producer::Table, Producer::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(Certification::Table, Certification::ListingId)
                            .to(Listing::Table, Listing::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        index(
            manager,
            "idx_certification_producer",
            Certification::Table,
            vec![Certification::ProducerId.into_iden()],
            false,
        )
        .await?;
        index(
            manager,
            "idx_certification_listing",
            Certification::Table,
            vec![Certification::ListingId.into_iden()],
            false,
        )
        .await?;
        index(
            manager,
            "idx_certification_kind",
            Certification::Table,
            vec![Certification::Kind.into_iden()],
            false,
        )
        .await?;

        manager
            .create_table(
                Table::create()
                    .table(Revision::Table)
                    .col(id(Revision::Id))
                    .col(ColumnDef::new(Revision::TargetKind).string_len(16).not_null())
                    .col(ColumnDef::new(Revision::TargetId).big_integer().not_null())
                    .col(ColumnDef::new(Revision::Proposed).json().not_null())
                    .col(ColumnDef::new(Revision::AuthorUserId).big_integer().null())
                    .col(ColumnDef::new(Revision::Status).string_len(24).not_null())
                    .col(ColumnDef::new(Revision::Reason).text().null())
                    .col(ColumnDef::new(Revision::DecidedBy).big_integer().null())
                    .col(timestamp_null(Revision::DecidedAt))
                    .col(timestamp(Revision::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Revision::Table, Revision::AuthorUserId)
                            .to(UserAccount::Table, UserAccount::Id)
                            .on_delete(ForeignKeyAction::SetNull),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(Revision::Table, Revision::DecidedBy)
                            .to(UserAccount::Table, UserAccount::Id)
                            .on_delete(ForeignKeyAction::SetNull),
                    )
                    .to_owned(),
            )
            .await?;
        index(
            manager,
            "idx_revision_status_target",
            Revision::Table,
            vec![
                Revision::Status.into_iden(),
                Revision::TargetKind.into_iden(),
                Revision::TargetId.into_iden(),
            ],
            false,
        )
        .await?;

        manager
            .create_table(
                Table::create()
                    .table(AuditEvent::Table)
                    .col(id(AuditEvent::Id))
                    // No foreign key: the trail outlives deleted accounts and targets.
                    .col(ColumnDef::new(AuditEvent::ActorUserId).big_integer().null())
                    .col(ColumnDef::new(AuditEvent::Action).string_len(64).not_null())
                    .col(ColumnDef::new(AuditEvent::TargetKind).string_len(16).null())
                    .col(ColumnDef::new(AuditEvent::TargetId).big_integer().null())
                    .col(ColumnDef::new(AuditEvent::Before).json().null())
                    .col(ColumnDef::new(AuditEvent::After).json().null())
                    .col(ColumnDef::new(AuditEvent::Ip).string_len(64).null())
                    .col(timestamp(AuditEvent::CreatedAt))
                    .to_owned(),
            )
            .await?;
        index(
            manager,
            "idx_audit_event_created",
            AuditEvent::Table,
            vec![AuditEvent::CreatedAt.into_iden()],
            false,
        )
        .await?;
        index(
            manager,
            "idx_audit_event_target",
            AuditEvent::Table,
            vec![AuditEvent::TargetKind.into_iden(), AuditEvent::TargetId.into_iden()],
            false,
        )
        .await?;
        index(
            manager,
            "idx_audit_event_actor",
            AuditEvent::Table,
            vec![AuditEvent::ActorUserId.into_iden()],
            false,
        )
        .await?;

        manager
            .create_table(
                Table::create()
                    .table(Inquiry::Table)
                    .col(id(Inquiry::Id))
                    .col(ColumnDef::new(Inquiry::ProducerId).big_integer().not_null())
                    .col(ColumnDef::new(Inquiry::ListingId).big_integer().null())
                    .col(ColumnDef::new(Inquiry::Name).string_len(200).not_null())
                    .col(ColumnDef::new(Inquiry::Email).string_len(254).not_null())
                    .col(ColumnDef::new(Inquiry::Company).string_len(300).null())
                    .col(ColumnDef::new(Inquiry::Message).text().not_null())
                    .col(ColumnDef::new(Inquiry::IsRead).boolean().not_null().default(false))
                    .col(timestamp(Inquiry::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Inquiry::Table, Inquiry::ProducerId)
                            .to(Producer::Table, Producer::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(Inquiry::Table, Inquiry::ListingId)
                            .to(Listing::Table, Listing::Id)
                            .on_delete(ForeignKeyAction::SetNull),
                    )
                    .to_owned(),
            )
            .await?;
        index(
            manager,
            "idx_inquiry_producer",
            Inquiry::Table,
            vec![Inquiry::ProducerId.into_iden()],
            false,
        )
        .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            Inquiry::Table.into_iden(),
            AuditEvent::Table.into_iden(),
            Revision::Table.into_iden(),
            Certification::Table.into_iden(),
            Listing::Table.into_iden(),
            Producer::Table.into_iden(),
            Session::Table.into_iden(),
            UserAccount::Table.into_iden(),
        ] {
            manager.drop_table(Table::drop().table(table).to_owned()).await?;
        }
        Ok(())
    }
}
