/**
 * Person identity: the one place where a resident ID number (居民身份证号码) is read, checked and turned into
 * something that may leave the hub.
 *
 * <ul>
 *   <li>{@link cn.henan.skillshub.person.IdNumber} parses and validates a number (GB 11643-1999 check digit,
 *       birth date, province code) and exposes what the rules need: birth month, sex, area code, masked form.</li>
 *   <li>{@link cn.henan.skillshub.person.PersonKeys} derives the pseudonymous person key (keyed HMAC-SHA256) that
 *       events, Kafka keys and downstream systems use instead of the number.</li>
 *   <li>{@link cn.henan.skillshub.person.RetirementAge} implements China's gradually raised statutory retirement
 *       age, which the plan's eligibility rule needs: 不含达到法定退休年龄人员.</li>
 * </ul>
 *
 * <p>Personal data (PIPL): a full ID number never appears in logs, exception messages, {@code toString}, metrics
 * or Kafka keys. Everything here is written so that the only way to see the number is to call
 * {@link cn.henan.skillshub.person.IdNumber#value()} on purpose.
 */
package cn.henan.skillshub.person;
