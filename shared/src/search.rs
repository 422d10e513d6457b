//! How the contacts table's search reads what was typed: as words, each of
//! which must begin a word of the contact's name, profile name or e-mail
//! address, in any order and without regard to case or accents. "Oliveira
//! Laura" finds Laura Oliveira, "Muller" finds Müller, and "weber.1187" or
//! "@example.com" find the e-mail addresses holding those words.
//!
//! The databases index a contact's words the same way (SQLite's FTS5
//! `unicode61` tokenizer with diacritics removed, PostgreSQL's `simple`
//! text search over the same folding); this is the query's side.

use unicode_normalization::UnicodeNormalization;

/// The most words a search looks for; the rest of a long search is ignored.
pub const MAX_SEARCH_WORDS: usize = 8;

/// The words of a search, folded to lower case without accents, split at
/// everything that is not a letter or digit, without repeats.
pub fn search_words(text: &str) -> Vec<String> {
    let folded = fold(text);
    let mut words: Vec<String> = Vec::new();
    for word in folded.split(|c: char| !c.is_alphanumeric()) {
        if !word.is_empty() && !words.iter().any(|seen| seen == word) {
            words.push(word.to_string());
        }
        if words.len() == MAX_SEARCH_WORDS {
            break;
        }
    }
    words
}

/// Lower case, with the combining accents of the decomposed text removed
/// ("Müller" → "muller", "Ólafsdóttir" → "olafsdottir").
fn fold(text: &str) -> String {
    text.nfd()
        .filter(|c| !is_combining_accent(*c))
        .flat_map(char::to_lowercase)
        .collect()
}

/// The combining diacritical marks (U+0300–U+036F) that accented Latin,
/// Greek and Cyrillic letters decompose into.
fn is_combining_accent(c: char) -> bool {
    ('\u{0300}'..='\u{036F}').contains(&c)
}

#[cfg(test)]
mod tests {
    use super::{fold, search_words, MAX_SEARCH_WORDS};

    #[test]
    fn accents_and_case_are_folded() {
        assert_eq!(fold("Müller"), "muller");
        assert_eq!(fold("ÓLAFSDÓTTIR"), "olafsdottir");
        assert_eq!(fold("Özlem Çelik"), "ozlem celik");
        assert_eq!(fold("Ἀθῆναι"), "αθηναι");
    }

    #[test]
    fn words_are_split_at_punctuation_and_spaces() {
        assert_eq!(search_words("weber.1187"), ["weber", "1187"]);
        assert_eq!(search_words("@example.com"), ["example", "com"]);
        assert_eq!(search_words("  Oliveira   Laura "), ["oliveira", "laura"]);
        assert_eq!(search_words("O'Brien-Smith"), ["o", "brien", "smith"]);
    }

    #[test]
    fn repeats_and_empty_searches_give_no_extra_words() {
        assert_eq!(search_words("anna ANNA Anna"), ["anna"]);
        assert!(search_words(" .,-@ ").is_empty());
        let long = (0..20)
            .map(|i| format!("w{i}"))
            .collect::<Vec<_>>()
            .join(" ");
        assert_eq!(search_words(&long).len(), MAX_SEARCH_WORDS);
    }
}
