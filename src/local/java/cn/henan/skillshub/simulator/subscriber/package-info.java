/**
 * A subscriber's systems, as the hub's delivery routes see them (docs/delivery.md): an HTTP endpoint that takes
 * pushes, checks their signature and dedupes them by {@code ce_id}, with faults on command. The file subscriber's
 * SFTP server is the SFTP simulator's ({@code simulator/sftp}), in a folder of its own.
 */
package cn.henan.skillshub.simulator.subscriber;
