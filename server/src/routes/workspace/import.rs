//! `/account/import`: a producer uploads a CSV of listings (multipart form).

use crate::routes::forms::{app_error, render_page, see_other};
use app::foundations::domain::EntryStatus;
use app::{
    foundations::{
        auth::CurrentUser,
        error::AppError,
        forms::{FormValues, ImportReport, Problem, Rejected},
    },
    state::AppState,
    workspace::services::{company, import},
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
        Ok(Some(p)) if p.status != EntryStatus::Suspended => p,
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
    let opts = import::ImportOptions {
        status: EntryStatus::Submitted,
        valid_only,
        actor: Some(user.id),
        now: state.now(),
    };
    let report = match import::import_listings(&state.db, &producer, &bytes, opts).await {
        Ok(report) => report,
        Err(e) => return app_error(&parts, e.into()),
    };
    if report.file_problem.is_some() || report.imported == 0 && !report.errors.is_empty() {
        return show(&state, parts, report, StatusCode::UNPROCESSABLE_ENTITY).await;
    }
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
