use super::*;
use crate::custom_field::{CustomFieldType, CustomFieldValue};

fn plan_field() -> CustomFieldDefinition {
    CustomFieldDefinition::new(
        "plan",
        "Plan",
        CustomFieldType::List,
        vec!["Free".into(), "Pro".into()],
    )
    .expect("definition")
}

fn strings(values: &[&str]) -> Vec<String> {
    values
        .iter()
        .map(std::string::ToString::to_string)
        .collect()
}

fn settings(columns: Vec<ImportTarget>) -> ImportSettings {
    ImportSettings {
        columns,
        default_country: Some("DE".into()),
        mode: ImportMode::AddAndUpdate,
        keep_existing: false,
        language: UiLanguage::English,
    }
}

fn suggestions(headers: &[&str]) -> Vec<ImportTarget> {
    let definitions = [plan_field()];
    let mut taken = Vec::new();
    for header in headers {
        let target = suggest_target(header, &definitions, &taken);
        taken.push(target);
    }
    taken
}

#[test]
fn r35_english_and_german_headers_are_mapped() {
    assert_eq!(
        suggestions(&[
            "First name",
            "Nachname",
            "E-Mail-Adresse",
            "Telefonnummer",
            "Land",
            "Sprache",
            "Zugewiesen an",
            "Tags",
            "Plan",
            "Notes"
        ]),
        vec![
            ImportTarget::FirstName,
            ImportTarget::LastName,
            ImportTarget::Email,
            ImportTarget::Phone,
            ImportTarget::Country,
            ImportTarget::Language,
            ImportTarget::Assignee,
            ImportTarget::Tags,
            ImportTarget::Custom("plan".into()),
            ImportTarget::Skip,
        ]
    );
    assert_eq!(
        suggestions(&["Vorname", "E-mail", "Phone", "Mobile"]),
        vec![
            ImportTarget::FirstName,
            ImportTarget::Email,
            ImportTarget::Phone,
            ImportTarget::Skip,
        ],
        "a field already taken is not suggested twice"
    );
}

#[test]
fn r35_target_values_round_trip() {
    for target in ImportTarget::STANDARD
        .into_iter()
        .chain([ImportTarget::Custom("plan".into())])
    {
        assert_eq!(ImportTarget::from_value(&target.value()), target);
    }
    assert_eq!(ImportTarget::from_value("nonsense"), ImportTarget::Skip);
}

#[test]
fn r35_settings_are_checked() {
    let definitions = [plan_field()];
    let good = settings(vec![ImportTarget::FirstName, ImportTarget::Phone]);
    assert_eq!(good.check(2, &definitions), Ok(Country::from_code("DE")));
    let wrong_count = good.check(3, &definitions).expect_err("column count");
    assert_eq!(wrong_count, MappingError::ColumnCount(3));
    assert_eq!(
        wrong_count.field_error(UiLanguage::English).field,
        MAPPING_FIELD
    );
    let twice = settings(vec![ImportTarget::Phone, ImportTarget::Phone]);
    assert_eq!(
        twice.check(2, &definitions).map_err(|e| e.to_string()),
        Err("Map columns: Phone number is chosen for more than one column".to_owned())
    );
    let plan = ImportTarget::Custom("plan".into());
    assert_eq!(
        settings(vec![ImportTarget::Email, plan.clone(), plan]).check(3, &definitions),
        Err(MappingError::CustomFieldChosenTwice("Plan".into()))
    );
    let two_tag_columns = settings(vec![
        ImportTarget::Email,
        ImportTarget::Tags,
        ImportTarget::Tags,
    ]);
    assert!(two_tag_columns.check(3, &definitions).is_ok());
    let names_only = settings(vec![ImportTarget::FirstName]);
    assert!(names_only
        .check(1, &definitions)
        .expect_err("update without a key")
        .to_string()
        .contains("find existing contacts"));
    let adding_names = ImportSettings {
        mode: ImportMode::Add,
        ..names_only
    };
    assert!(adding_names.check(1, &definitions).is_ok());
    let unknown_field = settings(vec![ImportTarget::Email, ImportTarget::Custom("x".into())]);
    assert_eq!(
        unknown_field.check(2, &definitions),
        Err(MappingError::NoSuchCustomField("x".into()))
    );
    let bad_country = ImportSettings {
        default_country: Some("Atlantis".into()),
        ..good
    };
    let refused = bad_country.check(2, &definitions).expect_err("country");
    assert_eq!(refused, MappingError::DefaultCountry(CountryError::Unknown));
    assert_eq!(
        refused.field_error(UiLanguage::English).field,
        DEFAULT_COUNTRY_FIELD
    );
}

