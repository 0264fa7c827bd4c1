//! A change of email address is confirmed at the new address: the link's token row keeps the
//! address it would set, so nothing changes until the new mailbox has proved it is reachable.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum AccountToken {
    Table,
    NewEmail,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(AccountToken::Table)
                    .add_column(ColumnDef::new(AccountToken::NewEmail).string_len(254).null())
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(AccountToken::Table)
                    .drop_column(AccountToken::NewEmail)
                    .to_owned(),
            )
            .await
    }
}
