package cn.henan.skillshub.sources.rest;

import java.net.URI;
import java.net.http.HttpRequest;
import org.springframework.stereotype.Component;

/**
 * {@code X-Api-Token: <token>}: the scheme of an evaluation body's API. A header of its own rather than
 * {@code Authorization: Bearer}, so that a body's token is never read as a hub API key where the two pass through
 * one web server (the integration tests serve the simulated bodies from the hub's).
 */
@Component(ApiTokenSigner.BEAN)
class ApiTokenSigner implements RequestSigner {

    static final String BEAN = "apiTokenSigner";
    public static final String HEADER = "X-Api-Token";

    @Override
    public void sign(HttpRequest.Builder request, String method, URI uri, String credential, String secret) {
        if (credential != null && !credential.isBlank()) {
            request.header(HEADER, credential);
        }
    }
}