#[test]
fn r35_a_refused_mapping_is_worded_in_the_readers_language() {
    let german = |error: MappingError| error.field_error(UiLanguage::German).to_string();
    assert_eq!(
        MappingError::ColumnCount(4).to_string(),
        "Map columns: choose a target for each of the file's 4 columns"
    );
    assert_eq!(
        german(MappingError::ColumnCount(4)),
        "Spalten zuordnen: wählen Sie für jede der 4 Spalten der Datei ein Ziel"
    );
    assert_eq!(
        german(MappingError::ChosenTwice(ImportTarget::FirstName)),
        "Spalten zuordnen: Vorname ist für mehr als eine Spalte gewählt"
    );
    assert_eq!(
        german(MappingError::NoSuchCustomField("plan".into())),
        "Spalten zuordnen: es gibt kein benutzerdefiniertes Feld „plan“"
    );
    assert_eq!(
        MappingError::NothingToImport.to_string(),
        "Map columns: map at least a name, an e-mail address or a phone number column"
    );
    assert_eq!(
        MappingError::DefaultCountry(CountryError::Unknown)
            .to_string()
            .split_once(':')
            .map(|(field, _)| field),
        Some(DEFAULT_COUNTRY_FIELD)
    );
    assert_eq!(
        german(MappingError::DefaultCountry(CountryError::Empty)),
        "Standardland: wählen Sie ein Land"
    );
}

#[test]
fn r35_a_row_is_parsed_with_the_shared_parsers() {
    let definitions = [plan_field()];
    let headers = strings(&["Vorname", "Nachname", "Phone", "E-mail", "Tags", "Plan"]);
    let settings = settings(vec![
        ImportTarget::FirstName,
        ImportTarget::LastName,
        ImportTarget::Phone,
        ImportTarget::Email,
        ImportTarget::Tags,
        ImportTarget::Custom("plan".into()),
    ]);
    let country = Country::from_code("DE");
    let row = parse_row(
        &headers,
        &strings(&[
            " Jürgen ",
            "Weiß",
            "030 1234567",
            "J@Example.com",
            "VIP; Lead,vip",
            "pro",
        ]),
        &settings,
        country,
        &definitions,
    )
    .expect("valid row");
    assert_eq!(row.name.expect("name").display_name(), "Jürgen Weiß");
    assert_eq!(row.phone.expect("phone").e164(), "+49301234567");
    assert_eq!(row.email.expect("email").key(), "j@example.com");
    assert_eq!(row.tags.len(), 2, "tags repeat without regard to case");
    assert_eq!(
        row.custom,
        vec![("plan".to_string(), CustomFieldValue::List("Pro".into()))]
    );
}

#[test]
fn r35_every_bad_cell_of_a_row_is_reported_by_column() {
    let definitions = [plan_field()];
    let headers = strings(&["Name", "Telefon", "Mail", "Plan"]);
    let settings = settings(vec![
        ImportTarget::FirstName,
        ImportTarget::Phone,
        ImportTarget::Email,
        ImportTarget::Custom("plan".into()),
    ]);
    let errors = parse_row(
        &headers,
        &strings(&["Ann", "12ab", "not-an-email", "Gold"]),
        &settings,
        None,
        &definitions,
    )
    .expect_err("bad row");
    let columns: Vec<&str> = errors.iter().map(|error| error.column.as_str()).collect();
    assert_eq!(columns, vec!["Telefon", "Mail", "Plan"]);
    assert!(errors.iter().all(|error| !error.reason.is_empty()));
}

#[test]
fn r35_a_national_phone_number_needs_a_country() {
    let headers = strings(&["Phone", "Country"]);
    let settings = ImportSettings {
        default_country: None,
        ..settings(vec![ImportTarget::Phone, ImportTarget::Country])
    };
    let without = parse_row(
        &headers,
        &strings(&["030 1234567", ""]),
        &settings,
        None,
        &[],
    )
    .expect_err("no country");
    assert!(without[0].reason.contains("country code"));
    let with_row_country = parse_row(
        &headers,
        &strings(&["030 1234567", "Germany"]),
        &settings,
        None,
        &[],
    )
    .expect("the row's country");
    assert_eq!(
        with_row_country.phone.expect("phone").e164(),
        "+49301234567"
    );
}

#[test]
fn r35_a_row_needs_a_name_an_email_or_a_phone() {
    let headers = strings(&["First name", "Tags"]);
    let settings = settings(vec![ImportTarget::FirstName, ImportTarget::Tags]);
    let errors =
        parse_row(&headers, &strings(&["", "VIP"]), &settings, None, &[]).expect_err("empty");
    assert!(errors[0].reason.contains("no name"));
}

#[test]
fn r35_neutralised_cells_are_restored() {
    for value in ["+4930123456", "=1+1", "-5", "@home", "plain", "'quoted"] {
        assert_eq!(restore_cell(&neutralise_cell(value)), value);
    }
    assert_eq!(restore_cell("'+49 30"), "+49 30");
    assert_eq!(restore_cell("'tis"), "'tis");
}

#[test]
fn r35_refused_rows_are_explained_in_the_checking_users_language() {
    let headers = strings(&["E-Mail", "Zugewiesen an"]);
    let settings = ImportSettings {
        language: UiLanguage::German,
        ..settings(vec![ImportTarget::Email, ImportTarget::Assignee])
    };
    let errors = parse_row(
        &headers,
        &strings(&["kein-at-zeichen", "niemand"]),
        &settings,
        None,
        &[],
    )
    .expect_err("both cells are refused");
    let reasons: Vec<&str> = errors.iter().map(|error| error.reason.as_str()).collect();
    assert_eq!(
        reasons,
        [
            crate::email::EmailError::MissingAt
                .message_in(UiLanguage::German)
                .as_str(),
            "geben Sie die E-Mail-Adresse eines Benutzers dieses Arbeitsbereichs an",
        ]
    );
}
