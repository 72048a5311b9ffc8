/**
 * A simulator of an evaluation body that delivers by SFTP: an SFTP server (Apache MINA SSHD) whose virtual file
 * system is a local folder, and an inbox writer that drops seeded, realistic CSV files of assessment results,
 * level certificates and revocations into it — some in GBK, some with a UTF-8 BOM, each followed by its
 * {@code .done} marker, with a configurable share of malformed lines. Tests use the writer's Java API to drop
 * exactly the file they need.
 */
package cn.henan.skillshub.simulator.sftp;
