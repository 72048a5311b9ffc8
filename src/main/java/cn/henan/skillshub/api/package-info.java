/**
 * The hub's HTTP API as a whole: who may call it (hashed API keys with the roles {@code PLATFORM}, {@code OPS}
 * and {@code AUDITOR}), the one JSON error form (RFC 9457 problem details, never a stack trace), the request
 * body limit, and the OpenAPI document. The endpoints themselves live with their features ({@code ops},
 * {@code reference}, {@code settlement}).
 */
package cn.henan.skillshub.api;
