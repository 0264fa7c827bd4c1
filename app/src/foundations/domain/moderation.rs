//! What moderators decide, and on what: shared by the administration's services and the mail
//! that tells producers the outcome.

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
/// What a moderator decides on: a company, a listing or an edit waiting for review.
pub enum Target {
    Producer(i64),
    Listing(i64),
    Revision(i64),
}

impl Target {
    pub fn parse(kind: &str, id: i64) -> Option<Target> {
        match kind {
            "producer" => Some(Target::Producer(id)),
            "listing" => Some(Target::Listing(id)),
            "revision" => Some(Target::Revision(id)),
            _ => None,
        }
    }

    pub fn kind(self) -> &'static str {
        match self {
            Target::Producer(_) => "producer",
            Target::Listing(_) => "listing",
            Target::Revision(_) => "revision",
        }
    }

    pub fn id(self) -> i64 {
        match self {
            Target::Producer(id) | Target::Listing(id) | Target::Revision(id) => id,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
/// A moderator's decision.
pub enum Decision {
    Approve,
    Reject(String),
    /// Back to the producer as a draft, with what to change.
    RequestChanges(String),
}

impl Decision {
    /// The audit log's name of the decision.
    pub fn action(&self) -> &'static str {
        match self {
            Decision::Approve => "moderation.approve",
            Decision::Reject(_) => "moderation.reject",
            Decision::RequestChanges(_) => "moderation.request_changes",
        }
    }

    /// What the moderator wrote, for a refusal or a request for changes.
    pub fn reason(&self) -> Option<&str> {
        match self {
            Decision::Approve => None,
            Decision::Reject(r) | Decision::RequestChanges(r) => Some(r.as_str()),
        }
    }
}
