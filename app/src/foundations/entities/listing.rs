use crate::foundations::domain::EntryStatus;
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel, serde::Serialize)]
#[sea_orm(table_name = "listing")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub producer_id: i64,
    pub hs_code: String,
    pub national_code: Option<String>,
    pub product_name: String,
    pub description: String,
    pub capacity: Option<f64>,
    pub capacity_unit: Option<String>,
    pub min_order: Option<f64>,
    pub min_order_unit: Option<String>,
    pub lead_time_days: Option<i32>,
    pub export_markets: String,
    pub status: EntryStatus,
    pub status_reason: Option<String>,
    pub name_key: String,
    pub search_text: String,
    pub visible: bool,
    pub country_code: String,
    pub region_code: String,
    pub hs_section_id: i32,
    pub verified: bool,
    pub published_at: Option<DateTimeUtc>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    /// Bumped by every edit of the content; decisions name the version they were shown.
    pub version: i64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
