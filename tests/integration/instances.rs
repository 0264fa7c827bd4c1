//! Two server instances on one database, as behind a load balancer: what is done through one
//! (a suspension, a command-line import, a sign-in) the other serves on its very next request.
//! Each instance has its own caches, search index and clock; only the database is shared.

use crate::helpers::{Backend, TestApp, serve_instance, spawn_app, suspend_producer};
use std::net::SocketAddr;

async fn api_total(at: SocketAddr, query: &str) -> i64 {
    let body: serde_json::Value = reqwest::get(format!("http://{at}/api/v1/listings?{query}"))
        .await
        .expect("instance answers")
        .json()
        .await
        .expect("JSON");
    body["total"].as_i64().unwrap_or_else(|| panic!("{query}: {body}"))
}

async fn status_of(at: SocketAddr, path: &str) -> u16 {
    reqwest::get(format!("http://{at}{path}")).await.expect("instance answers").status().as_u16()
}

async fn text_of(at: SocketAddr, path: &str) -> String {
    reqwest::get(format!("http://{at}{path}"))
        .await
        .expect("instance answers")
        .text()
        .await
        .unwrap()
}

/// The first seeded producer's id and the number of its published listings.
async fn first_producer(app: &TestApp) -> (i64, i64) {
    let id = app.count("SELECT MIN(id) AS n FROM producer WHERE status = 'published'").await;
    let listings = app
        .count(&format!(
            "SELECT COUNT(*) AS n FROM listing WHERE producer_id = {id} AND visible = TRUE"
        ))
        .await;
    (id, listings)
}

crate::on_both_backends!(
    a_suspension_on_one_instance_is_gone_from_the_other_at_once,
    |backend: Backend| async move {
        let a = spawn_app(backend).await;
        server::seed::seed(&a.db, 4, 3, false).await.expect("seed");
        let (b, _) = serve_instance(a.db.clone(), Default::default()).await;
        let (producer, listings) = first_producer(&a).await;
        assert!(listings > 0, "the producer has public listings");
        // B has answered (and cached) everything before the change.
        let all = api_total(b, "").await;
        assert_eq!(status_of(b, &format!("/api/v1/producers/{producer}")).await, 200);
        assert_eq!(status_of(b, &format!("/producers/{producer}")).await, 200);
        let sitemap = text_of(b, "/sitemaps/producers-0.xml").await;
        assert!(sitemap.contains(&format!("/producers/{producer}<")));

        suspend_producer(&a, producer).await; // an administrator on instance A

        assert_eq!(api_total(b, "").await, all - listings, "B's totals drop at once");
        assert_eq!(status_of(b, &format!("/api/v1/producers/{producer}")).await, 404);
        assert_eq!(status_of(b, &format!("/producers/{producer}")).await, 404);
        let sitemap = text_of(b, "/sitemaps/producers-0.xml").await;
        assert!(!sitemap.contains(&format!("/producers/{producer}<")), "gone from B's sitemap");
    }
);

crate::on_both_backends!(
    a_command_line_import_is_found_by_a_serving_instance,
    |backend: Backend| async move {
        let a = spawn_app(backend).await;
        let (b, _) = serve_instance(a.db.clone(), Default::default()).await;
        assert_eq!(api_total(b, "q=saffron").await, 0, "B answered before the import");
        // One file per backend: both variants run at once and each removes its own.
        let file =
            std::env::temp_dir().join(format!("instances-{}-{backend:?}.csv", std::process::id()));
        let header = "tax_id,country,legal_name,name_latin,region,city,address,website,phone,\
                      public_email,year_founded,description,product_name,hs_code,national_code,\
                      description,capacity,capacity_unit,min_order,min_order_unit,lead_time_days,\
                      export_markets,certifications";
        let row = "940140000385,KZ,ТОО «Шафран Дала»,,KZ-19,Конаев,,,,,,,Saffron threads,091020,\
                   ,Dried saffron,2,t,,,,,";
        std::fs::write(&file, format!("{header}\n{row}\n")).expect("write the CSV");
        use clap::Parser;
        let cli = server::cli::Cli::try_parse_from([
            "server",
            "import",
            "producers",
            file.to_str().unwrap(),
        ])
        .expect("import arguments");
        let Some(server::cli::Command::Import(command)) = cli.command else { unreachable!() };
        let imported = server::import_cli::run(&a.db, command).await;
        std::fs::remove_file(&file).ok();
        imported.expect("the import runs");
        assert_eq!(api_total(b, "q=saffron").await, 1, "B finds the imported listing at once");
    }
);

crate::on_both_backends!(
    a_session_started_on_one_instance_works_on_the_other,
    |backend: Backend| async move {
        let a = spawn_app(backend).await;
        let (b, _) = serve_instance(a.db.clone(), Default::default()).await;
        let browser = crate::helpers::browser();
        crate::producers::register(&a, &browser, "mill@example.kz").await; // signed in on A
        // The same browser (cookies are per host, not per port) now reaches instance B.
        let page = browser.get(format!("http://{b}/account")).send().await.expect("B answers");
        assert_eq!(page.status(), 200, "B knows A's session");
        assert!(page.text().await.unwrap().contains("mill@example.kz"));
    }
);
