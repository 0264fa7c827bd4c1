//! The public catalogue's generation: what cached counts and indexes are valid for.

use sea_orm::{ConnectionTrait, DbErr, FromQueryResult, Statement};

/// The generation of the public catalogue, kept in the database (`catalogue_state`) so that
/// every process serving it agrees: cached counts and indexes of an older generation are never
/// served, whichever instance or command made the change.
pub async fn catalogue_generation(db: &impl ConnectionTrait) -> Result<u64, DbErr> {
    #[derive(FromQueryResult)]
    struct Row {
        generation: i64,
    }
    let row = Row::find_by_statement(Statement::from_string(
        db.get_database_backend(),
        "SELECT generation FROM catalogue_state WHERE id = 1",
    ))
    .one(db)
    .await?;
    Ok(row.map_or(0, |r| r.generation as u64))
}

/// Records that what the public catalogue shows changed (a decision, a withdrawal, a
/// suspension, an import). Call it inside the transaction that makes the change.
pub async fn catalogue_changed(db: &impl ConnectionTrait) -> Result<(), DbErr> {
    db.execute_unprepared("UPDATE catalogue_state SET generation = generation + 1 WHERE id = 1")
        .await?;
    Ok(())
}
