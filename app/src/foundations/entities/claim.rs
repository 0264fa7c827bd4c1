use crate::foundations::domain::ClaimStatus;
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "claim")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub producer_id: i64,
    /// The account that asks to manage the company.
    pub user_id: i64,
    /// The claimant's role in the company, in their words.
    pub role: String,
    /// An address at the company's web domain, confirmed by link (or a document instead).
    pub evidence_email: Option<String>,
    /// The uploaded document's own name, the file it is kept as (in the claim documents
    /// folder), and its type (`application/pdf`, `image/jpeg`, `image/png`).
    pub document_name: Option<String>,
    pub document_file: Option<String>,
    pub document_type: Option<String>,
    pub token_hash: Option<String>,
    pub token_expires_at: Option<DateTimeUtc>,
    pub email_confirmed_at: Option<DateTimeUtc>,
    pub status: ClaimStatus,
    pub reason: Option<String>,
    pub decided_by: Option<i64>,
    pub decided_at: Option<DateTimeUtc>,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
