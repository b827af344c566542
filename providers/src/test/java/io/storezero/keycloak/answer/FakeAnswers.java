package io.storezero.keycloak.answer;

import java.lang.annotation.Annotation;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.util.Date;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.GenericType;
import jakarta.ws.rs.core.Link;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;

import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * Answers without a server: the unit tests have no JAX-RS implementation, so a response here is only an identity (a
 * step that touches it fails), and an authentication session only has client notes.
 */
public final class FakeAnswers {

    private FakeAnswers() {
    }

    public static AuthorizationAnswer granted(Map<String, String> clientNotes) {
        return new AuthorizationAnswer(null, null, authSession(clientNotes), null, true);
    }

    public static AuthorizationAnswer error(Map<String, String> clientNotes) {
        return new AuthorizationAnswer(null, null, authSession(clientNotes), null, false);
    }

    static AuthenticationSessionModel authSession(Map<String, String> clientNotes) {
        return (AuthenticationSessionModel) Proxy.newProxyInstance(AuthenticationSessionModel.class.getClassLoader(),
                new Class<?>[] {AuthenticationSessionModel.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getClientNote" -> clientNotes.get((String) args[0]);
                    case "toString" -> "FakeAuthSession" + clientNotes;
                    default -> throw new UnsupportedOperationException("AuthenticationSessionModel." + method.getName());
                });
    }

    /** A response that is nothing but itself. */
    public static Response response(String name) {
        return new Response() {
            @Override
            public String toString() {
                return name;
            }

            private <T> T untouched() {
                throw new UnsupportedOperationException("a step read response " + name);
            }

            @Override public int getStatus() { return untouched(); }
            @Override public StatusType getStatusInfo() { return untouched(); }
            @Override public Object getEntity() { return untouched(); }
            @Override public <T> T readEntity(Class<T> type) { return untouched(); }
            @Override public <T> T readEntity(GenericType<T> type) { return untouched(); }
            @Override public <T> T readEntity(Class<T> type, Annotation[] annotations) { return untouched(); }
            @Override public <T> T readEntity(GenericType<T> type, Annotation[] annotations) { return untouched(); }
            @Override public boolean hasEntity() { return untouched(); }
            @Override public boolean bufferEntity() { return untouched(); }
            @Override public void close() { untouched(); }
            @Override public MediaType getMediaType() { return untouched(); }
            @Override public Locale getLanguage() { return untouched(); }
            @Override public int getLength() { return untouched(); }
            @Override public Set<String> getAllowedMethods() { return untouched(); }
            @Override public Map<String, NewCookie> getCookies() { return untouched(); }
            @Override public EntityTag getEntityTag() { return untouched(); }
            @Override public Date getDate() { return untouched(); }
            @Override public Date getLastModified() { return untouched(); }
            @Override public URI getLocation() { return untouched(); }
            @Override public Set<Link> getLinks() { return untouched(); }
            @Override public boolean hasLink(String relation) { return untouched(); }
            @Override public Link getLink(String relation) { return untouched(); }
            @Override public Link.Builder getLinkBuilder(String relation) { return untouched(); }
            @Override public MultivaluedMap<String, Object> getMetadata() { return untouched(); }
            @Override public MultivaluedMap<String, String> getStringHeaders() { return untouched(); }
            @Override public String getHeaderString(String name) { return untouched(); }
        };
    }
}
