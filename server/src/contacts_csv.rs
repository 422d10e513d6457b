//! "Export to CSV" (R34): the table's visible columns as an RFC 4180 CSV
//! document in UTF-8, with formula-like cells neutralised.

use app::contacts::columns::all_headers;
use app::contacts::format;
use app::contacts::model::ContactRow;
use app::layout::locale_of;
use app::wording::{channel_kind_label_in, conversation_status_label_in};
use shared::UiLanguage;

pub use shared::import::neutralise_cell as neutralise;

/// The CSV document for these rows: a header row, then one line per contact
/// (tags joined in one cell), its words (headers, statuses, channel kinds)
/// in `language`; dates stay ISO 8601 so spreadsheets read them.
pub fn contacts_csv(rows: &[ContactRow], language: UiLanguage) -> Result<Vec<u8>, csv::Error> {
    let locale = locale_of(language);
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    writer.write_record(all_headers(locale))?;
    for row in rows {
        let channels: Vec<&str> = row
            .channels
            .iter()
            .map(|kind| channel_kind_label_in(locale, *kind))
            .collect();
        let record = [
            row.display_name.clone(),
            channels.join(", "),
            row.email.clone().unwrap_or_default(),
            row.phone.clone().unwrap_or_default(),
            row.tags.join(", "),
            row.country
                .as_deref()
                .map(|code| format::country_name(code, language))
                .unwrap_or_default(),
            row.language
                .as_deref()
                .map(|tag| format::language_name(tag, language))
                .unwrap_or_default(),
            row.status
                .map(|status| conversation_status_label_in(locale, status).to_string())
                .unwrap_or_default(),
            row.assignee
                .as_ref()
                .map(|(_, name)| name.clone())
                .unwrap_or_default(),
            row.last_message_at
                .map(shared::timestamp::format_utc)
                .unwrap_or_default(),
            shared::timestamp::format_date_utc(row.created_at),
        ];
        writer.write_record(record.iter().map(|cell| neutralise(cell)))?;
    }
    writer
        .into_inner()
        .map_err(|error| error.into_error().into())
}

#[cfg(test)]
mod tests {
    use super::*;
    use shared::channel::ChannelKind;
    use shared::fields::ConversationStatus;

    fn row(name: &str) -> ContactRow {
        ContactRow {
            id: 1,
            display_name: name.to_string(),
            has_name: true,
            avatar_url: None,
            channels: vec![ChannelKind::WhatsApp, ChannelKind::Email],
            email: Some("ann@example.com".into()),
            phone: Some("+4930123456".into()),
            phone_display: Some("+49 30 123456".into()),
            tags: vec!["VIP".into(), "Lead, hot".into()],
            country: Some("DE".into()),
            language: Some("de".into()),
            status: Some(ConversationStatus::Open),
            assignee: Some((7, "Ada Agent".into())),
            last_message_at: Some(0),
            created_at: 0,
        }
    }

    #[test]
    fn r34_csv_quotes_commas_quotes_and_line_breaks() {
        let document =
            contacts_csv(&[row("Ann \"The Boss\"\nSmith")], UiLanguage::English).expect("csv");
        let text = String::from_utf8(document).expect("utf-8");
        let mut lines = text.split("\r\n");
        assert_eq!(
            lines.next(),
            Some("Name,Channels,E-mail,Phone,Tags,Country,Language,Conversation status,Assignee,Last message,Date added")
        );
        assert_eq!(
            lines.next(),
            Some("\"Ann \"\"The Boss\"\"\nSmith\",\"WhatsApp, E-mail\",ann@example.com,'+4930123456,\"VIP, Lead, hot\",Germany,German,Open,Ada Agent,1970-01-01 00:00,1970-01-01")
        );
    }

    #[test]
    fn r34_a_german_users_csv_names_its_columns_and_words_in_german() {
        let document = contacts_csv(&[row("Anna Schmidt")], UiLanguage::German).expect("csv");
        let text = String::from_utf8(document).expect("utf-8");
        let mut lines = text.split("\r\n");
        let header = lines.next().expect("header");
        assert!(
            header.starts_with("Name,Kanäle,E-Mail,Telefon,Tags,Land,Sprache"),
            "{header}"
        );
        let row = lines.next().expect("row");
        assert!(
            row.contains("\"WhatsApp, E-Mail\"")
                && row.contains(",Offen,")
                && row.contains(",Deutschland,"),
            "{row}"
        );
        assert!(row.ends_with(",1970-01-01 00:00,1970-01-01"), "{row}");
    }

    #[test]
    fn r34_csv_neutralises_formula_cells() {
        for evil in ["=HYPERLINK(\"x\")", "+1+1", "-2", "@SUM(A1)"] {
            let document = contacts_csv(&[row(evil)], UiLanguage::English).expect("csv");
            let text = String::from_utf8(document).expect("utf-8");
            let cell = text.split("\r\n").nth(1).expect("row").to_string();
            assert!(
                cell.starts_with("\"'") || cell.starts_with('\''),
                "{evil} → {cell}"
            );
        }
        assert_eq!(neutralise("Müller"), "Müller");
        assert_eq!(neutralise("a=b"), "a=b");
    }

    #[test]
    fn r34_csv_is_utf8() {
        let document = contacts_csv(&[row("Zoë Ωmega 山田")], UiLanguage::English).expect("csv");
        assert!(String::from_utf8(document)
            .expect("utf-8")
            .contains("Zoë Ωmega 山田"));
    }
}
