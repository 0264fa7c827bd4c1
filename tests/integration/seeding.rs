//! `server seed`: deterministic, valid, covering every country and region.

use crate::helpers::{Backend, count, fresh_database};
use app::foundations::domain::{CountryCode, TaxId};
use sea_orm::{DatabaseConnection, EntityTrait, QueryOrder};

/// Everything a seed produces, in a comparable form.
async fn dump(db: &DatabaseConnection) -> Vec<String> {
    use app::foundations::entities::{certification, listing, producer};
    let mut out = Vec::new();
    for p in producer::Entity::find().order_by_asc(producer::Column::Id).all(db).await.unwrap() {
        out.push(format!("{:?}", p));
    }
    for l in listing::Entity::find().order_by_asc(listing::Column::Id).all(db).await.unwrap() {
        out.push(format!("{:?}", l));
    }
    for c in
        certification::Entity::find().order_by_asc(certification::Column::Id).all(db).await.unwrap()
    {
        out.push(format!("{:?}", c));
    }
    out
}

crate::on_both_backends!(same_seed_gives_the_same_data, |backend: Backend| async move {
    let (a, _ga) = fresh_database(backend).await;
    let (b, _gb) = fresh_database(backend).await;
    let (c, _gc) = fresh_database(backend).await;
    server::seed::seed(&a, 40, 7, false).await.unwrap();
    server::seed::seed(&b, 40, 7, false).await.unwrap();
    server::seed::seed(&c, 40, 8, false).await.unwrap();
    let (da, db_, dc) = (dump(&a).await, dump(&b).await, dump(&c).await);
    assert!(da.len() > 40 * 2, "the seed produced listings");
    assert_eq!(da, db_, "same seed, different data");
    assert_ne!(da, dc, "different seeds gave identical data");
});

crate::on_both_backends!(
    seeded_data_is_valid_and_covers_every_region,
    |backend: Backend| async move {
        let (db, _guard) = fresh_database(backend).await;
        let report = server::seed::seed(&db, 2000, 42, false).await.unwrap();
        assert_eq!(report.producers, 2000);
        assert_eq!(count(&db, "SELECT COUNT(*) AS n FROM producer").await, 2000);
        assert_eq!(count(&db, "SELECT COUNT(DISTINCT country_code) AS n FROM producer").await, 5);
        assert_eq!(count(&db, "SELECT COUNT(DISTINCT region_code) AS n FROM producer").await, 54);
        let listings = count(&db, "SELECT COUNT(*) AS n FROM listing").await;
        assert!(
            (15_000..=25_000).contains(&listings),
            "about ten listings a producer, got {listings}"
        );
        // Denormalised listing columns agree with their sources.
        assert_eq!(
            count(
                &db,
                "SELECT COUNT(*) AS n FROM listing l JOIN producer p ON p.id = l.producer_id \
             JOIN hs_code h ON h.code = l.hs_code \
             WHERE l.country_code <> p.country_code OR l.region_code <> p.region_code \
                OR l.hs_section_id <> h.section_id OR l.verified <> p.verified"
            )
            .await,
            0
        );
        // Regions belong to the producer's country.
        assert_eq!(
            count(
                &db,
                "SELECT COUNT(*) AS n FROM producer p JOIN region r ON r.code = p.region_code \
             WHERE r.country_code <> p.country_code"
            )
            .await,
            0
        );
        // Every generated tax identifier passes the same validation as user input.
        use app::foundations::entities::producer;
        for p in producer::Entity::find().all(&db).await.unwrap() {
            let country = CountryCode::parse(&p.country_code).unwrap();
            TaxId::parse(country, &p.tax_id).unwrap_or_else(|e| panic!("{}: {e}", p.tax_id));
        }
        // Seeding again appends new companies rather than colliding with the first run's.
        server::seed::seed(&db, 10, 42, false).await.expect("a second seed appends");
        assert_eq!(count(&db, "SELECT COUNT(*) AS n FROM producer").await, 2010);
    }
);
