//! Migrations, reference data and the constraints the registry relies on.

use crate::helpers::{Backend, count, fresh_database};
use app::{
    domain::{CountryCode, Email, TaxId},
    entities::{producer, user_account},
};
use sea_orm::{ActiveModelTrait, ActiveValue::Set, DatabaseConnection};

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
        status: Set("active".into()),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await
}

crate::on_both_backends!(emails_are_unique_whatever_their_case, |backend: Backend| async move {
    let (db, _guard) = fresh_database(backend).await;
    insert_user(&db, "Aigerim@Example.kz").await.expect("first account");
    let again = insert_user(&db, "aigerim@EXAMPLE.KZ").await;
    assert!(again.is_err(), "a second account with the same email in other case was accepted");
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
        status: Set("draft".into()),
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
    assert!(
        insert_producer(&db, &bin, "KZ-71").await.is_err(),
        "the same BIN was accepted twice in Kazakhstan"
    );
    // The same digits are a different identifier in another country.
    let tm = TaxId::parse(CountryCode::TM, "940140000385").expect("valid TM number");
    insert_producer(&db, &tm, "TM-S").await.expect("same digits in Turkmenistan");
});

crate::on_both_backends!(foreign_keys_are_enforced, |backend: Backend| async move {
    let (db, _guard) = fresh_database(backend).await;
    let bin = TaxId::parse(CountryCode::KZ, "950341000052").expect("valid BIN");
    assert!(
        insert_producer(&db, &bin, "XX-99").await.is_err(),
        "a producer in an unknown region was accepted"
    );
});
