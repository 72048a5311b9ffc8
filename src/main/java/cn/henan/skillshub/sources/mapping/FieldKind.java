package cn.henan.skillshub.sources.mapping;

/** What a canonical field holds, and so which options its mapping may use and what its value map may map to. */
public enum FieldKind {
    /** Free text: an id, a number written as text, a body's name. */
    TEXT,
    /** A resident ID number: masked in every reject, whatever the body calls its field. */
    ID_NUMBER,
    /** A person's name: masked in every reject. */
    PERSON_NAME,
    /** The record's kind: its value map's targets must be the schema's record types. */
    RECORD_TYPE,
    /** A level: its value map's targets must be 初级/中级/高级 or JUNIOR/INTERMEDIATE/SENIOR. */
    LEVEL,
    /** Yes or no: its value map's targets must be {@code true} or {@code false}. */
    BOOLEAN,
    /** A number. */
    DECIMAL,
    /** A calendar date: {@code date:} names its format. */
    DATE,
    /** An instant (the record's version): {@code timestamp:} names its format. */
    TIMESTAMP,
    /** An occupation: a code in either edition, one edition's code ({@code edition:}) or its name ({@code lookup: name}). */
    OCCUPATION
}
