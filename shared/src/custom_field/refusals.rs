//! Why a custom field's definition is refused, worded in either interface
//! language: each input's refusals, and the inputs a form shows them at.

use crate::error::{FieldError, FieldName, FieldRefusal};
use crate::text::{excerpt, LabelCharsError, EXCERPT_CHARS};
use crate::ui_language::UiLanguage;

use super::{MAX_KEY_LEN, MAX_LABEL_LEN, MAX_OPTIONS, MAX_OPTION_LEN};

/// The key input's name in each interface language.
const KEY_FIELD_NAME: FieldName = FieldName::new("Key", "Schlüssel");
/// The label input's name in each interface language.
const LABEL_FIELD_NAME: FieldName = FieldName::new("Label", "Bezeichnung");
/// The type input's name in each interface language.
const TYPE_FIELD_NAME: FieldName = FieldName::new("Type", "Typ");
/// The options input's name in each interface language.
const OPTIONS_FIELD_NAME: FieldName = FieldName::new("Options", "Listenoptionen");

/// The inputs of a custom field's definition, which its refusals name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DefinitionInput {
    /// The label shown for the field.
    Label,
    /// The key it is stored and exported under.
    Key,
    /// Its type.
    Type,
    /// A list's options.
    Options,
}

impl DefinitionInput {
    /// Every input, in the order a form shows them.
    pub const ALL: [DefinitionInput; 4] = [
        DefinitionInput::Label,
        DefinitionInput::Key,
        DefinitionInput::Type,
        DefinitionInput::Options,
    ];

    /// The input's name in `language`, as a refusal of it says.
    pub fn name_in(self, language: UiLanguage) -> &'static str {
        let name = match self {
            DefinitionInput::Label => LABEL_FIELD_NAME,
            DefinitionInput::Key => KEY_FIELD_NAME,
            DefinitionInput::Type => TYPE_FIELD_NAME,
            DefinitionInput::Options => OPTIONS_FIELD_NAME,
        };
        name.in_language(language)
    }
}

/// The text was not one of the custom field types.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}", self.field_error(UiLanguage::English))]
pub struct UnknownFieldType;

impl FieldRefusal for UnknownFieldType {
    fn field_error(&self, language: UiLanguage) -> FieldError {
        let message = match language.wording() {
            UiLanguage::English => {
                "must be one of text, number, date, list, checkbox, email, url or phone"
            }
            UiLanguage::German => {
                "muss einer dieser Typen sein: text, number, date, list, checkbox, email, url oder phone"
            }
        };
        TYPE_FIELD_NAME.refuse(language, message)
    }
}

