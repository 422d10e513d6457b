//! Custom fields: their definitions (key, label, type, options; adding,
//! renaming, deleting) and the values contacts hold for them.

use super::*;
use crate::country::Country;
use crate::error::FieldRefusal;
use crate::text::LabelCharsError;
use crate::ui_language::UiLanguage;

mod definitions;
mod values;

fn definition(field_type: CustomFieldType) -> CustomFieldDefinition {
    let options = if field_type == CustomFieldType::List {
        vec!["Gold".to_owned(), "Silver".to_owned(), "Bronze".to_owned()]
    } else {
        Vec::new()
    };
    CustomFieldDefinition::new("field", "My field", field_type, options).expect("valid definition")
}

fn parse(
    field_type: CustomFieldType,
    input: &str,
) -> Result<Option<CustomFieldValue>, CustomValueError> {
    CustomFieldValue::parse(&definition(field_type), input, Country::from_code("DE"))
}

fn message(field_type: CustomFieldType, input: &str) -> String {
    parse(field_type, input).map_or_else(|e| e.to_string(), |v| format!("accepted {v:?}"))
}
