/**
 * Pulling source systems: what every way of pulling shares — a source record, the mapper that turns it into a
 * canonical event, the pipeline that validates it or turns it into a reject — and, in sub-packages, the route
 * template of each way of pulling ({@code jdbc}) and the mappers of each source system ({@code realname}).
 */
package cn.henan.skillshub.sources;
