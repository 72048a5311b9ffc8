/**
 * The evaluation bodies (评价机构): their records — assessment results, level certificates issued, certificates
 * revoked — mapped to {@code skills.assessment.*} events, whatever the way they arrive (REST page poll or SFTP
 * CSV drop: the field names are the same), and the plan's rule on issuing a level certificate.
 */
package cn.henan.skillshub.sources.assessment;
