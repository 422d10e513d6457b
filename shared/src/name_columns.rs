//! The country and language lists are written as rows of `(code, English
//! name, German name)`. Code reads them one column at a time, each column a
//! static of its own taken from the rows at compile time, so the rows
//! themselves are never in the program: a build that words in one interface
//! language (see [`crate::UiLanguage::wording`]) keeps the other language's
//! names only where names typed in either language are parsed.

/// Rows of `(code, English name, German name)`.
pub(crate) type Rows = &'static [(&'static str, &'static str, &'static str)];

/// A column of the rows.
#[derive(Clone, Copy)]
pub(crate) enum Column {
    Code,
    English,
    German,
}

/// The `column` of the first `N` rows (all of them: `N` is the rows'
/// length).
pub(crate) const fn column<const N: usize>(rows: Rows, column: Column) -> [&'static str; N] {
    let mut out = [""; N];
    let mut index = 0;
    while index < N {
        let (code, english, german) = rows[index];
        out[index] = match column {
            Column::Code => code,
            Column::English => english,
            Column::German => german,
        };
        index += 1;
    }
    out
}

/// The index of the row whose English or German name is `input` (any
/// case): names are accepted in either language, whatever the reader's.
pub(crate) fn row_named(english: &[&str], german: &[&str], input: &str) -> Option<usize> {
    let lower = input.to_lowercase();
    english.iter().zip(german).position(|(english, german)| {
        english.to_lowercase() == lower || german.to_lowercase() == lower
    })
}
