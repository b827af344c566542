package io.storezero.providers.framework;

/** The realm files the provider tests create, by name: {@code @InjectRealm(config = Realms.WebMessage.class)}. */
public final class Realms {

    private Realms() {
    }

    /** Test realm {@code webmessage-it}: SPA clients on the {@link SpaPages} origin, password user alice. */
    public static final class WebMessage extends RealmFile {
        @Override
        protected String resource() {
            return "/realms/webmessage-it.json";
        }
    }

    /** Test realm {@code auth0-it}: the Connection Redirector flows, identity provider facebook = realm upstream-it. */
    public static final class Auth0 extends RealmFile {
        @Override
        protected String resource() {
            return "/realms/auth0-it.json";
        }
    }

    /** Test realm {@code upstream-it}: the identity provider of {@code auth0-it}, user fbuser. */
    public static final class Upstream extends RealmFile {
        @Override
        protected String resource() {
            return "/realms/upstream-it.json";
        }
    }

    /** The shipped {@code storezero} realm (server/target/realms/simulated/), its SPA on the {@link SpaPages} origin. */
    public static final class Storezero extends RealmFile {
        @Override
        protected String resource() {
            return "/shipped-realms/storezero-realm.json";
        }
    }

    /** The shipped simulated {@code facebook} realm (same set), the storezero realm's identity provider. */
    public static final class Facebook extends RealmFile {
        @Override
        protected String resource() {
            return "/shipped-realms/facebook-realm.json";
        }
    }
}
