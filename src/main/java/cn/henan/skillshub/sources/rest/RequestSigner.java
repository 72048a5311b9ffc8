package cn.henan.skillshub.sources.rest;

import java.net.URI;
import java.net.http.HttpRequest;

/**
 * Adds a source's authentication to one request. Called for every attempt, retries included, so a signature
 * with a timestamp and a nonce is fresh each time (the CE registry refuses a nonce it has seen). A YAML route
 * names its signer by bean name ({@code none}, {@code apiTokenSigner}, {@code ceRegistryHmacSigner}).
 */
public interface RequestSigner {

    /**
     * @param credential the source's public credential (a token, an app key)
     * @param secret     the source's secret, if the scheme has one; never logged
     */
    void sign(HttpRequest.Builder request, String method, URI uri, String credential, String secret);
}