/// R19: why a custom field's definition is refused: the input at fault and
/// what is wrong with it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CustomFieldError {
    /// The key.
    #[error(transparent)]
    Key(#[from] CustomFieldKeyError),
    /// The label.
    #[error(transparent)]
    Label(#[from] CustomFieldLabelError),
    /// The type.
    #[error(transparent)]
    Type(#[from] UnknownFieldType),
    /// A list's options.
    #[error(transparent)]
    Options(#[from] CustomFieldOptionsError),
}

impl CustomFieldError {
    /// The input at fault.
    pub fn input(&self) -> DefinitionInput {
        match self {
            CustomFieldError::Key(_) => DefinitionInput::Key,
            CustomFieldError::Label(_) => DefinitionInput::Label,
            CustomFieldError::Type(_) => DefinitionInput::Type,
            CustomFieldError::Options(_) => DefinitionInput::Options,
        }
    }
}

impl FieldRefusal for CustomFieldError {
    fn field_error(&self, language: UiLanguage) -> FieldError {
        match self {
            CustomFieldError::Key(error) => error.field_error(language),
            CustomFieldError::Label(error) => error.field_error(language),
            CustomFieldError::Type(error) => error.field_error(language),
            CustomFieldError::Options(error) => error.field_error(language),
        }
    }
}

/// R19: why a custom field's key is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("{}", self.field_error(UiLanguage::English))]
pub enum CustomFieldKeyError {
    /// Nothing was entered.
    Empty,
    /// More than [`MAX_KEY_LEN`] characters.
    TooLong,
    /// Not lower-case ASCII letters, digits and `_` starting with a letter.
    Malformed,
    /// A standard field's key (R18).
    StandardField,
    /// Another custom field of the workspace has it.
    Taken,
}

impl FieldRefusal for CustomFieldKeyError {
    fn field_error(&self, language: UiLanguage) -> FieldError {
        let message = match (language.wording(), self) {
            (UiLanguage::English, CustomFieldKeyError::Empty) => "enter a key".to_owned(),
            (UiLanguage::English, CustomFieldKeyError::TooLong) => {
                format!("is too long (at most {MAX_KEY_LEN} characters)")
            }
            (UiLanguage::English, CustomFieldKeyError::Malformed) => {
                "use lower-case letters, digits and _, starting with a letter, e.g. customer_tier"
                    .to_owned()
            }
            (UiLanguage::English, CustomFieldKeyError::StandardField) => {
                "is already used by a standard field".to_owned()
            }
            (UiLanguage::English, CustomFieldKeyError::Taken) => {
                "is already used by another field".to_owned()
            }
            (UiLanguage::German, CustomFieldKeyError::Empty) => {
                "Geben Sie einen Schlüssel ein".to_owned()
            }
            (UiLanguage::German, CustomFieldKeyError::TooLong) => {
                format!("ist zu lang (höchstens {MAX_KEY_LEN} Zeichen)")
            }
            (UiLanguage::German, CustomFieldKeyError::Malformed) => {
                "verwenden Sie Kleinbuchstaben a–z, Ziffern und _, beginnend mit einem Buchstaben, z. B. kunden_stufe"
                    .to_owned()
            }
            (UiLanguage::German, CustomFieldKeyError::StandardField) => {
                "wird bereits von einem Standardfeld verwendet".to_owned()
            }
            (UiLanguage::German, CustomFieldKeyError::Taken) => {
                "wird bereits von einem anderen Feld verwendet".to_owned()
            }
        };
        KEY_FIELD_NAME.refuse(language, message)
    }
}

/// R19: why a custom field's label is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("{}", self.field_error(UiLanguage::English))]
pub enum CustomFieldLabelError {
    /// Nothing (or only whitespace) was entered.
    Empty,
    /// A control or text-direction character, or only invisible ones.
    Characters(LabelCharsError),
    /// More than [`MAX_LABEL_LEN`] characters.
    TooLong,
    /// Another custom field of the workspace has it, regardless of case.
    Taken,
}

impl FieldRefusal for CustomFieldLabelError {
    fn field_error(&self, language: UiLanguage) -> FieldError {
        let message = match (language.wording(), self) {
            (_, CustomFieldLabelError::Characters(error)) => error.message_in(language).to_owned(),
            (UiLanguage::English, CustomFieldLabelError::Empty) => "enter a label".to_owned(),
            (UiLanguage::English, CustomFieldLabelError::TooLong) => {
                format!("is too long (at most {MAX_LABEL_LEN} characters)")
            }
            (UiLanguage::English, CustomFieldLabelError::Taken) => {
                "another field already has this label".to_owned()
            }
            (UiLanguage::German, CustomFieldLabelError::Empty) => {
                "Geben Sie eine Bezeichnung ein".to_owned()
            }
            (UiLanguage::German, CustomFieldLabelError::TooLong) => {
                format!("ist zu lang (höchstens {MAX_LABEL_LEN} Zeichen)")
            }
            (UiLanguage::German, CustomFieldLabelError::Taken) => {
                "ein anderes Feld hat bereits diese Bezeichnung".to_owned()
            }
        };
        LABEL_FIELD_NAME.refuse(language, message)
    }
}

/// R19: why a list's options are refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}", self.field_error(UiLanguage::English))]
pub enum CustomFieldOptionsError {
    /// No options at all.
    Missing,
    /// More than [`MAX_OPTIONS`] options.
    TooMany,
    /// An option that is empty or only whitespace.
    EmptyOption,
    /// An option with a control or text-direction character, or only
    /// invisible ones.
    OptionCharacters(LabelCharsError),
    /// An option of more than [`MAX_OPTION_LEN`] characters.
    OptionTooLong,
    /// This option is listed twice (regardless of case).
    Repeated(String),
}

impl FieldRefusal for CustomFieldOptionsError {
    fn field_error(&self, language: UiLanguage) -> FieldError {
        use CustomFieldOptionsError as E;
        let message = match (language.wording(), self) {
            (UiLanguage::English, E::Missing) => "a list needs at least one option".to_owned(),
            (UiLanguage::English, E::TooMany) => {
                format!("a list can have at most {MAX_OPTIONS} options")
            }
            (UiLanguage::English, E::EmptyOption) => "an option must not be empty".to_owned(),
            (UiLanguage::English, E::OptionCharacters(error)) => {
                format!("an option {}", error.message_in(language))
            }
            (UiLanguage::English, E::OptionTooLong) => {
                format!("an option is too long (at most {MAX_OPTION_LEN} characters)")
            }
            (UiLanguage::English, E::Repeated(option)) => {
                format!("\"{}\" is listed twice", excerpt(option, EXCERPT_CHARS))
            }
            (UiLanguage::German, E::Missing) => {
                "eine Liste braucht mindestens eine Option".to_owned()
            }
            (UiLanguage::German, E::TooMany) => {
                format!("eine Liste kann höchstens {MAX_OPTIONS} Optionen haben")
            }
            (UiLanguage::German, E::EmptyOption) => "eine Option darf nicht leer sein".to_owned(),
            (UiLanguage::German, E::OptionCharacters(error)) => {
                format!("eine Option {}", error.message_in(language))
            }
            (UiLanguage::German, E::OptionTooLong) => {
                format!("eine Option ist zu lang (höchstens {MAX_OPTION_LEN} Zeichen)")
            }
            (UiLanguage::German, E::Repeated(option)) => {
                format!(
                    "„{}“ ist doppelt aufgeführt",
                    excerpt(option, EXCERPT_CHARS)
                )
            }
        };
        OPTIONS_FIELD_NAME.refuse(language, message)
    }
}
