/**
 * What the HTTP source simulators share: records kept in the order a paging API serves them, page tokens, and
 * fault injection (500, 429 with Retry-After, timeouts, slow answers, truncated JSON, a refused signature),
 * switchable from tests through Java and from a local run through the admin endpoints.
 */
package cn.henan.skillshub.simulator.http;
