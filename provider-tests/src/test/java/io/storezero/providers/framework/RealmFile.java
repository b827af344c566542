package io.storezero.providers.framework;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.keycloak.representations.idm.RealmRepresentation;
import org.keycloak.testframework.realm.RealmBuilder;
import org.keycloak.testframework.realm.RealmConfig;
import org.keycloak.util.JsonSerialization;

/**
 * A realm file of the project created through the framework's {@code @InjectRealm(config = ...)}: the shipped realms
 * exactly as operators import them (the dev import set the server module merges from {@code realm-export/} into
 * {@code server/target/realms/simulated/}), and the test realms the runner-based suite imports too.
 *
 * <p>{@code kc.sh --import-realm} resolves {@code ${NAME:default}} placeholders from the environment; the admin API the
 * framework creates realms with does not, so this does it first: {@code STOREZERO_KEYCLOAK_URL} (the framework's
 * server) and {@code STOREZERO_APP_URL} (the {@link SpaPages}) of the shipped realms, and the test realms' page origins
 * ({@code STOREZERO_IT_PAGES_URL}, {@code STOREZERO_IT_FOREIGN_URL}: the {@link SpaPages}' two origins). The test realms
 * also register the runner suite's HTTPS origins for its Auth0 SDK tests; nothing serves TLS here, so they point at
 * addresses no test uses. An unknown {@code STOREZERO_} placeholder fails; anything else (Keycloak's own
 * {@code ${client_admin-cli}} message keys) stays as written.
 */
public abstract class RealmFile implements RealmConfig {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{(STOREZERO_[A-Z_]+)(?::([^}]*))?}");

    /** Where the framework's server answers: distribution mode always binds it (DistributionKeycloakServer). */
    static final String KEYCLOAK_URL = "http://localhost:8080";

    /** The classpath resource, e.g. {@code /shipped-realms/storezero-realm.json}. */
    protected abstract String resource();

    @Override
    public RealmBuilder configure(RealmBuilder ignored) {
        String json = resolve(read(resource()));
        try {
            return RealmBuilder.update(JsonSerialization.readValue(json, RealmRepresentation.class));
        } catch (IOException e) {
            throw new UncheckedIOException("unreadable realm file " + resource(), e);
        }
    }

    private String resolve(String json) {
        Map<String, String> values = Map.of(
                "STOREZERO_KEYCLOAK_URL", KEYCLOAK_URL,
                "STOREZERO_APP_URL", SpaPages.ORIGIN,
                "STOREZERO_IT_PAGES_URL", SpaPages.ORIGIN,
                "STOREZERO_IT_FOREIGN_URL", SpaPages.FOREIGN_ORIGIN,
                "STOREZERO_IT_KEYCLOAK_HTTPS_URL", "https://localhost:8443",
                "STOREZERO_IT_PAGES_HTTPS_URL", "https://localhost:" + SpaPages.PORT);
        Matcher placeholder = PLACEHOLDER.matcher(json);
        StringBuilder resolved = new StringBuilder();
        while (placeholder.find()) {
            String value = values.get(placeholder.group(1));
            if (value == null) {
                throw new IllegalStateException(resource() + " uses " + placeholder.group() + ", which the provider tests do not set");
            }
            placeholder.appendReplacement(resolved, Matcher.quoteReplacement(value));
        }
        placeholder.appendTail(resolved);
        return resolved.toString();
    }

    private static String read(String resource) {
        try (InputStream in = RealmFile.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing realm file " + resource + " on the test classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
