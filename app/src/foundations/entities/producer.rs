use crate::foundations::domain::EntryStatus;
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel, serde::Serialize)]
#[sea_orm(table_name = "producer")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub owner_user_id: Option<i64>,
    pub legal_name: String,
    pub name_latin: String,
    pub legal_form: Option<String>,
    pub tax_id: String,
    pub country_code: String,
    pub region_code: String,
    pub city: String,
    pub address: String,
    pub website: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub show_phone: bool,
    pub show_email: bool,
    pub year_founded: Option<i32>,
    pub workforce: Option<String>,
    pub description: String,
    pub verified: bool,
    pub verified_at: Option<DateTimeUtc>,
    pub verified_note: Option<String>,
    pub status: EntryStatus,
    pub status_reason: Option<String>,
    pub merged_into_id: Option<i64>,
    pub search_text: String,
    pub published_at: Option<DateTimeUtc>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    /// Bumped by every edit of the content; decisions name the version they were shown.
    pub version: i64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
