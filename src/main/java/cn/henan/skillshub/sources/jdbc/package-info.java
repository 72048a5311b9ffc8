/**
 * The JDBC keyset poll: pulls a table or view of a source's exchange database by {@code (updated_at, id)},
 * leaving out rows younger than a delay window so that rows whose transactions commit late are not skipped.
 */
package cn.henan.skillshub.sources.jdbc;
