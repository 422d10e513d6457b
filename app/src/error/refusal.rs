//! Every refusal the server answers with, worded once in both interface
//! languages (`locales/*/errors.json`) and in the reader's language when
//! the error is made.

use super::AppError;
use crate::i18n::td_string;
use crate::layout::{locale_of, reader_language};
use shared::{StandardField, UiLanguage};

/// A request the server turns down, with what the words need.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    // 403: the role or workspace does not allow it.
    NotMember,
    NoWorkspace,
    CrossSite,
    OwnersManageTokens,
    /// Some of the contacts to delete are not the agent's own.
    DeleteOthers {
        others: u64,
        count: u64,
        reason: shared::permissions::Refused,
    },
    // 409: the request collides with the current state.
    StaleVersion,
    MergeChanged {
        name: String,
    },
    MergedMeanwhile {
        name: String,
    },
    BlockedNotMerged {
        name: String,
    },
    CheckBeforeImport,
    ImportStarted,
    CheckToSeeErrors,
    SendToBlocked,
    AddressTaken,
    AlreadyBlocked,
    NotBlocked,
    // 429: too many attempts.
    SignInWait {
        seconds: i64,
    },
    SignInBusy,
    // 422: bad input in a named field.
    UnreadableRequest {
        excerpt: String,
    },
    PickTag,
    TooManyIds {
        max: usize,
    },
    ChooseMember,
    UseEditName(StandardField),
    NotEditable(StandardField),
    CountMissing,
    IdsInvalid,
    FieldNotMergeable {
        field: String,
    },
    PickMergedValue {
        field: String,
    },
    SendVersions,
    PageAddress,
    Unreachable,
    NoAddress,
    ChooseEncoding,
    File(FileProblem),
}

/// What is wrong with an uploaded CSV file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileProblem {
    CutOff,
    TooLarge,
    Unreadable,
    Empty,
    TooManyColumns { max: usize },
    TooManyRows { max: u64 },
    NoRows,
    NotUtf8 { line: Option<u64> },
    NotCsv { line: Option<u64> },
}

impl Refusal {
    /// How the refusal is answered: its status, and for bad input the
    /// field it is about, named in `language`.
    fn kind(&self, language: UiLanguage) -> Kind {
        let locale = locale_of(language);
        let named = |field: StandardField| {
            Kind::Invalid(crate::wording::field_label_in(locale, field).to_owned())
        };
        let invalid = |field: &str| Kind::Invalid(field.to_owned());
        match self {
            Refusal::NotMember
            | Refusal::NoWorkspace
            | Refusal::CrossSite
            | Refusal::OwnersManageTokens
            | Refusal::DeleteOthers { .. } => Kind::Forbidden,
            Refusal::StaleVersion
            | Refusal::MergeChanged { .. }
            | Refusal::MergedMeanwhile { .. }
            | Refusal::BlockedNotMerged { .. }
            | Refusal::CheckBeforeImport
            | Refusal::ImportStarted
            | Refusal::CheckToSeeErrors
            | Refusal::SendToBlocked
            | Refusal::AddressTaken
            | Refusal::AlreadyBlocked
            | Refusal::NotBlocked => Kind::Conflict,
            Refusal::SignInWait { .. } | Refusal::SignInBusy => Kind::TooManyRequests,
            Refusal::UnreadableRequest { .. } => invalid(td_string!(locale, errors.fields.request)),
            Refusal::PickTag => invalid(td_string!(locale, errors.fields.tags)),
            Refusal::TooManyIds { .. } | Refusal::CountMissing | Refusal::IdsInvalid => {
                invalid(td_string!(locale, errors.fields.selection))
            }
            Refusal::ChooseMember => named(StandardField::Assignee),
            Refusal::UseEditName(field) | Refusal::NotEditable(field) => named(*field),
            Refusal::FieldNotMergeable { field } | Refusal::PickMergedValue { field } => {
                invalid(field)
            }
            Refusal::SendVersions => invalid(td_string!(locale, errors.fields.contacts)),
            Refusal::PageAddress => invalid(td_string!(locale, errors.fields.page)),
            Refusal::Unreachable | Refusal::NoAddress => {
                invalid(td_string!(locale, errors.fields.channel))
            }
            Refusal::ChooseEncoding => invalid(td_string!(locale, errors.fields.encoding)),
            Refusal::File(_) => invalid(td_string!(locale, errors.fields.file)),
        }
    }

