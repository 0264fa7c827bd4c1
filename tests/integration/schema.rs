//! Migrations, reference data and the constraints the registry relies on.

use crate::helpers::{Backend, count, fresh_database};
use app::foundations::{
    domain::{CountryCode, Email, TaxId},
    entities::{producer, user_account},
};
use sea_orm::{ActiveModelTrait, ActiveValue::Set, DatabaseConnection, DbErr, SqlErr};

/// The unique-constraint violation a failed insert must be, with the engine's own message.
fn unique_violation<T: std::fmt::Debug>(result: Result<T, DbErr>) -> String {
    let err = result.expect_err("the insert was accepted");
    match err.sql_err() {
        Some(SqlErr::UniqueConstraintViolation(message)) => message,
        other => panic!("expected a unique-constraint violation, got {other:?} from {err}"),
    }
}

crate::on_both_backends!(migrations_load_all_reference_data, |backend: Backend| async move {
    let (db, _guard) = fresh_database(backend).await;
    assert_eq!(count(&db, "SELECT COUNT(*) AS n FROM country").await, 5);
    assert_eq!(count(&db, "SELECT COUNT(*) AS n FROM region").await, 54);
    assert_eq!(count(&db, "SELECT COUNT(*) AS n FROM hs_section").await, 21);
    assert_eq!(count(&db, "SELECT COUNT(*) AS n FROM hs_code WHERE level = 2").await, 97);
    assert_eq!(count(&db, "SELECT COUNT(*) AS n FROM hs_code WHERE level = 4").await, 1229);
    assert_eq!(count(&db, "SELECT COUNT(*) AS n FROM hs_code WHERE level = 6").await, 5613);
    // The tree is linked: every heading and subheading has a parent one level up.
    assert_eq!(
        count(
            &db,
            "SELECT COUNT(*) AS n FROM hs_code c JOIN hs_code p ON p.code = c.parent_code \
             WHERE p.level = c.level - 2"
        )
        .await,
        1229 + 5613
    );
    assert_eq!(count(&db, "SELECT COUNT(*) AS n FROM region WHERE country_code = 'KZ'").await, 20);
    // Running the migrations again is a no-op, not an error.
    server::db::migrate(&db).await.expect("migrate is idempotent");
    assert_eq!(count(&db, "SELECT COUNT(*) AS n FROM country").await, 5);
});

async fn insert_user(
    db: &DatabaseConnection,
    email: &str,
) -> Result<user_account::Model, sea_orm::DbErr> {
    let email = Email::parse(email).expect("valid email");
    let now = chrono::Utc::now();
    user_account::ActiveModel {
        email: Set(email.as_str().to_owned()),
        email_normalized: Set(email.as_str().to_lowercase()),
        password_hash: Set("not-a-real-hash".into()),
        role: Set("producer".into()),
        status: Set(app::foundations::domain::AccountStatus::Active),
        created_at: Set(now),
        updated_at: Set(now),
        email_confirmed: Set(true),
        ..Default::default()
    }
    .insert(db)
    .await
}

crate::on_both_backends!(emails_are_unique_whatever_their_case, |backend: Backend| async move {
    let (db, _guard) = fresh_database(backend).await;
    insert_user(&db, "Aigerim@Example.kz").await.expect("first account");
    // Refused by the case-insensitive unique index (SQLite names the column, PostgreSQL the
    // index).
    let message = unique_violation(insert_user(&db, "aigerim@EXAMPLE.KZ").await);
    let names = match backend {
        Backend::Sqlite => "user_account.email_normalized",
        Backend::Postgres => "ux_user_account_email",
    };
    assert!(message.contains(names), "{message}");
    insert_user(&db, "aibek@example.kz").await.expect("another address is fine");
});

async fn insert_producer(
    db: &DatabaseConnection,
    tax_id: &TaxId,
    region: &str,
) -> Result<producer::Model, sea_orm::DbErr> {
    let now = chrono::Utc::now();
    producer::ActiveModel {
        legal_name: Set("ТОО «Тест»".into()),
        name_latin: Set("TOO Test".into()),
        tax_id: Set(tax_id.as_str().to_owned()),
        country_code: Set(tax_id.country().as_str().to_owned()),
        region_code: Set(region.into()),
        city: Set("Костанай".into()),
        address: Set("ул. Абая, 1".into()),
        show_phone: Set(false),
        show_email: Set(false),
        description: Set(String::new()),
        verified: Set(false),
        status: Set(app::foundations::domain::EntryStatus::Draft),
        search_text: Set(String::new()),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await
}

crate::on_both_backends!(tax_ids_are_unique_within_a_country, |backend: Backend| async move {
    let (db, _guard) = fresh_database(backend).await;
    let bin = TaxId::parse(CountryCode::KZ, "940140000385").expect("valid BIN");
    insert_producer(&db, &bin, "KZ-39").await.expect("first producer");
    let message = unique_violation(insert_producer(&db, &bin, "KZ-71").await);
    let names = match backend {
        Backend::Sqlite => "producer.country_code, producer.tax_id",
        Backend::Postgres => "ux_producer_country_tax_id",
    };
    assert!(message.contains(names), "{message}");
    // The same digits are a different identifier in another country.
    let tm = TaxId::parse(CountryCode::TM, "940140000385").expect("valid TM number");
    insert_producer(&db, &tm, "TM-S").await.expect("same digits in Turkmenistan");
});

crate::on_both_backends!(foreign_keys_are_enforced, |backend: Backend| async move {
    let (db, _guard) = fresh_database(backend).await;
    let bin = TaxId::parse(CountryCode::KZ, "950341000052").expect("valid BIN");
    let err = insert_producer(&db, &bin, "XX-99")
        .await
        .expect_err("a producer in an unknown region was accepted");
    match err.sql_err() {
        Some(SqlErr::ForeignKeyConstraintViolation(message)) => {
            // PostgreSQL names the table; SQLite says only "FOREIGN KEY constraint failed".
            if backend == Backend::Postgres {
                assert!(message.contains("\"producer\""), "{message}");
            }
        }
        other => panic!("expected a foreign-key violation, got {other:?} from {err}"),
    }
    // A known region is accepted: the refusal was about the region.
    insert_producer(&db, &bin, "KZ-39").await.expect("a producer in a known region");
});
