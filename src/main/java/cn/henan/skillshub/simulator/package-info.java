/**
 * Simulators of the source systems, for the local default, docker-compose and tests: they write realistic,
 * seeded, reproducible records — and a configurable share of bad ones — where the real systems would.
 */
package cn.henan.skillshub.simulator;
