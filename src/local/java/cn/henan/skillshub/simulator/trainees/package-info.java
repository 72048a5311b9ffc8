/**
 * The trainees the simulators share: who completed training in the real-name simulator (read back from its
 * exchange database), and what became of each at an evaluation body — assessed, certified, sometimes with a failed
 * part, sometimes after the Annex 3 window, now and then revoked. The evaluation-body simulators (REST and SFTP)
 * certify these trainees and the CE-registry simulator registers hours from their training certificates, so that
 * in the local run training completions meet level certificates and the settlement service reaches decisions.
 */
package cn.henan.skillshub.simulator.trainees;
