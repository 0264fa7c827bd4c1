use crate::foundations::domain::RfqStatus;
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "rfq")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    /// SHA-256 of the buyer's key (the key itself is only in the buyer's mail).
    pub key_hash: String,
    /// Until when the unconfirmed request can be confirmed; None once confirmed.
    pub key_expires_at: Option<DateTimeUtc>,
    pub buyer_name: String,
    pub buyer_email: String,
    pub buyer_company: Option<String>,
    /// A heading (4 digits) or subheading (6); producers are matched on the heading.
    pub hs_code: String,
    pub product: String,
    pub quantity: f64,
    pub unit: String,
    pub destination: String,
    pub incoterm: String,
    /// The last day quotes are taken.
    pub deadline: Date,
    pub details: String,
    /// "KZ,UZ", or empty for all five countries.
    pub countries: String,
    pub verified_only: bool,
    /// The buyer's interface language when writing: the language of the buyer's mail.
    pub language: String,
    pub status: RfqStatus,
    pub status_reason: Option<String>,
    pub confirmed_at: Option<DateTimeUtc>,
    pub opened_at: Option<DateTimeUtc>,
    pub closed_at: Option<DateTimeUtc>,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
