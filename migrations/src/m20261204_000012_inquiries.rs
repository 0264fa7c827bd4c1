//! Inquiries: a buyer writes to one producer from its page. The first schema's `inquiry` table
//! was never used (no row can exist): it is replaced by one that holds the whole exchange — who
//! wrote, about what, the address check before delivery, and the producer's reply. The outbox
//! gains a Reply-To, so a producer's answer reaches the buyer from the registry's address while
//! the buyer's "Reply" goes to the producer.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Inquiry {
    Table,
    Id,
    ProducerId,
    ListingId,
    BuyerName,
    BuyerEmail,
    BuyerCompany,
    BuyerCountry,
    Product,
    Quantity,
    Unit,
    Destination,
    Message,
    Language,
    Status,
    TokenHash,
    TokenExpiresAt,
    ConfirmedAt,
    Reply,
    RepliedAt,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Producer {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Listing {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Outbox {
    Table,
    ReplyTo,
}

fn text(col: Inquiry, len: u32) -> ColumnDef {
    ColumnDef::new(col).string_len(len).null().to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(Inquiry::Table).if_exists().to_owned()).await?;
        manager
            .create_table(
                Table::create()
                    .table(Inquiry::Table)
                    .col(
                        ColumnDef::new(Inquiry::Id)
                            .big_integer()
                            .not_null()
                            .auto_increment()
                            .primary_key(),
                    )
                    .col(ColumnDef::new(Inquiry::ProducerId).big_integer().not_null())
                    .col(ColumnDef::new(Inquiry::ListingId).big_integer().null())
                    .col(ColumnDef::new(Inquiry::BuyerName).string_len(200).not_null())
                    .col(ColumnDef::new(Inquiry::BuyerEmail).string_len(254).not_null())
                    .col(text(Inquiry::BuyerCompany, 300))
                    .col(text(Inquiry::BuyerCountry, 100))
                    .col(text(Inquiry::Product, 300))
                    .col(ColumnDef::new(Inquiry::Quantity).double().null())
                    .col(text(Inquiry::Unit, 16))
                    .col(text(Inquiry::Destination, 100))
                    .col(ColumnDef::new(Inquiry::Message).text().not_null())
                    .col(ColumnDef::new(Inquiry::Language).string_len(8).not_null())
                    .col(ColumnDef::new(Inquiry::Status).string_len(16).not_null())
                    // SHA-256 of the address-check token, cleared once the link is used.
                    .col(text(Inquiry::TokenHash, 64))
                    .col(ColumnDef::new(Inquiry::TokenExpiresAt).timestamp_with_time_zone().null())
                    .col(ColumnDef::new(Inquiry::ConfirmedAt).timestamp_with_time_zone().null())
                    .col(ColumnDef::new(Inquiry::Reply).text().null())
                    .col(ColumnDef::new(Inquiry::RepliedAt).timestamp_with_time_zone().null())
                    .col(ColumnDef::new(Inquiry::CreatedAt).timestamp_with_time_zone().not_null())
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
        manager
            .create_index(
                Index::create()
                    .name("idx_inquiry_producer_status")
                    .table(Inquiry::Table)
                    .col(Inquiry::ProducerId)
                    .col(Inquiry::Status)
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ux_inquiry_token_hash")
                    .table(Inquiry::Table)
                    .col(Inquiry::TokenHash)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Outbox::Table)
                    .add_column(ColumnDef::new(Outbox::ReplyTo).string_len(254).null())
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter().table(Outbox::Table).drop_column(Outbox::ReplyTo).to_owned(),
            )
            .await?;
        manager.drop_table(Table::drop().table(Inquiry::Table).to_owned()).await?;
        // The first schema's `down` drops a table of this name: leave it one (it held no rows).
        manager
            .create_table(
                Table::create()
                    .table(Inquiry::Table)
                    .col(ColumnDef::new(Inquiry::Id).big_integer().not_null().primary_key())
                    .to_owned(),
            )
            .await
    }
}