    /// What the reader is told, in `language`.
    pub fn words(&self, language: UiLanguage) -> String {
        let locale = locale_of(language);
        match self {
            Refusal::NotMember => td_string!(locale, errors.not_member).into(),
            Refusal::NoWorkspace => td_string!(locale, errors.no_workspace).into(),
            Refusal::CrossSite => td_string!(locale, errors.cross_site).into(),
            Refusal::OwnersManageTokens => td_string!(locale, errors.owners_manage_tokens).into(),
            Refusal::DeleteOthers {
                others,
                count,
                reason,
            } => td_string!(
                locale,
                errors.delete_others,
                others = language.count(*others),
                count = language.count(*count),
                reason = reason.reason(language),
            )
            .to_string(),
            Refusal::StaleVersion => td_string!(locale, errors.stale_version).into(),
            Refusal::MergeChanged { name } => {
                td_string!(locale, errors.merge_changed, name = name).to_string()
            }
            Refusal::MergedMeanwhile { name } => {
                td_string!(locale, errors.merged_meanwhile, name = name).to_string()
            }
            Refusal::BlockedNotMerged { name } => {
                td_string!(locale, errors.blocked_not_merged, name = name).to_string()
            }
            Refusal::CheckBeforeImport => td_string!(locale, errors.check_before_import).into(),
            Refusal::ImportStarted => td_string!(locale, errors.import_started).into(),
            Refusal::CheckToSeeErrors => td_string!(locale, errors.check_to_see_errors).into(),
            Refusal::SendToBlocked => td_string!(locale, errors.send_to_blocked).into(),
            Refusal::AddressTaken => td_string!(locale, errors.address_taken).into(),
            Refusal::AlreadyBlocked => td_string!(locale, errors.already_blocked).into(),
            Refusal::NotBlocked => td_string!(locale, errors.not_blocked).into(),
            Refusal::SignInWait { seconds } if *seconds <= 60 => {
                td_string!(locale, errors.sign_in_wait_seconds, wait = seconds).to_string()
            }
            Refusal::SignInWait { seconds } => {
                let minutes = (seconds + 59) / 60;
                td_string!(locale, errors.sign_in_wait_minutes, wait = minutes).to_string()
            }
            Refusal::SignInBusy => td_string!(locale, errors.sign_in_busy).into(),
            Refusal::UnreadableRequest { excerpt } => {
                td_string!(locale, errors.unreadable_request, excerpt = excerpt).to_string()
            }
            Refusal::PickTag => td_string!(locale, errors.pick_tag).into(),
            Refusal::TooManyIds { max } => {
                td_string!(locale, errors.too_many_ids, max = max).to_string()
            }
            Refusal::ChooseMember => td_string!(locale, errors.choose_member).into(),
            Refusal::UseEditName(_) => td_string!(locale, errors.use_edit_name).into(),
            Refusal::NotEditable(_) => td_string!(locale, errors.not_editable).into(),
            Refusal::CountMissing => td_string!(locale, errors.count_missing).into(),
            Refusal::IdsInvalid => td_string!(locale, errors.ids_invalid).into(),
            Refusal::FieldNotMergeable { .. } => {
                td_string!(locale, errors.field_not_mergeable).into()
            }
            Refusal::PickMergedValue { .. } => td_string!(locale, errors.pick_merged_value).into(),
            Refusal::SendVersions => td_string!(locale, errors.send_versions).into(),
            Refusal::PageAddress => td_string!(locale, errors.page_address).into(),
            Refusal::Unreachable => td_string!(locale, errors.unreachable).into(),
            Refusal::NoAddress => td_string!(locale, errors.no_address).into(),
            Refusal::ChooseEncoding => td_string!(locale, errors.choose_encoding).into(),
            Refusal::File(problem) => problem.words(language),
        }
    }
}

impl FileProblem {
    fn words(self, language: UiLanguage) -> String {
        let locale = locale_of(language);
        let at_line = |line: Option<u64>| {
            line.map(|line| td_string!(locale, errors.file.at_line, line = line).to_string())
                .unwrap_or_default()
        };
        match self {
            FileProblem::CutOff => td_string!(locale, errors.file.cut_off).into(),
            FileProblem::TooLarge => td_string!(locale, errors.file.too_large).into(),
            FileProblem::Unreadable => td_string!(locale, errors.file.unreadable).into(),
            FileProblem::Empty => td_string!(locale, errors.file.empty).into(),
            FileProblem::TooManyColumns { max } => {
                td_string!(locale, errors.file.too_many_columns, max = max).to_string()
            }
            FileProblem::TooManyRows { max } => {
                td_string!(locale, errors.file.too_many_rows, max = language.count(max)).to_string()
            }
            FileProblem::NoRows => td_string!(locale, errors.file.no_rows).into(),
            FileProblem::NotUtf8 { line } => {
                td_string!(locale, errors.file.not_utf8, line = at_line(line)).to_string()
            }
            FileProblem::NotCsv { line } => {
                td_string!(locale, errors.file.not_csv, line = at_line(line)).to_string()
            }
        }
    }
}

/// How a refusal is answered.
enum Kind {
    Forbidden,
    Conflict,
    TooManyRequests,
    /// Bad input in the named field.
    Invalid(String),
}

impl From<Refusal> for AppError {
    /// The refusal with its status, worded in the reader's language.
    fn from(refusal: Refusal) -> Self {
        let language = reader_language();
        let message = refusal.words(language);
        match refusal.kind(language) {
            Kind::Forbidden => AppError::Forbidden(message),
            Kind::Conflict => AppError::Conflict(message),
            Kind::TooManyRequests => AppError::TooManyRequests(message),
            Kind::Invalid(field) => AppError::Invalid { field, message },
        }
    }
}
