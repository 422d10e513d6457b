//! Small pieces every adapter file uses to write one query for both
//! databases: statements written for PostgreSQL's column types and taken
//! apart for SQLite's, a yes/no column read the same way from either, and a
//! builder for statements whose shape depends on the request.

use super::Dialect;
use sqlx::any::{AnyArguments, AnyRow, AnyTypeInfo, AnyValueRef};
use sqlx::error::BoxDynError;
use sqlx::query::{Query, QueryAs};
use sqlx::{Any, Arguments, Decode, Encode, FromRow, Type};
use std::borrow::Cow;
use std::fmt::Write;

/// The conversions a statement wraps around times and JSON documents.
///
/// PostgreSQL stores times as `timestamptz` and JSON as `jsonb`; Rust reads
/// and binds a time as unix seconds and a document as text. A statement
/// therefore reads a time as `unix_seconds(t)`, compares or writes one as
/// `to_timestamp($n)` and writes a document as `json_document($n)` (both
/// functions are defined by the PostgreSQL migrations). SQLite stores times
/// as unix seconds and documents as text already, so there the wrappers go.
const CONVERSIONS: [&str; 3] = ["to_timestamp(", "unix_seconds(", "json_document("];

/// The first and last second of years 1 to 9999: every time either
/// database stores. A time from outside (a cursor, a webhook) is clamped to
/// them before it is bound, so PostgreSQL never gets a time it cannot hold;
/// every stored time lies between them, so orders and ranges stay the same.
const TIME_RANGE: (i64, i64) = (-62_135_596_800, 253_402_300_799);

/// `seconds` within the range of times the databases store.
pub fn storable_time(seconds: i64) -> i64 {
    seconds.clamp(TIME_RANGE.0, TIME_RANGE.1)
}

impl Dialect {
    /// `statement` as this database runs it (see [`CONVERSIONS`]).
    pub fn sql(self, statement: &str) -> Cow<'_, str> {
        if self == Dialect::Postgres || !CONVERSIONS.iter().any(|c| statement.contains(c)) {
            return Cow::Borrowed(statement);
        }
        let mut sql = statement.to_owned();
        for conversion in CONVERSIONS {
            while let Some(start) = find_call(&sql, conversion) {
                let inner = start + conversion.len();
                let Some(end) = closing_parenthesis(&sql[inner..]) else {
                    break;
                };
                sql.replace_range(inner + end..=inner + end, "");
                sql.replace_range(start..inner, "");
            }
        }
        Cow::Owned(sql)
    }
}

/// Where `sql` calls the function `call` (written with its opening
/// parenthesis), not counting names that merely end the same way.
fn find_call(sql: &str, call: &str) -> Option<usize> {
    sql.match_indices(call).map(|(at, _)| at).find(|&at| {
        !sql[..at]
            .chars()
            .next_back()
            .is_some_and(|c| c.is_alphanumeric() || c == '_')
    })
}

/// The offset of the parenthesis closing an argument list that starts at
/// the beginning of `rest`.
fn closing_parenthesis(rest: &str) -> Option<usize> {
    let mut depth = 0usize;
    for (at, c) in rest.char_indices() {
        match c {
            '(' => depth += 1,
            ')' if depth == 0 => return Some(at),
            ')' => depth -= 1,
            _ => {}
        }
    }
    None
}

/// A yes/no value: PostgreSQL answers with a boolean, SQLite with 0 or 1.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Flag(pub bool);

impl From<Flag> for bool {
    fn from(flag: Flag) -> bool {
        flag.0
    }
}

impl Type<Any> for Flag {
    fn type_info() -> AnyTypeInfo {
        <bool as Type<Any>>::type_info()
    }

    fn compatible(ty: &AnyTypeInfo) -> bool {
        <bool as Type<Any>>::compatible(ty) || <i64 as Type<Any>>::compatible(ty)
    }
}

impl<'r> Decode<'r, Any> for Flag {
    fn decode(value: AnyValueRef<'r>) -> Result<Self, BoxDynError> {
        match <bool as Decode<Any>>::decode(value.clone()) {
            Ok(flag) => Ok(Flag(flag)),
            Err(_) => Ok(Flag(<i64 as Decode<Any>>::decode(value)? != 0)),
        }
    }
}

/// A statement put together piece by piece, with `$1`, `$2`, … written for
/// each bound value (the placeholders both databases accept).
pub struct SqlBuilder {
    sql: String,
    arguments: AnyArguments<'static>,
}

impl SqlBuilder {
    pub fn new(start: &str) -> Self {
        SqlBuilder {
            sql: start.to_string(),
            arguments: AnyArguments::default(),
        }
    }

    /// Appends SQL text.
    pub fn push(&mut self, sql: impl std::fmt::Display) -> &mut Self {
        // Writing to a String cannot fail.
        let _ = write!(self.sql, "{sql}");
        self
    }

