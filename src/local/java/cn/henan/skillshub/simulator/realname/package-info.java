/** A simulator of the real-name skills-training system writing into its PostgreSQL exchange database. */
package cn.henan.skillshub.simulator.realname;
