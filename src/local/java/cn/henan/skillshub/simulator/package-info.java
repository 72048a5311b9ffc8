/**
 * Simulators of the source systems, for the local run, docker-compose and tests: they write realistic, seeded,
 * reproducible records — and a configurable share of bad ones — where the real systems would.
 *
 * <p>A context has them only by importing {@link cn.henan.skillshub.simulator.SimulatorsConfiguration}: their own application
 * ({@link cn.henan.skillshub.simulator.SimulatorsApplication}, port 8081) or the hub's integration tests. They live
 * in {@code src/local}, on the test classpath only, and never join a component scan
 * ({@link cn.henan.skillshub.local.LocalClassesOutOfScans}).
 */
package cn.henan.skillshub.simulator;
