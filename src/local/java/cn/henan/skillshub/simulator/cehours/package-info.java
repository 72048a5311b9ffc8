/**
 * A simulator of the continuing-education hour registry's REST API ({@code /simulators/ce-registry/registrations}):
 * signed requests checked as the registry checks them (stale timestamps and replayed nonces refused), seeded
 * registrations and cancellations growing over time, and fault injection.
 */
package cn.henan.skillshub.simulator.cehours;
