//! What the sitemap lists: the ids of public producers and listings, in id ranges.

use crate::foundations::{
    domain::EntryStatus,
    entities::{listing, producer},
};
use chrono::{DateTime, Utc};
use sea_orm::{
    ColumnTrait, DatabaseConnection, DbErr, EntityTrait, QueryFilter, QueryOrder, QuerySelect,
};

/// The two kinds of public page a sitemap file lists.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PageKind {
    Producers,
    Listings,
}

impl PageKind {
    pub const ALL: [PageKind; 2] = [PageKind::Producers, PageKind::Listings];

    /// The path segment of the public pages and of the sitemap file names.
    pub fn segment(self) -> &'static str {
        match self {
            PageKind::Producers => "producers",
            PageKind::Listings => "listings",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.segment() == s)
    }
}

/// The highest id of a public page of this kind (0 when there is none).
pub async fn max_public_id(db: &DatabaseConnection, kind: PageKind) -> Result<i64, DbErr> {
    let id: Option<i64> = match kind {
        PageKind::Producers => producer::Entity::find()
            .filter(producer::Column::Status.eq(EntryStatus::Published))
            .select_only()
            .column_as(producer::Column::Id.max(), "m")
            .into_tuple()
            .one(db)
            .await?
            .flatten(),
        PageKind::Listings => listing::Entity::find()
            .filter(listing::Column::Visible.eq(true))
            .select_only()
            .column_as(listing::Column::Id.max(), "m")
            .into_tuple()
            .one(db)
            .await?
            .flatten(),
    };
    Ok(id.unwrap_or(0))
}

/// Public pages of this kind with `from <= id < to`, with their last change, by id.
pub async fn public_pages(
    db: &DatabaseConnection,
    kind: PageKind,
    from: i64,
    to: i64,
) -> Result<Vec<(i64, DateTime<Utc>)>, DbErr> {
    match kind {
        PageKind::Producers => {
            producer::Entity::find()
                .filter(producer::Column::Status.eq(EntryStatus::Published))
                .filter(producer::Column::Id.gte(from))
                .filter(producer::Column::Id.lt(to))
                .order_by_asc(producer::Column::Id)
                .select_only()
                .columns([producer::Column::Id, producer::Column::UpdatedAt])
                .into_tuple()
                .all(db)
                .await
        }
        PageKind::Listings => {
            listing::Entity::find()
                .filter(listing::Column::Visible.eq(true))
                .filter(listing::Column::Id.gte(from))
                .filter(listing::Column::Id.lt(to))
                .order_by_asc(listing::Column::Id)
                .select_only()
                .columns([listing::Column::Id, listing::Column::UpdatedAt])
                .into_tuple()
                .all(db)
                .await
        }
    }
}
