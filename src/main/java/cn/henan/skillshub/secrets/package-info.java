/**
 * Secrets from files: every secret setting {@code NAME} may instead be given as {@code NAME_FILE}, the path of a
 * file that holds it (Docker and Kubernetes secrets), read once at start by
 * {@link cn.henan.skillshub.secrets.SecretFiles}. A file that is missing or empty stops the start, naming the
 * setting and the path, never the content.
 */
package cn.henan.skillshub.secrets;
