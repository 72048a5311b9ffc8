/**
 * Declarative record mappings (issue 16): a source's YAML file says, for each canonical field of its records, where
 * the value comes from (a CSV column, a JSON pointer into a REST record), how its words and dates are spelt
 * (value maps, date formats in the body's time zone), which edition its occupation codes are in or that it sends
 * the occupation's name, and which fields are constants. The mapping turns a body's record into the canonical
 * record of its {@link cn.henan.skillshub.sources.mapping.RecordSchema}, whose mapper applies the plan's rules and
 * makes the event. A mapping that names a field the schema lacks, maps a value to nothing or leaves a required field
 * unmapped is refused when its file is loaded, with the file, the line and the reason. Also the dry run: what a
 * YAML file would make of a few sample records, published nowhere.
 */
package cn.henan.skillshub.sources.mapping;
