package io.storezero.providers.framework;

import java.util.List;

import com.sun.net.httpserver.HttpServer;
import org.keycloak.testframework.injection.DependenciesBuilder;
import org.keycloak.testframework.injection.Dependency;
import org.keycloak.testframework.injection.InstanceContext;
import org.keycloak.testframework.injection.LifeCycle;
import org.keycloak.testframework.injection.RequestedInstance;
import org.keycloak.testframework.injection.Supplier;

/** Registers the SPA pages on the framework's HTTP server once per run (its root context), and removes them at the end. */
public final class SpaPagesSupplier implements Supplier<SpaPages, InjectSpaPages> {

    @Override
    public List<Dependency> getDependencies(RequestedInstance<SpaPages, InjectSpaPages> instanceContext) {
        return DependenciesBuilder.create(HttpServer.class).build();
    }

    @Override
    public SpaPages getValue(InstanceContext<SpaPages, InjectSpaPages> instanceContext) {
        return new SpaPages(instanceContext.getDependency(HttpServer.class));
    }

    @Override
    public boolean compatible(InstanceContext<SpaPages, InjectSpaPages> a, RequestedInstance<SpaPages, InjectSpaPages> b) {
        return true;
    }

    @Override
    public LifeCycle getDefaultLifecycle() {
        return LifeCycle.GLOBAL;
    }

    @Override
    public void close(InstanceContext<SpaPages, InjectSpaPages> instanceContext) {
        instanceContext.getValue().close();
    }
}
