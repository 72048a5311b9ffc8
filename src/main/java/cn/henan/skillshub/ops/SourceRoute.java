package cn.henan.skillshub.ops;

import java.util.Map;

/**
 * A source as Camel runs it: a route made from a route template that has a {@code sourceId} parameter (one YAML
 * entry in {@code routes/}), with its parameters resolved.
 *
 * @param routeId  the Camel route id, the id of the API
 * @param sourceId the source id of its checkpoint and transactional id (the same as the route id in our YAML)
 * @param template the route template, i.e. the way of pulling, e.g. {@code jdbc-keyset-poll}
 */
record SourceRoute(String routeId, String sourceId, String template, Map<String, String> parameters) {

    static final String JDBC_KEYSET_POLL = "jdbc-keyset-poll";
    static final String REST_PAGE_POLL = "rest-page-poll";
    static final String SFTP_FILE_DROP = "sftp-file-drop";

    String parameter(String name) {
        return parameters.get(name);
    }

    boolean isJdbcKeysetPoll() {
        return JDBC_KEYSET_POLL.equals(template);
    }

    boolean isRestPagePoll() {
        return REST_PAGE_POLL.equals(template);
    }

    boolean isSftpFileDrop() {
        return SFTP_FILE_DROP.equals(template);
    }

    /** Never the parameters themselves: they hold resolved credentials and signing secrets. */
    @Override
    public String toString() {
        return "SourceRoute[" + routeId + ", " + template + "]";
    }
}
