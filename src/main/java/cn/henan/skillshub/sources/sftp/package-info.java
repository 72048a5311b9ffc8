/**
 * The SFTP file drop: an evaluation body delivers CSV files into an inbox folder on an SFTP server; the hub takes
 * each file once it is complete (a {@code .done} marker, or a size that has stopped changing), spools it to a
 * local temporary file while computing its SHA-256, decodes it (GBK or UTF-8, with or without BOM), and publishes
 * its lines in batches, each batch with the file's position (checksum + last line) in one Kafka transaction.
 * The checksums of published files live in the checkpoint too, so a file dropped twice is published once.
 */
package cn.henan.skillshub.sources.sftp;
