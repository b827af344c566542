package io.storezero.keycloak.webmessage.oidc;

import java.security.cert.X509Certificate;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.UriInfo;

import org.keycloak.http.FormPartValue;
import org.keycloak.http.HttpRequest;

/**
 * The current request, seen as the equivalent form-POST authorization request with other parameters.
 * Keycloak's {@code AuthorizationEndpoint.buildPost()} reads its parameters from
 * {@link #getDecodedFormParameters()}; everything else is the real request.
 */
final class FormPostReplayRequest implements HttpRequest {

    private final HttpRequest delegate;
    private final MultivaluedMap<String, String> formParameters;

    FormPostReplayRequest(HttpRequest delegate, MultivaluedMap<String, String> formParameters) {
        this.delegate = delegate;
        this.formParameters = formParameters;
    }

    @Override
    public MultivaluedMap<String, String> getDecodedFormParameters() {
        return formParameters;
    }

    @Override
    public String getHttpMethod() {
        return delegate.getHttpMethod();
    }

    @Override
    public MultivaluedMap<String, FormPartValue> getMultiPartFormParameters() {
        return delegate.getMultiPartFormParameters();
    }

    @Override
    public HttpHeaders getHttpHeaders() {
        return delegate.getHttpHeaders();
    }

    @Override
    public X509Certificate[] getClientCertificateChain() {
        return delegate.getClientCertificateChain();
    }

    @Override
    public UriInfo getUri() {
        return delegate.getUri();
    }

    @Override
    public boolean isProxyTrusted() {
        return delegate.isProxyTrusted();
    }
}
