//! `/account/import`: a producer uploads a CSV of listings (multipart form).

use crate::routes::forms::{app_error, render_page, see_other};
use app::{
    auth::CurrentUser,
    error::AppError,
    forms::{FormValues, ImportReport, Problem, Rejected},
    services::{company, import},
    state::AppState,
};
use axum::{
    extract::{FromRequest, Multipart, Request, State},
    http::{StatusCode, header},
    response::{IntoResponse, Response},
};

pub async fn template() -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8"),
            (header::CONTENT_DISPOSITION, "attachment; filename=\"listings-template.csv\""),
        ],
        import::template(),
    )
        .into_response()
}

pub async fn upload(State(state): State<AppState>, req: Request) -> Response {
    let (parts, body) = req.into_parts();
    let Some(user) = parts.extensions.get::<CurrentUser>().cloned() else {
        return app_error(&parts, AppError::Unauthorized);
    };
    let producer = match company::own_company(&state.db, user.id).await {
        Ok(Some(p)) if p.status != "suspended" => p,
        Ok(Some(_)) => return app_error(&parts, AppError::Forbidden),
        Ok(None) => {
            let report = ImportReport {
                file_problem: Some(Problem::new("err_company_first")),
                ..Default::default()
            };
            return show(&state, parts, report, StatusCode::CONFLICT).await;
        }
        Err(e) => return app_error(&parts, e.into()),
    };
    let request = Request::from_parts(parts.clone(), body);
    let mut multipart = match Multipart::from_request(request, &()).await {
        Ok(m) => m,
        Err(e) => return app_error(&parts, AppError::BadRequest(e.body_text())),
    };
    let mut file: Option<Vec<u8>> = None;
    let mut valid_only = false;
    let mut too_large = false;
    loop {
        match multipart.next_field().await {
            Ok(Some(mut field)) => match field.name() {
                Some("file") => {
                    let mut bytes = Vec::new();
                    loop {
                        match field.chunk().await {
                            Ok(Some(chunk)) => {
                                if bytes.len() + chunk.len() > import::MAX_BYTES {
                                    too_large = true;
                                    break;
                                }
                                bytes.extend_from_slice(&chunk);
                            }
                            Ok(None) => break,
                            Err(e) => {
                                return app_error(&parts, AppError::BadRequest(e.body_text()));
                            }
                        }
                    }
                    if too_large {
                        break;
                    }
                    file = Some(bytes);
                }
                Some("valid_only") => valid_only = true,
                _ => {}
            },
            Ok(None) => break,
            Err(e) => return app_error(&parts, AppError::BadRequest(e.body_text())),
        }
    }
    let mut report = ImportReport { valid_only, ..Default::default() };
    if too_large {
        report.file_problem = Some(import::FileProblem::TooLarge.problem());
        return show(&state, parts, report, StatusCode::PAYLOAD_TOO_LARGE).await;
    }
    let Some(bytes) = file.filter(|b| !b.is_empty()) else {
        report.file_problem = Some(Problem::new("err_file_required"));
        return show(&state, parts, report, StatusCode::UNPROCESSABLE_ENTITY).await;
    };
    let hs = match import::hs_table(&state.db).await {
        Ok(h) => h,
        Err(e) => return app_error(&parts, e.into()),
    };
    let parsed = match import::parse(&bytes, &[], &hs) {
        Ok(p) => p,
        Err(problem) => {
            report.file_problem = Some(problem.problem());
            return show(&state, parts, report, StatusCode::UNPROCESSABLE_ENTITY).await;
        }
    };
    report.valid = parsed.rows.len();
    report.errors = parsed.errors;
    if !report.errors.is_empty() && !valid_only {
        return show(&state, parts, report, StatusCode::UNPROCESSABLE_ENTITY).await;
    }
    let now = state.now();
    let status = match app::services::recovery::review_status(&state.db, user.id).await {
        Ok(s) => s,
        Err(e) => return app_error(&parts, e.into()),
    };
    match import::insert_rows(&state.db, &producer, &parsed.rows, &hs, status, now).await {
        Ok(n) => report.imported = n,
        Err(e) => return app_error(&parts, e.into()),
    }
    let _ = app::services::audit::record(
        &state.db,
        app::services::audit::Event::new(Some(user.id), "listing.import", "producer", producer.id, now)
            .after(serde_json::json!({ "imported": report.imported, "rejected_rows": report.errors.len() })),
    )
    .await;
    if report.errors.is_empty() {
        return see_other(&format!("/account?done=imported&n={}", report.imported));
    }
    show(&state, parts, report, StatusCode::OK).await
}

async fn show(
    state: &AppState,
    parts: axum::http::request::Parts,
    report: ImportReport,
    status: StatusCode,
) -> Response {
    let mut values = FormValues::default();
    if report.valid_only {
        values.set("valid_only", "on");
    }
    let rejected = Rejected { form: "import".into(), values, errors: Default::default() };
    render_page(state, parts, status, move || {
        leptos::prelude::provide_context(rejected.clone());
        leptos::prelude::provide_context(report.clone());
    })
    .await
}
