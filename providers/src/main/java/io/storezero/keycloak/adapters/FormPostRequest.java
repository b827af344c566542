package io.storezero.keycloak.adapters;

import java.security.cert.X509Certificate;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.UriInfo;

import org.keycloak.http.FormPartValue;
import org.keycloak.http.HttpRequest;

/**
 * The current request seen as the equivalent form POST: the given parameters as its decoded form, and the media
 * type {@code application/x-www-form-urlencoded}. Everything else is the real request.
 *
 * <p>Only {@link KeycloakFormPost} uses it, where the bundle hands a request to Keycloak's own endpoints in another shape: a web_message
 * authorization request replayed with {@code response_mode=fragment} (Keycloak's {@code AuthorizationEndpoint.buildPost()}
 * reads {@link #getDecodedFormParameters()}), and an Auth0 JSON token request (Keycloak's client authenticators
 * only read {@code client_id} from a form, by {@code getMediaType()}).
 */
final class FormPostRequest implements HttpRequest {

    private final HttpRequest delegate;
    private final MultivaluedMap<String, String> form;

    FormPostRequest(HttpRequest delegate, MultivaluedMap<String, String> form) {
        this.delegate = delegate;
        this.form = form;
    }

    @Override
    public MultivaluedMap<String, String> getDecodedFormParameters() {
        return form;
    }

    @Override
    public HttpHeaders getHttpHeaders() {
        return new FormHeaders(delegate.getHttpHeaders());
    }

    @Override
    public String getHttpMethod() {
        return delegate.getHttpMethod();
    }

    @Override
    public MultivaluedMap<String, FormPartValue> getMultiPartFormParameters() {
        return new MultivaluedHashMap<>();
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

    /** The real headers, with the content type of a form. */
    private record FormHeaders(HttpHeaders delegate) implements HttpHeaders {

        @Override
        public List<String> getRequestHeader(String name) {
            return CONTENT_TYPE.equalsIgnoreCase(name) ? List.of(MediaType.APPLICATION_FORM_URLENCODED) : delegate.getRequestHeader(name);
        }

        @Override
        public String getHeaderString(String name) {
            return CONTENT_TYPE.equalsIgnoreCase(name) ? MediaType.APPLICATION_FORM_URLENCODED : delegate.getHeaderString(name);
        }

        /** The real map: its lookups are case-insensitive (CORS reads {@code Origin} from it); only the typed accessors say "form". */
        @Override
        public MultivaluedMap<String, String> getRequestHeaders() {
            return delegate.getRequestHeaders();
        }

        @Override
        public MediaType getMediaType() {
            return MediaType.APPLICATION_FORM_URLENCODED_TYPE;
        }

        @Override
        public List<MediaType> getAcceptableMediaTypes() {
            return delegate.getAcceptableMediaTypes();
        }

        @Override
        public List<Locale> getAcceptableLanguages() {
            return delegate.getAcceptableLanguages();
        }

        @Override
        public Locale getLanguage() {
            return delegate.getLanguage();
        }

        @Override
        public Map<String, Cookie> getCookies() {
            return delegate.getCookies();
        }

        @Override
        public Date getDate() {
            return delegate.getDate();
        }

        @Override
        public int getLength() {
            return -1;
        }
    }
}
