package io.storezero.bench;

import java.time.Duration;
import java.util.List;

import io.storezero.load.SilentAuthentication;
import io.storezero.load.WarmUp;

/**
 * How the server-alone section measures (docs/performance.md, "The server alone").
 *
 * @param sessions K, the distinct brokered sessions the load renews round robin
 * @param perCell  the measured time of one cell (flow, clients, response mode), run as two blocks of half of it
 *                 (F W W F), so whatever drifts weighs on fragment and web_message alike
 * @param flows    the flows measured (implicit, as the seed app; code + PKCE, without the /token exchange)
 * @param clients  the concurrencies, each a closed loop (a client sends its next request when the last answered)
 * @param warmUp   the warm-up rule, run before any cell
 */
public record ServerOptions(int sessions, Duration perCell, List<SilentAuthentication.Flow> flows, List<Integer> clients,
        WarmUp warmUp) {

    /** Steady once two consecutive 5 s intervals' throughputs agree within 5 %, at most 60 s. */
    static final WarmUp WARM_UP = new WarmUp(Duration.ofSeconds(5), 0.05, Duration.ofSeconds(60));
    /** One interval of 2 s: enough to see every path answer once, not to warm anything. */
    static final WarmUp SMOKE_WARM_UP = new WarmUp(Duration.ofSeconds(2), 0.05, Duration.ofSeconds(2));
    static final List<Integer> CLIENTS = List.of(1, 4, 16);

    static ServerOptions defaults() {
        return new ServerOptions(20, Duration.ofSeconds(20), List.of(SilentAuthentication.Flow.IMPLICIT, SilentAuthentication.Flow.CODE),
                CLIENTS, WARM_UP);
    }

    static ServerOptions smoke() {
        return new ServerOptions(3, Duration.ofSeconds(2), defaults().flows(), CLIENTS, SMOKE_WARM_UP);
    }
}
