package io.storezero.keycloak.broker;

import java.util.Map;

import org.keycloak.broker.provider.BrokeredIdentityContext;

/**
 * The id a user had upstream, in the form Auth0 uses for {@code user_id}: {@code <provider alias>|<upstream id>},
 * e.g. {@code facebook|10157...}. APIs that keyed their data by Auth0 user ids keep finding it in this form.
 * The mapper writes it to a user attribute; the migrated-account linker looks users up by it.
 */
public final class UpstreamUserId {

    /** Config option (mapper and linker): the user attribute that holds the value. */
    public static final String ATTRIBUTE_OPTION = "attribute";

    /** The attribute used when none is configured; declared admin-only in the storezero realm's user profile. */
    public static final String DEFAULT_ATTRIBUTE = "upstream_user_id";

    private static final char SEPARATOR = '|';

    private UpstreamUserId() {
    }

    /** {@code <alias>|<upstream id>}; both parts must be present, or there is nothing to store or match. */
    public static String of(String providerAlias, String upstreamId) {
        if (isBlank(providerAlias) || isBlank(upstreamId)) {
            throw new IllegalArgumentException("an upstream user id needs a provider alias and an upstream id");
        }
        return providerAlias + SEPARATOR + upstreamId;
    }

    /** The value for the identity of one brokered login. */
    public static String of(BrokeredIdentityContext context) {
        return of(context.getIdpConfig().getAlias(), context.getId());
    }

    /** The configured attribute name, or {@link #DEFAULT_ATTRIBUTE} for a missing or blank option. */
    public static String attribute(Map<String, String> config) {
        String configured = config == null ? null : config.get(ATTRIBUTE_OPTION);
        return isBlank(configured) ? DEFAULT_ATTRIBUTE : configured.trim();
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
