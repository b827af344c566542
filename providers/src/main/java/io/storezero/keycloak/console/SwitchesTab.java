package io.storezero.keycloak.console;

import java.util.List;
import java.util.Map;

import io.storezero.keycloak.BundleInfo;
import io.storezero.keycloak.adapters.KeycloakAdminConsoleTab;

/**
 * What the bundle's two console tabs share: a title (the provider id), the console route and tab segment they appear
 * on, a help text, their switches, and their entry in Provider info.
 */
abstract class SwitchesTab<T> extends KeycloakAdminConsoleTab<T> {

    private final String id;
    private final String route;
    private final String tab;
    private final String helpText;
    private final List<Switch<T>> switches;

    SwitchesTab(String id, String route, String tab, String helpText, List<Switch<T>> switches) {
        this.id = id;
        this.route = route;
        this.tab = tab;
        this.helpText = helpText;
        this.switches = switches;
    }

    @Override
    protected final List<Switch<T>> switches() {
        return switches;
    }

    @Override
    protected final String route() {
        return route;
    }

    @Override
    protected final String tabSegment() {
        return tab;
    }

    @Override
    public final String getHelpText() {
        return helpText;
    }

    @Override
    public final String getId() {
        return id;
    }

    @Override
    public final Map<String, String> getOperationalInfo() {
        return BundleInfo.operationalInfo(id, settings());
    }
}