    /// Appends a placeholder bound to `value`.
    pub fn push_bind<T>(&mut self, value: T) -> &mut Self
    where
        T: 'static + Encode<'static, Any> + Type<Any> + Send,
    {
        match self.arguments.add(value) {
            Ok(()) => {
                let _ = write!(self.sql, "${}", self.arguments.len());
            }
            // Encoding the plain values this crate binds cannot fail; keep
            // the statement invalid rather than binding the wrong value.
            Err(error) => {
                tracing::error!(%error, "could not bind a value");
                self.sql.push_str("NULL");
            }
        }
        self
    }

    /// Appends a placeholder bound to a time given in unix seconds, as the
    /// database stores times (see [`CONVERSIONS`]).
    pub fn push_time(&mut self, dialect: Dialect, seconds: i64) -> &mut Self {
        let seconds = storable_time(seconds);
        match dialect {
            Dialect::Sqlite => self.push_bind(seconds),
            Dialect::Postgres => self.push("to_timestamp(").push_bind(seconds).push(")"),
        }
    }

    /// Appends a placeholder bound to a JSON document given as text, as the
    /// database stores documents (see [`CONVERSIONS`]).
    pub fn push_document(&mut self, dialect: Dialect, document: String) -> &mut Self {
        match dialect {
            Dialect::Sqlite => self.push_bind(document),
            Dialect::Postgres => self.push("json_document(").push_bind(document).push(")"),
        }
    }

    /// Appends `values` as placeholders separated by commas.
    pub fn push_list<T>(&mut self, values: impl IntoIterator<Item = T>) -> &mut Self
    where
        T: 'static + Encode<'static, Any> + Type<Any> + Send,
    {
        for (i, value) in values.into_iter().enumerate() {
            if i > 0 {
                self.sql.push_str(", ");
            }
            self.push_bind(value);
        }
        self
    }

    /// Appends `IN (…)` over many texts bound as one JSON array: a
    /// statement with thousands of placeholders is slow to prepare.
    pub fn push_in_texts(&mut self, dialect: Dialect, values: &[String]) -> &mut Self {
        let array = serde_json::to_string(values).unwrap_or_else(|_| "[]".into());
        self.push(match dialect {
            Dialect::Sqlite => " IN (SELECT value FROM json_each(",
            Dialect::Postgres => " IN (SELECT json_array_elements_text(CAST(",
        });
        self.push_bind(array);
        self.push(match dialect {
            Dialect::Sqlite => "))",
            Dialect::Postgres => " AS json)))",
        })
    }

    /// The statement, ready to run (its bound values move into it).
    pub fn build(&mut self) -> Query<'_, Any, AnyArguments<'_>> {
        let arguments: AnyArguments<'_> = std::mem::take(&mut self.arguments);
        sqlx::query_with(&self.sql, arguments)
    }

    /// The statement with its rows read as `T`.
    pub fn build_query_as<T>(&mut self) -> QueryAs<'_, Any, T, AnyArguments<'_>>
    where
        T: for<'r> FromRow<'r, AnyRow>,
    {
        let arguments: AnyArguments<'_> = std::mem::take(&mut self.arguments);
        sqlx::query_as_with(&self.sql, arguments)
    }
}

/// A list of ids as a JSON array, bound as one value and read with
/// `json_each(…)`: a statement with thousands of placeholders is slow to
/// prepare. Numbers always serialise, so there is no failure to handle.
pub fn ids_json(ids: &[i64]) -> String {
    let mut json = String::with_capacity(ids.len() * 8 + 2);
    json.push('[');
    for (index, id) in ids.iter().enumerate() {
        if index > 0 {
            json.push(',');
        }
        json.push_str(&id.to_string());
    }
    json.push(']');
    json
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sqlite_statements_lose_the_conversions_and_keep_the_rest() {
        let statement = "SELECT unix_seconds(c.created_at), x_unix_seconds(1) FROM contacts c
          WHERE coalesce(c.last_message_at, to_timestamp(0)) < to_timestamp($1 + (2 * 3))
            AND c.snapshot = json_document($2)";
        assert_eq!(
            Dialect::Sqlite.sql(statement),
            "SELECT c.created_at, x_unix_seconds(1) FROM contacts c
          WHERE coalesce(c.last_message_at, 0) < $1 + (2 * 3)
            AND c.snapshot = $2"
        );
        assert_eq!(Dialect::Postgres.sql(statement), statement);
    }

    #[test]
    fn times_from_outside_are_clamped_to_what_both_databases_store() {
        assert_eq!(storable_time(i64::MAX), 253_402_300_799);
        assert_eq!(storable_time(i64::MIN), -62_135_596_800);
        assert_eq!(storable_time(1_764_000_000), 1_764_000_000);
    }

    #[test]
    fn statements_without_conversions_are_not_copied() {
        let statement = "SELECT id FROM contacts WHERE id = $1";
        assert!(matches!(Dialect::Sqlite.sql(statement), Cow::Borrowed(_)));
    }
}
