use sea_orm::entity::prelude::*;

/// A producer a request was sent to, and its quote once given (all quote fields together).
#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "rfq_recipient")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub rfq_id: i64,
    #[sea_orm(primary_key, auto_increment = false)]
    pub producer_id: i64,
    pub price: Option<f64>,
    pub currency: Option<String>,
    pub unit: Option<String>,
    pub lead_time_days: Option<i32>,
    pub valid_until: Option<Date>,
    pub note: Option<String>,
    pub quoted_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
