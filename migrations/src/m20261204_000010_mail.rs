//! Mail: the durable outbox every message goes through, single-use account tokens (address
//! checks and password resets, stored hashed), and on each account whether its address is
//! confirmed and the language its mail is written in.
//!
//! Accounts that exist before this migration (seeded, made on the command line, registered
//! earlier) count as confirmed: the column defaults to true and only web registration writes
//! false.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Outbox {
    Table,
    Id,
    ToAddress,
    Subject,
    BodyText,
    BodyHtml,
    Language,
    Kind,
    Attempts,
    NextAttemptAt,
    LastError,
    Status,
    CreatedAt,
    SentAt,
}

#[derive(DeriveIden)]
enum AccountToken {
    Table,
    Id,
    UserId,
    Purpose,
    TokenHash,
    ExpiresAt,
    UsedAt,
    CreatedAt,
}

#[derive(DeriveIden)]
enum UserAccount {
    Table,
    Id,
    EmailConfirmed,
    Locale,
}

fn timestamp<T: IntoIden>(col: T) -> ColumnDef {
    ColumnDef::new(col).timestamp_with_time_zone().not_null().to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Outbox::Table)
                    .col(
                        ColumnDef::new(Outbox::Id)
                            .big_integer()
                            .not_null()
                            .auto_increment()
                            .primary_key(),
                    )
                    .col(ColumnDef::new(Outbox::ToAddress).string_len(254).not_null())
                    .col(ColumnDef::new(Outbox::Subject).string_len(300).not_null())
                    .col(ColumnDef::new(Outbox::BodyText).text().not_null())
                    .col(ColumnDef::new(Outbox::BodyHtml).text().not_null())
                    .col(ColumnDef::new(Outbox::Language).string_len(8).not_null())
                    .col(ColumnDef::new(Outbox::Kind).string_len(40).not_null())
                    .col(ColumnDef::new(Outbox::Attempts).integer().not_null().default(0))
                    .col(timestamp(Outbox::NextAttemptAt))
                    .col(ColumnDef::new(Outbox::LastError).text().null())
                    .col(ColumnDef::new(Outbox::Status).string_len(16).not_null())
                    .col(timestamp(Outbox::CreatedAt))
                    .col(ColumnDef::new(Outbox::SentAt).timestamp_with_time_zone().null())
                    .to_owned(),
            )
            .await?;
        // The sender's question: what is queued and due?
        manager
            .create_index(
                Index::create()
                    .name("idx_outbox_due")
                    .table(Outbox::Table)
                    .col(Outbox::Status)
                    .col(Outbox::NextAttemptAt)
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(AccountToken::Table)
                    .col(
                        ColumnDef::new(AccountToken::Id)
                            .big_integer()
                            .not_null()
                            .auto_increment()
                            .primary_key(),
                    )
                    .col(ColumnDef::new(AccountToken::UserId).big_integer().not_null())
                    .col(ColumnDef::new(AccountToken::Purpose).string_len(24).not_null())
                    // SHA-256 of the token in the link: a leaked table opens no account.
                    .col(ColumnDef::new(AccountToken::TokenHash).string_len(64).not_null())
                    .col(timestamp(AccountToken::ExpiresAt))
                    .col(ColumnDef::new(AccountToken::UsedAt).timestamp_with_time_zone().null())
                    .col(timestamp(AccountToken::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(AccountToken::Table, AccountToken::UserId)
                            .to(UserAccount::Table, UserAccount::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ux_account_token_hash")
                    .table(AccountToken::Table)
                    .col(AccountToken::TokenHash)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_account_token_user")
                    .table(AccountToken::Table)
                    .col(AccountToken::UserId)
                    .to_owned(),
            )
            .await?;

        // One column per statement: SQLite alters one thing at a time.
        manager
            .alter_table(
                Table::alter()
                    .table(UserAccount::Table)
                    .add_column(
                        ColumnDef::new(UserAccount::EmailConfirmed)
                            .boolean()
                            .not_null()
                            .default(true),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(UserAccount::Table)
                    .add_column(ColumnDef::new(UserAccount::Locale).string_len(8).null())
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // Plain SQL: the query builder quotes a dropped SQLite column twice.
        for col in ["locale", "email_confirmed"] {
            manager
                .get_connection()
                .execute_unprepared(&format!("ALTER TABLE user_account DROP COLUMN {col}"))
                .await?;
        }
        manager.drop_table(Table::drop().table(AccountToken::Table).to_owned()).await?;
        manager.drop_table(Table::drop().table(Outbox::Table).to_owned()).await
    }
}
