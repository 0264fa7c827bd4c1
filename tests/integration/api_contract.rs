//! The OpenAPI document says what the server does: declared limits and value lists are the
//! parser's, requests the document allows are answered, others are refused with a 4xx, and
//! methods the document does not list answer 405 with `Allow`.

use crate::helpers::{Backend, spawn_app};
use crate::on_both_backends;
use serde_json::Value;

fn param<'a>(doc: &'a Value, path: &str, name: &str) -> &'a Value {
    doc["paths"][path]["get"]["parameters"]
        .as_array()
        .unwrap_or_else(|| panic!("{path} has parameters"))
        .iter()
        .find(|p| p["name"] == name)
        .unwrap_or_else(|| panic!("{path} declares {name}"))
}

/// A schema's enum values, wherever utoipa put them (inline, under `items`, or in `oneOf`).
fn enum_values(schema: &Value) -> Vec<String> {
    let mut out = Vec::new();
    let mut stack = vec![schema];
    while let Some(s) = stack.pop() {
        if let Some(values) = s["enum"].as_array() {
            out.extend(values.iter().filter_map(|v| v.as_str().map(str::to_owned)));
        }
        for key in ["items", "oneOf", "anyOf", "allOf"] {
            match &s[key] {
                Value::Array(a) => stack.extend(a.iter()),
                Value::Object(_) => stack.push(&s[key]),
                _ => {}
            }
        }
    }
    out.sort();
    out
}

fn types(schema: &Value) -> String {
    schema["type"].to_string()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_document_declares_the_parsers_limits_and_values() {
    let app = spawn_app(Backend::Sqlite).await;
    let doc: Value = app.get("/api/v1/openapi.json").await.json().await.unwrap();
    for path in ["/api/v1/listings", "/api/v1/producers", "/api/v1/listings.csv"] {
        let page = &param(&doc, path, "page")["schema"];
        assert_eq!((page["minimum"].as_i64(), page["maximum"].as_i64()), (Some(1), Some(500)));
        let per_page = &param(&doc, path, "per_page")["schema"];
        assert_eq!(
            (per_page["minimum"].as_i64(), per_page["maximum"].as_i64()),
            (Some(1), Some(100))
        );
        assert_eq!(
            enum_values(&param(&doc, path, "country")["schema"]),
            ["KG", "KZ", "TJ", "TM", "UZ"]
        );
        assert_eq!(
            enum_values(&param(&doc, path, "sort")["schema"]),
            ["name", "newest", "relevance"]
        );
        assert_eq!(
            enum_values(&param(&doc, path, "cert")["schema"]),
            ["gost", "haccp", "halal", "iso22000", "iso9001", "organic", "other"]
        );
        let verified = &param(&doc, path, "verified")["schema"];
        assert!(types(verified).contains("boolean"), "verified is a boolean: {verified}");
        let responses = &doc["paths"][path]["get"]["responses"];
        assert!(responses["429"].is_object(), "{path} declares 429");
    }
    assert_eq!(
        enum_values(&param(&doc, "/api/v1/regions", "country")["schema"]),
        ["KG", "KZ", "TJ", "TM", "UZ"]
    );
}

on_both_backends!(
    requests_the_document_allows_are_answered_others_refused,
    |backend: Backend| async move {
        let app = spawn_app(backend).await;
        for ok in [
            "/api/v1/listings?verified=true",
            "/api/v1/listings?verified=false",
            "/api/v1/listings?country=KZ&country=UZ&sort=name&cert=halal&page=500&per_page=100",
            "/api/v1/producers?section=XXI&sort=newest&page=1&per_page=1",
            "/api/v1/listings.csv?country=TM&verified=true",
            "/api/v1/regions?country=TJ",
        ] {
            assert_eq!(app.get(ok).await.status(), 200, "{ok}");
        }
        for (bad, param) in [
            // An array where one value is declared.
            ("/api/v1/listings?verified=true&verified=false", "verified"),
            ("/api/v1/listings?page=1&page=2", "page"),
            ("/api/v1/listings.csv?sort=name&sort=name", "sort"),
            // Empty values of typed parameters.
            ("/api/v1/listings?page=", "page"),
            ("/api/v1/producers?country=", "country"),
            ("/api/v1/listings?verified=maybe", "verified"),
            ("/api/v1/listings?page=501", "page"),
            ("/api/v1/listings?per_page=0", "per_page"),
            ("/api/v1/listings?sort=price", "sort"),
        ] {
            let r = app.get(bad).await;
            assert_eq!(r.status(), 400, "{bad}");
            let body: Value = r.json().await.unwrap();
            assert!(
                body["problems"].as_array().unwrap().iter().any(|p| p["param"] == param),
                "{bad}: {body}"
            );
        }
        assert_eq!(app.get("/api/v1/regions?country=").await.status(), 400);
        let r = app.get("/api/v1/regions?country=KZ&country=UZ").await;
        assert_eq!(r.status(), 400);
        let body: Value = r.json().await.expect("a repeated country is refused in JSON");
        assert!(body["error"].as_str().unwrap().contains("country"));
        // A region of another country is allowed by the document: it matches nothing.
        let r = app.get("/api/v1/listings?country=KZ&region=UZ-TO").await;
        assert_eq!(r.status(), 200);
        assert_eq!(r.json::<Value>().await.unwrap()["total"], 0);
        // The search page stays forgiving: an empty or repeated field is what browsers send.
        assert_eq!(app.get("/search?page=&verified=1&verified=1").await.status(), 200);
    }
);

on_both_backends!(
    undeclared_methods_on_api_paths_answer_405_with_allow,
    |backend: Backend| async move {
        let app = spawn_app(backend).await;
        for path in
            ["/api/v1/listings", "/api/v1/producers/1", "/api/v1/regions", "/api/v1/openapi.json"]
        {
            for method in [
                reqwest::Method::POST,
                reqwest::Method::PUT,
                reqwest::Method::DELETE,
                reqwest::Method::PATCH,
            ] {
                // With and without a browser's Origin: neither is a cross-site form post here.
                for origin in [None, Some("https://evil.example")] {
                    let mut request = app.client.request(method.clone(), app.url(path));
                    if let Some(o) = origin {
                        request = request.header("origin", o);
                    }
                    let r = request.send().await.unwrap();
                    assert_eq!(r.status(), 405, "{method} {path} from {origin:?}");
                    let allow = r.headers().get("allow").map(|v| v.to_str().unwrap().to_owned());
                    assert!(
                        allow.as_deref().is_some_and(|a| a.contains("GET")),
                        "{method} {path}: Allow {allow:?}"
                    );
                }
            }
        }
        // Forms elsewhere keep the same-origin rule.
        let r = app
            .client
            .post(app.url("/login"))
            .header("origin", "https://evil.example")
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 403);
    }
);
