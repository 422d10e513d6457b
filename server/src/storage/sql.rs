//! Small pieces every adapter file uses to write one query for both
//! databases: a yes/no column read the same way from either, and a builder
//! for statements whose shape depends on the request.

use super::Dialect;
use sqlx::any::{AnyArguments, AnyRow, AnyTypeInfo, AnyValueRef};
use sqlx::error::BoxDynError;
use sqlx::query::{Query, QueryAs};
use sqlx::{Any, Arguments, Decode, Encode, FromRow, Type};
use std::fmt::Write;

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
