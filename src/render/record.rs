//! A content record (a schema type of `content::raw`) as a template sees it: a map of the
//! fields its file writes, each turned into a template value only when a template reads it.
//! A § page hands its file's whole record to the template this way, so a field added to the
//! schema reaches the template with no view code; a page that reads one field pays for that
//! field alone. Hashing the value (`serve`'s page key) reads every field, so the key still
//! covers all of them.

use std::fmt;
use std::sync::Arc;

use minijinja::Value;
use minijinja::value::{Enumerator, Object, ObjectRepr, Serde};
use serde::Serialize;
use serde::ser::{self, Impossible, SerializeStruct, Serializer};

use crate::content::Doc;

/// The record of a content file, for templates.
pub struct Record<T>(pub Arc<Doc<T>>);

impl<T> fmt::Debug for Record<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Record({})", self.0.loc.path())
    }
}

impl<T: Serialize + Send + Sync + 'static> Record<T> {
    pub fn value(doc: &Arc<Doc<T>>) -> Value {
        Value::from_object(Record(doc.clone()))
    }
}

impl<T: Serialize + Send + Sync + 'static> Object for Record<T> {
    fn repr(self: &Arc<Self>) -> ObjectRepr {
        ObjectRepr::Map
    }

    fn get_value(self: &Arc<Self>, key: &Value) -> Option<Value> {
        let mut pick = Fields::Pick(key.as_str()?, None);
        self.0.data.serialize(&mut pick).ok()?;
        match pick {
            Fields::Pick(_, value) => value,
            Fields::Names(_) => None,
        }
    }

    fn enumerate(self: &Arc<Self>) -> Enumerator {
        let mut names = Fields::Names(Vec::new());
        if self.0.data.serialize(&mut names).is_err() {
            return Enumerator::Empty;
        }
        match names {
            Fields::Names(names) => {
                Enumerator::Values(names.into_iter().map(Value::from).collect())
            }
            Fields::Pick(..) => Enumerator::Empty,
        }
    }
}

/// A serializer that walks a struct's fields without serializing them: it lists the names of
/// the fields written (those skipped as empty are left out, so a template's `is defined` tells
/// whether the file has the field), or turns the one named field into a template value.
enum Fields<'a> {
    Names(Vec<&'static str>),
    Pick(&'a str, Option<Value>),
}

impl SerializeStruct for &mut Fields<'_> {
    type Ok = ();
    type Error = NotARecord;

    fn serialize_field<V: ?Sized + Serialize>(
        &mut self,
        name: &'static str,
        value: &V,
    ) -> Result<(), NotARecord> {
        match &mut **self {
            Fields::Names(names) => names.push(name),
            Fields::Pick(key, found) => {
                if *key == name {
                    *found = Some(Value::from(Serde(value)));
                }
            }
        }
        Ok(())
    }

    fn end(self) -> Result<(), NotARecord> {
        Ok(())
    }
}

/// Anything but a struct: not a record.
#[derive(Debug)]
pub struct NotARecord;

impl fmt::Display for NotARecord {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("not a record (a struct with named fields)")
    }
}

impl std::error::Error for NotARecord {}

impl ser::Error for NotARecord {
    fn custom<M: fmt::Display>(_: M) -> Self {
        NotARecord
    }
}

/// The methods of a serializer for everything that is not a struct: each says "not a record".
macro_rules! not_a_record {
    ($($method:ident($($arg:ty),*)),* $(,)?) => {
        $(fn $method(self, $(_: $arg),*) -> Result<(), NotARecord> {
            Err(NotARecord)
        })*
    };
}

impl Serializer for &mut Fields<'_> {
    type Ok = ();
    type Error = NotARecord;
    type SerializeSeq = Impossible<(), NotARecord>;
    type SerializeTuple = Impossible<(), NotARecord>;
    type SerializeTupleStruct = Impossible<(), NotARecord>;
    type SerializeTupleVariant = Impossible<(), NotARecord>;
    type SerializeMap = Impossible<(), NotARecord>;
    type SerializeStruct = Self;
    type SerializeStructVariant = Impossible<(), NotARecord>;

    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Self, NotARecord> {
        Ok(self)
    }

    not_a_record!(
        serialize_bool(bool),
        serialize_i8(i8),
        serialize_i16(i16),
        serialize_i32(i32),
        serialize_i64(i64),
        serialize_u8(u8),
        serialize_u16(u16),
        serialize_u32(u32),
        serialize_u64(u64),
        serialize_f32(f32),
        serialize_f64(f64),
        serialize_char(char),
        serialize_str(&str),
        serialize_bytes(&[u8]),
        serialize_none(),
        serialize_unit(),
        serialize_unit_struct(&'static str),
        serialize_unit_variant(&'static str, u32, &'static str),
    );

    fn serialize_some<V: ?Sized + Serialize>(self, _: &V) -> Result<(), NotARecord> {
        Err(NotARecord)
    }

    fn serialize_newtype_struct<V: ?Sized + Serialize>(
        self,
        _: &'static str,
        _: &V,
    ) -> Result<(), NotARecord> {
        Err(NotARecord)
    }

    fn serialize_newtype_variant<V: ?Sized + Serialize>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: &V,
    ) -> Result<(), NotARecord> {
        Err(NotARecord)
    }

    fn serialize_seq(self, _: Option<usize>) -> Result<Self::SerializeSeq, NotARecord> {
        Err(NotARecord)
    }

    fn serialize_tuple(self, _: usize) -> Result<Self::SerializeTuple, NotARecord> {
        Err(NotARecord)
    }

    fn serialize_tuple_struct(
        self,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleStruct, NotARecord> {
        Err(NotARecord)
    }

    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleVariant, NotARecord> {
        Err(NotARecord)
    }

    fn serialize_map(self, _: Option<usize>) -> Result<Self::SerializeMap, NotARecord> {
        Err(NotARecord)
    }

    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStructVariant, NotARecord> {
        Err(NotARecord)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::{Loc, RawParagraph};
    use crate::diagnostics::SourceText;

    fn record(secrecy: Option<&str>) -> Value {
        let data = RawParagraph {
            secrecy: secrecy.map(str::to_string),
            ..RawParagraph::new(7, "Titel".into())
        };
        let source = Arc::new(SourceText::new("content/x.md", ""));
        Record::value(&Arc::new(Doc {
            id: "7".into(),
            loc: Loc { source, base: 0 },
            data,
            body: String::new(),
        }))
    }

    #[test]
    fn a_template_reads_the_fields_the_file_writes() {
        let env = minijinja::Environment::new();
        let show =
            "{{ r.number }} {{ r.title }}{% if r.secrecy is defined %}: {{ r.secrecy }}{% endif %}";
        let render = |r: Value| env.render_str(show, minijinja::context! { r }).unwrap();
        assert_eq!(render(record(None)), "7 Titel");
        assert_eq!(render(record(Some("Sekretess"))), "7 Titel: Sekretess");
    }

    #[test]
    fn the_hash_covers_every_field() {
        use std::hash::{Hash, Hasher};
        let hash = |v: &Value| {
            let mut h = std::collections::hash_map::DefaultHasher::new();
            v.hash(&mut h);
            h.finish()
        };
        assert_ne!(hash(&record(None)), hash(&record(Some("Sekretess"))));
        assert_eq!(hash(&record(Some("A"))), hash(&record(Some("A"))));
    }
}
