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
    workspace::services::import,
};
use axum::{
    body::Body,
    extract::{FromRequest, Multipart, Request, State},
    http::{StatusCode, header, request::Parts},
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
    let producer = match import::uploaders_company(&state.db, user.id).await {
        Ok(Some(p)) => p,
        Ok(None) => {
            let report = file_problem(false, Problem::new("err_company_first"));
            return show(&state, parts, report, StatusCode::CONFLICT).await;
        }
        Err(e) => return app_error(&parts, e),
    };
    let upload = match Upload::read(&parts, body).await {
        Ok(upload) => upload,
        Err(e) => return app_error(&parts, e),
    };
    let (valid_only, status) = (upload.valid_only, StatusCode::UNPROCESSABLE_ENTITY);
    let bytes = match upload.file {
        Some(FileField::TooLarge) => {
            let report = file_problem(valid_only, import::FileProblem::TooLarge.problem());
            return show(&state, parts, report, StatusCode::PAYLOAD_TOO_LARGE).await;
        }
        Some(FileField::Bytes(bytes)) if !bytes.is_empty() => bytes,
        _ => {
            let report = file_problem(valid_only, Problem::new("err_file_required"));
            return show(&state, parts, report, status).await;
        }
    };
    let opts = import::ImportOptions {
        status: EntryStatus::Submitted,
        valid_only,
        actor: Some(user.id),
        now: state.now(),
    };
    match import::import_listings(&state.db, &producer, &bytes, opts).await {
        Err(e) => app_error(&parts, e.into()),
        Ok(r) if r.file_problem.is_some() || r.imported == 0 && !r.errors.is_empty() => {
            show(&state, parts, r, status).await
        }
        Ok(r) if r.errors.is_empty() => {
            see_other(&format!("/account?done=imported&n={}", r.imported))
        }
        Ok(r) => show(&state, parts, r, StatusCode::OK).await,
    }
}

fn file_problem(valid_only: bool, problem: Problem) -> ImportReport {
    ImportReport { valid_only, file_problem: Some(problem), ..Default::default() }
}

/// The file field of the upload: its bytes, or that it passed `import::MAX_BYTES` (reading
/// stopped there).
enum FileField {
    Bytes(Vec<u8>),
    TooLarge,
}

/// The upload form's fields (multipart): the CSV file and "import the valid rows only".
struct Upload {
    file: Option<FileField>,
    valid_only: bool,
}

impl Upload {
    async fn read(parts: &Parts, body: Body) -> Result<Upload, AppError> {
        let bad = |e: axum::extract::multipart::MultipartError| AppError::BadRequest(e.body_text());
        let request = Request::from_parts(parts.clone(), body);
        let mut multipart = Multipart::from_request(request, &())
            .await
            .map_err(|e| AppError::BadRequest(e.body_text()))?;
        let mut upload = Upload { file: None, valid_only: false };
        while let Some(mut field) = multipart.next_field().await.map_err(bad)? {
            match field.name() {
                Some("file") => {
                    let mut bytes = Vec::new();
                    while let Some(chunk) = field.chunk().await.map_err(bad)? {
                        if bytes.len() + chunk.len() > import::MAX_BYTES {
                            upload.file = Some(FileField::TooLarge);
                            return Ok(upload);
                        }
                        bytes.extend_from_slice(&chunk);
                    }
                    upload.file = Some(FileField::Bytes(bytes));
                }
                Some("valid_only") => upload.valid_only = true,
                _ => {}
            }
        }
        Ok(upload)
    }
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
