package cn.henan.skillshub.reference;

/**
 * A prefecture-level city of Henan (or 济源示范区).
 *
 * @param code GB/T 2260 six-digit code, e.g. {@code 410100}
 * @param name Chinese name, e.g. 郑州市
 */
public record City(String code, String name) {
}
