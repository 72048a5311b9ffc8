/**
 * The continuing-education hour registry (继续教育学时登记): its registrations mapped to {@code skills.ce-hours.*}
 * events, and the cross-check of registered hours against the training certificate they were registered from.
 */
package cn.henan.skillshub.sources.cehours;
