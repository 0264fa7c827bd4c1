//! Requests for quotation: a buyer asks every producer of one HS heading at once. `rfq` holds
//! the request and the buyer's private key (hashed: the page of quotes opens only with the
//! link mailed to the buyer); `rfq_recipient` holds the producers it was sent to, frozen when it
//! opened, each with its own quote once given (a producer reads only its own row).

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Rfq {
    Table,
    Id,
    KeyHash,
    KeyExpiresAt,
    BuyerName,
    BuyerEmail,
    BuyerCompany,
    HsCode,
    Product,
    Quantity,
    Unit,
    Destination,
    Incoterm,
    Deadline,
    Details,
    Countries,
    VerifiedOnly,
    Language,
    Status,
    StatusReason,
    ConfirmedAt,
    OpenedAt,
    ClosedAt,
    CreatedAt,
}

#[derive(DeriveIden)]
enum RfqRecipient {
    Table,
    RfqId,
    ProducerId,
    Price,
    Currency,
    Unit,
    LeadTimeDays,
    ValidUntil,
    Note,
    QuotedAt,
}

#[derive(DeriveIden)]
enum Producer {
    Table,
    Id,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Rfq::Table)
                    .col(
                        ColumnDef::new(Rfq::Id)
                            .big_integer()
                            .not_null()
                            .auto_increment()
                            .primary_key(),
                    )
                    // SHA-256 of the buyer's key: it confirms the address and opens the quotes.
                    .col(ColumnDef::new(Rfq::KeyHash).string_len(64).not_null())
                    .col(ColumnDef::new(Rfq::KeyExpiresAt).timestamp_with_time_zone().null())
                    .col(ColumnDef::new(Rfq::BuyerName).string_len(200).not_null())
                    .col(ColumnDef::new(Rfq::BuyerEmail).string_len(254).not_null())
                    .col(ColumnDef::new(Rfq::BuyerCompany).string_len(300).null())
                    .col(ColumnDef::new(Rfq::HsCode).string_len(6).not_null())
                    .col(ColumnDef::new(Rfq::Product).string_len(300).not_null())
                    .col(ColumnDef::new(Rfq::Quantity).double().not_null())
                    .col(ColumnDef::new(Rfq::Unit).string_len(16).not_null())
                    .col(ColumnDef::new(Rfq::Destination).string_len(100).not_null())
                    .col(ColumnDef::new(Rfq::Incoterm).string_len(3).not_null())
                    .col(ColumnDef::new(Rfq::Deadline).date().not_null())
                    .col(ColumnDef::new(Rfq::Details).text().not_null())
                    // "KZ,UZ": the countries the buyer limited it to; empty for all five.
                    .col(ColumnDef::new(Rfq::Countries).string_len(32).not_null())
                    .col(ColumnDef::new(Rfq::VerifiedOnly).boolean().not_null())
                    .col(ColumnDef::new(Rfq::Language).string_len(8).not_null())
                    .col(ColumnDef::new(Rfq::Status).string_len(16).not_null())
                    .col(ColumnDef::new(Rfq::StatusReason).text().null())
                    .col(ColumnDef::new(Rfq::ConfirmedAt).timestamp_with_time_zone().null())
                    .col(ColumnDef::new(Rfq::OpenedAt).timestamp_with_time_zone().null())
                    .col(ColumnDef::new(Rfq::ClosedAt).timestamp_with_time_zone().null())
                    .col(ColumnDef::new(Rfq::CreatedAt).timestamp_with_time_zone().not_null())
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ux_rfq_key_hash")
                    .table(Rfq::Table)
                    .col(Rfq::KeyHash)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_rfq_status")
                    .table(Rfq::Table)
                    .col(Rfq::Status)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(RfqRecipient::Table)
                    .col(ColumnDef::new(RfqRecipient::RfqId).big_integer().not_null())
                    .col(ColumnDef::new(RfqRecipient::ProducerId).big_integer().not_null())
                    .col(ColumnDef::new(RfqRecipient::Price).double().null())
                    .col(ColumnDef::new(RfqRecipient::Currency).string_len(3).null())
                    .col(ColumnDef::new(RfqRecipient::Unit).string_len(16).null())
                    .col(ColumnDef::new(RfqRecipient::LeadTimeDays).integer().null())
                    .col(ColumnDef::new(RfqRecipient::ValidUntil).date().null())
                    .col(ColumnDef::new(RfqRecipient::Note).text().null())
                    .col(ColumnDef::new(RfqRecipient::QuotedAt).timestamp_with_time_zone().null())
                    .primary_key(
                        Index::create().col(RfqRecipient::RfqId).col(RfqRecipient::ProducerId),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(RfqRecipient::Table, RfqRecipient::RfqId)
                            .to(Rfq::Table, Rfq::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(RfqRecipient::Table, RfqRecipient::ProducerId)
                            .to(Producer::Table, Producer::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_rfq_recipient_producer")
                    .table(RfqRecipient::Table)
                    .col(RfqRecipient::ProducerId)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(RfqRecipient::Table).to_owned()).await?;
        manager.drop_table(Table::drop().table(Rfq::Table).to_owned()).await
    }
}
