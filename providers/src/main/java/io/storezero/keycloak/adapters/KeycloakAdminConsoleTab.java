package io.storezero.keycloak.adapters;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

import org.keycloak.Config;
import org.keycloak.common.util.MultivaluedHashMap;
import org.keycloak.component.ComponentModel;
import org.keycloak.component.ComponentValidationException;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ServerInfoAwareProviderFactory;
import org.keycloak.services.ui.extend.UiTabProviderFactory;

/**
 * A tab of on/off switches in Keycloak's admin console, through the {@code ui-tab} SPI
 * ({@code org.keycloak.services.ui.extend.UiTabProviderFactory}, keycloak-server-spi-private; Keycloak enables that SPI
 * only with the experimental feature {@code declarative-ui}). Each switch is a client or realm attribute that the
 * bundle's code reads; the tab is only another way to write it, so realm JSON and kcadm keep working.
 *
 * <p>What this relies on, read from the 26.7 admin console ({@code RoutableTabs}, {@code PageHandler}) and
 * {@code RealmAdapter.addComponentModel/updateComponent}:
 * <ul>
 * <li>the console shows the tab on every page whose route matches {@link #getPath()}, titled with the provider id;</li>
 * <li>the form is ONE component per realm and provider id ({@code parentId} = the realm's id, {@code providerType} =
 * UiTabProvider): loaded from {@code GET components?type=...} (the first with this provider id, or the properties'
 * defaults when there is none yet), saved by create or update with the page's route parameters (such as
 * {@code clientId}, the client's id) merged into its config, every value a one-element list;</li>
 * <li>{@code validateConfiguration} runs before the component is stored, with the store's realm, whose
 * {@code getComponent} still returns the stored (previous) config.</li>
 * </ul>
 * So the stored component cannot hold one copy per client. Saving writes only the switches the admin changed in the
 * form (against what the form loaded), then stores what the saved client or realm really holds: a switch the admin
 * did not touch is never overwritten, even when the form showed another client's values. A realm export carries the
 * stored form as a component; importing it runs {@code validateConfiguration} again (after the clients are created),
 * which writes the same values the export's attributes hold, and writes nothing for a client that is gone.
 */
public abstract class KeycloakAdminConsoleTab<T> implements UiTabProviderFactory<Object>, ServerInfoAwareProviderFactory {

    /**
     * One switch: the form field (no dots: the console reads dots in a field name as nesting), its label and help
     * text, the attribute it writes, its default, and how the feature itself reads the attribute.
     */
    public record Switch<T>(String field, String label, String helpText, String attribute, boolean defaultOn,
                            Predicate<T> isOn) {
    }

    /** The switches, in the order the form shows them. */
    protected abstract List<Switch<T>> switches();

    /** The client or realm a save applies to, from the page's route parameters; empty when there is none. */
    protected abstract Optional<T> target(KeycloakSession session, RealmModel realm, Map<String, String> routeParams);

    protected abstract void setAttribute(T target, String name, String value);

    /** The console route pattern and the tab's own segment. */
    protected abstract String route();

    protected abstract String tabSegment();

    @Override
    public final String getPath() {
        return route();
    }

    @Override
    public final Map<String, String> getParams() {
        return Map.of("tab", tabSegment());
    }

    @Override
    public final List<ProviderConfigProperty> getConfigProperties() {
        return switches().stream().map(s -> new ProviderConfigProperty(s.field(), s.label(), s.helpText(),
                ProviderConfigProperty.BOOLEAN_TYPE, String.valueOf(s.defaultOn()))).toList();
    }

    @Override
    public final void validateConfiguration(KeycloakSession session, RealmModel realm, ComponentModel model) throws ComponentValidationException {
        Map<String, String> submitted = firstValues(model.getConfig());
        Optional<T> found = target(session, realm, submitted);
        if (found.isEmpty()) {
            // Not from a console page of an existing client: a realm import whose stored form names a client that
            // is gone. Nothing to write; refusing would fail the whole import.
            return;
        }
        T target = found.get();
        Map<String, String> loaded = Optional.ofNullable(model.getId()).map(realm::getComponent)
                .map(stored -> firstValues(stored.getConfig())).orElse(Map.of());
        Map<String, String> changes;
        try {
            changes = changes(switches(), submitted, loaded);
        } catch (IllegalArgumentException e) {
            throw new ComponentValidationException(e.getMessage());
        }
        switches().stream().filter(s -> changes.containsKey(s.field()))
                .forEach(s -> setAttribute(target, s.attribute(), changes.get(s.field())));
        if (model.getConfig() == null) {
            model.setConfig(new MultivaluedHashMap<>());
        }
        switches().forEach(s -> model.getConfig().putSingle(s.field(), String.valueOf(s.isOn().test(target))));
    }

    /**
     * The switches to write: field to "true"/"false", for each field whose submitted value differs from what the form
     * showed ({@code loaded}, or the switch's default when nothing was stored). A value other than true/false is refused.
     */
    static <T> Map<String, String> changes(List<Switch<T>> switches, Map<String, String> submitted, Map<String, String> loaded) {
        Map<String, String> changes = new LinkedHashMap<>();
        for (Switch<T> s : switches) {
            String value = submitted.get(s.field());
            if (value == null) {
                continue;
            }
            if (!"true".equals(value) && !"false".equals(value)) {
                throw new IllegalArgumentException(s.label() + " must be on or off");
            }
            if (!value.equals(loaded.getOrDefault(s.field(), String.valueOf(s.defaultOn())))) {
                changes.put(s.field(), value);
            }
        }
        return changes;
    }

    private static Map<String, String> firstValues(MultivaluedHashMap<String, String> config) {
        Map<String, String> values = new LinkedHashMap<>();
        if (config != null) {
            config.forEach((key, list) -> {
                if (list != null && !list.isEmpty() && list.get(0) != null) {
                    values.put(key, list.get(0));
                }
            });
        }
        return values;
    }

    /** The route, the tab and each switch with its attribute and default, for Provider info. */
    protected final Map<String, String> settings() {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("console-route", route().replace(":tab", tabSegment()));
        settings.put("requires-feature", "declarative-ui");
        switches().forEach(s -> settings.put("switch." + s.field(), s.attribute() + " (default " + (s.defaultOn() ? "on" : "off") + ")"));
        return settings;
    }

    @Override
    public final void init(Config.Scope config) {
    }

    @Override
    public final void postInit(KeycloakSessionFactory factory) {
    }

    @Override
    public final void close() {
    }
}
