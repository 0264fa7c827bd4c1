use crate::foundations::domain::InquiryStatus;
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "inquiry")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub producer_id: i64,
    pub listing_id: Option<i64>,
    pub buyer_name: String,
    pub buyer_email: String,
    pub buyer_company: Option<String>,
    pub buyer_country: Option<String>,
    pub product: Option<String>,
    pub quantity: Option<f64>,
    pub unit: Option<String>,
    pub destination: Option<String>,
    pub message: String,
    /// The buyer's interface language when writing: the language of the mail sent to them.
    pub language: String,
    pub status: InquiryStatus,
    pub token_hash: Option<String>,
    pub token_expires_at: Option<DateTimeUtc>,
    pub confirmed_at: Option<DateTimeUtc>,
    pub reply: Option<String>,
    pub replied_at: Option<DateTimeUtc>,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
