/**
 * The REST page poll: pulls a source's HTTP API page by page with an incremental {@code updatedSince} cursor and
 * the server's page token, signs every request (a pluggable {@link cn.henan.skillshub.sources.rest.RequestSigner}),
 * retries with backoff, honours {@code 429 Retry-After}, and guards each source with its own circuit breaker. Each
 * page is one batch: its events and the new position are committed in one Kafka transaction.
 */
package cn.henan.skillshub.sources.rest;
