/**
 * A simulator of evaluation bodies' REST APIs ({@code /simulators/evaluation-body/{bodyId}/records}): seeded
 * assessment results, level certificates and revocations, growing over time, with fault injection.
 */
package cn.henan.skillshub.simulator.evaluation;
